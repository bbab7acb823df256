// On first start (no users at all) the administrator `admin` is created with
// PINGSHEN_ADMIN_PASSWORD, or with a generated password the caller prints once.
import { UserError } from '../io/user-error';
import type { Store } from '../storage/index';
import { HttpError } from './errors';
import { checkPassword } from './password-policy';
import { generatePassword, hashPassword } from './passwords';
import { DEFAULT_CONFIG } from './config';

export const FIRST_ADMIN = 'admin';

export async function ensureFirstAdmin(
  store: Store,
  options: { password?: string; at: string; scryptCost?: number; passwordMinLength?: number },
): Promise<{ created: false } | { created: true; username: string; generatedPassword?: string }> {
  if (store.users.list().length > 0) return { created: false };
  const generated = options.password ? undefined : generatePassword();
  const password = options.password || generated!;
  // PINGSHEN_ADMIN_PASSWORD meets the policy like any other password: said as the operator's to fix, not a stack.
  await checkPassword(password, { username: FIRST_ADMIN, minLength: options.passwordMinLength ?? DEFAULT_CONFIG.passwordMinLength }).catch((err: unknown) => {
    if (err instanceof HttpError) {
      const text = err.details.text as { zh: string; en: string };
      throw new UserError({ zh: `PINGSHEN_ADMIN_PASSWORD：${text.zh}`, en: `PINGSHEN_ADMIN_PASSWORD: ${text.en}` });
    }
    throw err;
  });
  await store.users.create(
    { username: FIRST_ADMIN, displayName: '州人社局管理员', role: 'admin', passwordHash: await hashPassword(password, options.scryptCost) },
    { actor: 'system', at: options.at },
  );
  return { created: true, username: FIRST_ADMIN, ...(generated ? { generatedPassword: generated } : {}) };
}

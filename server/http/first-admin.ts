// On first start (no users at all) the administrator `admin` is created with
// PINGSHEN_ADMIN_PASSWORD, or with a generated password the caller prints once.
import type { Store } from '../storage/index';
import { generatePassword, hashPassword } from './passwords';

export const FIRST_ADMIN = 'admin';

export async function ensureFirstAdmin(
  store: Store,
  options: { password?: string; at: string; scryptCost?: number },
): Promise<{ created: false } | { created: true; username: string; generatedPassword?: string }> {
  if (store.users.list().length > 0) return { created: false };
  const generated = options.password ? undefined : generatePassword();
  const password = options.password || generated!;
  await store.users.create(
    { username: FIRST_ADMIN, displayName: '州人社局管理员', role: 'admin', passwordHash: await hashPassword(password, options.scryptCost) },
    { actor: 'system', at: options.at },
  );
  return { created: true, username: FIRST_ADMIN, ...(generated ? { generatedPassword: generated } : {}) };
}

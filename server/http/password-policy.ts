// The password policy, checked wherever a password is set (creating a user, an
// administrator's reset, one's own change, the first administrator):
//
// - at least `minLength` characters (10 by default, counted as characters, not bytes,
//   so a Chinese pass phrase counts as it reads). Length is what makes a password
//   expensive to guess, and with scrypt and the sign-in throttle an online attacker
//   gets about a hundred guesses a day per account; NIST SP 800-63B asks for at least
//   8 and no composition rules — 10 leaves a margin for offline guessing if db.json
//   were ever copied;
// - not the user name, ignoring case and surrounding spaces — the first thing anyone
//   guesses (a password that merely contains it, `admin-of-bayingolin`, is allowed:
//   its length is what counts);
// - not the password it replaces (a reset to the same password is no reset).
// Each refusal is PASSWORD_POLICY with `details.rule` and the limit, in both languages.
import type { Text } from '../../engine/index';
import { HttpError } from './errors';
import { verifyPassword } from './passwords';

export type PasswordRule = 'length' | 'username' | 'previous';

function refuse(rule: PasswordRule, message: Text, details: Record<string, unknown> = {}): never {
  throw new HttpError('PASSWORD_POLICY', message, { rule, ...details });
}

/** Throws PASSWORD_POLICY unless `password` may be set for `username` (replacing `previousHash`, when there is one). */
export async function checkPassword(password: string, options: { username: string; minLength: number; previousHash?: string }): Promise<void> {
  const length = [...password.normalize('NFC')].length;
  if (length < options.minLength) {
    refuse('length', { zh: `密码至少需要 ${options.minLength} 个字符（现有 ${length} 个）`, en: `A password needs at least ${options.minLength} characters (this one has ${length})` }, { minLength: options.minLength, length });
  }
  if (password.trim().toLowerCase() === options.username.trim().toLowerCase()) {
    refuse('username', { zh: '密码不能与用户名相同', en: 'A password may not be the user name' });
  }
  if (options.previousHash !== undefined && (await verifyPassword(password, options.previousHash))) {
    refuse('previous', { zh: '新密码不能与原密码相同', en: 'The new password must differ from the previous one' });
  }
}

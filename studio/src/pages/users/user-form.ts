// The user form's rules, the server's own (users.routes.ts) checked before sending so
// that a mistake is pointed at beside its field: user name pattern, names up to 64
// characters, passwords of at least 10 characters and not the user name (the server's
// password policy, password-policy.ts; it also refuses the previous password), a
// department for officials and a series for committee members. Values are i18n keys.
import type { Role } from '../../api/auth.api';
import type { NewUserInput, UserPatchInput, UserRow } from '../../api/users.api';

export const ROLES: Role[] = ['admin', 'official', 'committee', 'auditor'];
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{2,64}$/;
export const MIN_PASSWORD = 10;

export interface UserForm {
  username: string;
  displayName: string;
  role: Role | '';
  department: string;
  series: string;
  password: string;
  confirm: string;
}

export type UserFormErrors = Partial<Record<keyof UserForm, string>>;

export function emptyUserForm(): UserForm {
  return { username: '', displayName: '', role: '', department: '', series: '', password: '', confirm: '' };
}

export function formOf(user: UserRow): UserForm {
  return { username: user.username, displayName: user.displayName, role: user.role, department: user.department ?? '', series: user.series ?? '', password: '', confirm: '' };
}

export function validateUserForm(form: UserForm, mode: 'create' | 'edit'): UserFormErrors {
  const errors: UserFormErrors = {};
  if (mode === 'create') {
    if (form.username.trim() === '') errors.username = 'users.errors.usernameRequired';
    else if (!USERNAME_PATTERN.test(form.username.trim())) errors.username = 'users.errors.usernamePattern';
  }
  if (form.displayName.trim() === '') errors.displayName = 'users.errors.displayNameRequired';
  else if (form.displayName.trim().length > 64) errors.displayName = 'users.errors.tooLong';
  if (form.role === '') errors.role = 'users.errors.roleRequired';
  if (form.role === 'official' && form.department === '') errors.department = 'users.errors.departmentRequired';
  if (form.role === 'committee' && form.series === '') errors.series = 'users.errors.seriesRequired';
  if (mode === 'create') Object.assign(errors, validatePasswordPair(form.password, form.confirm, form.username));
  return errors;
}

/** Characters as the server counts them (a Chinese pass phrase counts as it reads). */
const characters = (text: string) => [...text.normalize('NFC')].length;

export function validatePasswordPair(password: string, confirm: string, username?: string): { password?: string; confirm?: string } {
  if (characters(password) < MIN_PASSWORD) return { password: 'users.errors.passwordShort' };
  if (username !== undefined && username.trim() !== '' && password.trim().toLowerCase() === username.trim().toLowerCase()) return { password: 'users.errors.passwordIsUsername' };
  if (password !== confirm) return { confirm: 'users.errors.passwordMismatch' };
  return {};
}

/** The body of POST /users: only the scope the role uses (an auditor with a department would mean nothing). */
export function createBody(form: UserForm): NewUserInput {
  const role = form.role as Role;
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    role,
    ...(role === 'official' ? { department: form.department } : {}),
    ...(role === 'committee' ? { series: form.series } : {}),
    password: form.password,
  };
}

/** The body of PATCH /users/:username: what differs from the record. */
export function patchBody(form: UserForm, user: UserRow): UserPatchInput {
  const patch: UserPatchInput = {};
  const role = form.role as Role;
  if (form.displayName.trim() !== user.displayName) patch.displayName = form.displayName.trim();
  if (role !== user.role) patch.role = role;
  if (role === 'official' && form.department !== (user.department ?? '')) patch.department = form.department;
  if (role === 'committee' && form.series !== (user.series ?? '')) patch.series = form.series;
  return patch;
}

// User accounts (server/http/users.routes.ts): administrators manage them, auditors read them.
import type { Role, User } from './auth.api';
import { http } from './http';

export interface UserRow extends User {
  createdAt?: string;
  updatedAt?: string;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  department?: string;
  series?: string;
  password: string;
}

export type UserPatchInput = Partial<Pick<NewUserInput, 'displayName' | 'role' | 'department' | 'series' | 'password'>> & { disabled?: boolean };

const path = (username: string) => `/users/${encodeURIComponent(username)}`;

export const usersApi = {
  list: () => http.get<{ users: UserRow[] }>('/users'),
  get: (username: string) => http.get<{ user: UserRow }>(path(username)),
  create: (input: NewUserInput) => http.post<{ user: UserRow }>('/users', input),
  update: (username: string, patch: UserPatchInput) => http.patch<{ user: UserRow }>(path(username), patch),
};

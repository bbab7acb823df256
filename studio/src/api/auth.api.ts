// Sign-in and the signed-in user (server/http/auth.routes.ts).
import { http } from './http';

export type Role = 'admin' | 'official' | 'committee' | 'auditor';

export interface User {
  username: string;
  displayName: string;
  role: Role;
  department?: string;
  series?: string;
  disabled: boolean;
  lastLoginAt?: string;
}

export const authApi = {
  login: (username: string, password: string) => http.post<{ user: User }>('/auth/login', { username, password }),
  logout: () => http.post<void>('/auth/logout'),
  me: () => http.get<{ user: User }>('/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) => http.post<void>('/auth/password', { currentPassword, newPassword }),
};

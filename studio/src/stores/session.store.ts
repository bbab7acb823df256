// The signed-in user. The server decides every permission; the studio only uses
// the role to hide what the user cannot do.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { authApi, type Role, type User } from '../api/auth.api';
import { ApiError } from '../api/http';

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  /** True once we asked the server whether a session exists. */
  const checked = ref(false);

  const signedIn = computed(() => user.value !== null);

  async function restore(): Promise<void> {
    if (checked.value) return;
    try {
      user.value = (await authApi.me()).user;
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'UNAUTHENTICATED') throw err;
      user.value = null;
    } finally {
      checked.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    user.value = (await authApi.login(username, password)).user;
    checked.value = true;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      forget();
    }
  }

  /** The session ended on the server (expired, signed out elsewhere). */
  function forget(): void {
    user.value = null;
    checked.value = true;
  }

  /** Re-reads the user (role, department, series) after the server refused something: an administrator may have changed them. */
  async function refresh(): Promise<void> {
    try {
      user.value = (await authApi.me()).user;
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'UNAUTHENTICATED') throw err;
    }
  }

  function hasRole(...roles: Role[]): boolean {
    return user.value !== null && roles.includes(user.value.role);
  }

  return { user, checked, signedIn, restore, login, logout, forget, refresh, hasRole };
});

// Mounting administration pages in happy-dom: Element Plus, the studio's messages
// (Chinese), a fresh Pinia with a signed-in user, and the studio's own router on
// memory history.
import { mount, flushPromises, type ComponentMountingOptions } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, type Router } from 'vue-router';
import type { Component } from 'vue';
import type { Role, User } from '../../../studio/src/api/auth.api';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import { createStudioRouter } from '../../../studio/src/router';
import { useSessionStore } from '../../../studio/src/stores/session.store';

export const USERS: Record<Role, User> = {
  admin: { username: 'admin', displayName: '管理员', role: 'admin', disabled: false },
  official: { username: 'edu-official', displayName: '王科长', role: 'official', department: 'education', disabled: false },
  committee: { username: 'teacher-committee', displayName: '张委员', role: 'committee', series: 'teacher', disabled: false },
  auditor: { username: 'auditor', displayName: '赵审计', role: 'auditor', disabled: false },
};

/** A fresh Pinia whose session already holds `role`'s user (no request to /auth/me). */
export function signedIn(role: Role | null): Pinia {
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.user = role ? USERS[role] : null;
  session.checked = true;
  return pinia;
}

export function studioRouter(): Router {
  return createStudioRouter(createMemoryHistory());
}

export async function mountPage<T extends Component>(component: T, role: Role, options: ComponentMountingOptions<T> = {}) {
  setLocale('zh-CN');
  const pinia = signedIn(role);
  const router = studioRouter();
  await router.push('/');
  await router.isReady();
  const wrapper = mount(component, { attachTo: document.body, ...options, global: { plugins: [ElementPlus, i18n, pinia, router], ...(options.global ?? {}) } } as ComponentMountingOptions<T>);
  await flushPromises();
  return { wrapper, router, pinia };
}

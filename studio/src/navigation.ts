// The side menu: one entry per area, shown only to the roles that may use it
// (the same roles as the route's meta.roles).
import type { Role } from './api/auth.api';

export interface NavItem {
  /** Route name. */
  route: string;
  /** i18n key. */
  label: string;
  roles?: Role[];
}

export const NAV_ITEMS: NavItem[] = [
  // 待我处理 first: what waits for this user, with a count (AppLayout).
  { route: 'inbox', label: 'inbox.nav', roles: ['admin', 'official'] },
  { route: 'rulesets', label: 'nav.rulesets' },
  { route: 'approvals', label: 'nav.approvals', roles: ['admin'] },
  { route: 'runs', label: 'nav.runs', roles: ['admin', 'committee', 'auditor'] },
  { route: 'evaluations', label: 'nav.evaluations', roles: ['admin', 'committee', 'auditor'] },
  { route: 'sessions', label: 'nav.sessions', roles: ['admin', 'committee', 'auditor'] },
  { route: 'quotas', label: 'nav.quotas', roles: ['admin', 'committee', 'auditor'] },
  { route: 'experts', label: 'nav.experts', roles: ['admin', 'auditor'] },
  { route: 'holders', label: 'nav.holders', roles: ['admin', 'auditor'] },
  { route: 'calendar', label: 'nav.calendar' },
  { route: 'users', label: 'nav.users', roles: ['admin', 'auditor'] },
  { route: 'audit', label: 'nav.audit', roles: ['admin', 'auditor'] },
];

export function navFor(role: Role | undefined): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === undefined || (role !== undefined && item.roles.includes(role)));
}

// Each role reaches the pages its role allows and lands on the forbidden page for
// the others; the side menu offers the same pages and no more.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../studio/src/api/auth.api';
import { navFor } from '../../../studio/src/navigation';
import { signedIn, studioRouter } from './support';

const PAGES = ['/rulesets', '/rulesets/teacher-deputy-senior', '/approvals', '/users', '/audit'] as const;
const ALLOWED: Record<Role, string[]> = {
  admin: ['/rulesets', '/rulesets/teacher-deputy-senior', '/approvals', '/users', '/audit'],
  official: ['/rulesets', '/rulesets/teacher-deputy-senior'],
  committee: ['/rulesets', '/rulesets/teacher-deputy-senior'],
  auditor: ['/rulesets', '/rulesets/teacher-deputy-senior', '/users', '/audit'],
};
const CASES = (Object.keys(ALLOWED) as Role[]).flatMap((role) => PAGES.map((path) => ({ role, path, allowed: ALLOWED[role].includes(path) })));

describe('router guard by role', () => {
  it.each(CASES)('$role opening $path: allowed $allowed', async ({ role, path, allowed }) => {
    signedIn(role);
    const router = studioRouter();
    await router.push(path);
    const current = router.currentRoute.value;
    if (allowed) {
      expect(current.path).toBe(path);
    } else {
      expect(current.name).toBe('forbidden');
      expect(current.query.from).toBe(path);
    }
  });

  it('sends a stranger to sign in, remembering where they were going', async () => {
    signedIn(null);
    const router = studioRouter();
    await router.push('/audit');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/audit');
  });
});

describe('menu by role', () => {
  // Only this part's entries are pinned here; other areas add their own.
  const MINE = ['approvals', 'users', 'audit'];
  it.each(Object.entries(ALLOWED) as Array<[Role, string[]]>)('%s sees exactly the menu entries its routes allow', async (role, allowed) => {
    const entries = navFor(role).map((item) => item.route);
    expect(entries).toContain('rulesets');
    expect(entries.filter((route) => MINE.includes(route)).sort()).toEqual(MINE.filter((route) => allowed.includes(`/${route}`)).sort());
    // Each menu entry the role sees opens for it: menu and guard agree.
    signedIn(role);
    const router = studioRouter();
    for (const route of entries) {
      await router.push({ name: route });
      expect(router.currentRoute.value.name).toBe(route);
    }
  });
});

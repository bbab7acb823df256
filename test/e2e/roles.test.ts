// Each role signs in through the studio and sees only what it may use: its menu
// items, and the forbidden page for a route its role lacks. Screenshots of the
// ruleset detail, users and audit pages as each role meets them. The studio only
// hides; when a user gets past it (here: a page left open while their role changes),
// the server's 403 is what they see.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../engine/index';
import { launchBrowser, newPage, pageErrors, screenshot, signIn } from './support/browser';
import { apiLogin, startServer, USERS, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const MINE = ['审批', '用户', '审计日志'] as const;
const CASES = [
  { role: 'admin', sees: ['规则集', '审批', '用户', '审计日志'], forbidden: [] as string[] },
  { role: 'official', sees: ['规则集'], forbidden: ['/approvals', '/users', '/audit'] },
  { role: 'committee', sees: ['规则集'], forbidden: ['/approvals', '/users', '/audit'] },
  { role: 'auditor', sees: ['规则集', '用户', '审计日志'], forbidden: ['/approvals'] },
] as const;

async function menu(page: Page): Promise<string[]> {
  await page.locator('.el-menu-item').first().waitFor();
  return (await page.locator('.el-menu-item').allTextContents()).map((text) => text.trim());
}

describe('roles in the studio', () => {
  it.each(CASES)('$role sees only its menu items and the forbidden page elsewhere', async ({ role, sees, forbidden }) => {
    const user = USERS[role];
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, user.username, user.password);
    const items = await menu(page);
    for (const label of sees) expect(items).toContain(label);
    // Other areas (batch runs…) belong to other parts of the studio; of this part's, only the allowed ones show.
    for (const label of MINE) expect(items.includes(label)).toBe((sees as readonly string[]).includes(label));
    await screenshot(page, `roles-${role}-home`);

    for (const path of forbidden) {
      await page.goto(path);
      await page.waitForURL(/\/forbidden/);
      await expect.poll(() => page.locator('.el-result').textContent()).toContain('当前角色无权访问此页面');
    }
    if (forbidden.length > 0) await screenshot(page, `roles-${role}-forbidden`);

    // Every role reads a ruleset's history; only admin and the department's own officials may submit.
    await page.goto('/rulesets/teacher-deputy-senior');
    await expect.poll(() => page.getByTestId('version-table').locator('.el-table__row').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('ruleset-title').textContent()).toContain('高级');
    // Editing is for administrators and the department's own officials (this is an education ruleset).
    expect(await page.getByTestId('edit-ruleset').count()).toBe(role === 'admin' || role === 'official' ? 1 : 0);
    if (role === 'auditor' || role === 'admin') {
      await page.goto('/users');
      await expect.poll(() => page.getByTestId('user-table').locator('.el-table__row').count()).toBe(5);
      expect(await page.getByTestId('create-user').count()).toBe(role === 'admin' ? 1 : 0);
      await screenshot(page, `users-${role}`);
      if (role === 'admin') {
        await page.getByTestId('create-user').click();
        await page.getByTestId('user-save').click();
        await expect.poll(() => page.locator('[data-test="user-form"] .el-form-item.is-error').count()).toBe(4);
        await page.waitForTimeout(400);
        await screenshot(page, 'users-create-dialog');
        await page.keyboard.press('Escape');
      }
    }
    // Everyone changes their own password from the header.
    await page.getByTestId('change-password').click();
    await page.getByTestId('password-save').click();
    await expect.poll(() => page.locator('[data-test="password-form"] .el-form-item.is-error').count()).toBe(2);
    if (role === 'official') {
      await page.waitForTimeout(400);
      await screenshot(page, 'change-password');
    }
    await page.keyboard.press('Escape');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("shows the server's refusal when an action is forced past the studio", async () => {
    const { username, password } = USERS.official2;
    const api = async (cookie: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.origin}/api/v1${path}`, { method, headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    // A draft of the official's own department, which they may submit.
    const official = await apiLogin(server.origin, username, password);
    const { ruleset } = (await api(official, 'GET', '/rulesets/teacher-deputy-senior/versions/1')) as { ruleset: Ruleset };
    const draft = structuredClone(ruleset);
    delete draft.status;
    const { record } = (await api(official, 'POST', '/rulesets/teacher-deputy-senior/versions', { ruleset: draft, basedOn: 1, note: '待提交的草稿' })) as { record: { version: number } };

    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, username, password);
    await page.goto('/rulesets/teacher-deputy-senior');
    const row = page.getByTestId('version-table').locator('.el-table__row', { hasText: `v${record.version} 草稿` });
    await row.getByTestId('submit-version').waitFor();

    // Meanwhile the administrator moves them to the health commission (a department change keeps
    // the session: every request reads the user afresh); the open page still offers the step.
    const admin = await apiLogin(server.origin, USERS.admin.username, USERS.admin.password);
    await api(admin, 'PATCH', `/users/${username}`, { department: 'health' });
    try {
      await row.getByTestId('submit-version').click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      const refusal = page.getByTestId('api-error');
      await expect.poll(() => refusal.getAttribute('data-code')).toBe('FORBIDDEN');
      expect(await refusal.textContent()).toContain('无权执行此操作');
      // The studio re-reads the user after a refusal: the header now shows the new department.
      await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('州卫健委');
      await page.waitForTimeout(400); // the message box's fade-out
      await screenshot(page, 'roles-forced-403');
      // Nothing was submitted.
      const { versions } = (await api(admin, 'GET', '/rulesets/teacher-deputy-senior/versions')) as { versions: Array<{ version: number; status: string }> };
      expect(versions.find((v) => v.version === record.version)?.status).toBe('draft');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await api(admin, 'PATCH', `/users/${username}`, { department: 'education' });
      await context.close();
    }
  });
});

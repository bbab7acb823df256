// Each role signs in through the studio and sees only what it may use: its menu
// items, and the forbidden page for a route its role lacks. Screenshots of the
// ruleset detail, users and audit pages as each role meets them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, pageErrors, screenshot, signIn } from './support/browser';
import { startServer, USERS, type RunningServer } from './support/server';

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
});

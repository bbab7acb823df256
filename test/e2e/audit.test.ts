// The auditor reads the audit log in real Chromium: the chain verified first, then
// the entries (users created at start, sign-ins) filtered by action.
import type { Browser } from 'playwright-core';
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

describe('audit log', () => {
  it('shows the auditor a verified chain and its entries', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.auditor.username, USERS.auditor.password);
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL(/\/audit$/);

    const chain = page.getByTestId('audit-chain');
    await expect.poll(() => chain.getAttribute('data-ok')).toBe('true');
    expect(await chain.textContent()).toMatch(/审计链完整：\d+ 条记录已逐条校验/);
    await expect.poll(() => page.getByTestId('audit-table').locator('.el-table__row').count()).toBe(20);
    await screenshot(page, 'audit');

    // The first administrator and the four users the harness created are in the log as user.create.
    await page.getByTestId('filter-action').click();
    await page.getByRole('option', { name: '新建用户 · user.create', exact: true }).click();
    await expect.poll(() => page.getByTestId('audit-table').locator('.el-table__row').count()).toBe(5);
    const text = await page.getByTestId('audit-table').textContent();
    for (const user of [USERS.admin, USERS.official, USERS.official2, USERS.committee, USERS.auditor]) expect(text).toContain(user.username);
    // Actions read in words first, their codes beside them.
    expect(text).toContain('新建用户');
    await page.waitForTimeout(400); // the option list's fade-out, so it does not ghost over the table
    await screenshot(page, 'audit-filtered');

    const href = await page.getByTestId('audit-export').getAttribute('href');
    expect(href).toBe('/api/v1/audit/export');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

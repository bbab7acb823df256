// Signing in through the studio in real Chromium against the real server.
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

describe('sign-in', () => {
  it('sends a stranger to the sign-in page and back where they wanted to go', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await page.goto('/rulesets');
    await page.waitForURL(/\/login\?redirect=/);
    await screenshot(page, 'login');
    await signIn(page, USERS.admin.username, USERS.admin.password);
    expect(new URL(page.url()).pathname).toBe('/rulesets');
    // 14 series rulesets, the common policy and the two rules after the title (directional-use, general-title-basis).
    await expect.poll(() => page.getByTestId('ruleset-table').locator('.el-table__row').count()).toBe(17);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('管理员');
    await screenshot(page, 'rulesets');
    // By level: the seven series each have a deputy- and a full-senior ruleset (the hrss rulesets have no level).
    await page.getByTestId('filter-level').click();
    await page.locator('.el-select-dropdown__item').filter({ hasText: '正高级' }).click();
    await expect.poll(() => page.getByTestId('ruleset-table').locator('.el-table__row').count()).toBe(7);
    expect(new Set(await page.getByTestId('level').allTextContents())).toEqual(new Set(['正高级']));
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('says a wrong password is wrong, in Chinese, and stays on the page', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await page.goto('/login');
    await page.getByLabel('用户名').fill(USERS.auditor.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('answers a reload of a deep link with the studio, not a 404', async () => {
    const response = await fetch(`${server.origin}/rulesets/education-teacher-deputy-senior`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="app">');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${server.origin}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect((await api.json()).code).toBe('ROUTE_NOT_FOUND');
  });

  it('loads at most 1 MB of compressed JavaScript for the first page (sign-in, then the ruleset list)', async () => {
    const { context, page } = await newPage(browser, server.origin);
    // The budget is in gzip (the server would answer brotli, smaller still, to browsers that ask).
    await page.setExtraHTTPHeaders({ 'Accept-Encoding': 'gzip' });
    const scripts: Array<Promise<{ url: string; encoded: number; encoding: string }>> = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(response.request().sizes().then(async (sizes) => ({ url: response.url(), encoded: sizes.responseBodySize, encoding: (await response.allHeaders())['content-encoding'] ?? '' })));
    });
    await signIn(page, USERS.admin.username, USERS.admin.password);
    await expect.poll(() => page.getByTestId('ruleset-table').locator('.el-table__row').count()).toBe(17);
    const loaded = await Promise.all(scripts);
    const total = loaded.reduce((sum, s) => sum + s.encoded, 0);
    console.log(`first page: ${loaded.length} scripts, ${(total / 1024).toFixed(0)} KiB compressed`);
    expect(loaded.filter((s) => s.encoding !== 'gzip' && s.encoded >= 1024)).toEqual([]);
    expect(total).toBeLessThanOrEqual(1024 * 1024);
    // The editor (CodeMirror) and the charts (ECharts) are route chunks, not part of the first page.
    expect(loaded.map((s) => s.url).filter((url) => /codemirror|echarts|editor/i.test(url))).toEqual([]);
    await context.close();
  });
});

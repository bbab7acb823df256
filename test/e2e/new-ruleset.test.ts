// New rulesets in real Chromium. The education official copies a ruleset with
// 复制为新规则集 (a new id, the department fixed to their own), lands in the new draft's
// editor, adds a scoring item (inert and 未完成: the try-it score does not move), saves
// a draft and submits it (the editor turns read-only). The dialogs for 新建规则集 and
// 导入规则文件, the JSON view's search panel, a read-only ruleset of another department
// and the administrator's 停用 are looked at on the way. Screenshots of each.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../engine/index';
import { launchBrowser, newPage, pageErrors, screenshot, signIn } from './support/browser';
import { apiLogin, startServer, USERS, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;
const SOURCE = 'teacher-full-senior';
const COPY = 'teacher-full-senior-2026';

async function api<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/api/v1${path}`, { method, headers: { 'Content-Type': 'application/json', Cookie: cookie }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const dialog = (page: Page) => page.getByTestId('new-ruleset-dialog');
async function choose(page: Page, test: string, label: string): Promise<void> {
  await dialog(page).getByTestId(test).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click();
}

describe('new rulesets', () => {
  it('an official copies a ruleset with 复制为新规则集, lands in its editor, saves a draft and submits it', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.official.username, USERS.official.password);
    await page.goto('/rulesets');
    await page.getByTestId('ruleset-table').locator('.el-table__row').first().waitFor();
    await screenshot(page, 'rulesets-list-actions');

    // 新建规则集: the id's rule in words, the department fixed, series and level by label.
    await page.getByTestId('new-ruleset').click();
    await dialog(page).waitFor();
    expect(await dialog(page).getByTestId('new-department').textContent()).toBe('州教育局');
    await dialog(page).getByTestId('new-id').fill('Teacher 2026');
    await expect.poll(() => dialog(page).getByTestId('id-error').textContent()).toContain('标识只能以小写英文字母开头');
    await dialog(page).getByTestId('new-id').fill('teacher-special-senior');
    await dialog(page).getByTestId('new-title').fill('巴州特殊教育教师副高级（2026）');
    await choose(page, 'new-series', '中小学教师');
    await choose(page, 'new-level', '副高级');
    await choose(page, 'new-extends', '通用');
    await page.waitForTimeout(300);
    await screenshot(page, 'new-ruleset-dialog');
    await dialog(page).getByRole('button', { name: '取消' }).click();

    // 导入规则文件: a file picker, nothing read yet.
    await page.getByTestId('import-ruleset').click();
    await dialog(page).waitFor({ state: 'visible' });
    expect(await dialog(page).getAttribute('data-mode')).toBe('import');
    await page.waitForTimeout(300);
    await screenshot(page, 'import-ruleset-dialog');
    await dialog(page).getByRole('button', { name: '取消' }).click();

    // 复制为新规则集 from the row of the full-senior teacher ruleset.
    const row = page.getByTestId('ruleset-table').locator('.el-table__row').filter({ has: page.locator(`a[title="${SOURCE}"]`) }); // the identifier is on hover
    await row.getByTestId('copy-ruleset').click();
    await dialog(page).waitFor({ state: 'visible' });
    expect(await dialog(page).getAttribute('data-mode')).toBe('copy');
    expect(await dialog(page).getByTestId('new-title').inputValue()).toContain('（副本）');
    await dialog(page).getByTestId('new-id').fill(SOURCE);
    await expect.poll(() => dialog(page).getByTestId('id-error').textContent()).toContain('已被规则集');
    await dialog(page).getByTestId('new-id').fill(COPY);
    await dialog(page).getByTestId('new-title').fill('巴州中小学正高级教师任职资格条件与量化赋分（2026）');
    const date = dialog(page).locator('.el-date-editor input');
    await date.fill('2026-09-01');
    await date.press('Enter');
    await page.waitForTimeout(300);
    await screenshot(page, 'copy-ruleset-dialog');
    await dialog(page).getByTestId('new-submit').click();

    // The new draft's editor.
    await page.waitForURL(`**/rulesets/${COPY}/edit`);
    await page.getByTestId('ruleset-editor').waitFor();
    await page.getByTestId('try-outcome').waitFor();
    expect(await page.locator('.editor-page h1').textContent()).toContain('（2026）');
    const score = async () => page.getByTestId('try-score').textContent();
    const before = await score();

    // A new scoring item is inert: the try-it score stays, the row says 未完成.
    await page.getByRole('tab', { name: '量化赋分表' }).click();
    await page.getByTestId('scoring-grid').waitFor();
    await page.getByTestId('add-item').first().click();
    const unfinished = page.getByTestId('scoring-grid').getByTestId('unfinished');
    await unfinished.first().waitFor();
    await page.waitForTimeout(200);
    expect(await score()).toBe(before);
    await unfinished.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'editor-unfinished-item');
    await page.getByTestId('undo').click();
    await expect.poll(() => unfinished.count()).toBe(0);

    // The JSON view's search panel speaks Chinese.
    await page.getByRole('tab', { name: 'JSON' }).click();
    await page.locator('.cm-editor').waitFor();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+f');
    await page.locator('.cm-search').waitFor();
    expect(await page.locator('.cm-search input[name="search"]').getAttribute('placeholder')).toBe('查找');
    expect(await page.locator('.cm-search').textContent()).toContain('全部替换');
    await screenshot(page, 'editor-json-search');
    await page.keyboard.press('Escape');

    // A change, saved as a draft: version 2 of the new ruleset, based on the copy's version 1.
    await page.getByRole('tab', { name: '资格条件' }).click();
    const item = page.getByTestId('criteria-item').first();
    // The first card is open from the start.
    await item.getByTestId('rule-title').waitFor();
    await item.getByTestId('rule-title').fill('申报 2026 年度正高级教师');
    await page.getByTestId('save').click();
    await page.getByRole('dialog', { name: '保存草稿' }).locator('textarea').fill('2026 年度规则，复制自 2024 年规则');
    await page.getByTestId('save-confirm').click();
    await expect.poll(() => page.getByTestId('saved-status').textContent()).toContain('v2');

    // Submitted: the editor turns read-only and says so.
    await page.getByTestId('submit').click();
    await page.locator('.el-message-box').getByRole('button', { name: '提交审批' }).click();
    await page.getByTestId('submitted-banner').waitFor();
    expect(await page.getByTestId('submitted-tag').textContent()).toBe('已提交，等待审批');
    expect(await page.getByTestId('save').count()).toBe(0);
    expect(await page.getByTestId('based-on').count()).toBe(0);
    expect(await item.getByTestId('rule-title').isDisabled()).toBe(true);
    await screenshot(page, 'editor-submitted');

    const official = await apiLogin(server.origin, USERS.official.username, USERS.official.password);
    const { versions } = await api<{ versions: Array<{ version: number; status: string; department: string; author: string; basedOn: number | null; effectiveFrom?: string }> }>(official, 'GET', `/rulesets/${COPY}/versions`);
    expect(versions).toMatchObject([
      { version: 1, status: 'draft', department: 'education', author: USERS.official.username, basedOn: null, effectiveFrom: '2026-09-01' },
      { version: 2, status: 'submitted', department: 'education', basedOn: 1 },
    ]);
    const [copy, source] = await Promise.all([api<{ ruleset: Ruleset }>(official, 'GET', `/rulesets/${COPY}/versions/1`), api<{ ruleset: Ruleset }>(official, 'GET', `/rulesets/${SOURCE}/versions/1`)]);
    expect(copy.ruleset.scoring).toEqual(source.ruleset.scoring);
    expect(copy.ruleset.tests).toEqual(source.ruleset.tests);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a ruleset of another department opens read-only in every field', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.official.username, USERS.official.password);
    await page.goto('/rulesets/health-deputy-senior/edit');
    await page.getByTestId('read-only-banner').waitFor();
    expect(await page.getByTestId('read-only-banner').textContent()).toContain('只有州卫健委的部门用户和管理员可以修改');
    const item = page.getByTestId('criteria-item').first();
    // The first card is open from the start.
    await item.getByTestId('rule-title').waitFor();
    expect(await item.getByTestId('rule-title').isDisabled()).toBe(true);
    expect(await page.getByTestId('add-criteria').isDisabled()).toBe(true);
    await screenshot(page, 'editor-read-only');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('an administrator retires a ruleset from the list after a confirmation', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.admin.username, USERS.admin.password);
    await page.goto('/rulesets');
    const row = page.getByTestId('ruleset-table').locator('.el-table__row').filter({ has: page.locator('a[title="water-full-senior"]') });
    await row.getByTestId('retire-ruleset').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    expect(await box.textContent()).toContain('已发布的版本 v1 不再用于新的评审');
    await page.waitForTimeout(300);
    await screenshot(page, 'retire-ruleset-confirm');
    await box.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.textContent()).toContain('已停用');
    expect(await row.getByTestId('retire-ruleset').count()).toBe(0);
    const admin = await apiLogin(server.origin, USERS.admin.username, USERS.admin.password);
    const { versions } = await api<{ versions: Array<{ status: string }> }>(admin, 'GET', '/rulesets/water-full-senior/versions');
    expect(versions.map((v) => v.status)).toEqual(['retired']);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

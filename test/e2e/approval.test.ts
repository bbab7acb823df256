// The approval path in real Chromium: an official's draft (one threshold changed,
// saved and submitted through the API) waits in the administrator's queue with its
// diff; the administrator may not approve a version they wrote (SELF_APPROVAL); they
// approve the official's, publish it from today, and the ruleset list shows it in force.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../engine/index';
import { launchBrowser, newPage, pageErrors, screenshot, signIn } from './support/browser';
import { apiLogin, startServer, USERS, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;

const OFFICIALS = 'teacher-deputy-senior';
const ADMINS = 'teacher-full-senior';

async function api<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/api/v1${path}`, { method, headers: { 'Content-Type': 'application/json', Cookie: cookie }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Saves a copy of v1 with one change and submits it, as `cookie`'s user. */
async function submitDraft(cookie: string, id: string, change: (ruleset: Ruleset) => void, note: string): Promise<number> {
  const { ruleset } = await api<{ ruleset: Ruleset }>(cookie, 'GET', `/rulesets/${id}/versions/1`);
  const draft = structuredClone(ruleset);
  delete draft.status;
  change(draft);
  const { record } = await api<{ record: { version: number } }>(cookie, 'POST', `/rulesets/${id}/versions`, { ruleset: draft, basedOn: 1, note });
  await api(cookie, 'POST', `/rulesets/${id}/versions/${record.version}/submit`, {});
  return record.version;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const official = await apiLogin(server.origin, USERS.official.username, USERS.official.password);
  await submitDraft(
    official,
    OFFICIALS,
    (r) => {
      const rural = r.criteria!.find((c) => c.id === 'ruralService')!;
      (rural.conditions as { value: number }).value = 2;
    },
    '乡村任教年限要求由 1 年提高到 2 年',
  );
  const admin = await apiLogin(server.origin, USERS.admin.username, USERS.admin.password);
  await submitDraft(admin, ADMINS, (r) => (r.scoring!.categories[0]!.cap = (r.scoring!.categories[0]!.cap ?? 10) + 1), '管理员自己的修改');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('approval queue', () => {
  it('shows the diff, refuses self-approval, approves, publishes and puts the version in force', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.admin.username, USERS.admin.password);
    await page.goto('/approvals');

    const officials = page.getByTestId(`approval-${OFFICIALS}@2`);
    // One change to the rules; the effective date (set when publishing, outside the content hash) is not one.
    await expect.poll(() => officials.getByTestId('diff-entry').count()).toBe(1);
    const entry = await officials.getByTestId('diff-entry').textContent();
    expect(entry).toContain('修改');
    expect(entry).toContain('→');
    expect(entry).toContain('资格条件「州直学校教师的乡村或薄弱学校任教经历」');
    // The fact is inherited from the common policy; the diff reads it by its label and unit.
    expect(entry).toContain('基层工作年限');
    expect(entry).toMatch(/不少于 1 年\s*→\s*不少于 2 年/);
    expect(await officials.textContent()).toContain('现行 v1');
    await screenshot(page, 'approvals-queue');

    // The administrator wrote this one: the card says so, and the server's refusal shows in the step's dialog.
    const own = page.getByTestId(`approval-${ADMINS}@2`);
    expect(await own.getByTestId('yours').count()).toBe(1);
    await own.getByTestId('approve').click();
    await page.getByRole('dialog').getByTestId('dialog-confirm').click();
    const refusal = page.getByRole('dialog').getByTestId('api-error');
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('SELF_APPROVAL');
    expect(await refusal.textContent()).toContain('不能批准');
    await screenshot(page, 'approvals-self-approval');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // Approving takes an optional comment, which reaches the author.
    await officials.getByTestId('approve').click();
    await page.getByRole('dialog').locator('textarea[data-test="approve-comment"], [data-test="approve-comment"] textarea').fill('依据已核对，同意');
    await page.getByRole('dialog').getByTestId('dialog-confirm').click();
    await expect.poll(() => page.getByTestId('queue-approved').getByTestId(`approval-${OFFICIALS}@2`).count()).toBe(1);
    const approved = page.getByTestId('queue-approved').getByTestId(`approval-${OFFICIALS}@2`);
    await approved.getByTestId('publish').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The effective date defaults to today; the version takes effect at once.
    expect(await dialog.locator('.el-date-editor input').first().inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.waitForTimeout(400); // the dialog's fade-in, so the screenshot shows it settled
    await screenshot(page, 'approvals-publish');
    await dialog.getByTestId('dialog-confirm').click();
    await expect.poll(() => page.getByTestId(`approval-${OFFICIALS}@2`).count()).toBe(0);
    await expect.poll(() => page.getByTestId('queue-published').textContent()).toContain('v2');

    await page.goto('/rulesets');
    const row = page.getByTestId('ruleset-table').locator('.el-table__row', { has: page.locator(`a[title="${OFFICIALS}"]`) }); // the identifier is on hover
    await expect.poll(() => row.getByTestId('in-force').textContent()).toBe('v2');
    await screenshot(page, 'approvals-rulesets-after');

    // The ruleset's own page tells the same story: v2 in force, its history with who approved and published.
    await page.goto(`/rulesets/${OFFICIALS}`);
    await expect.poll(() => page.getByTestId('detail-in-force').textContent()).toBe('v2');
    await screenshot(page, 'ruleset-detail-history');
    await page.getByRole('tab', { name: '版本比较' }).click();
    await expect.poll(() => page.getByTestId('diff').getByTestId('diff-entry').count()).toBeGreaterThan(0);
    await screenshot(page, 'ruleset-detail-diff');
    await page.getByRole('tab', { name: '版本内容' }).click();
    await expect.poll(() => page.getByTestId('summary-category').count()).toBeGreaterThan(3);
    await screenshot(page, 'ruleset-detail-content');

    // Export and embedded tests of a version, from its row in the history.
    await page.getByRole('tab', { name: '版本历史' }).click();
    const v2 = page.getByTestId('version-table').locator('.el-table__row', { hasText: 'v2 已发布' });
    expect(await v2.getByTestId('export-file').getAttribute('href')).toBe(`/api/v1/rulesets/${OFFICIALS}/versions/2/file`);
    await v2.getByTestId('run-tests').click();
    const outcome = page.getByTestId('tests-outcome');
    await expect.poll(() => outcome.textContent()).toMatch(/\d+ \/ \d+ 个用例通过/);
    await page.waitForTimeout(400);
    await screenshot(page, 'ruleset-detail-tests');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

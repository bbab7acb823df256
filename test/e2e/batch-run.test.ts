// A teacher-series committee member runs a batch in real Chromium: the shipped sample
// .xlsx checked and run with a progress bar fed by the run's events, the ranked
// results, an applicant's explanation in the drawer, the charts, the printable page
// (no app chrome in print); then a file with a bad row shows that row's error before
// anything runs, and the valid rows alone can be run.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/rulesets';
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

/** Ruleset, evaluation date (the samples are made for 2024-09-30) and the file, on the new-run page. */
async function prepareRun(page: Page, file: string): Promise<void> {
  await page.getByTestId('ruleset-select').click();
  await page.getByRole('option', { name: /teacher-deputy-senior/ }).click();
  const date = page.getByTestId('as-of').locator('input');
  await date.fill('2024-09-30');
  await date.press('Enter');
  await page.getByTestId('upload').locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('check-summary').waitFor();
}

/** Notes whether the progress bar was ever on screen: a 200-row run can finish within a second. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress?: boolean };
    w.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-test="run-progress"]')) w.sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
}

describe('batch run', () => {
  it('runs the shipped teacher sample, shows the ranking, an explanation and its printable page', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.committee.username, USERS.committee.password);
    await page.getByRole('menuitem', { name: '批量评审' }).click();
    await page.waitForURL(/\/runs$/);
    await page.getByTestId('new-run').click();
    await page.waitForURL(/\/runs\/new$/);

    await prepareRun(page, join(ROOT, 'rules/samples/teacher-deputy-senior.xlsx'));
    expect(await page.getByTestId('check-summary').textContent()).toMatch(/teacher-deputy-senior v1.*共 200 行，有效 200 行，有误 0 行/);
    await page.waitForTimeout(500); // the smooth scroll to the check
    await screenshot(page, 'run-new-checked');

    await watchProgress(page);
    await page.getByTestId('start-run').click();
    await page.waitForURL(/\/runs\/run-\d+$/);
    expect(await page.evaluate(() => (window as unknown as { sawProgress?: boolean }).sawProgress)).toBe(true);

    // The ranked results: rank 1 first, with names, units and category points.
    const table = page.getByTestId('results-table');
    await expect.poll(() => table.locator('.el-table__body-wrapper .el-table__row').count()).toBe(20);
    expect((await page.getByTestId('rank').first().textContent())?.trim()).toBe('1');
    expect(await page.getByTestId('run-meta').textContent()).toContain('teacher-deputy-senior v1');
    expect(await page.getByTestId('run-input-hash').textContent()).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await page.getByTestId('run-counts').textContent()).toContain('评审 200 人');
    await screenshot(page, 'run-results');

    // A column header sorts all 200 on the server, not just this page: the lowest score of the run comes first.
    const runId = new URL(page.url()).pathname.split('/').pop()!;
    const all = (await (await page.request.get(`/api/v1/runs/${runId}/results?limit=500`)).json()) as { rows: Array<{ score: number }> };
    const lowest = Math.min(...all.rows.map((r) => r.score));
    await table.locator('thead th').filter({ hasText: '总分' }).locator('.sort-caret.ascending').click();
    await expect.poll(async () => Number((await page.getByTestId('score').first().textContent())?.trim())).toBe(lowest);
    await table.locator('thead th').filter({ hasText: '排名' }).locator('.sort-caret.ascending').click();
    await expect.poll(async () => (await page.getByTestId('rank').first().textContent())?.trim()).toBe('1');

    // Filter and search go to the server.
    await page.getByTestId('results-filter').getByText('一票否决').click();
    await expect.poll(async () => (await table.locator('.el-table__body-wrapper .el-table__row').count()) < 20).toBe(true);
    await page.getByTestId('results-filter').getByText('全部').click();
    await expect.poll(() => table.locator('.el-table__body-wrapper .el-table__row').count()).toBe(20);

    // The first applicant's explanation in the drawer.
    await page.getByTestId('open-explanation').first().click();
    const drawer = page.getByTestId('explanation-drawer');
    await drawer.getByTestId('explanation').waitFor();
    expect(await drawer.getByTestId('outcome-eligible').textContent()).toContain('符合');
    expect(await drawer.getByTestId('criterion').count()).toBeGreaterThan(5);
    expect(await drawer.getByTestId('ruleset-hash').textContent()).toMatch(/^sha256:/);
    await page.waitForTimeout(400); // the drawer's slide-in
    await screenshot(page, 'run-explanation-drawer');
    const printHref = await drawer.getByTestId('print-link').getAttribute('href');
    expect(printHref).toMatch(/^\/runs\/run-\d+\/applicants\/[^/]+\/print$/);
    await page.keyboard.press('Escape');

    // Charts, loaded with their tab.
    await page.getByRole('tab', { name: '统计图表' }).click();
    await page.getByTestId('chart-distribution').locator('canvas').waitFor();
    await page.getByTestId('chart-breakdown').locator('canvas').waitFor();
    await page.waitForTimeout(800); // the charts' entry animation
    await screenshot(page, 'run-charts');
    // The township / county breakdown: by post level instead of by county.
    await page.getByTestId('breakdown-dimension').getByText('按岗位层级').click();
    await expect.poll(() => page.getByTestId('charts').textContent()).toContain('按岗位层级（乡镇 / 县 / 州直）申报与通过情况');
    await page.waitForTimeout(800);
    await screenshot(page, 'run-charts-post-level');

    // The printable page: the explanation with both hashes, no menu; in print, no buttons either.
    await page.goto(printHref!);
    await page.getByTestId('print-page').getByTestId('explanation').waitFor();
    expect(await page.getByTestId('print-ruleset-hash').textContent()).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await page.getByTestId('print-input-hash').textContent()).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await page.getByRole('menuitem').count()).toBe(0);
    await screenshot(page, 'run-print');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    await screenshot(page, 'run-print-media');
    await page.emulateMedia({ media: 'screen' });

    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('shows a bad row before the run and runs the valid rows only', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.committee.username, USERS.committee.password);
    await page.goto('/runs/new');
    await prepareRun(page, join(ROOT, 'rules/samples/errors/gbk-text-in-number.csv'));

    const errors = page.getByTestId('row-errors');
    await errors.waitFor();
    const text = await errors.textContent();
    expect(text).toContain('基层工作年限');
    expect(text).toContain('十二年');
    expect(text).toContain('JS-F-0003');
    expect(await errors.locator('.el-table__body-wrapper .el-table__row').first().locator('td').first().textContent()).toBe('4');
    expect(await page.getByTestId('start-run').count()).toBe(0);
    await page.getByTestId('start-valid').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500); // the smooth scroll to the check
    await screenshot(page, 'run-new-row-errors');

    await page.getByTestId('start-valid').click();
    await page.waitForURL(/\/runs\/run-\d+$/);
    await expect.poll(() => page.getByTestId('run-skipped').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('results-table').locator('.el-table__body-wrapper .el-table__row').count()).toBe(5);

    await page.getByRole('menuitem', { name: '批量评审' }).click();
    await page.waitForURL(/\/runs$/);
    await expect.poll(() => page.getByTestId('runs-table').locator('.el-table__row').count()).toBe(2);
    await screenshot(page, 'runs-list');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

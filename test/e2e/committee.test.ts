// The committee process end to end in real Chromium, as the people who do it: the
// administrator sets the quotas of three schools; the teacher committee runs a batch
// of seven applicants (one over quota, one ineligible); a review session takes the
// four recommended; the administrator draws 25 members from the seeded pool with a
// recorded seed and verifies the draw; the committee takes attendance, enters the
// committee's scores and the ballots (each adding up to the 17 present) and closes the
// meeting — one candidate gets the yes votes but falls below the pass mark with the
// committee's scores, and does not pass; the administrator publicises the result for
// 5 working days across National Day 2024 from the day it is posted, finalises once
// the period is over (confirming the period), builds the filing package and verifies
// it in the studio and with the CLI; the passed candidates become title holders whose
// appointment deadline is past. The server and the browser stand on chosen days
// (support/server-clock.ts, Playwright's clock): 2024-09-30 for the run, the draw,
// the meeting and the start of the publicity, 2024-10-12 to finalise, 2025-01-10 for
// the holders.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/rulesets';
import { launchBrowser, newPage, pageErrors, screenshot, signIn } from './support/browser';
import { startServer, USERS, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;
const work = mkdtempSync(join(tmpdir(), 'pingshen-e2e-committee-'));
const clockFile = join(work, 'clock');

/** Monday 2024-09-30, 10:00 in China: the run, the draw, the meeting and the day the publicity is posted. */
const MEETING_DAY = '2024-09-30T02:00:00.000Z';
/** Saturday 2024-10-12: the day after the publicity's fifth working day (10-11). */
const AFTER_PUBLICITY = '2024-10-12T02:00:00.000Z';
/** Well past the appointment deadline of a document dated 2024-11-01 (two months: 2025-01-01). */
const HOLDERS_DAY = '2025-01-10T02:00:00.000Z';
let now = MEETING_DAY;

/** Moves the server's clock (and the clock of the browsers opened after). */
function setClock(iso: string): void {
  now = iso;
  writeFileSync(clockFile, iso);
}

/** A browser page on the same day as the server: its clock starts at the server's time and runs. */
async function open(): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, server.origin);
  await opened.context.clock.install({ time: new Date(now) });
  return opened;
}

beforeAll(async () => {
  setClock(MEETING_DAY);
  [server, browser] = await Promise.all([startServer({ clockFile }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Three schools' approved posts: 库尔勒市第三中学 has three contenders for two posts. */
const QUOTAS = ['单位,系列,级别,核定职数,备注', '库尔勒市第三中学,中小学教师,副高级,2,', '库尔勒市第一小学,中小学教师,副高级,1,', '焉耆县第三中学,中小学教师,副高级,1,'].join('\n');
/** Recommended within quota, by score: 0011 (92.1) and 0116 (79.3) of 第三中学, 0200 (71) of 第一小学, 0009 (65.7) of 焉耆县第三中学. */
const CANDIDATES = ['JS-F-0009', 'JS-F-0011', 'JS-F-0116', 'JS-F-0200'];
/**
 * 25 drawn; 8 absent → 17 present, the quorum (⌈25·2/3⌉ = 17) exactly; 12 yes votes
 * pass (⌈17·2/3⌉ = 12). Each tally adds up to the 17 present. JS-F-0009 gets 12 yes,
 * but with the committee's 0.5 + 0.5 + 0.5 its score is 59.5 against the pass mark of
 * 60: it does not pass (with 3 + 3.5 + 2.5 it would score 67).
 */
const ABSENT = 8;
const BALLOTS: Record<string, [number, number, number]> = { 'JS-F-0009': [12, 4, 1], 'JS-F-0011': [16, 1, 0], 'JS-F-0116': [12, 4, 1], 'JS-F-0200': [14, 2, 1] };
const SCORES: Record<string, [number, number, number]> = { 'JS-F-0009': [0.5, 0.5, 0.5], 'JS-F-0011': [3, 3.5, 2.5], 'JS-F-0116': [3, 3.5, 2.5], 'JS-F-0200': [3, 3.5, 2.5] };
const PASSED = ['JS-F-0011', 'JS-F-0116', 'JS-F-0200'];

const APPLICANTS = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/committee-applicants.json'), 'utf8')) as Array<{ id: string; name: string }>;
const nameOf = (id: string): string => APPLICANTS.find((a) => a.id === id)!.name;

let runId = '';
let sessionPath = '';
let packagePath = '';

/** The text input of a control marked with data-test: Element Plus puts the attribute on the input itself or on its wrapper. */
async function inputOf(page: Page, selector: string): Promise<Locator> {
  const marked = page.locator(selector).first();
  await marked.waitFor({ state: 'attached' }); // a date picker's wrapper has no box of its own (display: contents)
  return (await marked.evaluate((e) => e.tagName)) === 'INPUT' ? marked : marked.locator('input').first();
}

/** Fills a number or text input of one candidate's row and commits the value. */
async function fill(page: Page, testId: string, applicant: string, value: string | number): Promise<void> {
  const input = await inputOf(page, `[data-test="${testId}"][data-applicant="${applicant}"]`);
  await input.fill(String(value));
  await input.press('Tab');
}

async function type(page: Page, testId: string, value: string): Promise<void> {
  await (await inputOf(page, `[data-test="${testId}"]`)).fill(value);
}

async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = await inputOf(page, `[data-test="${testId}"]`);
  await input.fill(date);
  await input.press('Enter');
}

async function openSessionTab(page: Page, name: string): Promise<void> {
  await page.goto(sessionPath);
  await page.getByTestId('session-title').waitFor();
  await page.getByRole('tab', { name }).click();
}

describe('committee process', () => {
  it('the administrator imports the quotas of three schools', async () => {
    const { context, page } = await open();
    await signIn(page, USERS.admin.username, USERS.admin.password);
    await page.getByRole('menuitem', { name: '岗位职数' }).click();
    await page.waitForURL(/\/quotas$/);
    const file = join(work, 'quotas.csv');
    writeFileSync(file, QUOTAS);
    await page.getByTestId('quota-import').click();
    await page.getByTestId('quota-file').setInputFiles(file);
    await type(page, 'quota-search', '库尔勒市第三中学');
    await expect.poll(() => page.getByTestId('quota-table').locator('.el-table__body-wrapper .el-table__row').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('quota-table').textContent()).toContain('库尔勒市第三中学');
    await screenshot(page, 'committee-quotas');
    const quotas = (await (await page.request.get('/api/v1/quotas?series=teacher&level=deputy-senior')).json()) as { quotas: Array<{ unit: string; posts: number }> };
    expect(quotas.quotas.find((q) => q.unit === '库尔勒市第三中学')?.posts).toBe(2);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the committee runs the batch: four recommended, one over quota, one ineligible', async () => {
    const { context, page } = await open();
    await signIn(page, USERS.committee.username, USERS.committee.password);
    await page.goto('/runs/new');
    await page.getByTestId('ruleset-select').click();
    await page.getByRole('option', { name: /teacher-deputy-senior/ }).click();
    const date = page.getByTestId('as-of').locator('input');
    await date.fill('2024-09-30');
    await date.press('Enter');
    await page.getByTestId('upload').locator('input[type=file]').setInputFiles(join(ROOT, 'test/fixtures/committee-applicants.json'));
    await page.getByTestId('check-summary').waitFor();
    await page.getByTestId('start-run').click();
    await page.waitForURL(/\/runs\/run-\d+$/);
    runId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByTestId('quota-recommended').count()).toBe(4);
    expect(await page.getByTestId('quota-over').count()).toBe(2); // 0019 (third of 第三中学) and 0154 (second of 第一小学)
    expect(await page.getByTestId('quota-summary').textContent()).toBeTruthy();
    await screenshot(page, 'committee-run-quota');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a review session takes the recommended applicants as candidates', async () => {
    const { context, page } = await open();
    await signIn(page, USERS.committee.username, USERS.committee.password);
    await page.getByRole('menuitem', { name: '评审会' }).click();
    await page.waitForURL(/\/sessions$/);
    await page.getByTestId('new-session').click();
    await page.getByTestId('new-session-run').click();
    await page.getByRole('option', { name: new RegExp(runId) }).click();
    await page.getByTestId('new-session-submit').click();
    await page.waitForURL(/\/sessions\/session-\d+/);
    sessionPath = new URL(page.url()).pathname;
    await page.getByRole('tab', { name: '参评人员' }).click();
    await expect.poll(() => page.getByTestId('candidates-table').locator('.el-table__body-wrapper .el-table__row').count()).toBe(4);
    const text = await page.getByTestId('candidates-table').textContent();
    for (const id of CANDIDATES) expect(text).toContain(id);
    expect(text).not.toContain('JS-F-0019');
    await screenshot(page, 'committee-session-candidates');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the administrator draws 25 members with a recorded seed, and the draw verifies', async () => {
    const { context, page } = await open();
    await signIn(page, USERS.admin.username, USERS.admin.password);
    await openSessionTab(page, '评委抽取');
    await page.getByTestId('draw-eligible').waitFor();
    await pickDate(page, 'draw-meeting-on', '2024-09-30');
    await type(page, 'draw-seed', '5eed0f20240930ba5eed0f20240930ba');
    await page.getByTestId('draw-submit').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.getByTestId('draw-record').waitFor();
    await expect.poll(() => page.getByTestId('draw-members').locator('.el-table__body-wrapper .el-table__row').count()).toBe(25);
    expect(await page.getByTestId('draw-seed-value').textContent()).toContain('5eed0f20240930ba5eed0f20240930ba');
    await page.getByTestId('draw-verify').click();
    await expect.poll(() => page.getByTestId('draw-verify-result').getAttribute('data-ok')).toBe('true');
    await screenshot(page, 'committee-draw');

    // The same seed over the same pool gives the same members: the auditor's replay.
    const sessionId = sessionPath.split('/').pop()!;
    const verify = (await (await page.request.get(`/api/v1/sessions/${sessionId}/draw/verify`)).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the committee takes attendance, enters scores and ballots, and closes the meeting', async () => {
    const { context, page } = await open();
    await signIn(page, USERS.committee.username, USERS.committee.password);
    await openSessionTab(page, '评审会议');
    await pickDate(page, 'meeting-held-on', '2024-09-30');
    await page.getByTestId('attendance-all').click();
    const members = page.getByTestId('attendance-member');
    await expect.poll(() => members.count()).toBe(25);
    for (let i = 0; i < ABSENT; i++) await members.nth(i).click();
    await expect.poll(() => page.getByTestId('quorum-indicator').getAttribute('data-met')).toBe('true');
    expect(await page.getByTestId('quorum-indicator').textContent()).toContain('17');
    await page.getByTestId('attendance-save').click();
    await page.getByTestId('meeting-table').waitFor();
    await expect.poll(() => page.getByTestId('needed-hint').first().textContent()).toContain('12');

    // Closing waits for every candidate's scores and ballot, and says so.
    expect(await page.getByTestId('meeting-close').isDisabled()).toBe(true);
    expect(await page.getByTestId('close-blocked').textContent()).toContain('未录入评委会评分');

    for (const id of CANDIDATES) {
      const [report, defence, display] = SCORES[id]!;
      await fill(page, 'score-reviewReport', id, report);
      await fill(page, 'score-reviewDefence', id, defence);
      await fill(page, 'score-reviewDisplay', id, display);
      const [yes, no, abstain] = BALLOTS[id]!;
      if (id === 'JS-F-0009') {
        // 12 + 4 + 0 = 16 of 17 present: said beside the fields, and not saved until it adds up.
        await fill(page, 'vote-yes', id, yes);
        await fill(page, 'vote-no', id, no);
        await fill(page, 'vote-abstain', id, 0);
        await expect.poll(() => page.locator(`[data-test="ballot-count"][data-applicant="${id}"]`).textContent()).toContain('= 16，应等于出席 17 人');
        expect(await page.locator(`[data-test="row-save"][data-applicant="${id}"]`).isDisabled()).toBe(true);
      }
      await fill(page, 'vote-yes', id, yes);
      await fill(page, 'vote-no', id, no);
      await fill(page, 'vote-abstain', id, abstain);
      await page.locator(`[data-test="row-save"][data-applicant="${id}"]`).click();
      const verdict = PASSED.includes(id) ? 'passed' : 'notPassed';
      await expect.poll(() => page.locator(`[data-test="pass-tag"][data-applicant="${id}"]`).getAttribute('data-verdict')).toBe(verdict);
    }
    // JS-F-0009: the vote passed, the score did not; side by side, and why.
    expect(await page.locator('[data-test="vote-part"][data-applicant="JS-F-0009"]').getAttribute('data-state')).toBe('passed');
    expect(await page.locator('[data-test="score-part"][data-applicant="JS-F-0009"]').getAttribute('data-state')).toBe('notPassed');
    expect(await page.locator('[data-test="verdict-reason"][data-applicant="JS-F-0009"]').textContent()).toBe('得分 59.5 低于分数线 60');
    await expect.poll(() => page.getByTestId('meeting-close').isDisabled()).toBe(false);
    await screenshot(page, 'committee-meeting');
    await page.getByTestId('meeting-close').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.getByTestId('meeting-closed').waitFor();
    await expect.poll(() => page.getByTestId('session-status').textContent()).toContain('已表决');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the administrator publicises for 5 working days across National Day from the day it is posted, finalises after the period, and files', async () => {
    const { context, page } = await open();
    await signIn(page, USERS.admin.username, USERS.admin.password);
    await openSessionTab(page, '公示');
    // Posted on 2024-09-30, a Monday; 10/1–7 are the National Day holiday; 10/8–11 are working days: the 5th is 10/11.
    await pickDate(page, 'publicity-start', '2024-09-30');
    await expect.poll(() => page.getByTestId('publicity-end-preview').textContent()).toContain('2024-10-11');
    await page.getByTestId('publicity-confirm').click();
    await expect.poll(() => page.getByTestId('publicity-row').count()).toBe(PASSED.length);
    const listText = await page.getByTestId('publicity-list').textContent();
    for (const id of PASSED) expect(listText).toContain(nameOf(id));
    await screenshot(page, 'committee-publicity');

    // The publicity list as .xlsx: the passed candidates, nobody else.
    const xlsxHref = await page.getByTestId('publicity-xlsx').getAttribute('href');
    const xlsx = await page.request.get(xlsxHref!);
    expect(xlsx.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.body()) as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    for (const id of PASSED) expect(cells).toContain(nameOf(id));
    expect(cells).not.toContain(nameOf('JS-F-0009'));

    // The printable list.
    const printHref = await page.getByTestId('publicity-print-link').getAttribute('href');
    const print = await context.newPage();
    await print.goto(printHref!);
    await expect.poll(() => print.getByTestId('publicity-print-row').count()).toBe(PASSED.length);
    expect(await print.getByTestId('publicity-print-period').textContent()).toContain('2024-10-11');
    expect(await print.getByTestId('publicity-print-date').textContent()).toBe('2024-09-30'); // dated the day it is posted
    await screenshot(print, 'committee-publicity-print');
    await print.close();

    // The day it is posted the period is not over: finalising waits, and says until when.
    expect(await page.getByTestId('publicity-finalise').isDisabled()).toBe(true);
    expect(await page.getByTestId('finalise-reason').textContent()).toBe('公示期至 2024-10-11 结束，2024-10-12 起才能确认结果（今天是 2024-09-30）');

    // 2024-10-12: finalise, after confirming the period shown.
    setClock(AFTER_PUBLICITY);
    await context.clock.setSystemTime(new Date(AFTER_PUBLICITY));
    // Twelve days on, the sign-in session has long ended (an hour idle): sign in again, as the administrator would.
    await signIn(page, USERS.admin.username, USERS.admin.password);
    await openSessionTab(page, '公示');
    await page.getByTestId('publicity-finalise').click();
    const finaliseBox = page.locator('.el-message-box');
    await finaliseBox.waitFor();
    expect(await finaliseBox.textContent()).toContain('公示期 2024-09-30 至 2024-10-11（5 个工作日）已结束');
    await screenshot(page, 'committee-finalise-confirm');
    await finaliseBox.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.getByTestId('session-status').textContent()).toContain('已定案');

    // The filing package: built, downloaded, verified in the studio.
    await page.getByRole('tab', { name: '备案' }).click();
    await page.getByTestId('filing-build').click();
    await page.getByTestId('filing-manifest').waitFor();
    expect(await page.getByTestId('manifest-row').count()).toBeGreaterThan(5);
    const manifestHash = (await page.getByTestId('filing-manifest-hash').textContent())!.trim();
    expect(manifestHash).toMatch(/sha256:[0-9a-f]{64}/);
    const download = await page.request.get((await page.getByTestId('filing-download').getAttribute('href'))!);
    expect(download.status()).toBe(200);
    packagePath = join(work, 'filing.zip');
    writeFileSync(packagePath, Buffer.from(await download.body()));
    await page.getByTestId('filing-verify-input').setInputFiles(packagePath);
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('verify-manifest-hash').textContent()).toContain(manifestHash.replace(/^.*(sha256:[0-9a-f]{64}).*$/, '$1'));
    await screenshot(page, 'committee-filing');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the CLI verifies the downloaded package, and names the file of a tampered one', async () => {
    const cli = (file: string) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server/cli/main.ts'), 'filing', 'verify', file], { cwd: ROOT, encoding: 'utf8' });
    const good = cli(packagePath);
    expect(good.status, good.stderr).toBe(0);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(readFileSync(packagePath));
    const name = Object.keys(zip.files).find((f) => f.endsWith('meeting.json'))!;
    const meeting = JSON.parse(await zip.file(name)!.async('string')) as Record<string, unknown>;
    writeFileSync(join(work, 'meeting.json'), JSON.stringify(meeting));
    zip.file(name, JSON.stringify({ ...meeting, tampered: true }));
    const bad = join(work, 'tampered.zip');
    writeFileSync(bad, await zip.generateAsync({ type: 'nodebuffer' }));
    const result = cli(bad);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('meeting.json');
  });

  it('the passed candidates become title holders, overdue for appointment two months after the document', async () => {
    setClock(HOLDERS_DAY);
    const { context, page } = await open();
    await signIn(page, USERS.admin.username, USERS.admin.password);
    await page.getByRole('menuitem', { name: '定向职称人员' }).click();
    await page.waitForURL(/\/holders$/);
    await page.getByTestId('holders-import').click();
    await page.getByTestId('import-session').click();
    await page.getByRole('option').first().click();
    await type(page, 'import-document-no', '巴职改办〔2024〕12号');
    await pickDate(page, 'import-document-date', '2024-11-01');
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('holder-name').count()).toBe(PASSED.length);
    await page.getByTestId('holders-tab-overdue').click();
    await expect.poll(() => page.getByTestId('holder-name').count()).toBe(PASSED.length);
    await expect.poll(() => page.getByTestId('deadline-tag').first().getAttribute('data-state')).toBe('overdue');
    expect(await page.getByTestId('validity-tag').first().getAttribute('data-validity')).toBe('valid');
    await screenshot(page, 'committee-holders');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});


// Stored single evaluations in real Chromium: a teacher-series committee member
// evaluates two named samples through the API; the auditor finds both in 评审记录,
// opens one, sees its hashes and explanation, replays it and reads that the replay is
// identical byte for byte, with both hashes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Applicant } from '../../engine/index';
import { ROOT } from '../support/rulesets';
import { launchBrowser, newPage, pageErrors, screenshot, signIn } from './support/browser';
import { apiLogin, startServer, USERS, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;
const ids: string[] = [];
const samples = (JSON.parse(readFileSync(join(ROOT, 'rules/samples/named/teacher.json'), 'utf8')) as Array<{ applicant: Applicant & { id: string } }>).slice(0, 2);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const cookie = await apiLogin(server.origin, USERS.committee.username, USERS.committee.password);
  for (const { applicant } of samples) {
    const response = await fetch(`${server.origin}/api/v1/evaluations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ rulesetId: 'teacher-deputy-senior', asOf: '2024-09-30', applicant }),
    });
    if (response.status !== 200) throw new Error(`evaluate ${applicant.id}: ${response.status} ${await response.text()}`);
    ids.push(response.headers.get('x-evaluation-id')!);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('stored evaluations', () => {
  it('lists both for the auditor, opens one and replays it identical, byte for byte', async () => {
    expect(ids).toEqual(['eval-000001', 'eval-000002']);
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.auditor.username, USERS.auditor.password);
    await page.getByRole('menuitem', { name: '评审记录' }).click();
    await page.waitForURL(/\/evaluations$/);

    const rows = page.getByTestId('evaluations-table').locator('.el-table__body tr');
    await expect.poll(() => rows.count()).toBe(2);
    // Newest first.
    expect(await rows.nth(0).textContent()).toContain('eval-000002');
    expect(await rows.nth(0).textContent()).toContain(samples[1]!.applicant.id);
    expect(await rows.nth(1).textContent()).toContain('eval-000001');
    expect(await rows.nth(1).textContent()).toContain(samples[0]!.applicant.id);
    expect(await rows.nth(1).textContent()).toContain('teacher-deputy-senior@v1');
    expect(await rows.nth(1).textContent()).toContain('71.9 分');
    await screenshot(page, 'evaluations-list');

    await page.getByTestId('evaluation-link').filter({ hasText: 'eval-000001' }).click();
    await page.waitForURL(/\/evaluations\/eval-000001$/);
    await page.getByTestId('evaluation-record').waitFor();
    expect(await page.getByTestId('record-input-hash').textContent()).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await page.getByTestId('record-result-blob').textContent()).toMatch(/^sha256:[0-9a-f]{64}$/);
    await page.getByTestId('explanation').waitFor();
    expect(await page.getByTestId('print-link').getAttribute('href')).toBe('/evaluations/eval-000001/print');

    await page.getByTestId('replay-button').click();
    const verdict = page.getByTestId('replay-identical');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('结果一致（逐字节相同）');
    const stored = await page.getByTestId('replay-stored-hash').textContent();
    expect(stored).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await page.getByTestId('replay-replay-hash').textContent()).toBe(stored);
    expect(stored).toBe(await page.getByTestId('record-result-blob').textContent());
    await page.mouse.move(0, 0); // the pointer off the button, so it shows at rest
    await screenshot(page, 'evaluation-replayed');

    expect(pageErrors(page)).toEqual([]);
    await context.close();
  }, 60_000);
});

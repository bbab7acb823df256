// `pingshen workdays`: the date of the N-th working day as one line; --explain lists
// the days; --data-dir and --calendar add years; bad flags exit 2, an uncovered year exits 1.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/storage/index';
import { runCli, STACK, tempDir } from './support/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

describe('workdays', () => {
  it('prints the date of the 5th working day from 2026-09-30 across 国庆: one line, 2026-10-12', async () => {
    const run = await runCli(['workdays', '--from', '2026-09-30', '--days', '5']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('2026-10-12\n');
  });

  it('--explain lists each day: counted, the holidays by name, the worked Saturday, the weekend', async () => {
    const run = await runCli(['workdays', '--from', '2026-09-30', '--days', '5', '--explain']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('2026-10-12');
    expect(lines).toContain('2026-09-30 星期三  ✓ 第 1 个工作日');
    expect(lines).toContain('2026-10-01 星期四  — 国庆节（放假）');
    expect(lines).toContain('2026-10-10 星期六  ✓ 第 4 个工作日（国庆节调休上班）');
    expect(lines).toContain('2026-10-11 星期日  — 周末');
    expect(lines.at(-1)).toBe('2026-10-12 星期一  ✓ 第 5 个工作日');
    const en = await runCli(['workdays', '--from', '2026-05-26', '--days', '2', '--explain', '--lang', 'en']);
    expect(en.stdout).toContain('2026-05-27 Wednesday  — 古尔邦节 (day off)');
    expect(en.stdout.trim().split('\n')[0]).toBe('2026-06-01');
  });

  it('a year the calendar does not cover exits 1 naming the year; --calendar adds it', async () => {
    const uncovered = await runCli(['workdays', '--from', '2026-12-29', '--days', '5']);
    expect(uncovered.code).toBe(1);
    expect(uncovered.stdout).toBe('');
    expect(uncovered.stderr).toContain('没有 2027 年');
    expect(uncovered.stderr).not.toMatch(STACK);
    const file = dir.file('2027.json');
    await writeFile(file, JSON.stringify({ years: [{ year: 2027, source: 'test', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }] }));
    const covered = await runCli(['workdays', '--from', '2026-12-29', '--days', '5', '--calendar', file]);
    expect(covered.code).toBe(0);
    expect(covered.stdout).toBe('2027-01-05\n');
  });

  it('--data-dir counts with the years an administrator stored there, as the server does', async () => {
    const store = await openStore({ dataDir: dir.file('data') });
    await store.calendar.put({ year: 2027, source: '管理员录入', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-01-04', kind: 'holiday', name: '测试假日' }] }, { actor: 'admin', at: '2026-11-25T08:00:00.000Z' });
    await store.close();
    const run = await runCli(['workdays', '--from', '2026-12-29', '--days', '5', '--data-dir', dir.file('data')]);
    expect([run.code, run.stdout]).toEqual([0, '2027-01-06\n']);
    const none = await runCli(['workdays', '--from', '2026-09-30', '--days', '5', '--data-dir', dir.file('nothing')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('db.json');
  });

  it('bad flags are usage errors (exit 2); a bad calendar file exits 1 naming it', async () => {
    for (const args of [['--from', '2026-02-30', '--days', '5'], ['--from', '2026-09-30', '--days', '0'], ['--from', '2026-09-30', '--days', 'five'], ['--days', '5'], ['--from', '2026-09-30'], ['--from', '2026-09-30', '--days', '5', '--weeks', '1']]) {
      const run = await runCli(['workdays', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).not.toMatch(STACK);
    }
    const bad = dir.file('bad.json');
    await writeFile(bad, JSON.stringify({ years: [{ year: 2027, source: 't', days: [{ date: '2027-01-04', kind: 'workday', name: '调休' }] }] }));
    const run = await runCli(['workdays', '--from', '2026-09-30', '--days', '5', '--calendar', bad, '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.json');
    expect(run.stderr).toContain('/years/0/days/0/kind');
  });

  it('is listed in the help', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('workdays --from');
    const own = await runCli(['workdays', '--help', '--lang', 'en']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('counts as day 1');
  });
});

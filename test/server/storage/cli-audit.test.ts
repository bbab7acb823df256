// `pingshen audit verify|export`, run as a user runs it: exit 0 on a good data
// directory, 1 on a tampered one (naming the entry), 2 on wrong usage.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/storage/index';
import { runCli, STACK } from '../support/run-cli';
import { someHistory, tempDataDir } from './support';

let good: Awaited<ReturnType<typeof tempDataDir>>;
let bad: Awaited<ReturnType<typeof tempDataDir>>;
beforeAll(async () => {
  [good, bad] = await Promise.all([tempDataDir(), tempDataDir()]);
  for (const dir of [good, bad]) await someHistory(await openStore({ dataDir: dir.path }));
  const log = join(bad.path, 'audit.jsonl');
  const lines = (await readFile(log, 'utf8')).split('\n');
  lines[2] = lines[2]!.replace('初稿', '终稿');
  await writeFile(log, lines.join('\n'));
});
afterAll(() => Promise.all([good.remove(), bad.remove()]));

describe.concurrent('audit', () => {
  it('verify on a good data directory: exit 0', async () => {
    const run = await runCli(['audit', 'verify', '--data-dir', good.path]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('审计日志完整：6 条记录，哈希链无断裂');
  });

  it('verify on a tampered one: exit 1, the first broken entry named (English with --lang en)', async () => {
    const zh = await runCli(['audit', 'verify', '--data-dir', bad.path]);
    expect(zh.code).toBe(1);
    expect(zh.stdout.trim()).toBe('审计日志在第 3 条记录处断裂：内容与其哈希不符（记录被改动）（共 6 条记录）');
    const en = await runCli(['audit', 'verify', '--data-dir', bad.path, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stdout.trim()).toBe('Audit log broken at entry 3: its content does not match its hash (altered) (6 entries)');
  });

  it('export prints the log as JSONL', async () => {
    const run = await runCli(['audit', 'export', '--data-dir', good.path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(await readFile(join(good.path, 'audit.jsonl'), 'utf8'));
  });

  it('no data there: exit 1, one line; a wrong subcommand: exit 2', async () => {
    const none = await runCli(['audit', 'verify', '--data-dir', join(good.path, 'nowhere')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('中没有评审数据（找不到 db.json）');
    expect(none.stderr).not.toMatch(STACK);
    const wrong = await runCli(['audit', 'check']);
    expect(wrong.code).toBe(2);
  });
});

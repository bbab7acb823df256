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
let edited: Awaited<ReturnType<typeof tempDataDir>>;
let pending: Awaited<ReturnType<typeof tempDataDir>>;
beforeAll(async () => {
  [good, bad, edited, pending] = await Promise.all([tempDataDir(), tempDataDir(), tempDataDir(), tempDataDir()]);
  for (const dir of [good, bad, edited, pending]) await someHistory(await openStore({ dataDir: dir.path }));
  // an official promoted to administrator in db.json, by hand
  const db = JSON.parse(await readFile(join(edited.path, 'db.json'), 'utf8'));
  db.users[0].role = 'admin';
  await writeFile(join(edited.path, 'db.json'), JSON.stringify(db));
  // killed between the commit and the append: the log lacks the head's entry
  const pendingLog = join(pending.path, 'audit.jsonl');
  await writeFile(pendingLog, (await readFile(pendingLog, 'utf8')).trimEnd().split('\n').slice(0, 5).join('\n') + '\n');
  const log = join(bad.path, 'audit.jsonl');
  const lines = (await readFile(log, 'utf8')).split('\n');
  lines[2] = lines[2]!.replace('初稿', '终稿');
  await writeFile(log, lines.join('\n'));
});
afterAll(() => Promise.all([good.remove(), bad.remove(), edited.remove(), pending.remove()]));

describe.concurrent('audit', () => {
  it('verify on a good data directory: exit 0', async () => {
    const run = await runCli(['audit', 'verify', '--data-dir', good.path]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('审计日志完整：6 条记录，哈希链无断裂，用户与审计记录一致');
  });

  it('verify --anchor: the log extends a head copied earlier (exit 0); a rewritten one does not (exit 1); a malformed anchor is a usage error', async () => {
    const lines = (await readFile(join(good.path, 'audit.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; hash: string });
    const anchor = `${lines[3]!.seq}:${lines[3]!.hash}`;
    const held = await runCli(['audit', 'verify', '--data-dir', good.path, '--anchor', anchor]);
    expect(held.code).toBe(0);
    expect(held.stdout).toContain(`日志延续抄录的链头 ${anchor}`);
    const forged = await runCli(['audit', 'verify', '--data-dir', good.path, '--anchor', `4:sha256:${'1'.repeat(64)}`]);
    expect(forged.code).toBe(1);
    expect(forged.stdout.trim()).toBe('审计日志在第 4 条记录处断裂：该序号的记录与抄录的链头哈希不符（日志被改写过）（共 6 条记录）');
    const beyond = await runCli(['audit', 'verify', '--data-dir', good.path, '--anchor', `9:${lines[3]!.hash}`, '--lang', 'en']);
    expect(beyond.stdout.trim()).toBe('Audit log broken at entry 9: the log is shorter than the anchored head (it was truncated) (6 entries)');
    const malformed = await runCli(['audit', 'verify', '--data-dir', good.path, '--anchor', '4:abc']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--anchor 应为');
  });

  it('verify names a user whose role was changed in db.json by hand: exit 1', async () => {
    const run = await runCli(['audit', 'verify', '--data-dir', edited.path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('审计日志的哈希链完整（6 条记录），但 db.json 中的用户与审计日志记录的用户操作不符：');
    expect(run.stdout).toContain('用户 li 的角色：审计记录为 official，db.json 中为 admin');
  });

  it('verify after a kill between the commit and the append: intact, with the pending entry explained (exit 0)', async () => {
    const run = await runCli(['audit', 'verify', '--data-dir', pending.path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('审计日志完整：5 条记录');
    expect(run.stdout).toContain('服务下次启动时补写。这不是断裂。');
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

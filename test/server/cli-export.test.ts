// `pingshen export`: a seeded data directory exported back gives rules/ byte for
// byte; a second run changes nothing; other statuses on request; errors as one line.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRuleFiles } from '../../server/rules/rule-files';
import { seedRules } from '../../server/seed-rules';
import { openStore } from '../../server/storage/index';
import { ROOT, runCli, STACK, tempDir } from './support/run-cli';

const RULES = join(ROOT, 'rules');
const AT = '2026-01-05T09:00:00.000Z';

let dir: Awaited<ReturnType<typeof tempDir>>;
let data: string;
beforeAll(async () => {
  dir = await tempDir();
  data = dir.file('data');
  const store = await openStore({ dataDir: data });
  await seedRules(store, RULES, AT);
  // A draft beside the published versions: not exported unless asked for.
  const v1 = await store.rulesets.content('teacher-deputy-senior', 1);
  await store.rulesets.saveDraft({ ruleset: { ...v1, title: { ...v1.title, zh: `${v1.title.zh}（修订稿）` } }, author: 'edu-official', note: '', basedOn: { id: v1.id, version: 1 }, at: AT });
  await store.close();
});
afterAll(() => dir.remove());

describe('export', () => {
  it('writes every published version as rules/ holds it, byte for byte; a second run writes nothing', async () => {
    const out = dir.file('out');
    const run = await runCli(['export', '--data', data, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const shipped = (await findRuleFiles(RULES)).map((f) => relative(RULES, f)).sort();
    const exported = (await findRuleFiles(out)).map((f) => relative(out, f)).sort();
    expect(exported).toEqual(shipped);
    for (const path of shipped) expect(await readFile(join(out, path), 'utf8'), path).toBe(await readFile(join(RULES, path), 'utf8'));
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('✓ health/health-deputy-senior/v1.json（published，已写入）');
    expect(lines.at(-1)).toBe(`${shipped.length} 个版本：写入 ${shipped.length} 个文件，0 个未变`);

    const again = await runCli(['export', '--data', data, '--out', out, '--lang', 'en']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('= health/health-deputy-senior/v1.json (unchanged)');
    expect(again.stdout.trim().split('\n').at(-1)).toBe(`${shipped.length} versions: 0 files written, ${shipped.length} unchanged`);
  });

  it('--status draft exports the drafts only; a list of statuses exports each', async () => {
    const drafts = await runCli(['export', '--data', data, '--out', dir.file('drafts'), '--status', 'draft']);
    expect(drafts.code).toBe(0);
    expect(await findRuleFiles(dir.file('drafts'))).toEqual([join(dir.file('drafts'), 'education/teacher-deputy-senior/v2.json')]);
    const draft = JSON.parse(await readFile(join(dir.file('drafts'), 'education/teacher-deputy-senior/v2.json'), 'utf8')) as Record<string, unknown>;
    expect(draft).toMatchObject({ version: 2, status: 'draft', $schema: '../../../engine/schema/ruleset.schema.json' });
    expect(draft).not.toHaveProperty('effectiveFrom');
    const all = await runCli(['export', '--data-dir', data, '--out', dir.file('all'), '--status', 'published,draft']);
    const count = (await findRuleFiles(RULES)).length + 1;
    expect(all.stdout.trim().split('\n').at(-1)).toBe(`${count} 个版本：写入 ${count} 个文件，0 个未变`);
  });

  it('wrong usage exits 2, a directory without data exits 1; one line, no stack', async () => {
    const noOut = await runCli(['export', '--data', data]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('缺少 --out');
    const badStatus = await runCli(['export', '--data', data, '--out', dir.file('x'), '--status', 'final', '--lang', 'en']);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('--status must be');
    const empty = await runCli(['export', '--data', dir.file('nothing-here'), '--out', dir.file('x')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('找不到 db.json');
    for (const run of [noOut, badStatus, empty]) expect(run.stderr).not.toMatch(STACK);
  });

  it('is listed in the help', async () => {
    const help = await runCli(['--help', '--lang', 'en']);
    expect(help.stdout).toContain('export --data <dir> --out <dir>');
    const own = await runCli(['export', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('pingshen export --data');
  });
});

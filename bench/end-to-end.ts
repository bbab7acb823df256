// End-to-end: write N generated applicants to a csv (Chinese headers, as officials'
// files have them), then time the real CLI reading, evaluating and writing them.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify';
import type { ResolvedRuleset } from '../engine/types';
import { applicantGenerator } from '../test/support/random-applicants';

export async function writeCsv(path: string, resolved: ResolvedRuleset, count: number, asOf: string): Promise<void> {
  const facts = resolved.facts;
  const generate = applicantGenerator(resolved, { asOf, seed: 100_000, missingRate: 0 });
  const out = createWriteStream(path);
  const csv = stringify({ header: true, columns: facts.map((f) => ({ key: f.id, header: f.label.zh })) });
  csv.pipe(out);
  for (let i = 0; i < count; i++) {
    const a = generate(i);
    const row: Record<string, string> = {};
    for (const f of facts) {
      const v = a[f.id];
      // The officials' conventions: a set joins its values with 、, a list of records is JSON.
      if (v === undefined || v === null) row[f.id] = '';
      else if (f.type === 'set') {
        // An empty cell reads as "not given"; a required set needs at least one value in a csv.
        const values = v as string[];
        row[f.id] = (values.length === 0 && f.required ? [f.options![0]!.value] : values).join('、');
      }
      else row[f.id] = typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    row.id = `A${String(i + 1).padStart(6, '0')}`;
    if (!csv.write(row)) await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
  }
  csv.end();
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
}

export async function endToEnd(rulesetFile: string, resolved: ResolvedRuleset, count: number, asOf: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pingshen-bench-'));
  try {
    const input = join(dir, 'applicants.csv');
    const output = join(dir, 'results.csv');
    await writeCsv(input, resolved, count, asOf);
    const start = process.hrtime.bigint();
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', 'evaluate', '--ruleset', rulesetFile, '--applicants', input, '--out', output, '--as-of', asOf],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`CLI failed (${run.status}): ${run.stderr.slice(0, 2000)}`);
    return { count, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

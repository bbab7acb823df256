// The same person has the same inputHash whichever format the file is in: every
// shipped sample population is read as .json, as .xlsx and (where shipped) as .csv,
// through the readers the CLI and the server use, and every hash is compared. The
// CSV is also run through the chunked one-pass road (workers' unit of work).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset, evaluate, type CompiledRuleset, type EvaluationResult } from '../../engine/index';
import { evaluateFile } from '../../server/io/evaluate-file';
import { readApplicants } from '../../server/io/read-applicants';
import { openRuleset } from '../../server/rules/open-ruleset';
import { findRuleFiles } from '../../server/rules/rule-files';
import { ROOT, tempDir } from './support/run-cli';

const SAMPLES = join(ROOT, 'rules/samples');
const AS_OF = '2024-09-30';

let dir: Awaited<ReturnType<typeof tempDir>>;
const compiledById = new Map<string, CompiledRuleset>();
beforeAll(async () => {
  dir = await tempDir();
  for (const file of await findRuleFiles(join(ROOT, 'rules'))) {
    const opened = await openRuleset(file);
    compiledById.set(opened.ruleset.id, compileRuleset(opened.resolved));
  }
});
afterAll(() => dir.remove());

/** inputHash by applicant id, for every row of the file (a row the reader refuses fails the test). */
async function hashes(file: string, compiled: CompiledRuleset): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const row of readApplicants(file, compiled)) {
    expect(row.issues.filter((i) => i.severity === 'error'), `${file} row ${row.row}`).toEqual([]);
    const result = evaluate(compiled, row.record!, { asOf: AS_OF, trace: 'none' });
    out.set(result.applicantId!, result.inputHash);
  }
  return out;
}

const populations = readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));

describe('inputHash does not depend on the file format', () => {
  it('covers every shipped population', () => {
    expect(populations.length).toBeGreaterThanOrEqual(14);
    for (const id of populations) expect(readdirSync(SAMPLES)).toContain(`${id}.xlsx`);
  });

  it.each(populations)('%s: .json, .xlsx and .csv give the same hash for every applicant', async (id) => {
    const compiled = compiledById.get(id)!;
    expect(compiled, `a ruleset for ${id}`).toBeDefined();
    const fromJson = await hashes(join(SAMPLES, `${id}.json`), compiled);
    expect(fromJson.size).toBe(200);
    const others = ['xlsx', 'csv'].filter((ext) => readdirSync(SAMPLES).includes(`${id}.${ext}`));
    for (const ext of others) {
      const fromOther = await hashes(join(SAMPLES, `${id}.${ext}`), compiled);
      const differing = [...fromJson].filter(([applicant, hash]) => fromOther.get(applicant) !== hash).map(([applicant]) => applicant);
      expect(differing, `${id}.${ext} vs ${id}.json`).toEqual([]);
      expect(fromOther.size).toBe(fromJson.size);
    }
  });

  it('a .csv evaluated chunk by chunk (the one-pass road) hashes as the .json does', async () => {
    const id = 'health-deputy-senior';
    const compiled = compiledById.get(id)!;
    const fromJson = await hashes(join(SAMPLES, `${id}.json`), compiled);
    const out = dir.file('chunked.json');
    await evaluateFile({ compiled, applicants: join(SAMPLES, `${id}.csv`), out, asOf: AS_OF, trace: 'none', workers: 0, log: () => {} });
    const results = JSON.parse(readFileSync(out, 'utf8')) as EvaluationResult[];
    expect(results).toHaveLength(200);
    for (const r of results) expect(r.inputHash, r.applicantId!).toBe(fromJson.get(r.applicantId!));
  });
});

describe('.xlsx text is read whole', () => {
  // exceljs decodes each 16 KiB chunk on its own; a character split between two chunks came out as "��".
  it('keeps every Chinese character of a long sheet, wherever the chunks split it', async () => {
    const compiled = compiledById.get('health-deputy-senior')!;
    const facts = compiled.ruleset.facts;
    const source = JSON.parse(readFileSync(join(SAMPLES, 'health-deputy-senior.json'), 'utf8')) as Array<Record<string, unknown>>;
    const scalar = facts.filter((f) => f.type !== 'array' && f.type !== 'set' && f.type !== 'record');
    const text = facts.find((f) => f.type === 'string' && f.id !== 'id')!;
    expect(text, 'a text fact to fill').toBeDefined();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('申报人');
    sheet.addRow(scalar.map((f) => f.label.zh));
    // 600 distinct long Chinese texts: some 3-byte character is bound to straddle a 16 KiB boundary.
    const long = (i: number) => `巴音郭楞蒙古自治州第${'一二三四五六七八九十'[i % 10]}人民医院心血管内科病区${i}号`;
    for (let i = 0; i < 600; i++) {
      const base = source[i % source.length]!;
      sheet.addRow(scalar.map((f) => (f.id === 'id' ? `X${i}` : f.id === text.id ? long(i) : (base[f.id] as ExcelJS.CellValue) ?? null)));
    }
    const file = dir.file('long.xlsx');
    await workbook.xlsx.writeFile(file);
    const read: string[] = [];
    for await (const row of readApplicants(file, compiled)) read.push(String(row.record?.[text.id] ?? ''));
    expect(read).toEqual(Array.from({ length: 600 }, (_, i) => long(i)));
  });
});

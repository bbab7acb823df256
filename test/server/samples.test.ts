// The sample generator and the samples committed under rules/samples: deterministic,
// valid against their rulesets, realistic in their outcomes, and in the file layout
// the applicant readers expect.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evaluate, type Applicant } from '../../engine/index';
import { CSV_SAMPLES, NAMED_DIR, SAMPLE_COUNT, SAMPLE_SEED, SAMPLES_DIR, seriesRulesets } from '../../server/samples/committed';
import { ERRORS_DIR } from '../../server/samples/errors';
import { DEFAULT_AS_OF, generatePopulation } from '../../server/samples/generate';
import { NAMED_SERIES, type NamedApplicant } from '../../server/samples/named';
import { Rng } from '../../server/samples/prng';
import { ID_HEADER, MAIN_SHEET, listFacts, mainColumns } from '../../server/samples/tabular';
import { applicantsJson, applicantsXlsx } from '../../server/samples/write-files';

const ROOT = join(import.meta.dirname, '../..');
const rulesets = seriesRulesets(ROOT);
const byId = new Map(rulesets.map((p) => [p.resolved.id, p]));
const teacher = byId.get('teacher-deputy-senior')!;

const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const committed = (id: string): Applicant[] => JSON.parse(read(`${SAMPLES_DIR}/${id}.json`)) as Applicant[];
const share = (p: (typeof rulesets)[number], applicants: Applicant[], key: 'eligible' | 'passed') =>
  applicants.filter((a) => evaluate(p.compiled, a, { asOf: DEFAULT_AS_OF, trace: 'none' })[key]).length / applicants.length;

describe('the seeded random source', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(seed)));
    expect(draw(2024)).toEqual(draw(2024));
    expect(draw(2024)).not.toEqual(draw(2025));
  });
});

describe('generatePopulation', () => {
  it('gives the same bytes for the same seed and different applicants for another seed', () => {
    const a = applicantsJson(generatePopulation(teacher, { seed: 11, count: 40 }));
    const b = applicantsJson(generatePopulation(teacher, { seed: 11, count: 40 }));
    const c = applicantsJson(generatePopulation(teacher, { seed: 12, count: 40 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it.each(rulesets.map((p) => [p.resolved.id, p] as const))('draws only records the catalogue accepts: %s', (_id, p) => {
    const applicants = generatePopulation(p, { seed: 99, count: 25 });
    expect(applicants).toHaveLength(25);
    for (const a of applicants) expect(p.compiled.validateApplicant(a)).toEqual([]);
  });

  it('keeps the eligible share of a fresh population in a realistic band', () => {
    const p = byId.get('water-deputy-senior') ?? teacher;
    const applicants = generatePopulation(p, { seed: 31, count: 200 });
    const eligible = share(p, applicants, 'eligible');
    expect(eligible).toBeGreaterThanOrEqual(0.5);
    expect(eligible).toBeLessThanOrEqual(0.8);
  });

  it('reproduces the committed sample from its seed', () => {
    const again = applicantsJson(generatePopulation(teacher, { seed: SAMPLE_SEED, count: SAMPLE_COUNT }));
    expect(again === read(`${SAMPLES_DIR}/${teacher.resolved.id}.json`), 'stale samples: run npm run samples -- --all').toBe(true);
  });

  it('mixes township, county and prefecture staff and names people as Bayingolin rosters do', () => {
    const applicants = committed(teacher.resolved.id);
    const count = (level: string) => applicants.filter((a) => a.postLevel === level).length / applicants.length;
    expect(count('township')).toBeGreaterThan(0.25);
    expect(count('county')).toBeGreaterThan(0.3);
    expect(count('prefecture')).toBeGreaterThan(0.05);
    expect(applicants.some((a) => String(a.name).includes('·'))).toBe(true);
    expect(new Set(applicants.map((a) => a.county)).size).toBeGreaterThanOrEqual(8);
  });
});

describe('committed samples', () => {
  it('exist for every series ruleset', () => {
    for (const p of rulesets) {
      expect(existsSync(join(ROOT, `${SAMPLES_DIR}/${p.resolved.id}.json`)), p.resolved.id).toBe(true);
      expect(existsSync(join(ROOT, `${SAMPLES_DIR}/${p.resolved.id}.xlsx`)), p.resolved.id).toBe(true);
    }
  });

  it.each(rulesets.map((p) => [p.resolved.id, p] as const))('%s: valid, evaluated without errors, outcomes varied', (id, p) => {
    const applicants = committed(id);
    expect(applicants.length).toBe(SAMPLE_COUNT);
    expect(new Set(applicants.map((a) => a.id)).size).toBe(applicants.length);
    const results = applicants.map((a) => evaluate(p.compiled, a, { asOf: DEFAULT_AS_OF, trace: 'none' }));
    const eligible = results.filter((r) => r.eligible).length / results.length;
    const passed = results.filter((r) => r.passed).length / results.length;
    expect(eligible).toBeGreaterThanOrEqual(0.5);
    expect(eligible).toBeLessThanOrEqual(0.8);
    expect(passed).toBeGreaterThan(0.1);
    expect(results.some((r) => r.vetoed)).toBe(true);
  });

  it.each(rulesets.map((p) => [p.resolved.id, p] as const))('%s.xlsx: applicant sheet and one sheet per list, headed by Chinese labels', async (id, p) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(ROOT, `${SAMPLES_DIR}/${id}.xlsx`));
    const lists = listFacts(p.resolved.facts);
    expect(wb.worksheets.map((w) => w.name)).toEqual([MAIN_SHEET, ...lists.map((f) => f.label.zh)]);
    const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
    const main = wb.worksheets[0]!;
    expect(header(main)).toEqual(mainColumns(p.resolved.facts).map((f) => f.label.zh));
    expect(main.rowCount).toBe(SAMPLE_COUNT + 1);
    lists.forEach((list, i) => expect(header(wb.worksheets[i + 1]!)).toEqual([ID_HEADER, ...(list.fields ?? []).map((f) => f.label.zh)]));
    // Dates are real dates, booleans 是/否, options their Chinese label.
    const row = main.getRow(2).values as unknown[];
    const col = (factId: string) => mainColumns(p.resolved.facts).findIndex((f) => f.id === factId) + 1;
    expect(row[col('currentTitleDate')]).toBeInstanceOf(Date);
    expect(['是', '否']).toContain(row[col('generalTitleAppliedThisYear')]);
    expect(p.resolved.facts.find((f) => f.id === 'degree')!.options!.map((o) => o.label.zh)).toContain(row[col('degree')]);
  });

  it('writes the same workbook bytes twice', async () => {
    const applicants = generatePopulation(teacher, { seed: 5, count: 10 });
    const a = await applicantsXlsx(teacher.resolved.facts, applicants);
    const b = await applicantsXlsx(teacher.resolved.facts, applicants);
    expect(a.equals(b)).toBe(true);
  });

  it.each([...CSV_SAMPLES].filter((id) => byId.has(id)))('%s.csv: the same headers, lists as JSON', (id) => {
    const text = read(`${SAMPLES_DIR}/${id}.csv`).replace(/^\uFEFF/, '');
    const [header] = text.split('\r\n');
    expect(header!.split(',')).toEqual(byId.get(id)!.resolved.facts.map((f) => f.label.zh));
    expect(text).toContain('"[{""year"":');
  });
});

describe('named applicants', () => {
  const named = NAMED_SERIES.filter((s) => existsSync(join(ROOT, `${NAMED_DIR}/${s}.json`))).flatMap((s) =>
    (JSON.parse(read(`${NAMED_DIR}/${s}.json`)) as NamedApplicant[]).map((n) => [s, n] as const),
  );

  it('are there for every series, six deputy and four full senior', () => {
    for (const series of new Set(rulesets.map((p) => p.resolved.series!))) {
      const mine = named.filter(([s]) => s === series).map(([, n]) => n);
      expect(mine.length, series).toBe(10);
      expect(mine.filter((n) => n.rulesetId.endsWith('deputy-senior')).length, series).toBe(6);
    }
  });

  it.each(named.map(([s, n]) => [`${s}: ${n.applicant.name as string}`, n] as const))('%s: the expected outcome is what the engine computes', (_label, n) => {
    const p = byId.get(n.rulesetId)!;
    expect(p.compiled.validateApplicant(n.applicant)).toEqual([]);
    const r = evaluate(p.compiled, n.applicant, { asOf: n.asOf, trace: 'none' });
    expect({ eligible: r.eligible, vetoed: r.vetoed, passed: r.passed, score: r.score }).toEqual(n.expect);
    expect(n.note.zh.length).toBeGreaterThan(10);
  });
});

describe('error demo files', () => {
  it('are listed in their README', () => {
    const readme = read(`${ERRORS_DIR}/README.md`);
    for (const f of ['gbk-text-in-number.csv', 'xlsx-bad-option-and-date.xlsx', 'missing-required-column.csv', 'empty.csv', 'malformed.json']) {
      expect(existsSync(join(ROOT, ERRORS_DIR, f)), f).toBe(true);
      expect(readme).toContain(f);
    }
  });

  it('are what they claim to be', () => {
    const gbk = readFileSync(join(ROOT, ERRORS_DIR, 'gbk-text-in-number.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(readFileSync(join(ROOT, ERRORS_DIR, 'empty.csv')).length).toBe(0);
    expect(() => JSON.parse(read(`${ERRORS_DIR}/malformed.json`))).toThrow();
  });
});

// The canonical applicant record: one way to write "not provided", so a person read
// from JSON and from a spreadsheet is one record. And the form changes no outcome:
// every shipped sample, named applicant and embedded case evaluates to the same result
// (apart from inputHash) as given and in canonical form, with both evaluators.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalApplicant, canonicalJson, compileRuleset, evaluate, inputHash, type Applicant, type FactDef } from '../../engine/index';
import { evaluateReference } from '../../engine/reference';
import { openRuleset } from '../../server/rules/open-ruleset';
import { findRuleFiles } from '../../server/rules/rule-files';

const ROOT = join(import.meta.dirname, '../..');

const label = (zh: string) => ({ zh });
const FACTS: FactDef[] = [
  { id: 'id', label: label('编号'), type: 'string', required: true },
  { id: 'name', label: label('姓名'), type: 'string', required: true },
  { id: 'years', label: label('年限'), type: 'integer', required: true },
  { id: 'note', label: label('备注'), type: 'string' },
  { id: 'score', label: label('得分'), type: 'number' },
  { id: 'flag', label: label('标记'), type: 'boolean' },
  { id: 'level', label: label('层级'), type: 'enum', options: [{ value: 'a', label: label('甲') }, { value: 'b', label: label('乙') }] },
  { id: 'skills', label: label('技能'), type: 'set', options: ['x', 'y', 'z'].map((v) => ({ value: v, label: label(v) })) },
  { id: 'tags', label: label('标签'), type: 'set', required: true, options: ['p', 'q'].map((v) => ({ value: v, label: label(v) })) },
  {
    id: 'papers',
    label: label('论文'),
    type: 'array',
    fields: [
      { id: 'title', label: label('题目'), type: 'string', required: true },
      { id: 'journal', label: label('期刊'), type: 'string' },
      { id: 'coauthors', label: label('合作者'), type: 'set', options: ['m', 'n'].map((v) => ({ value: v, label: label(v) })) },
    ],
  },
  { id: 'required', label: label('必填列表'), type: 'array', required: true, fields: [{ id: 'k', label: label('k'), type: 'string' }] },
  { id: 'office', label: label('单位'), type: 'record', fields: [{ id: 'city', label: label('城市'), type: 'string' }] },
];

describe('canonicalApplicant', () => {
  it('writes an optional list left out, or null, as []', () => {
    expect(canonicalApplicant({ id: 'A' }, FACTS)).toEqual({ id: 'A', skills: [], papers: [] });
    expect(canonicalApplicant({ id: 'A', skills: null, papers: null }, FACTS)).toEqual({ id: 'A', skills: [], papers: [] });
  });

  it('leaves out an optional value that is null or blank text, as a blank cell is', () => {
    const c = canonicalApplicant({ id: 'A', note: '  ', score: null, flag: null, level: null, office: null, skills: [], papers: [] }, FACTS);
    expect(c).toEqual({ id: 'A', skills: [], papers: [] });
    // false, 0 and non-blank text are values, not blanks
    expect(canonicalApplicant({ id: 'A', note: ' x ', score: 0, flag: false, skills: [], papers: [] }, FACTS)).toEqual({ id: 'A', note: ' x ', score: 0, flag: false, skills: [], papers: [] });
  });

  it('keeps required facts as given, so validation still refuses what is missing', () => {
    const c = canonicalApplicant({ name: null, years: '', skills: [], papers: [] }, FACTS);
    expect(c).toEqual({ name: null, years: '', skills: [], papers: [] });
    expect('required' in c).toBe(false);
    expect('tags' in c).toBe(false);
  });

  it('puts set values in the catalogue order, and leaves a set with an unknown value as written', () => {
    expect(canonicalApplicant({ skills: ['z', 'x'], tags: ['q', 'p'], papers: [] }, FACTS)).toEqual({ skills: ['x', 'z'], tags: ['p', 'q'], papers: [] });
    expect(canonicalApplicant({ skills: ['z', 'w', 'x'], papers: [] }, FACTS).skills).toEqual(['z', 'w', 'x']);
  });

  it('applies the same rules to the fields of a record and of each record in a list', () => {
    const c = canonicalApplicant(
      { skills: [], papers: [{ title: 'T', journal: null, coauthors: ['n', 'm'] }, { title: 'U', journal: '' }, 'not a record'], office: { city: null } },
      FACTS,
    );
    expect(c).toEqual({ skills: [], papers: [{ title: 'T', coauthors: ['m', 'n'] }, { title: 'U', coauthors: [] }, 'not a record'], office: {} });
  });

  it('gives back the record itself when it is canonical already, and never changes what it is given', () => {
    const canonical = { id: 'A', skills: ['x'], papers: [{ title: 'T', coauthors: [] }] };
    expect(canonicalApplicant(canonical, FACTS)).toBe(canonical);
    const given = { id: 'A', note: null, papers: [{ title: 'T', journal: null }] };
    const before = JSON.stringify(given);
    canonicalApplicant(given, FACTS);
    expect(JSON.stringify(given)).toBe(before);
  });

  it('keeps fields the catalogue does not declare as given', () => {
    expect(canonicalApplicant({ extra: null, other: [], skills: [], papers: [] }, FACTS)).toEqual({ extra: null, other: [], skills: [], papers: [] });
  });

  it('makes the JSON and the spreadsheet forms of one person hash alike', () => {
    const json: Applicant = { id: 'A', name: '张三', note: null, skills: ['y', 'x'] };
    const sheet: Applicant = { id: 'A', name: '张三', skills: ['x', 'y'], papers: [] };
    expect(inputHash(json)).not.toBe(inputHash(sheet));
    expect(inputHash(canonicalApplicant(json, FACTS))).toBe(inputHash(canonicalApplicant(sheet, FACTS)));
  });
});

describe('the canonical form changes no outcome on the shipped rulesets', () => {
  it('every sample, named applicant and embedded case: the same result, with both evaluators', async () => {
    const named = readdirSync(join(ROOT, 'rules/samples/named')).flatMap(
      (f) => JSON.parse(readFileSync(join(ROOT, 'rules/samples/named', f), 'utf8')) as Array<{ rulesetId: string; asOf: string; applicant: Applicant }>,
    );
    let changed = 0;
    for (const file of await findRuleFiles(join(ROOT, 'rules'))) {
      const { resolved } = await openRuleset(file);
      const compiled = compileRuleset(resolved);
      const cases: Array<{ applicant: Applicant; asOf: string }> = [
        ...named.filter((n) => n.rulesetId === resolved.id),
        ...(resolved.tests ?? []).map((t) => ({ applicant: t.applicant, asOf: t.asOf })),
      ];
      const samples = join(ROOT, 'rules/samples', `${resolved.id}.json`);
      try {
        for (const applicant of JSON.parse(readFileSync(samples, 'utf8')) as Applicant[]) cases.push({ applicant, asOf: '2024-09-30' });
      } catch {
        // no sample population for this ruleset (the shared parts)
      }
      for (const { applicant, asOf } of cases) {
        const canonical = canonicalApplicant(applicant, resolved.facts);
        if (canonical === applicant) continue;
        changed++;
        const outcome = (a: Applicant) => {
          try {
            return canonicalJson({ ...evaluate(compiled, a, { asOf }), inputHash: undefined });
          } catch (err) {
            return String(err);
          }
        };
        expect(outcome(canonical), `${resolved.id} ${String(applicant.id)}`).toBe(outcome(applicant));
        const reference = await evaluateReference(resolved, canonical, { asOf });
        expect(canonicalJson({ ...reference, engine: undefined }), `${resolved.id} ${String(applicant.id)} (reference)`).toBe(
          canonicalJson({ ...evaluate(compiled, canonical, { asOf }), engine: undefined }),
        );
      }
    }
    // Hundreds of shipped applicants leave an optional list out: the check is not empty.
    expect(changed).toBeGreaterThan(300);
  });
});

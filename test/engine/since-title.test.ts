// "任现职以来…" counts in the shipped rulesets: a record counts from the day the current title
// was obtained (that day included) up to the evaluation date (that day included). Issue 11 §1:
// a record up to a month before the title used to count (a backward span was truncated to 0),
// and so did one dated after the evaluation date. Repro on the named sample applicants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/evaluate';
import type { Applicant } from '../../engine/types';
import { ROOT, shippedRulesets } from '../support/rulesets';

interface Named {
  rulesetId: string;
  asOf: string;
  applicant: Applicant & { id: string; papers?: unknown[] };
}

const named = (series: string, id: string): Named => {
  const list = JSON.parse(readFileSync(join(ROOT, 'rules/samples/named', `${series}.json`), 'utf8')) as Named[];
  const found = list.find((n) => n.applicant.id === id);
  if (!found) throw new Error(`no named applicant ${id}`);
  return found;
};

const rulesets = shippedRulesets();
const resolved = (id: string) => {
  const found = rulesets.find((s) => s.ruleset.id === id);
  if (!found) throw new Error(`no shipped ruleset ${id}`);
  return found.resolved;
};

describe('teacher deputy senior JS-F-N01 (title 2016-08-19, 71.9 points) as of 2024-09-30', () => {
  const n = named('teacher', 'JS-F-N01');
  const run = (date: string) =>
    evaluate(resolved(n.rulesetId), { ...n.applicant, papers: [...(n.applicant.papers ?? []), { title: 'x', date, level: 'core' }] }, { asOf: n.asOf });

  it('the sample as shipped', () => {
    expect(n.applicant.currentTitleDate).toBe('2016-08-19');
    expect(evaluate(resolved(n.rulesetId), n.applicant, { asOf: n.asOf }).score).toBe(71.9);
  });

  it('a core paper dated the day before the title does not count: still 71.9', () => {
    const r = run('2016-08-18');
    expect(r.derived.corePapers).toBe(0);
    expect(r.score).toBe(71.9);
  });

  it('the same paper on the title date counts: 74.9', () => {
    expect(run('2016-08-19').score).toBe(74.9);
  });

  it('a paper dated after the evaluation date does not count', () => {
    expect(run('2024-10-01').score).toBe(71.9);
    expect(run('2024-09-30').score).toBe(74.9);
  });
});

describe('health deputy senior WS-F-N01 (title 2016-06-10, passes with 63.9) as of 2024-09-30', () => {
  const n = named('health', 'WS-F-N01');
  const run = (date: string) =>
    evaluate(resolved(n.rulesetId), { ...n.applicant, medicalAccidents: [{ date, grade: 'third', responsibility: 'primary' }] }, { asOf: n.asOf });

  it('the sample as shipped', () => {
    expect(n.applicant.currentTitleDate).toBe('2016-06-10');
    const r = evaluate(resolved(n.rulesetId), n.applicant, { asOf: n.asOf });
    expect([r.passed, r.score]).toEqual([true, 63.9]);
  });

  it('a primary-responsibility accident three weeks before the title is not a veto', () => {
    const r = run('2016-05-20');
    expect(r.vetoed).toBe(false);
    expect(r.passed).toBe(true);
    expect(r.score).toBe(63.9);
  });

  it('on the title date it is; after the evaluation date it is not', () => {
    expect(run('2016-06-10').vetoed).toBe(true);
    expect(run('2024-09-30').vetoed).toBe(true);
    expect(run('2024-10-01').vetoed).toBe(false);
  });
});

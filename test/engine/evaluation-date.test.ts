// The evaluation date (asOf) is an input, never the clock: the same applicant can be
// ineligible one day and eligible the next, and a sanction can run out in between.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/evaluate';
import type { Applicant } from '../../engine/types';
import { mini } from '../support/rulesets';

const applicant: Applicant = {
  id: 'A7',
  degree: 'master',
  titleDate: '2019-09-01',
  postLevel: 'county',
  grassrootsYears: 8,
  papers: [{ year: 2021, core: true }],
  disciplines: [{ kind: 'warning', date: '2024-03-15' }],
};

describe('same applicant, different evaluation dates', () => {
  it.each([
    ['2024-08-31', 4, false, 1, true],
    ['2024-09-01', 5, true, 1, true],
    ['2024-09-14', 5, true, 1, true],
    ['2024-09-15', 5, true, 0, false],
  ])('as of %s: %i years in title, eligible %s; %i sanction(s) in effect, vetoed %s', (asOf, years, eligible, active, vetoed) => {
    const r = evaluate(mini(), applicant, { asOf });
    expect(r.asOf).toBe(asOf);
    expect(r.derived).toMatchObject({ yearsInTitle: years, activeDisciplines: active });
    expect(r.eligible).toBe(eligible);
    expect(r.vetoed).toBe(vetoed);
    expect(r.passed).toBe(eligible && !vetoed && r.score >= 20);
  });

  it('the day before, the hint says how many years are missing; the day after, there is none', () => {
    const before = evaluate(mini(), applicant, { asOf: '2024-08-31' });
    const after = evaluate(mini(), applicant, { asOf: '2024-09-01' });
    expect(before.hints.map((h) => h.message)).toEqual(['任现职年限 4 年，需 ≥ 5 年，还差 1 年']);
    expect(after.hints).toEqual([]);
  });

  it('the input hash names the applicant record, not the date', () => {
    const a = evaluate(mini(), applicant, { asOf: '2024-08-31' });
    const b = evaluate(mini(), applicant, { asOf: '2024-09-15' });
    expect(a.inputHash).toBe(b.inputHash);
    expect(a.ruleset).toEqual(b.ruleset);
  });
});

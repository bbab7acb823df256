// Rulesets test themselves: each carries applicants with expected outcomes, and a
// failed expectation is reported in a line a rules author can act on.
import { describe, expect, it } from 'vitest';
import { runEmbeddedTests } from '../../engine/run-tests';
import type { Applicant, Ruleset, TestCase } from '../../engine/types';
import { validateRuleset } from '../../engine/validate';
import { mini } from '../support/rulesets';

const ASOF = '2024-09-30';
const township: Applicant = {
  id: 'T1',
  degree: 'master',
  titleDate: '2018-06-01',
  postLevel: 'township',
  grassrootsYears: 12,
  papers: [
    { year: 2021, core: true },
    { year: 2022, core: true },
  ],
  disciplines: [],
};

function withCases(...tests: TestCase[]): Ruleset {
  return { ...mini(), tests };
}

const passing: TestCase = {
  id: 'township-master',
  title: { zh: '乡镇硕士，任职 6 年，两篇核心论文' },
  asOf: ASOF,
  applicant: township,
  expect: {
    eligible: true,
    vetoed: false,
    passed: true,
    score: 29,
    criteria: { degreeYears: true },
    vetoes: { discipline: false },
    items: { degreePoints: 12, corePaperPoints: 8, anyPaper: 5, township: 4 },
    categories: { education: 12, papers: 13, grassroots: 4 },
  },
};

describe('runEmbeddedTests', () => {
  it('a case whose every expectation holds passes', () => {
    const r = withCases(passing);
    expect(validateRuleset(r)).toEqual([]);
    expect(runEmbeddedTests(r)).toEqual([{ id: 'township-master', title: '乡镇硕士，任职 6 年，两篇核心论文', passed: true, failures: [] }]);
  });

  it('a hint expectation passes when the hint is there', () => {
    const r = withCases({
      id: 'too-early',
      title: { zh: '任职 4 年' },
      asOf: ASOF,
      applicant: { ...township, titleDate: '2020-06-01' },
      expect: { eligible: false, criteria: { degreeYears: false }, hintFacts: ['yearsInTitle'] },
    });
    expect(runEmbeddedTests(r)[0]).toMatchObject({ passed: true, failures: [] });
  });

  it('a deliberately wrong expectation fails with a readable line per expectation', () => {
    const wrong: TestCase = {
      ...passing,
      id: 'wrong',
      title: { zh: '故意写错的期望' },
      expect: {
        eligible: false,
        score: 30,
        criteria: { degreeYears: false },
        vetoes: { discipline: true },
        items: { corePaperPoints: 12 },
        categories: { papers: 15 },
        hintFacts: ['grassrootsYears'],
      },
    };
    const [result] = runEmbeddedTests(withCases(passing, wrong)).slice(1);
    expect(result).toEqual({
      id: 'wrong',
      title: '故意写错的期望',
      passed: false,
      failures: [
        'eligible: expected false, got true',
        'score: expected 30, got 29',
        'criteria.degreeYears: expected false, got true',
        'vetoes.discipline: expected true, got false',
        'items.corePaperPoints: expected 12, got 8',
        'categories.papers: expected 15, got 13',
        'hints: expected a hint on grassrootsYears, got []',
      ],
    });
  });

  it('an expectation about an id the ruleset does not have fails rather than passing silently', () => {
    const r = withCases({ ...passing, expect: { criteria: { degreeYear: true }, items: { bonus: 2 } } });
    expect(runEmbeddedTests(r)[0]!.failures).toEqual(['criteria.degreeYear: expected true, got undefined', 'items.bonus: expected 2, got undefined']);
  });

  it('a case whose applicant does not fit the facts catalogue fails with the validation message', () => {
    const r = withCases({ ...passing, applicant: { ...township, degree: 'phd' } });
    const [result] = runEmbeddedTests(r);
    expect(result!.passed).toBe(false);
    expect(result!.failures).toEqual([
      'APPLICANT_INVALID: /degree 「最高学历」的值 "phd" 不在可选范围内：博士研究生(doctorate)、硕士研究生(master)、大学本科(bachelor)、大专(college)',
    ]);
  });

  it('each case runs on its own evaluation date', () => {
    const early = { ...passing, id: 'early', asOf: '2023-05-31', expect: { eligible: false } };
    const late = { ...passing, id: 'late', asOf: '2023-06-01', expect: { eligible: true } };
    expect(runEmbeddedTests(withCases(early, late)).map((t) => [t.id, t.passed])).toEqual([
      ['early', true],
      ['late', true],
    ]);
  });

  it('a ruleset without cases has nothing to run', () => {
    expect(runEmbeddedTests(mini())).toEqual([]);
  });
});

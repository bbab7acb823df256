// An applicant who does not qualify is told what value would: "任现职年限 4 年，需 ≥ 5 年，
// 还差 1 年". Among alternatives the cheapest is shown; conditions that are not a number
// to reach get no hint; a total below the pass mark gets one.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/evaluate';
import type { Applicant, Condition } from '../../engine/types';
import { criterion, enumFact, fact, leaf, ruleset } from '../support/build';
import { mini } from '../support/rulesets';

const ASOF = '2024-09-30';
const base: Applicant = { id: 'A', degree: 'master', titleDate: '2020-06-01', postLevel: 'county', grassrootsYears: 3, papers: [], disciplines: [] };

function oneCriterion(conditions: Condition) {
  return ruleset({
    facts: [
      fact('papers', 'integer', { label: { zh: '论文数' }, unit: { zh: '篇' } }),
      fact('years', 'integer', { label: { zh: '任职年限' }, unit: { zh: '年' } }),
      fact('age', 'integer', { label: { zh: '年龄' }, unit: { zh: '岁' } }),
      fact('hours', 'number', { label: { zh: '继续教育学时' }, unit: { zh: '学时' } }),
      enumFact('degree', ['doctorate', 'master', 'college'], { label: { zh: '学历' } }),
    ],
    criteria: [criterion('c', conditions)],
  });
}
const hintsFor = (conditions: Condition, applicant: Applicant) => evaluate(oneCriterion(conditions), applicant, { asOf: ASOF }).hints;

describe('numeric thresholds', () => {
  it('years in title: 4 years, needs ≥ 5, short by 1', () => {
    const r = evaluate(mini(), base, { asOf: ASOF });
    expect(r.eligible).toBe(false);
    expect(r.hints.filter((h) => h.criterionId === 'degreeYears')).toEqual([
      {
        criterionId: 'degreeYears',
        fact: 'yearsInTitle',
        label: '任现职年限',
        value: 4,
        operator: 'greaterThanInclusive',
        threshold: 5,
        required: 5,
        gap: 1,
        message: '任现职年限 4 年，需 ≥ 5 年，还差 1 年',
      },
    ]);
  });

  it.each<[string, Condition, Applicant, string, number]>([
    ['≥', leaf('years', 'greaterThanInclusive', 5), { years: 2 }, '任职年限 2 年，需 ≥ 5 年，还差 3 年', 5],
    ['> on an integer needs the next whole number', leaf('years', 'greaterThan', 5), { years: 5 }, '任职年限 5 年，需 > 5 年，还差 1 年', 6],
    ['≤ says how much over', leaf('age', 'lessThanInclusive', 55), { age: 57 }, '年龄 57 岁，需 ≤ 55 岁，超出 2 岁', 55],
    ['< on an integer needs the whole number below', leaf('age', 'lessThan', 55), { age: 55 }, '年龄 55 岁，需 < 55 岁，超出 1 岁', 54],
    ['≥ on a decimal', leaf('hours', 'greaterThanInclusive', 90), { hours: 72.5 }, '继续教育学时 72.5 学时，需 ≥ 90 学时，还差 17.5 学时', 90],
  ])('%s', (_name, condition, applicant, message, required) => {
    const hints = hintsFor(condition, applicant);
    expect(hints.map((h) => [h.message, h.required])).toEqual([[message, required]]);
  });

  it('every failed numeric condition of an all gets its hint', () => {
    const hints = hintsFor({ all: [leaf('papers', 'greaterThanInclusive', 3), leaf('years', 'greaterThanInclusive', 5), leaf('age', 'lessThan', 60)] }, { papers: 1, years: 4, age: 40 });
    expect(hints.map((h) => h.message)).toEqual(['论文数 1 篇，需 ≥ 3 篇，还差 2 篇', '任职年限 4 年，需 ≥ 5 年，还差 1 年']);
  });

  it('in English', () => {
    const r = evaluate(mini(), base, { asOf: ASOF, lang: 'en' });
    expect(r.hints[0]!.message).toBe('任现职年限 is 4 年; needs ≥ 5 年; short by 1 年');
  });
});

describe('alternatives (any): the cheapest is hinted', () => {
  const alternatives: Condition = {
    any: [
      { all: [leaf('papers', 'greaterThanInclusive', 3), leaf('years', 'greaterThanInclusive', 5)] },
      leaf('years', 'greaterThanInclusive', 8),
    ],
  };

  it('the alternative with the smaller gap', () => {
    // first: papers 2 → 3 (1); second: years 6 → 8 (2)
    expect(hintsFor(alternatives, { papers: 2, years: 6 }).map((h) => h.message)).toEqual(['论文数 2 篇，需 ≥ 3 篇，还差 1 篇']);
    // first: papers 0 → 3 (3); second: years 6 → 8 (2)
    expect(hintsFor(alternatives, { papers: 0, years: 6 }).map((h) => h.message)).toEqual(['任职年限 6 年，需 ≥ 8 年，还差 2 年']);
  });

  it('fewer changes beat smaller gaps', () => {
    // first needs two changes (papers +1, years +1); second one change (years +4)
    expect(hintsFor(alternatives, { papers: 2, years: 4 }).map((h) => h.message)).toEqual(['任职年限 4 年，需 ≥ 8 年，还差 4 年']);
  });

  it('an alternative blocked by a non-numeric condition is skipped for one that can be reached', () => {
    // mini: doctorate needs 2 years (blocked: degree is master), master needs 5
    const r = evaluate(mini(), { ...base, titleDate: '2023-06-01' }, { asOf: ASOF });
    expect(r.hints.filter((h) => h.criterionId === 'degreeYears').map((h) => h.message)).toEqual(['任现职年限 1 年，需 ≥ 5 年，还差 4 年']);
  });
});

describe('no hint where no number would help', () => {
  it.each<[string, Condition, Applicant]>([
    ['a failed enum condition', leaf('degree', 'equal', 'doctorate'), { degree: 'master' }],
    ['a failed in-list', leaf('degree', 'in', ['doctorate']), { degree: 'college' }],
    ['a numeric gap next to an unmet enum condition', { all: [leaf('degree', 'equal', 'doctorate'), leaf('years', 'greaterThanInclusive', 5)] }, { degree: 'master', years: 1 }],
    ['a negated condition', { not: leaf('years', 'lessThan', 5) }, { years: 2 }],
    ['a missing value', leaf('years', 'greaterThanInclusive', 5), {}],
    ['a decorated operator', leaf('years', 'not:lessThan', 5), { years: 2 }],
  ])('%s', (_name, condition, applicant) => {
    const r = evaluate(oneCriterion(condition), applicant, { asOf: ASOF });
    expect(r.eligible).toBe(false);
    expect(r.hints).toEqual([]);
  });

  it('mini: a college graduate can reach no alternative by time alone', () => {
    const r = evaluate(mini(), { ...base, degree: 'college' }, { asOf: ASOF });
    expect(r.criteria[0]!.passed).toBe(false);
    expect(r.hints.filter((h) => h.criterionId === 'degreeYears')).toEqual([]);
  });

  it('a passing applicant has no hints', () => {
    expect(hintsFor(leaf('years', 'greaterThanInclusive', 5), { years: 5 })).toEqual([]);
  });
});

describe('pass mark', () => {
  it('a score below minScore gives a $score hint', () => {
    const r = evaluate(mini(), { ...base, titleDate: '2018-01-01', degree: 'bachelor' }, { asOf: ASOF });
    expect(r.eligible).toBe(true);
    expect(r.score).toBe(10);
    expect(r.passed).toBe(false);
    expect(r.hints).toEqual([
      {
        criterionId: '$pass',
        fact: '$score',
        label: '总分',
        value: 10,
        operator: 'greaterThanInclusive',
        threshold: 20,
        required: 20,
        gap: 10,
        message: '总分 10 分，需 ≥ 20 分，还差 10 分',
      },
    ]);
  });

  it('no $score hint once the pass mark is reached', () => {
    const r = evaluate(mini(), { ...base, titleDate: '2018-01-01', degree: 'doctorate', papers: [{ year: 2021, core: true }] }, { asOf: ASOF });
    expect(r.score).toBeGreaterThanOrEqual(20);
    expect(r.hints).toEqual([]);
  });
});

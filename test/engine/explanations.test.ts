import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/index';
import { criterion, enumFact, fact, leaf, ruleset } from '../support/build';

// Degree × years is an any-of alternatives. A committee member reading why a bachelor
// with 4 years fails wants the bachelor rule's shortfall, not the doctorate rule's.
const degreeYears = ruleset({
  facts: [
    enumFact('degree', ['doctorate', 'bachelor'], { label: { zh: '最高学历' } }),
    fact('years', 'integer', { label: { zh: '任现职年限' }, unit: { zh: '年' } }),
  ],
  criteria: [
    criterion(
      'degreeYears',
      {
        any: [
          { all: [leaf('degree', 'equal', 'doctorate'), leaf('years', 'greaterThanInclusive', 2)] },
          { all: [leaf('degree', 'equal', 'bachelor'), leaf('years', 'greaterThanInclusive', 5)] },
        ],
      },
      { explanation: { fail: { zh: '任现职 {{years}}，需 {{threshold:years}}' } } },
    ),
    criterion('plain', {
      any: [
        { all: [leaf('degree', 'equal', 'doctorate'), leaf('years', 'greaterThanInclusive', 2)] },
        { all: [leaf('degree', 'equal', 'bachelor'), leaf('years', 'greaterThanInclusive', 5)] },
      ],
    }),
  ],
});

describe('explanations of a failed any-of', () => {
  const result = evaluate(degreeYears, { id: 'A', degree: 'bachelor', years: 4 }, { asOf: '2024-09-30' });

  it('fill {{threshold:…}} from the closest alternative', () => {
    expect(result.criteria[0]!.explanation).toBe('任现职 4 年，需 5 年');
  });

  it('describe only the closest alternative by default', () => {
    const text = result.criteria[1]!.explanation;
    expect(text).toContain('任现职年限 4 年');
    expect(text).toContain('5 年');
    expect(text).not.toContain('博士');
    expect(text).not.toContain('doctorate');
  });

  it('agree with the hint', () => {
    expect(result.hints.map((h) => [h.criterionId, h.fact, h.threshold])).toEqual([
      ['degreeYears', 'years', 5],
      ['plain', 'years', 5],
    ]);
  });
});

describe('explain: false', () => {
  it('gives the same outcome, traces and hints without the texts', () => {
    const applicant = { id: 'A', degree: 'bachelor', years: 4 };
    const full = evaluate(degreeYears, applicant, { asOf: '2024-09-30' });
    const quiet = evaluate(degreeYears, applicant, { asOf: '2024-09-30', explain: false });
    expect(quiet.criteria.map((c) => c.explanation)).toEqual(['', '']);
    const blank = (r: typeof full) => ({ ...r, criteria: r.criteria.map((c) => ({ ...c, explanation: '' })) });
    expect(quiet).toEqual(blank(full));
  });
});

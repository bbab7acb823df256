// Derived facts: counts, sums, min/max over records with filters and per-record
// values, whole years and months between dates as of the evaluation date, lookups.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/evaluate';
import type { Applicant, DerivedDef, Ruleset } from '../../engine/types';
import { derived, enumFact, fact, ruleset } from '../support/build';
import { mini } from '../support/rulesets';

const ASOF = '2024-09-30';

function papersRuleset(defs: DerivedDef[], extraFacts = [fact('minYear', 'integer')]): Ruleset {
  return ruleset({
    facts: [
      fact('papers', 'array', {
        fields: [
          fact('year', 'integer'),
          fact('citations', 'number'),
          enumFact('level', ['national', 'provincial']),
          fact('published', 'date'),
        ],
      }),
      ...extraFacts,
    ],
    derived: defs,
  });
}

const valuesOf = (r: Ruleset, applicant: Applicant, asOf = ASOF) => evaluate(r, applicant, { asOf }).derived;

const papers = [
  { year: 2019, citations: 12, level: 'national', published: '2019-05-01' },
  { year: 2022, citations: 3.5, level: 'provincial', published: '2022-03-15' },
  { year: 2023, citations: 40, level: 'national', published: '2023-11-20' },
  { year: 2016, citations: null, level: 'national', published: null },
];

describe('aggregates over an array of records', () => {
  const r = papersRuleset([
    derived({ id: 'all', op: 'count', of: 'papers' }),
    derived({ id: 'national', op: 'count', of: 'papers', where: { fact: 'level', operator: 'equal', value: 'national' } }),
    derived({ id: 'citations', op: 'sum', of: 'papers', field: 'citations' }),
    derived({ id: 'nationalCitations', op: 'sum', of: 'papers', field: 'citations', where: { fact: 'level', operator: 'equal', value: 'national' } }),
    derived({ id: 'first', op: 'min', of: 'papers', field: 'year' }),
    derived({ id: 'latest', op: 'max', of: 'papers', field: 'year' }),
    derived({ id: 'fewestCited', op: 'min', of: 'papers', field: 'citations' }),
    derived({ id: 'sinceMin', op: 'count', of: 'papers', where: { fact: 'year', operator: 'greaterThanInclusive', value: { fact: 'minYear' } } }),
  ]);

  it('count, sum, min and max, with and without a filter; a record without the field is skipped', () => {
    expect(valuesOf(r, { papers, minYear: 2020 })).toEqual({
      all: 4,
      national: 3,
      citations: 55.5,
      nationalCitations: 52,
      first: 2016,
      latest: 2023,
      fewestCited: 3.5,
      sinceMin: 2,
    });
  });

  it('a filter can compare a record field with a top-level fact', () => {
    expect(valuesOf(r, { papers, minYear: 2023 }).sinceMin).toBe(1);
    expect(valuesOf(r, { papers, minYear: 2010 }).sinceMin).toBe(4);
  });

  it.each([
    ['an empty list', []],
    ['a missing list', undefined],
    ['a null list', null],
  ])('%s: count 0, sum 0, min and max null', (_name, list) => {
    const applicant: Applicant = list === undefined ? {} : { papers: list };
    expect(valuesOf(r, applicant)).toEqual({
      all: 0,
      national: 0,
      citations: 0,
      nationalCitations: 0,
      first: null,
      latest: null,
      fewestCited: null,
      sinceMin: 0,
    });
  });

  it('a filter that matches nothing gives min/max null but sum 0', () => {
    const only = [{ year: 2020, citations: 5, level: 'provincial' }];
    const v = valuesOf(r, { papers: only });
    expect([v.national, v.nationalCitations, v.first]).toEqual([0, 0, 2020]);
  });
});

describe('per-record values (let): discipline periods 警告 6 months, 记过 12 months', () => {
  // mini.json: activeDisciplines counts sanctions whose months since < the period looked up by kind.
  const active = (kind: string, date: string) => valuesOf(mini(), { ...base, disciplines: [{ kind, date }] }).activeDisciplines;
  const base: Applicant = { id: 'a', degree: 'master', titleDate: '2018-01-01', postLevel: 'county', grassrootsYears: 1 };

  it.each([
    ['warning', '2024-04-30', 1, '5 months ago: still in effect'],
    ['warning', '2024-04-01', 1, '5 months and 29 days ago: still in effect'],
    ['warning', '2024-03-31', 0, '2024-03-31 + 6 months falls on 2024-09-30 (September has no 31st): over'],
    ['warning', '2024-03-30', 0, 'exactly 6 months ago: over'],
    ['warning', '2023-01-01', 0, 'long ago'],
    ['demerit', '2023-10-01', 1, '11 months and 29 days ago: still in effect'],
    ['demerit', '2023-09-30', 0, 'exactly 12 months ago: over'],
    ['demerit', '2024-03-30', 1, '6 months ago: a demerit lasts 12'],
  ])('%s on %s → %i (%s)', (kind, date, count) => {
    expect(active(kind, date)).toBe(count);
  });

  it('counts only the sanctions still in effect', () => {
    const disciplines = [
      { kind: 'warning', date: '2024-05-01' },
      { kind: 'warning', date: '2023-05-01' },
      { kind: 'demerit', date: '2024-01-15' },
    ];
    expect(valuesOf(mini(), { ...base, disciplines }).activeDisciplines).toBe(2);
  });
});

describe('years and months between dates, as of the evaluation date', () => {
  const r = ruleset({
    facts: [fact('start', 'date'), fact('end', 'date')],
    derived: [
      derived({ id: 'years', op: 'yearsBetween', from: 'start', to: '$asOf' }),
      derived({ id: 'months', op: 'monthsBetween', from: 'start', to: '$asOf' }),
      derived({ id: 'span', op: 'yearsBetween', from: 'start', to: 'end' }),
    ],
  });

  it.each([
    ['2019-09-01', '2024-08-31', 4, 59],
    ['2019-09-01', '2024-09-01', 5, 60],
    ['2019-09-01', '2019-09-01', 0, 0],
    ['2020-02-29', '2021-02-27', 0, 11],
    ['2020-02-29', '2021-02-28', 1, 12],
    ['2020-02-29', '2025-02-28', 5, 60],
    ['2020-02-29', '2021-03-01', 1, 12],
    ['2020-02-29', '2024-02-29', 4, 48],
    ['2024-01-31', '2024-02-28', 0, 0],
    ['2024-01-31', '2024-02-29', 0, 1],
    ['2024-01-31', '2024-03-01', 0, 1],
    ['2023-12-31', '2024-12-31', 1, 12],
  ])('from %s as of %s: %i whole years, %i whole months', (start, asOf, years, months) => {
    expect(valuesOf(r, { start }, asOf)).toMatchObject({ years, months });
  });

  it('a start after the evaluation date gives a negative count, never 0', () => {
    // 2025-10-01 − 13 months = 2024-09-01 ≤ 2024-09-30 < 2025-10-01 − 12 months; likewise −2 years.
    expect(valuesOf(r, { start: '2025-10-01' }, '2024-09-30')).toMatchObject({ years: -2, months: -13 });
    expect(valuesOf(r, { start: '2024-10-01' }, '2024-09-30')).toMatchObject({ years: -1, months: -1 });
  });

  it('between two date facts', () => {
    expect(valuesOf(r, { start: '2010-07-01', end: '2020-06-30' }).span).toBe(9);
    expect(valuesOf(r, { start: '2010-07-01', end: '2020-07-01' }).span).toBe(10);
  });

  it('a missing date gives null, not 0', () => {
    expect(valuesOf(r, {})).toEqual({ years: null, months: null, span: null });
    expect(valuesOf(r, { start: null, end: '2020-01-01' })).toEqual({ years: null, months: null, span: null });
  });

  it('a record with a missing date is not counted by a years-since filter (null is not < 5)', () => {
    const recent = papersRuleset([
      derived({
        id: 'recent',
        op: 'count',
        of: 'papers',
        let: [{ id: 'age', op: 'yearsBetween', from: 'published', to: '$asOf' }],
        where: { fact: 'age', operator: 'lessThan', value: 5 },
      }),
    ]);
    // published 2019-05-01 (5 years), 2022-03-15, 2023-11-20 (recent), null (not counted)
    expect(valuesOf(recent, { papers }).recent).toBe(2);
  });
});

describe('lookups', () => {
  const r = ruleset({
    facts: [enumFact('degree', ['doctorate', 'master', 'bachelor', 'college']), fact('start', 'date')],
    derived: [
      derived({ id: 'rank', op: 'lookup', fact: 'degree', table: [{ value: 'doctorate', result: 4 }, { value: 'master', result: 3 }], default: 1 }),
      derived({ id: 'noDefault', op: 'lookup', fact: 'degree', table: [{ value: 'doctorate', result: 'high' }] }),
      derived({ id: 'years', op: 'yearsBetween', from: 'start', to: '$asOf' }),
      derived({ id: 'band', op: 'lookup', fact: 'years', table: [{ value: 0, result: 'new' }, { value: 1, result: 'new' }], default: 'settled' }),
    ],
  });

  it.each([
    ['doctorate', 4, 'high'],
    ['master', 3, null],
    ['college', 1, null],
  ])('%s → rank %s; without a default, an unmatched value is null', (degree, rank, noDefault) => {
    expect(valuesOf(r, { degree })).toMatchObject({ rank, noDefault });
  });

  it('a lookup can read another derived fact', () => {
    expect(valuesOf(r, { degree: 'master', start: '2024-01-01' }).band).toBe('new');
    expect(valuesOf(r, { degree: 'master', start: '2020-01-01' }).band).toBe('settled');
  });

  it('the result lists every derived value, in computation order', () => {
    expect(Object.keys(valuesOf(r, { degree: 'master' }))).toEqual(['rank', 'noDefault', 'years', 'band']);
  });
});

describe('names inside a record', () => {
  const r = ruleset({
    facts: [fact('year', 'integer'), fact('papers', 'array', { fields: [fact('year', 'integer'), fact('core', 'boolean')] })],
    derived: [
      derived({ id: 'recent', op: 'count', of: 'papers', where: { fact: 'year', operator: 'greaterThanInclusive', value: 2020 } }),
      derived({ id: 'years', op: 'sum', of: 'papers', field: 'year' }),
      derived({ id: 'corePapers', op: 'count', of: 'papers', where: { fact: 'core', operator: 'equal', value: true } }),
    ],
  });

  it('a record field shadows the top-level fact of the same name, even in a record that leaves it out', () => {
    const papers = [{ core: true }, { year: 2010, core: false }, { year: 2022, core: true }];
    expect(valuesOf(r, { year: 2024, papers })).toEqual({ recent: 1, years: 4032, corePapers: 2 });
  });
});

describe('order of definition does not matter', () => {
  it('a derived fact may read one defined after it', () => {
    const r = ruleset({
      facts: [fact('start', 'date')],
      derived: [
        derived({ id: 'band', op: 'lookup', fact: 'years', table: [{ value: 4, result: 'four' }] }),
        derived({ id: 'years', op: 'yearsBetween', from: 'start', to: '$asOf' }),
      ],
    });
    expect(valuesOf(r, { start: '2020-09-30' })).toEqual({ years: 4, band: 'four' });
  });
});

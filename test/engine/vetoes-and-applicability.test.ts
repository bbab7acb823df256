// 一票否决 and 适用范围: a triggered veto fails the applicant whatever the score; a
// criterion or item that does not apply neither blocks nor scores.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/evaluate';
import type { Applicant } from '../../engine/types';
import { criterion, enumFact, fact, leaf, ruleset, veto } from '../support/build';
import { mini } from '../support/rulesets';

const ASOF = '2024-09-30';
const strong: Applicant = {
  id: 'A1',
  degree: 'doctorate',
  titleDate: '2015-06-01',
  postLevel: 'township',
  grassrootsYears: 26,
  papers: [
    { year: 2021, core: true },
    { year: 2022, core: true },
    { year: 2023, core: true },
  ],
  disciplines: [],
};

describe('vetoes (一票否决)', () => {
  it('clear: not triggered, and the applicant passes on eligibility and score', () => {
    const res = evaluate(mini(), strong, { asOf: ASOF });
    expect(res.vetoes).toEqual([expect.objectContaining({ id: 'discipline', title: '处分影响期内', triggered: false, explanation: '未触发' })]);
    expect(res).toMatchObject({ eligible: true, vetoed: false, passed: true });
  });

  it('triggered: vetoed, and not passed even with a high score', () => {
    const res = evaluate(mini(), { ...strong, disciplines: [{ kind: 'warning', date: '2024-08-01' }] }, { asOf: ASOF });
    expect(res.vetoes[0]).toMatchObject({ triggered: true, explanation: '触发一票否决：影响期内处分 1（需大于 0）' });
    expect(res.eligible).toBe(true);
    expect(res.score).toBeGreaterThanOrEqual(res.total.minScore!);
    expect(res).toMatchObject({ vetoed: true, passed: false });
  });

  it('a veto does not change the score: it is reported beside it', () => {
    const clear = evaluate(mini(), strong, { asOf: ASOF });
    const vetoed = evaluate(mini(), { ...strong, disciplines: [{ kind: 'demerit', date: '2024-01-01' }] }, { asOf: ASOF });
    expect(vetoed.score).toBe(clear.score);
    expect(vetoed.items).toEqual(clear.items);
  });

  it('any one of several vetoes is enough', () => {
    const r = ruleset({
      facts: [fact('falsified', 'boolean'), fact('sanctions', 'integer')],
      vetoes: [veto('falsified', leaf('falsified', 'equal', true)), veto('sanctioned', leaf('sanctions', 'greaterThan', 0))],
    });
    const at = (a: Applicant) => evaluate(r, a, { asOf: ASOF });
    expect(at({ falsified: false, sanctions: 0 })).toMatchObject({ vetoed: false, passed: true });
    expect(at({ falsified: true, sanctions: 0 })).toMatchObject({ vetoed: true, passed: false });
    expect(at({ falsified: false, sanctions: 2 }).vetoes.map((v) => v.triggered)).toEqual([false, true]);
  });

  it('explanation templates for triggered and clear are rendered with the facts', () => {
    const r = ruleset({
      facts: [fact('sanctions', 'integer', { label: { zh: '处分次数' }, unit: { zh: '次' } })],
      vetoes: [
        veto('sanctioned', leaf('sanctions', 'greaterThan', 0), {
          explanation: { triggered: { zh: '{{title}}：{{label:sanctions}} {{sanctions}}' }, clear: { zh: '无处分' } },
        }),
      ],
    });
    expect(evaluate(r, { sanctions: 2 }, { asOf: ASOF }).vetoes[0]!.explanation).toBe('sanctioned：处分次数 2 次');
    expect(evaluate(r, { sanctions: 0 }, { asOf: ASOF }).vetoes[0]!.explanation).toBe('无处分');
  });
});

describe('appliesWhen on criteria', () => {
  const r = () =>
    ruleset({
      facts: [enumFact('series', ['teacher', 'health']), fact('teachingYears', 'integer', { label: { zh: '教学年限' }, unit: { zh: '年' } })],
      criteria: [
        criterion('teaching', leaf('teachingYears', 'greaterThanInclusive', 3), {
          appliesWhen: leaf('series', 'equal', 'teacher'),
        }),
      ],
    });

  it('not applicable: passes, marked not applicable, explained 不适用, no condition tree', () => {
    const res = evaluate(r(), { series: 'health', teachingYears: 0 }, { asOf: ASOF });
    expect(res.criteria[0]).toMatchObject({ id: 'teaching', applicable: false, passed: true, explanation: '不适用' });
    expect(res.criteria[0]!.conditions).toBeUndefined();
    expect(res.criteria[0]!.appliesWhen).toMatchObject({ fact: 'series', factValue: 'health', threshold: 'teacher', result: false });
    expect(res).toMatchObject({ eligible: true, passed: true });
    expect(res.hints).toEqual([]);
  });

  it('applicable and met', () => {
    const res = evaluate(r(), { series: 'teacher', teachingYears: 3 }, { asOf: ASOF });
    expect(res.criteria[0]).toMatchObject({ applicable: true, passed: true });
    expect(res.eligible).toBe(true);
  });

  it('applicable and not met: blocks eligibility and gets a hint', () => {
    const res = evaluate(r(), { series: 'teacher', teachingYears: 1 }, { asOf: ASOF });
    expect(res.criteria[0]).toMatchObject({ applicable: true, passed: false });
    expect(res).toMatchObject({ eligible: false, passed: false });
    expect(res.hints.map((h) => h.message)).toEqual(['教学年限 1 年，需 ≥ 3 年，还差 2 年']);
  });
});

describe('appliesWhen on scoring items', () => {
  it('the township bonus does not apply to a county applicant: 0 points, 不适用', () => {
    const res = evaluate(mini(), { ...strong, postLevel: 'county' }, { asOf: ASOF });
    const township = res.items.find((i) => i.id === 'township')!;
    expect(township).toMatchObject({ applicable: false, points: 0, rawPoints: 0, capped: false, explanation: '不适用，0 分' });
    expect(township.appliesWhen).toMatchObject({ fact: 'postLevel', factValue: 'county', result: false });
    expect(township.factValue).toBeUndefined();
    expect(res.total.bonusPoints).toBe(0);
  });

  it('applies to a township applicant', () => {
    const res = evaluate(mini(), strong, { asOf: ASOF });
    expect(res.items.find((i) => i.id === 'township')).toMatchObject({ applicable: true, points: 10, factValue: 26 });
    expect(res.total.bonusPoints).toBe(10);
  });
});

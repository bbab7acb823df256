// The quantified scoring table (量化赋分表): points by condition, per unit, bracket
// and lookup; item, category and total caps applied in document order and never
// carried over; the grassroots bonus outside the total cap.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/evaluate';
import type { EvaluationResult } from '../../engine/result';
import type { Applicant, Ruleset } from '../../engine/types';
import { category, enumFact, fact, item, leaf, ruleset } from '../support/build';

const ASOF = '2024-09-30';

function table(parts: Partial<Ruleset> = {}): Ruleset {
  return ruleset({
    facts: [
      fact('papers', 'integer', { label: { zh: '论文' }, unit: { zh: '篇' }, min: 0 }),
      fact('award', 'boolean', { label: { zh: '获奖' } }),
      fact('citations', 'number', { label: { zh: '被引次数' }, unit: { zh: '次' }, min: 0 }),
      enumFact('degree', ['doctorate', 'master', 'bachelor', 'college'], { label: { zh: '学历' } }),
      fact('grassrootsYears', 'integer', { label: { zh: '基层年限' }, unit: { zh: '年' }, min: 0 }),
      fact('township', 'boolean', { label: { zh: '乡镇单位' } }),
    ],
    scoring: {
      cap: 30,
      categories: [
        category(
          'research',
          [
            item('paper', { type: 'perUnit', fact: 'papers', pointsEach: 4, cap: 12 }),
            item('prize', { type: 'condition', points: 10, when: leaf('award', 'equal', true) }),
            item('cited', { type: 'bracket', fact: 'citations', brackets: [{ min: 10, points: 2 }, { min: 50, points: 5 }, { min: 100, points: 8 }] }),
          ],
          { cap: 20 },
        ),
        category(
          'education',
          [item('degreePoints', { type: 'lookup', fact: 'degree', table: [{ value: 'doctorate', points: 15 }, { value: 'master', points: 12 }, { value: 'bachelor', points: 10 }], default: 6 })],
          { cap: 15 },
        ),
        category(
          'tilt',
          [
            item('years', { type: 'bracket', fact: 'grassrootsYears', brackets: [{ min: 5, points: 2 }, { min: 10, points: 4 }, { min: 15, points: 6 }] }),
            item('townshipBonus', { type: 'condition', points: 6, when: leaf('township', 'equal', true) }),
          ],
          { cap: 10, bonus: true },
        ),
      ],
    },
    ...parts,
  });
}

const nobody: Applicant = { papers: 0, award: false, citations: 0, degree: 'college', grassrootsYears: 0, township: false };
const score = (applicant: Applicant, r: Ruleset = table()) => evaluate(r, { ...nobody, ...applicant }, { asOf: ASOF });
const itemOf = (res: EvaluationResult, id: string) => res.items.find((i) => i.id === id)!;
const categoryOf = (res: EvaluationResult, id: string) => res.categories.find((c) => c.id === id)!;

/** What an auditor checks on every result: the parts add up. */
function expectConsistent(res: EvaluationResult) {
  for (const c of res.categories) {
    const items = res.items.filter((i) => i.categoryId === c.id);
    expect(items.reduce((s, i) => s + i.points, 0), `category ${c.id}`).toBeCloseTo(c.points, 9);
    expect(items.reduce((s, i) => s + i.rawPoints, 0)).toBeCloseTo(c.rawPoints, 9);
    if (c.cap !== null) expect(c.points).toBeLessThanOrEqual(c.cap);
    for (const i of items) {
      expect(i.points).toBeLessThanOrEqual(i.rawPoints);
      expect(i.capped).toBe(i.points < i.rawPoints);
      expect(i.capped).toBe(i.cappedBy !== undefined);
    }
  }
  const base = res.categories.filter((c) => !c.bonus).reduce((s, c) => s + c.points, 0);
  const bonus = res.categories.filter((c) => c.bonus).reduce((s, c) => s + c.points, 0);
  expect(res.total.basePoints).toBeCloseTo(base, 9);
  expect(res.total.bonusPoints).toBeCloseTo(bonus, 9);
  expect(res.score).toBeCloseTo(res.total.basePoints + res.total.bonusPoints, 9);
  if (res.total.cap !== null) expect(res.total.basePoints).toBeLessThanOrEqual(res.total.cap);
}

describe('condition items', () => {
  it.each([
    [true, 10],
    [false, 0],
  ])('award %s → %i points', (award, points) => {
    const res = score({ award });
    expect(itemOf(res, 'prize')).toMatchObject({ points, rawPoints: points, capped: false });
    expect(itemOf(res, 'prize').explanation).toBe(award ? '满足条件，得 10 分' : '不满足条件，0 分');
  });
});

describe('perUnit items', () => {
  it.each([
    [0, 0, 0, undefined],
    [1, 4, 4, undefined],
    [3, 12, 12, undefined],
    [4, 16, 12, 'item'],
    [9, 36, 12, 'item'],
  ])('%i papers × 4 = %i raw, %i after the item cap of 12', (papers, rawPoints, points, cappedBy) => {
    const res = score({ papers });
    expect(itemOf(res, 'paper')).toMatchObject({ rawPoints, points, factValue: papers, capped: cappedBy !== undefined });
    expect(itemOf(res, 'paper').cappedBy).toBe(cappedBy);
    expectConsistent(res);
  });

  it('explains the multiplication and the cap', () => {
    expect(itemOf(score({ papers: 5 }), 'paper').explanation).toBe('论文 5 篇 × 4 分 = 20 分（受单项上限限制，计 12 分）');
  });

  it('fractional points per unit add up exactly (no 0.1 + 0.2 noise)', () => {
    const r = table();
    const paper = r.scoring!.categories[0]!.items[0]!;
    if (paper.type !== 'perUnit') throw new Error('fixture');
    paper.pointsEach = 0.1;
    expect(itemOf(score({ papers: 3 }, r), 'paper').rawPoints).toBe(0.3);
  });

  it('a missing count scores 0', () => {
    const res = evaluate(table(), { ...nobody, papers: null }, { asOf: ASOF });
    expect(itemOf(res, 'paper')).toMatchObject({ rawPoints: 0, points: 0, factValue: null });
  });
});

describe('bracket items: each band boundary', () => {
  it.each([
    [0, 0],
    [9, 0],
    [9.99, 0],
    [10, 2],
    [49, 2],
    [50, 5],
    [99, 5],
    [100, 8],
    [5000, 8],
  ])('%d citations → %i points', (citations, points) => {
    expect(itemOf(score({ citations }), 'cited')).toMatchObject({ rawPoints: points, points, factValue: citations });
  });

  it('says which band applied, or that the value is below the lowest', () => {
    expect(itemOf(score({ citations: 50 }), 'cited').explanation).toBe('被引次数 50 次，对应档次 ≥ 50 次，得 5 分');
    expect(itemOf(score({ citations: 9 }), 'cited').explanation).toBe('被引次数 9 次，未达最低档次（≥ 10 次），0 分');
  });
});

describe('lookup items', () => {
  it.each([
    ['doctorate', 15],
    ['master', 12],
    ['bachelor', 10],
    ['college', 6],
  ])('%s → %i points (college falls to the default)', (degree, points) => {
    const res = score({ degree });
    expect(itemOf(res, 'degreePoints')).toMatchObject({ rawPoints: points, factValue: degree });
  });

  it('without a default, a value not in the table scores 0', () => {
    const r = table();
    const lookup = r.scoring!.categories[1]!.items[0]!;
    if (lookup.type !== 'lookup') throw new Error('fixture');
    delete lookup.default;
    expect(itemOf(score({ degree: 'college' }, r), 'degreePoints').rawPoints).toBe(0);
  });
});

describe('caps', () => {
  it('category cap: items keep their points in document order; the later item is cut', () => {
    // paper 12 + prize 10 + cited 5 = 27 raw against a category cap of 20.
    const res = score({ papers: 3, award: true, citations: 50 });
    expect(itemOf(res, 'paper')).toMatchObject({ rawPoints: 12, points: 12, capped: false });
    expect(itemOf(res, 'prize')).toMatchObject({ rawPoints: 10, points: 8, capped: true, cappedBy: 'category' });
    expect(itemOf(res, 'cited')).toMatchObject({ rawPoints: 5, points: 0, capped: true, cappedBy: 'category' });
    expect(itemOf(res, 'prize').explanation).toBe('满足条件，得 10 分（受类别上限限制，计 8 分）');
    expect(categoryOf(res, 'research')).toMatchObject({ rawPoints: 27, points: 20, cap: 20, bonus: false });
    expectConsistent(res);
  });

  it('an item cut by its own cap first, then by the category, says category', () => {
    const res = score({ papers: 9, award: true, citations: 0 }, table());
    // paper: 36 → 12 (item); prize 10 → 8 (category)
    expect(itemOf(res, 'paper').cappedBy).toBe('item');
    expect(itemOf(res, 'prize')).toMatchObject({ points: 8, cappedBy: 'category' });
  });

  it('total cap over non-bonus categories cuts the later category', () => {
    // research 20 + education 15 = 35 against a total cap of 30.
    const res = score({ papers: 3, award: true, degree: 'doctorate' });
    expect(categoryOf(res, 'research').points).toBe(20);
    expect(itemOf(res, 'degreePoints')).toMatchObject({ rawPoints: 15, points: 10, cappedBy: 'total' });
    expect(categoryOf(res, 'education')).toMatchObject({ rawPoints: 15, points: 10 });
    expect(res.total).toMatchObject({ basePoints: 30, cap: 30 });
    expectConsistent(res);
  });

  it('the bonus category is outside the total cap, with its own cap', () => {
    const res = score({ papers: 3, award: true, degree: 'doctorate', grassrootsYears: 15, township: true });
    expect(categoryOf(res, 'tilt')).toMatchObject({ bonus: true, rawPoints: 12, points: 10, cap: 10 });
    expect(itemOf(res, 'years')).toMatchObject({ points: 6, capped: false });
    expect(itemOf(res, 'townshipBonus')).toMatchObject({ rawPoints: 6, points: 4, cappedBy: 'category' });
    expect(res.total).toMatchObject({ basePoints: 30, bonusPoints: 10 });
    expect(res.score).toBe(40);
    expectConsistent(res);
  });

  it('a bonus category stays outside the total cap wherever it is placed in the file', () => {
    const r = table();
    r.scoring!.categories.unshift(r.scoring!.categories.pop()!);
    const applicant = { papers: 3, award: true, degree: 'doctorate', grassrootsYears: 15, township: true };
    const moved = score(applicant, r);
    expect(moved.total).toEqual(score(applicant).total);
    expect(moved.score).toBe(40);
  });

  it('caps never carry over: points cut from one item are not given to another item or category', () => {
    // paper raw 20 is cut to 12 by its item cap; nothing else in research scores, so the
    // category has 8 points of room left, and education still stops at its own cap of 15.
    const res = score({ papers: 5, degree: 'doctorate' });
    expect(categoryOf(res, 'research').points).toBe(12);
    expect(categoryOf(res, 'education').points).toBe(15);
    expect(res.total.basePoints).toBe(27);
    expectConsistent(res);
  });

  it('room left under the total cap is not given back to a category that hit its own cap', () => {
    const res = score({ papers: 3, award: true, citations: 100, degree: 'college' });
    expect(categoryOf(res, 'research')).toMatchObject({ rawPoints: 30, points: 20 });
    expect(res.total.basePoints).toBe(26);
  });

  it('an item that exactly fills the room left is not capped, nor is a 0-point item after it (0.3 − 0.1 − 0.2 is 0, not −2.8e-17)', () => {
    const r = table();
    r.scoring!.categories[0] = category(
      'research',
      [
        item('tenth', { type: 'condition', points: 0.1, when: leaf('award', 'equal', true) }),
        item('twoTenths', { type: 'condition', points: 0.2, when: leaf('award', 'equal', true) }),
        item('nothing', { type: 'condition', points: 0.1, when: leaf('award', 'equal', false) }),
      ],
      { cap: 0.3 },
    );
    r.scoring!.cap = 15.3;
    const res = score({ award: true, degree: 'doctorate' }, r);
    expect(res.items.slice(0, 4).map((i) => [i.id, i.points, i.capped, i.cappedBy])).toEqual([
      ['tenth', 0.1, false, undefined],
      ['twoTenths', 0.2, false, undefined],
      ['nothing', 0, false, undefined],
      ['degreePoints', 15, false, undefined],
    ]);
    expect(res.score).toBe(15.3);
    expectConsistent(res);
  });

  it('without caps every item keeps its raw points', () => {
    const r = table();
    delete r.scoring!.cap;
    for (const c of r.scoring!.categories) {
      delete c.cap;
      for (const i of c.items) delete i.cap;
    }
    const res = score({ papers: 9, award: true, citations: 100, degree: 'doctorate', grassrootsYears: 15, township: true }, r);
    expect(res.items.every((i) => i.points === i.rawPoints && !i.capped)).toBe(true);
    expect(res.score).toBe(36 + 10 + 8 + 15 + 6 + 6);
    expect(res.total.cap).toBeNull();
    expect(res.categories.map((c) => c.cap)).toEqual([null, null, null]);
  });
});

describe('every item and category is listed, in document order', () => {
  it('even when nothing scores', () => {
    const res = score({});
    expect(res.items.map((i) => [i.categoryId, i.id])).toEqual([
      ['research', 'paper'],
      ['research', 'prize'],
      ['research', 'cited'],
      ['education', 'degreePoints'],
      ['tilt', 'years'],
      ['tilt', 'townshipBonus'],
    ]);
    expect(res.categories.map((c) => c.id)).toEqual(['research', 'education', 'tilt']);
    expectConsistent(res);
  });
});

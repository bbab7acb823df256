// extends: a series ruleset inherits the prefecture's common policy. A child entry
// replaces the parent's entry with the same id in place; new entries follow; tests
// are never inherited; every result names each ancestor by id, version and hash.
import { describe, expect, it } from 'vitest';
import { PingshenError } from '../../engine/errors';
import { evaluate } from '../../engine/evaluate';
import { lookupIn, parseExtends, resolveExtends } from '../../engine/extends';
import { rulesetHash } from '../../engine/hash';
import { lintRuleset } from '../../engine/lint';
import { runEmbeddedTests } from '../../engine/run-tests';
import type { Ruleset } from '../../engine/types';
import { category, cite, criterion, fact, item, leaf } from '../support/build';
import { mini } from '../support/rulesets';

const ASOF = '2024-09-30';

function common(): Ruleset {
  return {
    ...mini(),
    id: 'common',
    tests: [{ id: 'parent-case', title: { zh: '上级用例' }, asOf: ASOF, applicant: {}, expect: { eligible: true } }],
  };
}

function series(): Ruleset {
  return {
    id: 'teacher',
    version: 2,
    title: { zh: '中小学教师' },
    department: 'education',
    extends: 'common@1',
    basis: [],
    facts: [fact('teachingYears', 'integer', { label: { zh: '教龄' }, unit: { zh: '年' } })],
    criteria: [
      // replaces the parent's degreeYears in place, tightened from 5 to 6 years
      criterion('degreeYears', leaf('yearsInTitle', 'greaterThanInclusive', 6), { title: { zh: '任职年限（教师）' } }),
      criterion('teaching', leaf('teachingYears', 'greaterThanInclusive', 10)),
    ],
    scoring: {
      categories: [category('teachingCat', [item('teachingPoints', { type: 'perUnit', fact: 'teachingYears', pointsEach: 0.5 })], { cap: 10 })],
    },
  };
}

function level(): Ruleset {
  return {
    id: 'teacher-senior',
    version: 1,
    title: { zh: '中小学正高级教师' },
    department: 'education',
    extends: 'teacher@2',
    basis: [],
    facts: [],
    criteria: [criterion('teaching', leaf('teachingYears', 'greaterThanInclusive', 15))],
    tests: [
      {
        id: 'own-case',
        title: { zh: '本级用例' },
        asOf: ASOF,
        applicant: { id: 'T1', degree: 'master', titleDate: '2015-01-01', postLevel: 'county', grassrootsYears: 3, teachingYears: 16 },
        expect: { eligible: true, criteria: { degreeYears: true, teaching: true } },
      },
    ],
  };
}

const all = () => [common(), series(), level()];
const resolve = (r: Ruleset, versions = all()) => resolveExtends(r, lookupIn(versions));

describe('merging a child with its parent', () => {
  const resolved = resolve(series());

  it('a child criterion replaces the parent’s by id, in the same place; new ones follow', () => {
    expect(resolved.criteria!.map((c) => [c.id, c.title.zh])).toEqual([
      ['degreeYears', '任职年限（教师）'],
      ['teaching', 'teaching'],
    ]);
    expect(resolved.criteria![0]!.conditions).toEqual(leaf('yearsInTitle', 'greaterThanInclusive', 6));
  });

  it('inherits facts (own added after), derived facts, vetoes, basis, scoring categories and the pass rule', () => {
    const parent = common();
    expect(resolved.facts.map((f) => f.id)).toEqual([...parent.facts.map((f) => f.id), 'teachingYears']);
    expect(resolved.derived).toEqual(parent.derived);
    expect(resolved.vetoes).toEqual(parent.vetoes);
    expect(resolved.basis).toEqual(parent.basis);
    expect(resolved.scoring!.categories.map((c) => c.id)).toEqual(['education', 'papers', 'grassroots', 'teachingCat']);
    expect(resolved.scoring!.cap).toBe(100);
    expect(resolved.pass).toEqual(parent.pass);
  });

  it('keeps its own identity and does not inherit the parent’s tests', () => {
    expect(resolved).toMatchObject({ id: 'teacher', version: 2, department: 'education', title: { zh: '中小学教师' } });
    expect(resolved.tests).toBeUndefined();
    expect(resolve(level()).tests!.map((t) => t.id)).toEqual(['own-case']);
  });

  it('a child category with the parent’s id replaces it whole; the child’s total cap wins', () => {
    const child = series();
    child.scoring = { cap: 60, categories: [category('papers', [item('anyPaper', { type: 'condition', points: 8, when: leaf('corePapers', 'greaterThan', 0) })], { cap: 8 })] };
    const merged = resolve(child);
    expect(merged.scoring!.cap).toBe(60);
    expect(merged.scoring!.categories.map((c) => [c.id, c.cap, c.items.map((i) => i.id)])).toEqual([
      ['education', 15, ['degreePoints']],
      ['papers', 8, ['anyPaper']],
      ['grassroots', 10, ['township']],
    ]);
  });

  it('the merged ruleset evaluates with the child’s stricter rule', () => {
    const applicant = { id: 'T2', degree: 'master', titleDate: '2019-01-01', postLevel: 'county', grassrootsYears: 3, teachingYears: 12 };
    expect(evaluate(common(), applicant, { asOf: ASOF }).criteria[0]!.passed).toBe(true); // 5 years ≥ 5
    const r = evaluate(resolved, applicant, { asOf: ASOF });
    expect(r.criteria.map((c) => [c.id, c.passed])).toEqual([
      ['degreeYears', false], // 5 years < 6
      ['teaching', true],
    ]);
    expect(r.items.find((i) => i.id === 'teachingPoints')).toMatchObject({ rawPoints: 6, points: 6 });
  });

  it('three levels deep: each level replaces by id', () => {
    const merged = resolve(level());
    expect(merged.criteria!.map((c) => [c.id, (c.conditions as { value: unknown }).value])).toEqual([
      ['degreeYears', 6],
      ['teaching', 15],
    ]);
  });
});

describe('scoring.cap under extends: the child’s if it gives one, else the parent’s', () => {
  // A doctorate (15 points) and 20 years of teaching at 10 points each (200 raw): only the total cap stops it.
  const applicant = { id: 'T3', degree: 'doctorate', titleDate: '2010-01-01', postLevel: 'county', grassrootsYears: 3, teachingYears: 20 };
  const child = (cap?: number): Ruleset => ({
    ...series(),
    scoring: { ...(cap !== undefined ? { cap } : {}), categories: [category('teachingCat', [item('teachingPoints', { type: 'perUnit', fact: 'teachingYears', pointsEach: 10 })])] },
  });
  const uncapped = (): Ruleset => {
    const parent = common();
    delete parent.scoring!.cap;
    return parent;
  };
  const outcome = (r: Ruleset, parent = common()) => {
    const result = evaluate(resolveExtends(r, lookupIn([parent])), applicant, { asOf: ASOF });
    const teaching = result.items.find((i) => i.id === 'teachingPoints')!;
    return { cap: result.total.cap, base: result.total.basePoints, teaching: [teaching.rawPoints, teaching.points, teaching.cappedBy] };
  };

  it('a child without a cap keeps the parent’s (100)', () => {
    expect(outcome(child())).toEqual({ cap: 100, base: 100, teaching: [200, 85, 'total'] });
  });

  it('a child’s cap replaces the parent’s, lower (60) or higher (150)', () => {
    expect(outcome(child(60))).toEqual({ cap: 60, base: 60, teaching: [200, 45, 'total'] });
    expect(outcome(child(150))).toEqual({ cap: 150, base: 150, teaching: [200, 135, 'total'] });
  });

  it('a child’s cap applies where the parent has none; neither: no total cap', () => {
    expect(outcome(child(60), uncapped())).toEqual({ cap: 60, base: 60, teaching: [200, 45, 'total'] });
    expect(outcome(child(), uncapped())).toEqual({ cap: null, base: 215, teaching: [200, 200, undefined] });
  });

  it('a child without any scoring section keeps the parent’s cap and categories', () => {
    const r = series();
    delete r.scoring;
    const resolved = resolveExtends(r, lookupIn([common()]));
    expect(resolved.scoring).toEqual(common().scoring);
  });
});

describe('lineage: every result names each ancestor', () => {
  it('lineage lists the ruleset, its parent and grandparent with their own file hashes', () => {
    const merged = resolve(level());
    expect(merged.lineage).toEqual([
      { id: 'teacher-senior', version: 1, hash: rulesetHash(level()) },
      { id: 'teacher', version: 2, hash: rulesetHash(series()) },
      { id: 'common', version: 1, hash: rulesetHash(common()) },
    ]);
    for (const ref of merged.lineage) expect(ref.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('result.ruleset is the child; result.ruleset.extends lists the ancestors, nearest first', () => {
    const r = evaluate(resolve(level()), level().tests![0]!.applicant, { asOf: ASOF });
    expect(r.ruleset).toEqual({
      id: 'teacher-senior',
      version: 1,
      hash: rulesetHash(level()),
      extends: [
        { id: 'teacher', version: 2, hash: rulesetHash(series()) },
        { id: 'common', version: 1, hash: rulesetHash(common()) },
      ],
    });
  });

  it('changing an ancestor changes the ancestor’s hash in the result, not the child’s own', () => {
    const changed = common();
    changed.scoring!.cap = 90;
    const r = evaluate(resolve(level(), [changed, series(), level()]), level().tests![0]!.applicant, { asOf: ASOF });
    expect(r.ruleset.hash).toBe(rulesetHash(level()));
    expect(r.ruleset.extends[1]!.hash).toBe(rulesetHash(changed));
    expect(r.ruleset.extends[1]!.hash).not.toBe(rulesetHash(common()));
  });

  it('a ruleset without extends has an empty extends list', () => {
    expect(evaluate(mini(), { id: 'x', degree: 'master', titleDate: '2018-01-01', postLevel: 'county', grassrootsYears: 0 }, { asOf: ASOF }).ruleset).toEqual({
      id: 'mini',
      version: 1,
      hash: rulesetHash(mini()),
      extends: [],
    });
  });
});

describe('embedded tests of a child run against the merged ruleset', () => {
  it('the child’s own case passes; the parent’s case is not run', () => {
    expect(runEmbeddedTests(resolve(level()))).toEqual([{ id: 'own-case', title: '本级用例', passed: true, failures: [] }]);
  });
});

describe('errors', () => {
  const catchError = (f: () => unknown): PingshenError => {
    try {
      f();
    } catch (err) {
      if (err instanceof PingshenError) return err;
      throw err;
    }
    throw new Error('expected a PingshenError');
  };

  it('EXTENDS_CYCLE: a → b → a', () => {
    const a: Ruleset = { ...series(), id: 'a', version: 1, extends: 'b@1' };
    const b: Ruleset = { ...series(), id: 'b', version: 1, extends: 'a@1' };
    const err = catchError(() => resolveExtends(a, lookupIn([a, b])));
    expect(err.code).toBe('EXTENDS_CYCLE');
    expect(err.issues).toEqual([
      { code: 'EXTENDS_CYCLE', severity: 'error', pointer: '/extends', message: { zh: '继承关系成环：a@1 → b@1 → a@1', en: 'extends cycle: a@1 → b@1 → a@1' } },
    ]);
  });

  it('EXTENDS_CYCLE: a ruleset that extends itself', () => {
    const a: Ruleset = { ...series(), id: 'a', version: 1, extends: 'a@1' };
    expect(catchError(() => resolveExtends(a, lookupIn([a]))).issues[0]!.message.zh).toBe('继承关系成环：a@1 → a@1');
    const issues = lintRuleset(a, { lookup: lookupIn([a]) });
    expect(issues.filter((i) => i.code === 'EXTENDS_CYCLE').map((i) => i.pointer)).toEqual(['/extends']);
  });

  it('EXTENDS_MISSING: the parent version is not there', () => {
    const err = catchError(() => resolveExtends(series(), lookupIn([{ ...common(), version: 2 }])));
    expect(err.code).toBe('EXTENDS_MISSING');
    expect(err.issues[0]).toMatchObject({ pointer: '/extends', message: { zh: '找不到被继承的规则集 common@1' } });
  });

  it('evaluating a child that was not resolved is refused, not silently run without its parent', () => {
    const err = catchError(() => evaluate(series(), {}, { asOf: ASOF }));
    expect(err.code).toBe('EXTENDS_MISSING');
    expect(err.issues[0]!.message.zh).toBe('规则集继承 common@1，须先合并上级规则集再评审');
  });

  it('parseExtends splits id and version', () => {
    expect(parseExtends('bz-common@12')).toEqual({ id: 'bz-common', version: 12 });
  });
});

describe('a child may cite the parent’s documents', () => {
  it('lints clean against the merged basis', () => {
    const child = series();
    child.criteria![1]!.basis = cite;
    expect(lintRuleset(child, { lookup: lookupIn(all()) })).toEqual([]);
  });
});

// The auditor property: from a result alone (and the rule file its hash names), an
// auditor recomputes every point, cap, total and verdict, and every node of every
// condition tree, and arrives at what the result says.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset } from '../../engine/compile';
import { evaluate } from '../../engine/evaluate';
import { rulesetHash } from '../../engine/hash';
import type { ConditionTrace, EvaluationResult, LeafTrace } from '../../engine/result';
import type { ResolvedRuleset, Ruleset, ScoringItem } from '../../engine/types';
import { jreOperator } from '../support/jre';
import { randomApplicants } from '../support/random-applicants';
import { loadFixture, shippedRulesets } from '../support/rulesets';
import { inconsistentGroups } from '../support/traces';

const ASOF = '2024-09-30';
const PER_RULESET = 120;

const targets: Array<[string, Ruleset | ResolvedRuleset]> = [
  ['mini.json', loadFixture('mini.json')],
  ['all-operators.json', loadFixture('all-operators.json')],
  ...shippedRulesets().map((s): [string, ResolvedRuleset] => [s.file, s.resolved]),
];

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Points after caps, from the result alone: raw points, cappedBy, category caps and the total cap. */
function allocateFromResult(r: EvaluationResult): Map<string, number> {
  const out = new Map<string, number>();
  let totalLeft = r.total.cap ?? Infinity;
  for (const c of r.categories) {
    let left = c.cap ?? Infinity;
    for (const i of r.items.filter((x) => x.categoryId === c.id)) {
      // An item's own cap is not in the result; when it was the last cap to bite, its points are that cap.
      let p = i.cappedBy === 'item' ? i.points : i.rawPoints;
      p = Math.min(p, Math.max(0, left));
      if (!c.bonus) p = Math.min(p, Math.max(0, totalLeft));
      p = round(p);
      left -= p;
      if (!c.bonus) totalLeft -= p;
      out.set(i.id, p);
    }
  }
  return out;
}

/** Raw points and caps from the rule file: what each item's rule gives for the value it read. */
function rawFromRule(def: ScoringItem, i: EvaluationResult['items'][number]): number {
  if (!i.applicable) return 0;
  const n = typeof i.factValue === 'number' && Number.isFinite(i.factValue) ? i.factValue : null;
  switch (def.type) {
    case 'condition':
      return i.conditions!.result ? def.points : 0;
    case 'perUnit':
      return n === null || n <= 0 ? 0 : round(n * def.pointsEach);
    case 'bracket': {
      // the band with the highest minimum not above the value
      let band: { min: number; points: number } | undefined;
      for (const b of def.brackets) if (n !== null && n >= b.min && (!band || b.min > band.min)) band = b;
      return band?.points ?? 0;
    }
    case 'lookup':
      return def.table.find((row) => row.value === i.factValue)?.points ?? def.default ?? 0;
  }
}

function allocateFromRule(r: EvaluationResult, rs: ResolvedRuleset): Map<string, number> {
  // Rulesets without a scoring table (directional-use, general-title-basis) decide by criteria alone.
  const categories = rs.scoring?.categories ?? [];
  const defs = new Map(categories.flatMap((c) => c.items.map((i) => [i.id, i] as const)));
  const out = new Map<string, number>();
  let totalLeft = rs.scoring?.cap ?? Infinity;
  for (const c of categories) {
    let left = c.cap ?? Infinity;
    for (const i of r.items.filter((x) => x.categoryId === c.id)) {
      const def = defs.get(i.id)!;
      let p = Math.min(i.rawPoints, def.cap ?? Infinity, Math.max(0, left));
      if (!c.bonus) p = Math.min(p, Math.max(0, totalLeft));
      p = round(p);
      left -= p;
      if (!c.bonus) totalLeft -= p;
      out.set(i.id, p);
    }
  }
  return out;
}

function leaves(t: ConditionTrace, out: LeafTrace[] = []): LeafTrace[] {
  if ('all' in t) t.all.forEach((c) => leaves(c, out));
  else if ('any' in t) t.any.forEach((c) => leaves(c, out));
  else if ('not' in t) leaves(t.not, out);
  else out.push(t);
  return out;
}

/**
 * A leaf's result recomputed with json-rules-engine's operator from the values the trace
 * shows. The trace writes a missing value as null, so where a null could have been
 * "missing", either reading is accepted.
 */
function leafHolds(l: LeafTrace): boolean {
  const op = jreOperator(l.operator);
  const readings = (v: unknown) => (v === null ? [null, undefined] : [v]);
  const outcomes = new Set<boolean>();
  for (const a of readings(l.factValue)) {
    for (const b of readings(l.threshold)) {
      try {
        outcomes.add(op.evaluate(a, b));
      } catch {
        outcomes.add(false); // documented: where json-rules-engine throws, the engine answers false
      }
    }
  }
  return outcomes.has(l.result);
}

describe.each(targets)('%s', (_name, rs) => {
  const compiled = compileRuleset(rs);
  const resolved = compiled.ruleset;
  let results: EvaluationResult[] = [];
  beforeAll(() => {
    results = randomApplicants(resolved, PER_RULESET, { asOf: ASOF, seed: 2024 }).map((a) => evaluate(compiled, a, { asOf: ASOF }));
  });

  it('the result names the rule file by its hash', () => {
    for (const r of results) expect(r.ruleset.hash).toBe(resolved.lineage[0]!.hash);
    if (!resolved.extends) expect(resolved.lineage[0]!.hash).toBe(rulesetHash(rs));
  });

  it('every item’s points follow from raw points and caps; categories, totals and score add up', () => {
    for (const r of results) {
      const recomputed = allocateFromResult(r);
      const byRule = allocateFromRule(r, resolved);
      const off = r.items.filter((i) => i.points !== recomputed.get(i.id) || i.points !== byRule.get(i.id) || i.capped !== i.points < i.rawPoints);
      expect(off).toEqual([]);
      let base = 0;
      let bonus = 0;
      for (const c of r.categories) {
        const items = r.items.filter((i) => i.categoryId === c.id);
        expect(c.points).toBe(round(items.reduce((s, i) => s + i.points, 0)));
        expect(c.rawPoints).toBe(round(items.reduce((s, i) => s + i.rawPoints, 0)));
        if (c.bonus) bonus += c.points;
        else base += c.points;
      }
      expect(r.total.basePoints).toBe(round(base));
      expect(r.total.bonusPoints).toBe(round(bonus));
      expect(r.score).toBe(round(r.total.basePoints + r.total.bonusPoints));
    }
  });

  it('every item’s raw points follow from the value it read and its rule', () => {
    const defs = new Map(resolved.scoring?.categories.flatMap((c) => c.items.map((i) => [i.id, i] as const)) ?? []);
    const off = results.flatMap((r) => r.items.filter((i) => i.rawPoints !== rawFromRule(defs.get(i.id)!, i)));
    expect(off).toEqual([]);
  });

  it('every group node follows from its children, and every leaf from its values (json-rules-engine’s operators)', () => {
    let nodes = 0;
    const wrong: string[] = [];
    for (const r of results) {
      const trees = [
        ...r.criteria.flatMap((c) => [c.appliesWhen, c.conditions]),
        ...r.vetoes.map((v) => v.conditions),
        ...r.items.flatMap((i) => [i.appliesWhen, i.conditions]),
      ].filter((t): t is ConditionTrace => t !== undefined);
      for (const t of trees) {
        wrong.push(...inconsistentGroups(t).map((at) => `${r.applicantId}: group ${at}`));
        for (const l of leaves(t)) {
          if (!leafHolds(l)) wrong.push(`${r.applicantId}: ${JSON.stringify(l)}`);
          nodes++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(nodes).toBeGreaterThan(0);
  });

  it('the verdict follows: eligible = every criterion passed or not applicable; vetoed = any veto; passed = eligible, not vetoed and at the pass mark', () => {
    for (const r of results) {
      for (const c of r.criteria) expect(c.passed).toBe(c.applicable ? c.conditions!.result : true);
      for (const v of r.vetoes) expect(v.triggered).toBe(v.conditions!.result);
      expect(r.eligible).toBe(r.criteria.every((c) => c.passed));
      expect(r.vetoed).toBe(r.vetoes.some((v) => v.triggered));
      expect(r.passed).toBe(r.eligible && !r.vetoed && (r.total.minScore === null || r.score >= r.total.minScore));
    }
  });

  it('the applicants reach different verdicts (the generator is not degenerate)', () => {
    expect(new Set(results.map((r) => `${r.eligible}/${r.vetoed}`)).size).toBeGreaterThanOrEqual(2);
    // A ruleset without a scoring table scores every applicant 0; the verdicts above must still differ.
    if (resolved.scoring) expect(new Set(results.map((r) => r.score)).size).toBeGreaterThan(3);
    else expect(results.every((r) => r.score === 0)).toBe(true);
    if (_name !== 'all-operators.json') expect(new Set(results.map((r) => r.eligible)).size).toBe(2);
  });
});

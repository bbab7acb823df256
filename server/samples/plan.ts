// Which criteria an applicant will meet, decided before their series facts are
// drawn. Units recommend people who qualify, so most criteria are met; for each
// one that is, the plan picks one way of meeting it (one branch of every `any`,
// preferring branches that agree with the facts already known) and records what
// it needs: a number at least this high, this enum value, k records of the kind a
// count reads. Facts of a criterion that is not met are drawn to miss it.
import type { Condition, DerivedDef, ResolvedRuleset } from '../../engine/index';
import { type Rng } from './prng';

export interface RecordFilter {
  /** The derived count that reads the list. */
  id: string;
  where: Condition | undefined;
  /** Per-record computed values (lets) the filter may read; the generator ignores them. */
  lets: Set<string>;
}

export interface Need {
  min?: number;
  max?: number;
  values?: unknown[];
  /** Options a set must hold. */
  contains?: unknown[];
  records?: Array<{ filter: RecordFilter; count: number }>;
  /** The fact belongs to a criterion this applicant misses. */
  fail?: boolean;
}

export type Plan = Map<string, Need>;

const OPS = new Set(['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive', 'equal', 'in', 'contains']);

function holds(op: string, a: unknown, b: unknown): boolean | undefined {
  switch (op) {
    case 'equal':
      return a === b;
    case 'in':
      return Array.isArray(b) ? b.includes(a) : undefined;
    case 'greaterThanInclusive':
      return typeof a === 'number' && typeof b === 'number' ? a >= b : undefined;
    case 'greaterThan':
      return typeof a === 'number' && typeof b === 'number' ? a > b : undefined;
    case 'lessThanInclusive':
      return typeof a === 'number' && typeof b === 'number' ? a <= b : undefined;
    case 'lessThan':
      return typeof a === 'number' && typeof b === 'number' ? a < b : undefined;
    case 'contains':
      return Array.isArray(a) ? a.includes(b) : undefined;
    default:
      return undefined;
  }
}

/** False when a leaf on an already-known fact fails; true otherwise (unknown counts as possible). */
function possible(c: Condition, known: Record<string, unknown>): boolean {
  if ('all' in c) return c.all.every((x) => possible(x, known));
  if ('any' in c) return c.any.length === 0 || c.any.some((x) => possible(x, known));
  if ('not' in c) return true;
  if (!(c.fact in known) || c.path) return true;
  return holds(c.operator, known[c.fact], c.value) !== false;
}

export class Planner {
  private readonly counts = new Map<string, { of: string; filter: RecordFilter }>();
  private readonly otherDerived = new Set<string>();

  constructor(private readonly rs: ResolvedRuleset) {
    for (const d of rs.derived ?? []) {
      if (d.op === 'count') {
        const lets = new Set((d as Extract<DerivedDef, { of: string }>).let?.map((l) => l.id) ?? []);
        this.counts.set(d.id, { of: d.of, filter: { id: d.id, where: d.where, lets } });
      } else this.otherDerived.add(d.id);
    }
  }

  /** The count filters over a list fact. */
  filtersOf(listFact: string): RecordFilter[] {
    return [...this.counts.values()].filter((c) => c.of === listFact).map((c) => c.filter);
  }

  /**
   * `known`: facts already set (the common ones); plans never touch them.
   * `meet(criterionId)`: the chance this applicant meets the criterion.
   */
  plan(rng: Rng, known: Record<string, unknown>, meet: (criterionId: string) => number): Plan {
    const plan: Plan = new Map();
    for (const c of this.rs.criteria ?? []) {
      if (c.appliesWhen && !possible(c.appliesWhen, known)) continue;
      const met = rng.chance(meet(c.id));
      if (met) this.need(rng, c.conditions, known, plan);
      else this.fail(c.conditions, known, plan);
    }
    return plan;
  }

  private need(rng: Rng, c: Condition, known: Record<string, unknown>, plan: Plan): void {
    if ('all' in c) c.all.forEach((x) => this.need(rng, x, known, plan));
    else if ('any' in c) {
      const open = c.any.filter((x) => possible(x, known));
      const from = open.length > 0 ? open : c.any;
      if (from.length > 0) this.need(rng, rng.pick(from), known, plan);
    } else if ('not' in c || c.fact in known || c.path || !OPS.has(c.operator) || this.otherDerived.has(c.fact)) return;
    else {
      const count = this.counts.get(c.fact);
      if (count) {
        if (typeof c.value !== 'number') return;
        const k = c.operator === 'greaterThan' ? c.value + 1 : c.operator === 'greaterThanInclusive' ? c.value : 0;
        if (k <= 0) return;
        const need = plan.get(count.of) ?? {};
        const records = need.records ?? [];
        const same = records.find((r) => r.filter.id === count.filter.id);
        if (same) same.count = Math.max(same.count, k);
        else records.push({ filter: count.filter, count: k });
        need.records = records;
        plan.set(count.of, need);
        return;
      }
      const need = plan.get(c.fact) ?? {};
      const v = c.value;
      if (c.operator === 'equal') need.values = [v];
      else if (c.operator === 'in' && Array.isArray(v)) {
        const list: unknown[] = v;
        need.values = need.values ? need.values.filter((x) => list.includes(x)) : list;
      } else if (c.operator === 'contains') need.contains = [...(need.contains ?? []), v];
      else if (typeof v === 'number') {
        if (c.operator === 'greaterThanInclusive') need.min = Math.max(need.min ?? -Infinity, v);
        if (c.operator === 'greaterThan') need.min = Math.max(need.min ?? -Infinity, v + Number.EPSILON);
        if (c.operator === 'lessThanInclusive') need.max = Math.min(need.max ?? Infinity, v);
        if (c.operator === 'lessThan') need.max = Math.min(need.max ?? Infinity, v - Number.EPSILON);
      }
      plan.set(c.fact, need);
    }
  }

  private fail(c: Condition, known: Record<string, unknown>, plan: Plan): void {
    if ('all' in c) c.all.forEach((x) => this.fail(x, known, plan));
    else if ('any' in c) c.any.forEach((x) => this.fail(x, known, plan));
    else if ('not' in c || c.fact in known || this.otherDerived.has(c.fact)) return;
    else {
      const target = this.counts.get(c.fact)?.of ?? c.fact;
      const need = plan.get(target);
      if (need) return; // another criterion needs it met; that wins
      plan.set(target, { fail: true });
    }
  }
}

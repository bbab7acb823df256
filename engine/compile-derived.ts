// Derived facts: declarative counts, sums, min/max over arrays of records (with a
// filter and per-record computed values), whole years or months between two dates
// as of the evaluation date, and lookups. Compiled once, computed in dependency order.
import { compileCondition, leaves, type Accessor, type FactResolver } from './compile-condition';
import { monthsBetween, parseDate, yearsBetween, type YMD } from './dates';
import { PingshenError, issue, pointerOf } from './errors';
import type { Applicant, Condition, DerivedDef, LookupRow, RecordLet, Scalar } from './types';

export interface EvalContext {
  applicant: Applicant;
  asOf: YMD;
  /** Derived fact values, by the index in CompiledDerived.order. */
  derived: unknown[];
}

interface RecordContext {
  record: Record<string, unknown>;
  lets: unknown[];
  outer: EvalContext;
}

export const AS_OF = '$asOf';

export interface CompiledDerived {
  /** Derived ids in computation order. */
  order: string[];
  indexOf: Map<string, number>;
  compute(ctx: EvalContext): void;
}

/** Fact ids a derived definition reads at the top level (record fields excluded). */
export function derivedDependencies(def: DerivedDef): string[] {
  switch (def.op) {
    case 'count':
    case 'sum':
    case 'min':
    case 'max': {
      const local = new Set<string>((def.let ?? []).map((l) => l.id));
      const outer = [def.of];
      const scoped = [...(def.where ? leaves(def.where) : []).flatMap(leafFacts), ...(def.let ?? []).flatMap(letFacts)];
      // A name that is not a let may be a record field or a top-level fact; the caller
      // filters out record fields, which it knows from the facts catalogue.
      return [...outer, ...scoped.filter((f) => !local.has(f))];
    }
    case 'yearsBetween':
    case 'monthsBetween':
      return [def.from, def.to].filter((f) => f !== AS_OF);
    case 'lookup':
      return [def.fact];
  }
}

function leafFacts(leaf: { fact: string; value: unknown }): string[] {
  const v = leaf.value as { fact?: unknown } | null;
  return v !== null && typeof v === 'object' && typeof v.fact === 'string' ? [leaf.fact, v.fact] : [leaf.fact];
}

function letFacts(l: RecordLet): string[] {
  return l.op === 'lookup' ? [l.fact] : [l.from, l.to].filter((f) => f !== AS_OF);
}

/**
 * Orders derived facts so each is computed after those it reads.
 * Throws DERIVED_CYCLE naming the cycle when there is none.
 */
export function orderDerived(defs: DerivedDef[], recordFields: (arrayFact: string) => Set<string>): DerivedDef[] {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const state = new Map<string, 'visiting' | 'done'>();
  const ordered: DerivedDef[] = [];
  const visit = (def: DerivedDef, stack: string[]) => {
    const s = state.get(def.id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(def.id)), def.id].join(' → ');
      const at = defs.indexOf(def);
      throw new PingshenError('DERIVED_CYCLE', `derived facts refer to themselves: ${cycle}`, [
        issue('DERIVED_CYCLE', pointerOf('derived', at), `派生事实循环引用：${cycle}`, `Derived facts refer to themselves: ${cycle}`),
      ]);
    }
    state.set(def.id, 'visiting');
    const fields = 'of' in def ? recordFields(def.of) : new Set<string>();
    for (const dep of derivedDependencies(def)) {
      const target = byId.get(dep);
      if (target && !(fields.has(dep) && dep !== ('of' in def ? def.of : ''))) visit(target, [...stack, def.id]);
    }
    state.set(def.id, 'done');
    ordered.push(def);
  };
  for (const def of defs) visit(def, []);
  return ordered;
}

function dateAccessor<C>(ref: string, resolve: FactResolver<C>, asOf: (ctx: C) => YMD): (ctx: C) => YMD | null {
  if (ref === AS_OF) return asOf;
  const get = resolve(ref);
  return (ctx) => parseDate(get(ctx));
}

function lookupFn(table: LookupRow[], fallback: Scalar | undefined): (v: unknown) => unknown {
  const map = new Map<unknown, Scalar>(table.map((row) => [row.value, row.result]));
  const otherwise = fallback === undefined ? null : fallback;
  return (v) => (map.has(v) ? map.get(v) : otherwise);
}

function compileScalar<C>(
  def: { op: 'yearsBetween' | 'monthsBetween'; from: string; to: string } | { op: 'lookup'; fact: string; table: LookupRow[]; default?: Scalar },
  resolve: FactResolver<C>,
  asOf: (ctx: C) => YMD,
): Accessor<C> {
  if (def.op === 'lookup') {
    const get = resolve(def.fact);
    const look = lookupFn(def.table, def.default);
    return (ctx) => look(get(ctx));
  }
  const from = dateAccessor(def.from, resolve, asOf);
  const to = dateAccessor(def.to, resolve, asOf);
  const between = def.op === 'yearsBetween' ? yearsBetween : monthsBetween;
  return (ctx) => {
    const a = from(ctx);
    const b = to(ctx);
    return a && b ? between(a, b) : null;
  };
}

function compileAggregate(
  def: Extract<DerivedDef, { of: string }>,
  outerResolve: FactResolver<EvalContext>,
  fields: Set<string>,
): Accessor<EvalContext> {
  const getArray = outerResolve(def.of);
  const lets = def.let ?? [];
  const letIndex = new Map(lets.map((l, i) => [l.id, i]));
  const resolveInRecord: FactResolver<RecordContext> = (id) => {
    const li = letIndex.get(id);
    if (li !== undefined) return (rc) => rc.lets[li];
    // A declared record field shadows a top-level fact of the same name, also in a record
    // that leaves it out: a paper without a year has no year, not the applicant's.
    if (fields.has(id)) return (rc) => (Object.prototype.hasOwnProperty.call(rc.record, id) ? rc.record[id] : undefined);
    const outer = outerResolve(id);
    return (rc) => outer(rc.outer);
  };
  const letFns = lets.map((l) => compileScalar<RecordContext>(l, resolveInRecord, (rc) => rc.outer.asOf));
  const where = def.where ? compileCondition<RecordContext>(def.where as Condition, resolveInRecord) : null;
  const field = 'field' in def ? resolveInRecord(def.field) : null;
  const op = def.op;
  return (ctx) => {
    const records = getArray(ctx);
    let count = 0;
    let acc: number | null = op === 'sum' ? 0 : null;
    if (!Array.isArray(records)) return op === 'count' ? 0 : acc;
    for (const record of records) {
      if (record === null || typeof record !== 'object') continue;
      const rc: RecordContext = { record: record as Record<string, unknown>, lets: new Array(letFns.length), outer: ctx };
      for (let i = 0; i < letFns.length; i++) rc.lets[i] = letFns[i]!(rc);
      if (where && !where.test(rc)) continue;
      count++;
      if (field) {
        const v = field(rc);
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        if (op === 'sum') acc = (acc as number) + v;
        else if (op === 'min') acc = acc === null || v < acc ? v : acc;
        else if (op === 'max') acc = acc === null || v > acc ? v : acc;
      }
    }
    return op === 'count' ? count : acc === null ? null : roundPoints(acc);
  };
}

/** Removes binary floating-point noise (0.1 + 0.2) so sums print and compare exactly. */
export function roundPoints(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function compileDerived(
  defs: DerivedDef[],
  baseResolve: (id: string) => Accessor<EvalContext> | undefined,
  recordFields: (arrayFact: string) => Set<string>,
): CompiledDerived {
  const ordered = orderDerived(defs, recordFields);
  const indexOf = new Map(ordered.map((d, i) => [d.id, i]));
  const resolve: FactResolver<EvalContext> = (id) => {
    const i = indexOf.get(id);
    if (i !== undefined) return (ctx) => ctx.derived[i];
    return baseResolve(id) ?? (() => undefined);
  };
  const fns = ordered.map((def) =>
    'of' in def ? compileAggregate(def, resolve, recordFields(def.of)) : compileScalar<EvalContext>(def, resolve, (ctx) => ctx.asOf),
  );
  const n = fns.length;
  return {
    order: ordered.map((d) => d.id),
    indexOf,
    compute(ctx) {
      for (let i = 0; i < n; i++) ctx.derived[i] = fns[i]!(ctx);
    },
  };
}

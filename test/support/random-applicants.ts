// Seeded random applicants for a ruleset, shaped to exercise its conditions: numbers
// at every threshold the ruleset compares a fact with (t-1, t, t+1) as well as random
// ones, option values, dates placed so that years/months-between derived facts land
// on either side of their thresholds as of the evaluation date, arrays of 0–6 records,
// and now and then a missing optional fact. Every applicant is valid against the
// ruleset's facts catalogue. Used by the differential test and the benchmark.
import type {
  Applicant,
  Condition,
  FactDef,
  LookupRow,
  RecordLet,
  Ruleset,
  Scalar,
} from '../../engine/types';
import { Rng } from '../../server/samples/prng';


// ---------------------------------------------------------------------------
// Calendar arithmetic on YYYY-MM-DD (UTC, so no time zone can shift a day).

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds calendar months; a day past the end of the target month becomes its last day (2024-02-29 + 12 months = 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return format(ny, nm, Math.min(d, daysIn(ny, nm)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

// ---------------------------------------------------------------------------
// Probes: what values of each fact the ruleset cares about. Top-level facts are keyed
// by id; fields inside records and arrays by `<fact>.<field>`. Besides the values a
// condition compares with, `good*` note the values that make a condition come out the
// way an eligible, unvetoed applicant needs, so that about half of the applicants get
// far enough to be scored and hinted.

type Unit = 'years' | 'months';

export interface Offset {
  unit: Unit;
  /** Whole units from asOf (negative: before asOf). */
  amount: number;
}

export interface Probes {
  numbers: Map<string, Set<number>>;
  scalars: Map<string, Set<Scalar>>;
  /** Absolute dates a condition compares with. */
  dates: Map<string, Set<string>>;
  offsets: Map<string, Map<string, Offset>>;
  /** Record counts for array facts. */
  lengths: Map<string, Set<number>>;
  good: Map<string, Set<Scalar>>;
  /** For each fact, what every condition on it wants (the good values to prefer satisfy them all). */
  wants: Map<string, Array<(v: unknown) => boolean>>;
  goodOffsets: Map<string, Map<string, Offset>>;
  goodLengths: Map<string, Set<number>>;
  /** `target` placed `amount` units after `base` (years/months between two date facts). */
  datePairs: Map<string, { base: string; target: string; unit: Unit; amounts: number[] }>;
  /** `a` compared with `{ fact: b }`: sometimes made equal or adjacent. */
  valuePairs: Map<string, { a: string; b: string }>;
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function addOffset(map: Map<string, Map<string, Offset>>, key: string, o: Offset) {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Map()));
  m.set(`${o.unit}${o.amount}`, o);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function noteScalar(p: Probes, key: string, v: unknown) {
  if (typeof v === 'number') add(p.numbers, key, v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') add(p.scalars, key, v);
  if (typeof v === 'string' && DATE.test(v)) add(p.dates, key, v);
}

/** `$.a.b` / `$[2].a` → the probe key inside `fact`, noting array lengths on the way. */
function pathKey(p: Probes, factId: string, path: string | undefined): string {
  if (path === undefined) return factId;
  let key = factId;
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) key = `${key}.${m[1]}`;
    else {
      add(p.lengths, key, Number(m[2]));
      add(p.lengths, key, Number(m[2]) + 1);
    }
  }
  return key;
}

/** Values of the fact that give the leaf the wanted result (plain and `not:` operators only). */
function goodValues(operator: string, value: unknown, want: boolean): Scalar[] {
  const parts = operator.split(':');
  const base = parts.pop()!;
  if (parts.some((d) => d !== 'not')) return [];
  if (parts.length % 2 === 1) want = !want;
  const list = (Array.isArray(value) ? value : [value]).filter((v): v is Scalar => v !== null && typeof v !== 'object');
  if (typeof value === 'number') {
    const t = value;
    switch (base) {
      case 'greaterThanInclusive':
        return want ? [t, t + 1] : [t - 1];
      case 'greaterThan':
        return want ? [t + 1] : [t];
      case 'lessThanInclusive':
        return want ? [t, t - 1] : [t + 1];
      case 'lessThan':
        return want ? [t - 1] : [t];
    }
  }
  if (typeof value === 'boolean' && (base === 'equal' || base === 'notEqual')) return [(base === 'equal') === want ? value : !value];
  if (base === 'equal' || base === 'in' || base === 'contains') return want ? list : [];
  if (base === 'notEqual' || base === 'notIn') return want ? [] : list;
  return [];
}

/** A predicate that holds for the values giving the leaf the wanted result (plain and `not:` operators only). */
function wantPredicate(operator: string, value: unknown, want: boolean): ((v: unknown) => boolean) | null {
  const parts = operator.split(':');
  const base = parts.pop()!;
  if (parts.some((d) => d !== 'not')) return null;
  if (parts.length % 2 === 1) want = !want;
  const list = Array.isArray(value) ? (value as unknown[]) : null;
  const t = typeof value === 'number' ? value : null;
  let test: ((v: unknown) => boolean) | null = null;
  if (base === 'equal') test = (v) => v === value;
  else if (base === 'notEqual') test = (v) => v !== value;
  else if (base === 'in' && list) test = (v) => list.includes(v);
  else if (base === 'notIn' && list) test = (v) => !list.includes(v);
  else if (t !== null && base === 'greaterThanInclusive') test = (v) => typeof v === 'number' && v >= t;
  else if (t !== null && base === 'greaterThan') test = (v) => typeof v === 'number' && v > t;
  else if (t !== null && base === 'lessThanInclusive') test = (v) => typeof v === 'number' && v <= t;
  else if (t !== null && base === 'lessThan') test = (v) => typeof v === 'number' && v < t;
  return test && ((v) => test(v) === want);
}

/** The candidates every condition on the fact wants, if there are any; else all of them (alternatives may disagree). */
export function preferred<T>(p: Probes, key: string, candidates: T[]): T[] {
  const wants = p.wants.get(key) ?? [];
  const agreed = candidates.filter((c) => wants.every((w) => w(c)));
  return agreed.length > 0 ? agreed : candidates;
}

/**
 * Notes every leaf of a condition. `scope` maps a name to its probe key (record fields
 * and lets inside an aggregate); other names are top-level facts. `want`: the result a
 * passing applicant needs (true for criteria and items, false for vetoes, flipped under
 * `not`; undefined when it is not known).
 */
function noteCondition(p: Probes, c: Condition, want: boolean | undefined, scope: (name: string) => string = (n) => n) {
  if ('all' in c) return c.all.forEach((x) => noteCondition(p, x, want, scope));
  if ('any' in c) return c.any.forEach((x) => noteCondition(p, x, want, scope));
  if ('not' in c) return noteCondition(p, c.not, want === undefined ? undefined : !want, scope);
  const key = pathKey(p, scope(c.fact), c.path);
  const v = c.value;
  if (Array.isArray(v)) v.forEach((x) => noteScalar(p, key, x));
  else if (v !== null && typeof v === 'object') {
    const b = pathKey(p, scope(v.fact), v.path);
    p.valuePairs.set(`${key} ${b}`, { a: key, b });
  } else noteScalar(p, key, v);
  if (want !== undefined) {
    for (const g of goodValues(c.operator, v, want)) add(p.good, key, g);
    const w = wantPredicate(c.operator, v, want);
    if (w) p.wants.set(key, [...(p.wants.get(key) ?? []), w]);
  }
}

function noteLookup(p: Probes, key: string, table: Array<{ value: Scalar }>) {
  for (const row of table) noteScalar(p, key, row.value);
}

export function probeRuleset(ruleset: Ruleset): Probes {
  const p: Probes = {
    numbers: new Map(),
    scalars: new Map(),
    dates: new Map(),
    offsets: new Map(),
    lengths: new Map(),
    good: new Map(),
    wants: new Map(),
    goodOffsets: new Map(),
    goodLengths: new Map(),
    datePairs: new Map(),
    valuePairs: new Map(),
  };
  for (const c of ruleset.criteria ?? []) {
    if (c.appliesWhen) noteCondition(p, c.appliesWhen, undefined);
    noteCondition(p, c.conditions, true);
  }
  for (const v of ruleset.vetoes ?? []) noteCondition(p, v.conditions, false);
  for (const cat of ruleset.scoring?.categories ?? []) {
    for (const item of cat.items) {
      if (item.appliesWhen) noteCondition(p, item.appliesWhen, true);
      if (item.type === 'condition') noteCondition(p, item.when, true);
      else if (item.type === 'bracket') item.brackets.forEach((b) => add(p.numbers, item.fact, b.min));
      else if (item.type === 'lookup') noteLookup(p, item.fact, item.table);
      else [0, 1, 2, 3].forEach((n) => add(p.numbers, item.fact, n));
    }
  }
  // Thresholds on derived facts become values of the facts they are computed from.
  // A definition may read an earlier one, so walk backwards, twice (the probes are sets).
  const derived = ruleset.derived ?? [];
  for (let pass = 0; pass < 2; pass++) {
    for (const d of [...derived].reverse()) {
      const thresholds = [...(p.numbers.get(d.id) ?? [])];
      const good = preferred(p, d.id, [...(p.good.get(d.id) ?? [])]).filter((g): g is number => typeof g === 'number');
      switch (d.op) {
        case 'yearsBetween':
        case 'monthsBetween':
          noteBetween(p, d.op, d.from, d.to, thresholds, good, (n) => n);
          break;
        case 'lookup':
          noteLookup(p, d.fact, d.table);
          break;
        default: {
          const of = d.of;
          for (const t of thresholds) for (const n of [t - 1, t, t + 1]) if (n >= 0 && n <= 8) add(p.lengths, of, n);
          for (const n of good) if (n >= 0 && n <= 8 && Number.isInteger(n)) add(p.goodLengths, of, n);
          // Record fields and lets live inside the record; other names are top-level facts.
          const local = new Set([...(ruleset.facts.find((f) => f.id === of)?.fields ?? []).map((f) => f.id), ...(d.let ?? []).map((l) => l.id)]);
          const scope = (name: string) => (local.has(name) ? `${of}.${name}` : name);
          // Counting zero wants the filter to fail; counting some wants it to hold.
          const want = good.length === 0 ? undefined : good.every((n) => n <= 0) ? false : good.every((n) => n > 0) ? true : undefined;
          if (d.where) noteCondition(p, d.where, d.op === 'count' ? want : undefined, scope);
          if ('field' in d) for (const t of thresholds) add(p.numbers, scope(d.field), t);
          noteLets(p, d.let ?? [], scope);
        }
      }
    }
  }
  return p;
}

function noteBetween(
  p: Probes,
  op: 'yearsBetween' | 'monthsBetween',
  from: string,
  to: string,
  thresholds: number[],
  good: number[],
  key: (n: string) => string,
) {
  const unit: Unit = op === 'yearsBetween' ? 'years' : 'months';
  const amounts = thresholds.length > 0 ? thresholds : [1, 5];
  if (to === '$asOf' && from !== '$asOf') {
    for (const a of amounts) addOffset(p.offsets, key(from), { unit, amount: -a });
    for (const g of good) addOffset(p.goodOffsets, key(from), { unit, amount: -g });
  } else if (from === '$asOf' && to !== '$asOf') {
    for (const a of amounts) addOffset(p.offsets, key(to), { unit, amount: a });
    for (const g of good) addOffset(p.goodOffsets, key(to), { unit, amount: g });
  } else if (from !== '$asOf' && to !== '$asOf') {
    p.datePairs.set(`${key(from)} ${key(to)}`, { base: key(from), target: key(to), unit, amounts });
  }
}

function noteLets(p: Probes, lets: RecordLet[], scope: (n: string) => string) {
  const letIds = new Set(lets.map((l) => l.id));
  // A let compared with a lookup let (months < period) takes the lookup's results as thresholds.
  for (const pair of p.valuePairs.values()) {
    for (const l of lets) {
      if (l.op !== 'lookup' || pair.b !== scope(l.id)) continue;
      for (const row of l.table as LookupRow[]) if (typeof row.result === 'number') add(p.numbers, pair.a, row.result);
    }
  }
  for (const l of lets) {
    if (l.op === 'lookup') {
      if (!letIds.has(l.fact)) noteLookup(p, scope(l.fact), l.table);
    } else {
      const thresholds = [...(p.numbers.get(scope(l.id)) ?? [])];
      noteBetween(p, l.op, l.from, l.to, thresholds, [], scope);
    }
  }
}

// ---------------------------------------------------------------------------
// Generation.

export interface RandomApplicantOptions {
  /** The evaluation date the applicants are shaped around. */
  asOf: string;
  seed?: number;
  /** Chance that an optional fact is left out (half of those are given as null). Default 0.08. */
  missingRate?: number;
  /** Most records in an array fact. Default 6. */
  maxRecords?: number;
}

export type ApplicantGenerator = (index: number) => Applicant;

/** A deterministic generator: applicant `i` depends only on the ruleset, the options and `i`. */
export function applicantGenerator(ruleset: Ruleset, options: RandomApplicantOptions): ApplicantGenerator {
  const probes = probeRuleset(ruleset);
  const seed = options.seed ?? 1;
  const missingRate = options.missingRate ?? 0.08;
  const maxRecords = options.maxRecords ?? 6;
  const { asOf } = options;
  const defs = indexDefs(ruleset);

  return (index) => {
    const rng = new Rng((seed * 0x9e3779b1 + index * 0x85ebca6b) >>> 0);
    // About half of the applicants lean towards the values a passing applicant has.
    const favour = rng.chance(0.6);
    const good = (key: string): Scalar[] => (favour && rng.chance(0.95) ? preferred(probes, key, [...(probes.good.get(key) ?? [])]) : []);
    const root: Record<string, unknown> = {};

    const number = (def: FactDef, key: string): number => {
      const lo = def.min ?? 0;
      const probesHere = [...(probes.numbers.get(key) ?? [])];
      const hi = def.max ?? Math.max(lo + 10, ...probesHere.map((t) => 2 * t + 2));
      const wanted = good(key).filter((g): g is number => typeof g === 'number');
      let v: number;
      if (wanted.length > 0) v = rng.pick(wanted);
      else if (probesHere.length > 0 && rng.chance(0.7)) {
        const t = rng.pick(probesHere);
        const steps = def.type === 'integer' ? [-1, 0, 0, 1] : [-1, -0.5, 0, 0, 0.5, 1];
        v = t + rng.pick(steps);
      } else if (def.type === 'integer' || rng.chance(0.5)) v = rng.int(Math.ceil(lo), Math.floor(Math.min(hi, lo + 60)));
      else v = Math.round((lo + rng.next() * (Math.min(hi, lo + 60) - lo)) * 10) / 10;
      if (def.type === 'integer') v = Math.round(v);
      return Math.min(Math.max(v, lo), hi);
    };

    const fromAsOf = (o: Offset) => addMonths(asOf, o.unit === 'years' ? 12 * o.amount : o.amount);

    const date = (key: string): string => {
      const wanted = [...(probes.goodOffsets.get(key)?.values() ?? [])];
      if (favour && wanted.length > 0 && rng.chance(0.85)) return fromAsOf(rng.pick(wanted));
      const offsets = [...(probes.offsets.get(key)?.values() ?? [])];
      const absolute = [...(probes.dates.get(key) ?? [])];
      const r = rng.next();
      if (offsets.length > 0 && r < 0.65) return addDays(fromAsOf(rng.pick(offsets)), rng.pick([-1, 0, 0, 1]));
      if (absolute.length > 0 && r < 0.8) return addDays(rng.pick(absolute), rng.pick([-1, 0, 1]));
      return addDays(asOf, -rng.int(-400, 35 * 366));
    };

    const option = (def: FactDef, key: string): string => {
      const values = (def.options ?? []).map((o) => o.value);
      const wanted = good(key).filter((g): g is string => typeof g === 'string' && values.includes(g));
      return rng.pick(wanted.length > 0 ? wanted : values);
    };

    const value = (def: FactDef, key: string): unknown => {
      switch (def.type) {
        case 'number':
        case 'integer':
          return number(def, key);
        case 'boolean': {
          const wanted = good(key).filter((g): g is boolean => typeof g === 'boolean');
          return wanted.length > 0 ? rng.pick(wanted) : rng.chance(0.5);
        }
        case 'string': {
          const known = [...(probes.scalars.get(key) ?? [])].filter((s): s is string => typeof s === 'string' && s.length > 0);
          const text = known.length > 0 && rng.chance(0.6) ? rng.pick(known) : def.id === 'id' ? `A${String(index).padStart(5, '0')}` : `${def.id}-${rng.int(1, 999)}`;
          return def.maxLength !== undefined ? text.slice(0, def.maxLength) : text;
        }
        case 'enum':
          return option(def, key);
        case 'set': {
          const wanted = new Set(good(key));
          return (def.options ?? []).filter((o) => wanted.has(o.value) || rng.chance(0.4)).map((o) => o.value);
        }
        case 'date':
          return date(key);
        case 'record':
          return record(def.fields ?? [], key);
        case 'array': {
          const wanted = favour ? [...(probes.goodLengths.get(key) ?? [])] : [];
          const lengths = [...(probes.lengths.get(key) ?? [])].filter((n) => n <= maxRecords + 2);
          const n =
            wanted.length > 0 && rng.chance(0.7)
              ? rng.pick(wanted)
              : lengths.length > 0 && rng.chance(0.4)
                ? rng.pick(lengths)
                : Math.floor(rng.next() ** 1.5 * ((favour ? Math.min(3, maxRecords) : maxRecords) + 1));
          return Array.from({ length: n }, () => record(def.fields ?? [], key));
        }
      }
    };

    const record = (fields: FactDef[], prefix: string): Record<string, unknown> => {
      const r: Record<string, unknown> = prefix ? {} : root;
      for (const f of fields) {
        const key = prefix ? `${prefix}.${f.id}` : f.id;
        if (!f.required && rng.chance(favour ? missingRate / 4 : missingRate)) {
          if (rng.chance(0.5)) r[f.id] = null;
          continue;
        }
        r[f.id] = value(f, key);
      }
      pairUp(r, prefix);
      return r;
    };

    // Facts compared with each other, and date pairs, are sometimes placed right at the boundary.
    const pairUp = (r: Record<string, unknown>, prefix: string) => {
      const local = (key: string) => {
        const rest = prefix ? (key.startsWith(prefix + '.') ? key.slice(prefix.length + 1) : null) : key;
        return rest !== null && !rest.includes('.') ? rest : null;
      };
      const defOf = (name: string) => defs.get(prefix ? `${prefix}.${name}` : name);
      for (const pair of probes.datePairs.values()) {
        // the base may be a top-level fact already generated (a record date counted from the title date)
        const base = local(pair.base);
        const baseValue = base ? r[base] : !pair.base.includes('.') ? root[pair.base] : undefined;
        const target = local(pair.target);
        if (typeof baseValue !== 'string' || !target || !(target in r) || !rng.chance(0.6)) continue;
        const amount = rng.pick(pair.amounts);
        const shifted = addMonths(baseValue, pair.unit === 'years' ? 12 * amount : amount);
        r[target] = addDays(shifted, rng.pick([-1, 0, 0, 1]));
      }
      for (const pair of probes.valuePairs.values()) {
        const a = local(pair.a);
        const b = local(pair.b);
        if (!a || !b || a === b || !rng.chance(0.3)) continue;
        const [x, y] = [r[a], r[b]];
        const def = defOf(a);
        if (!def || x === undefined || y === undefined || y === null) continue;
        let v: unknown = y;
        if (typeof y === 'number') v = y + rng.pick([-1, 0, 1]);
        else if (typeof y === 'string' && DATE.test(y) && def.type === 'date') v = addDays(y, rng.pick([-1, 0, 1]));
        if (fits(def, v)) r[a] = v;
      }
    };

    return { ...record(ruleset.facts, '') };
  };
}

/** Whether a value is valid for a fact (the cases pairUp can produce). */
function fits(def: FactDef, v: unknown): boolean {
  switch (def.type) {
    case 'number':
    case 'integer':
      return (
        typeof v === 'number' &&
        (def.type === 'number' || Number.isInteger(v)) &&
        (def.min === undefined || v >= def.min) &&
        (def.max === undefined || v <= def.max)
      );
    case 'enum':
      return typeof v === 'string' && (def.options ?? []).some((o) => o.value === v);
    case 'string':
      return typeof v === 'string' && (def.maxLength === undefined || v.length <= def.maxLength) && (!def.required || v.length > 0);
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && DATE.test(v);
    default:
      return false;
  }
}

/** Fact definitions by probe key, for range checks when a value is moved. */
function indexDefs(ruleset: Ruleset): Map<string, FactDef> {
  const map = new Map<string, FactDef>();
  const walk = (facts: FactDef[], prefix: string) => {
    for (const f of facts) {
      const key = prefix ? `${prefix}.${f.id}` : f.id;
      map.set(key, f);
      if (f.fields) walk(f.fields, key);
    }
  };
  walk(ruleset.facts, '');
  return map;
}

/** `count` applicants from the generator, indices 0..count-1. */
export function randomApplicants(ruleset: Ruleset, count: number, options: RandomApplicantOptions): Applicant[] {
  const next = applicantGenerator(ruleset, options);
  return Array.from({ length: count }, (_, i) => next(i));
}

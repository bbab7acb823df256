// Is the written semantics enough? An independent scorer, written only from the README's
// "Evaluation semantics" and engine/SEMANTICS.md (section numbers below refer to that page),
// merges `extends`, computes derived facts, decides conditions, scores and caps on its own —
// it imports nothing from engine/ but types — and must agree with evaluate() on every shipped
// ruleset's embedded cases and on generated applicants: eligible, vetoed, passed, the score,
// every criterion, veto, item (raw points, points, cap) and category, and every derived value.
// A disagreement means the page is incomplete or the engine is wrong.
import { describe, expect, it } from 'vitest';
import { PingshenError } from '../../engine/errors';
import { evaluate } from '../../engine/evaluate';
import type { EvaluationResult } from '../../engine/result';
import type { Applicant, Condition, DerivedDef, FactDef, LeafCondition, RecordLet, Ruleset, ScoringItem } from '../../engine/types';
import { applicantGenerator } from '../support/random-applicants';
import { fixtureText, shippedRuleFiles, shippedRulesets } from '../support/rulesets';

// ---------------------------------------------------------------------------
// §1 extends

type Entry = { id: string };

function byId<T extends Entry>(parent: T[] | undefined, child: T[] | undefined): T[] | undefined {
  if (parent === undefined) return child;
  if (child === undefined) return parent;
  const own = new Map(child.map((c) => [c.id, c]));
  const parentIds = new Set(parent.map((p) => p.id));
  return [...parent.map((p) => own.get(p.id) ?? p), ...child.filter((c) => !parentIds.has(c.id))];
}

function merged(ruleset: Ruleset, all: Map<string, Ruleset>): Ruleset {
  if (!ruleset.extends) return ruleset;
  const parent = merged(all.get(ruleset.extends)!, all);
  const out: Ruleset = { ...ruleset };
  delete out.tests;
  for (const key of ['basis', 'facts', 'derived', 'criteria', 'vetoes'] as const) {
    const list = byId<Entry>(parent[key] as Entry[] | undefined, ruleset[key] as Entry[] | undefined);
    if (list !== undefined) (out as unknown as Record<string, unknown>)[key] = list;
  }
  if (parent.scoring || ruleset.scoring) {
    const cap = ruleset.scoring?.cap ?? parent.scoring?.cap;
    out.scoring = { categories: byId(parent.scoring?.categories, ruleset.scoring?.categories) ?? [] };
    if (cap !== undefined) out.scoring.cap = cap;
  }
  const pass = ruleset.pass ?? parent.pass;
  if (pass) out.pass = pass;
  return out;
}

// ---------------------------------------------------------------------------
// §4.1 dates and spans

const ABSENT = undefined;

function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

function lastDay(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const k = y * 12 + (m - 1) + n;
  const ny = Math.floor(k / 12);
  const nm = k - ny * 12 + 1;
  const nd = Math.min(d, lastDay(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** The largest whole n with addMonths(from, n) ≤ to: start near it (the months between the two year-months) and walk. */
function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  let n = (ty - fy) * 12 + (tm - fm);
  while (addMonths(from, n) > to) n--;
  while (addMonths(from, n + 1) <= to) n++;
  return n;
}

function span(op: 'yearsBetween' | 'monthsBetween', from: unknown, to: unknown): number | null {
  if (!isDate(from) || !isDate(to)) return null;
  const months = monthsBetween(from, to);
  return op === 'monthsBetween' ? months : Math.floor(months / 12);
}

// ---------------------------------------------------------------------------
// §7.5 rounding

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

// ---------------------------------------------------------------------------
// §5 conditions

type Resolve = (name: string) => unknown;

const THROWS = Symbol('json-rules-engine would throw');

function resolvePath(value: unknown, path: string | undefined): unknown {
  if (path === undefined || value === null || typeof value !== 'object') return value;
  let current: unknown = value;
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    const key = m[1] ?? m[2]!;
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return ABSENT;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const numeric = (a: unknown) => Number.parseFloat(a as string).toString() !== 'NaN';

function indexOf(list: unknown, x: unknown): number {
  if (Array.isArray(list)) return list.indexOf(x);
  if (typeof list === 'string') return list.indexOf(x as string);
  throw THROWS;
}

type Op = (a: unknown, b: unknown) => boolean;

const BASE: Record<string, Op> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => indexOf(b, a) > -1,
  notIn: (a, b) => indexOf(b, a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => numeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => numeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => numeric(a) && (a as number) >= (b as number),
};

function mustBeList(b: unknown): unknown[] {
  if (!Array.isArray(b)) throw THROWS;
  return b;
}

function operator(name: string): Op {
  const parts = name.split(':');
  let op = BASE[parts.pop()!]!;
  for (const decorator of parts.reverse()) {
    const next = op;
    op = {
      someFact: (a: unknown, b: unknown) => Array.isArray(a) && a.some((x) => next(x, b)),
      everyFact: (a: unknown, b: unknown) => Array.isArray(a) && a.every((x) => next(x, b)),
      someValue: (a: unknown, b: unknown) => mustBeList(b).some((y) => next(a, y)),
      everyValue: (a: unknown, b: unknown) => mustBeList(b).every((y) => next(a, y)),
      swap: (a: unknown, b: unknown) => next(b, a),
      not: (a: unknown, b: unknown) => !next(a, b),
    }[decorator]!;
  }
  return op;
}

/** §5.5: the first leaf (depth first) that json-rules-engine would throw on, every leaf run whatever its siblings say. */
function throwingLeaf(c: Condition, resolve: Resolve, at: Array<string | number>): Array<string | number> | null {
  if ('all' in c || 'any' in c) {
    const list = 'all' in c ? c.all : (c as { any: Condition[] }).any;
    for (const [i, x] of list.entries()) {
      const found = throwingLeaf(x, resolve, [...at, 'all' in c ? 'all' : 'any', i]);
      if (found) return found;
    }
    return null;
  }
  if ('not' in c) return throwingLeaf(c.not, resolve, [...at, 'not']);
  const leaf = c as LeafCondition;
  const v = leaf.value;
  const b = v !== null && typeof v === 'object' && !Array.isArray(v) ? resolvePath(resolve(v.fact), v.path) : v;
  try {
    operator(leaf.operator)(resolvePath(resolve(leaf.fact), leaf.path), b);
    return null;
  } catch (err) {
    if (err === THROWS) return at;
    throw err;
  }
}

function holds(c: Condition, resolve: Resolve): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, resolve));
  if ('any' in c) return c.any.some((x) => holds(x, resolve));
  if ('not' in c) return !holds(c.not, resolve);
  const leaf = c as LeafCondition;
  const a = resolvePath(resolve(leaf.fact), leaf.path);
  const v = leaf.value;
  const b = v !== null && typeof v === 'object' && !Array.isArray(v) ? resolvePath(resolve(v.fact), v.path) : v;
  try {
    return operator(leaf.operator)(a, b);
  } catch (err) {
    if (err === THROWS) return false;
    throw err;
  }
}

// ---------------------------------------------------------------------------
// §3 names, §4 derived facts

/** §4.2: SameValueZero; the later of two equal rows wins. */
function lookupRow<R>(rows: Array<{ value: unknown } & R>, v: unknown): R | undefined {
  let hit: R | undefined;
  for (const row of rows) if (v !== ABSENT && v !== null && (row.value === v || (Number.isNaN(row.value) && Number.isNaN(v)))) hit = row;
  return hit;
}

function lookup(def: { table: Array<{ value: unknown; result: unknown }>; default?: unknown }, v: unknown): unknown {
  const row = lookupRow(def.table, v);
  return row ? row.result : def.default !== undefined ? def.default : null;
}

const own = (record: object, key: string) => (Object.prototype.hasOwnProperty.call(record, key) ? (record as Record<string, unknown>)[key] : ABSENT);

function scorer(ruleset: Ruleset, applicant: Applicant, asOf: string) {
  const facts = new Map<string, FactDef>(ruleset.facts.map((f) => [f.id, f]));
  const derivedDefs = new Map<string, DerivedDef>((ruleset.derived ?? []).map((d) => [d.id, d]));
  const derivedValues = new Map<string, unknown>();

  const top: Resolve = (name) => {
    const d = derivedDefs.get(name);
    if (d) {
      if (!derivedValues.has(name)) derivedValues.set(name, compute(d));
      return derivedValues.get(name);
    }
    if (facts.has(name)) return own(applicant, name);
    return ABSENT;
  };
  const dateOf = (name: string, resolve: Resolve) => (name === '$asOf' ? asOf : resolve(name));

  function compute(d: DerivedDef): unknown {
    switch (d.op) {
      case 'yearsBetween':
      case 'monthsBetween':
        return span(d.op, dateOf(d.from, top), dateOf(d.to, top));
      case 'lookup':
        return lookup(d, top(d.fact));
      default: {
        const list = top(d.of);
        const fields = new Set((facts.get(d.of)?.fields ?? []).map((f) => f.id));
        if (!Array.isArray(list)) return d.op === 'count' ? 0 : d.op === 'sum' ? 0 : null;
        let count = 0;
        const numbers: number[] = [];
        for (const record of list) {
          if (record === null || typeof record !== 'object') continue;
          const lets = new Map<string, unknown>();
          const letIds = new Set((d.let ?? []).map((l) => l.id));
          const inRecord: Resolve = (name) => {
            if (letIds.has(name)) return lets.get(name); // a later let is still absent
            if (fields.has(name)) return own(record as object, name);
            return top(name);
          };
          for (const l of d.let ?? ([] as RecordLet[])) {
            lets.set(l.id, l.op === 'lookup' ? lookup(l, inRecord(l.fact)) : span(l.op, dateOf(l.from, inRecord), dateOf(l.to, inRecord)));
          }
          if (d.where && !holds(d.where, inRecord)) continue;
          count++;
          if ('field' in d) {
            const v = inRecord(d.field);
            if (typeof v === 'number' && Number.isFinite(v)) numbers.push(v);
          }
        }
        if (d.op === 'count') return count;
        if (d.op === 'sum') return round6(numbers.reduce((s, x) => s + x, 0));
        if (numbers.length === 0) return null;
        let best = numbers[0]!;
        for (const x of numbers) if (d.op === 'min' ? x < best : x > best) best = x;
        return round6(best);
      }
    }
  }

  // §5.5: an applicant json-rules-engine would throw on is not evaluated
  const slots: Array<[Array<string | number>, Condition]> = [];
  (ruleset.criteria ?? []).forEach((c, i) => {
    if (c.appliesWhen) slots.push([['criteria', i, 'appliesWhen'], c.appliesWhen]);
    slots.push([['criteria', i, 'conditions'], c.conditions]);
  });
  (ruleset.vetoes ?? []).forEach((v, i) => slots.push([['vetoes', i, 'conditions'], v.conditions]));
  (ruleset.scoring?.categories ?? []).forEach((cat, ci) =>
    cat.items.forEach((item, ii) => {
      if (item.appliesWhen) slots.push([['scoring', 'categories', ci, 'items', ii, 'appliesWhen'], item.appliesWhen]);
      if (item.type === 'condition') slots.push([['scoring', 'categories', ci, 'items', ii, 'when'], item.when]);
    }),
  );
  for (const [at, condition] of slots) {
    const found = throwingLeaf(condition, top, at);
    if (found) return { undecidable: '/' + found.join('/') };
  }

  // §6 criteria and vetoes
  const criteria = (ruleset.criteria ?? []).map((c) => {
    const applicable = c.appliesWhen ? holds(c.appliesWhen, top) : true;
    return { id: c.id, applicable, passed: applicable ? holds(c.conditions, top) : true };
  });
  const vetoes = (ruleset.vetoes ?? []).map((v) => ({ id: v.id, triggered: holds(v.conditions, top) }));
  const eligible = criteria.every((c) => c.passed);
  const vetoed = vetoes.some((v) => v.triggered);

  // §7 scoring
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const raw = (item: ScoringItem): number => {
    switch (item.type) {
      case 'condition':
        return holds(item.when, top) ? item.points : 0;
      case 'perUnit': {
        const n = top(item.fact);
        return finite(n) && n > 0 ? round6(n * item.pointsEach) : 0;
      }
      case 'bracket': {
        const n = top(item.fact);
        if (!finite(n)) return 0;
        const hit = [...item.brackets].sort((x, y) => x.min - y.min).filter((b) => b.min <= n).pop();
        return hit ? hit.points : 0;
      }
      case 'lookup':
        return lookupRow(item.table, top(item.fact))?.points ?? item.default ?? 0;
    }
  };
  const items: Array<{ id: string; applicable: boolean; rawPoints: number; points: number; cappedBy?: string }> = [];
  const categories: Array<{ id: string; points: number; rawPoints: number }> = [];
  let totalRoom = ruleset.scoring?.cap ?? Infinity;
  let base = 0;
  let bonus = 0;
  for (const category of ruleset.scoring?.categories ?? []) {
    let room = category.cap ?? Infinity;
    let sum = 0;
    let rawSum = 0;
    for (const item of category.items) {
      const applicable = item.appliesWhen ? holds(item.appliesWhen, top) : true;
      const rawPoints = applicable ? raw(item) : 0;
      let p = rawPoints;
      let cappedBy: string | undefined;
      if (item.cap !== undefined && p > item.cap) [p, cappedBy] = [item.cap, 'item'];
      if (p > room) [p, cappedBy] = [Math.max(0, room), 'category'];
      if (!category.bonus && p > totalRoom) [p, cappedBy] = [Math.max(0, totalRoom), 'total'];
      const points = round6(p);
      room = round6(room - points);
      if (!category.bonus) totalRoom = round6(totalRoom - points);
      sum += points;
      rawSum += rawPoints;
      items.push({ id: item.id, applicable, rawPoints, points, ...(cappedBy ? { cappedBy } : {}) });
    }
    categories.push({ id: category.id, points: round6(sum), rawPoints: round6(rawSum) });
    if (category.bonus) bonus += round6(sum);
    else base += round6(sum);
  }
  const basePoints = round6(base);
  const bonusPoints = round6(bonus);
  const score = round6(basePoints + bonusPoints);
  const pass = ruleset.pass ?? { mode: 'rank' as const };
  const passed = eligible && !vetoed && (pass.mode !== 'minScore' || score >= pass.minScore);
  const derived: Record<string, unknown> = Object.fromEntries((ruleset.derived ?? []).map((d) => [d.id, top(d.id) ?? null]));
  return { eligible, vetoed, passed, score, basePoints, bonusPoints, criteria, vetoes, items, categories, derived };
}

type Mine = ReturnType<typeof scorer>;

function theirs(ruleset: Ruleset, applicant: Applicant, asOf: string): Mine {
  let r: EvaluationResult;
  try {
    r = evaluate(ruleset, applicant, { asOf, trace: 'criteria', explain: false });
  } catch (err) {
    if (err instanceof PingshenError && err.code === 'CONDITION_UNDECIDABLE') return { undecidable: err.issues[0]!.pointer };
    throw err;
  }
  return {
    eligible: r.eligible,
    vetoed: r.vetoed,
    passed: r.passed,
    score: r.score,
    basePoints: r.total.basePoints,
    bonusPoints: r.total.bonusPoints,
    criteria: r.criteria.map((c) => ({ id: c.id, applicable: c.applicable, passed: c.passed })),
    vetoes: r.vetoes.map((v) => ({ id: v.id, triggered: v.triggered })),
    items: r.items.map((i) => ({ id: i.id, applicable: i.applicable, rawPoints: i.rawPoints, points: i.points, ...(i.cappedBy ? { cappedBy: i.cappedBy } : {}) })),
    categories: r.categories.map((c) => ({ id: c.id, points: c.points, rawPoints: c.rawPoints })),
    derived: r.derived,
  };
}

/** The first place two outcomes differ, as a readable path. */
function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (Object.is(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const label = Array.isArray(a) ? `${at}[${k}${(a as Array<{ id?: string }>)[Number(k)]?.id ? ' ' + (a as Array<{ id: string }>)[Number(k)]!.id : ''}]` : `${at}.${k}`;
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], label);
      if (d) return d;
    }
    return null;
  }
  return `${at}: written semantics ${JSON.stringify(a)}, engine ${JSON.stringify(b)}`;
}

// ---------------------------------------------------------------------------

const files = shippedRuleFiles();
const own_ = new Map<string, Ruleset>();
for (const f of files) {
  const r = JSON.parse(f.text) as Ruleset;
  own_.set(`${r.id}@${r.version}`, r);
}
const engineResolved = new Map(shippedRulesets().map((s) => [s.file, s.resolved]));
const targets = [
  ...files.map((f) => {
    const raw = JSON.parse(f.text) as Ruleset;
    return { name: f.file, mine: merged(raw, own_), engine: engineResolved.get(f.file)!, tests: raw.tests ?? [] };
  }),
  ...['mini.json', 'all-operators.json', 'optional-lists.json'].map((name) => {
    const r = JSON.parse(fixtureText(name)) as Ruleset;
    return { name: `test/fixtures/${name}`, mine: r, engine: JSON.parse(fixtureText(name)) as Ruleset, tests: r.tests ?? [] };
  }),
];

/**
 * The corners the shipped rulesets do not reach, in one hand-written ruleset: fractional points
 * (0.1, 0.15) under category, item and total caps and a bonus category; a lookup with a repeated
 * row; a record field that shadows a top-level fact; a let that reads a later let; `in` against an
 * absent list (json-rules-engine throws); paths on a record and on a number; comparisons with null
 * derived facts and with absent fact references; dates compared as strings.
 */
function corners(pass: Ruleset['pass']): Ruleset {
  const text = (zh: string) => ({ zh });
  const cite = [{ doc: 'd' }];
  const f = (id: string, type: FactDef['type'], extra: Partial<FactDef> = {}): FactDef => ({ id, label: text(id), type, ...extra });
  const options = (...values: string[]) => values.map((value) => ({ value, label: text(value) }));
  const leaf = (fact: string, operator: string, value: LeafCondition['value'], extra: Partial<LeafCondition> = {}): LeafCondition => ({ fact, operator, value, ...extra });
  const c = (id: string, conditions: Condition, appliesWhen?: Condition) => ({ id, title: text(id), basis: cite, conditions, ...(appliesWhen ? { appliesWhen } : {}) });
  const item = (id: string, rule: Record<string, unknown>) => ({ id, title: text(id), basis: cite, ...rule }) as ScoringItem;
  return {
    id: 'corners',
    version: 1,
    title: text('corners'),
    department: 'hrss',
    basis: [{ id: 'd', title: text('d') }],
    facts: [
      f('id', 'string', { required: true }),
      f('titleDate', 'date', { required: true }),
      f('level', 'enum', { options: options('a', 'b', 'c') }),
      f('tags', 'set', { options: options('x', 'y', 'z') }),
      f('allowed', 'set', { options: options('a', 'b') }),
      f('kinds', 'set', { options: options('p', 'q', 'r') }),
      f('n', 'number', { min: 0, max: 12 }),
      f('k', 'integer', { min: 0, max: 6 }),
      f('flag', 'boolean'),
      f('note', 'string'),
      f('year', 'integer', { min: 2000, max: 2030 }),
      f('unit', 'record', { fields: [f('level', 'enum', { options: options('a', 'b', 'c') }), f('size', 'integer', { min: 0, max: 30 })] }),
      f('records', 'array', {
        fields: [
          f('date', 'date', { required: true }),
          f('kind', 'enum', { options: options('p', 'q', 'r') }),
          f('weight', 'number', { min: 0, max: 2 }),
          f('year', 'integer', { min: 2000, max: 2030 }),
        ],
      }),
    ],
    derived: [
      { id: 'monthsInTitle', label: text('m'), op: 'monthsBetween', from: 'titleDate', to: '$asOf' },
      { id: 'yearsInTitle', label: text('y'), op: 'yearsBetween', from: 'titleDate', to: '$asOf' },
      {
        id: 'weightSince',
        label: text('w'),
        op: 'sum',
        of: 'records',
        field: 'weight',
        let: [{ id: 'sinceTitle', op: 'monthsBetween', from: 'titleDate', to: 'date' }],
        where: leaf('sinceTitle', 'greaterThanInclusive', 0),
      },
      { id: 'weightMax', label: text('wmax'), op: 'max', of: 'records', field: 'weight' },
      { id: 'weightMinR', label: text('wmin'), op: 'min', of: 'records', field: 'weight', where: leaf('kind', 'equal', 'r') },
      { id: 'recentByOwnYear', label: text('r'), op: 'count', of: 'records', where: leaf('year', 'greaterThanInclusive', 2020) },
      {
        id: 'earlyLetReadsLater',
        label: text('e'),
        op: 'count',
        of: 'records',
        let: [
          // `note` is also a top-level fact: the later let hides it, and reads as absent here.
          { id: 'first', op: 'lookup', fact: 'note', table: [{ value: 'seen', result: 'early' }], default: 'none' },
          { id: 'note', op: 'lookup', fact: 'kind', table: [{ value: 'p', result: 'seen' }] },
        ],
        where: leaf('first', 'equal', 'none'),
      },
      { id: 'kindNotAllowed', label: text('k'), op: 'count', of: 'records', where: leaf('kind', 'not:in', { fact: 'kinds' }) },
      { id: 'levelRank', label: text('l'), op: 'lookup', fact: 'level', table: [{ value: 'a', result: 1 }, { value: 'a', result: 2 }, { value: 'b', result: 3 }] },
    ],
    criteria: [
      c('seniority', leaf('yearsInTitle', 'greaterThanInclusive', 3), leaf('level', 'in', ['a', 'b'])),
      c('unitLevel', { any: [leaf('unit', 'equal', 'a', { path: '$.level' }), leaf('n', 'greaterThan', 4, { path: '$.size' }), leaf('k', 'lessThan', 5)] }),
      c('levelInAllowed', { any: [leaf('level', 'in', { fact: 'allowed' }), leaf('level', 'not:in', { fact: 'allowed' })] }),
    ],
    vetoes: [{ id: 'flagged', title: text('flagged'), basis: cite, conditions: leaf('flag', 'equal', true) }],
    scoring: {
      cap: 1,
      categories: [
        {
          id: 'tenths',
          title: text('tenths'),
          basis: cite,
          cap: 0.3,
          items: [
            item('perTenth', { type: 'perUnit', fact: 'n', pointsEach: 0.1 }),
            item('twoTenths', { type: 'condition', when: leaf('flag', 'equal', false), points: 0.2 }),
            item('levelRow', { type: 'lookup', fact: 'level', table: [{ value: 'a', points: 0.1 }, { value: 'a', points: 0.2 }, { value: 'b', points: 0.05 }] }),
          ],
        },
        {
          id: 'open',
          title: text('open'),
          basis: cite,
          items: [
            item('weightBand', { type: 'bracket', fact: 'weightSince', brackets: [{ min: 0.1, points: 0.1 }, { min: 0.3, points: 0.2 }, { min: 1, points: 0.7 }] }),
            item('perK', { type: 'perUnit', fact: 'k', pointsEach: 0.15, cap: 0.45 }),
            item('levelC', { type: 'condition', appliesWhen: leaf('level', 'equal', 'c'), when: leaf('records', 'someFact:notEqual', null), points: 0.35 }),
            item('rankBand', { type: 'bracket', fact: 'levelRank', brackets: [{ min: 2, points: 0.1 }, { min: 3, points: 0.3 }] }),
          ],
        },
        {
          // One probe per corner of §5, each worth 0.001 outside the total cap: its raw points show the leaf's answer.
          id: 'probes',
          title: text('probes'),
          basis: cite,
          bonus: true,
          items: (
            [
              ['noteIsNull', leaf('note', 'equal', null)],
              ['noteNotNull', leaf('note', 'notEqual', null)],
              ['noteInNull', leaf('note', 'in', [null, 'x'])],
              ['allowedHoldsLevel', leaf('level', 'swap:contains', { fact: 'allowed' })],
              ['nullDerived', { all: [leaf('weightMinR', 'lessThan', 1), leaf('weightMinR', 'not:greaterThan', 1)] }],
              ['absentEqualsAbsent', leaf('k', 'equal', { fact: 'n' })],
              ['numberVsNull', leaf('n', 'greaterThanInclusive', { fact: 'weightMinR' })],
              ['datesAsStrings', leaf('titleDate', 'lessThan', '2020-01-01')],
              ['everyTag', leaf('tags', 'everyFact:in', ['x', 'y'])],
              ['someTagNot', leaf('tags', 'someFact:not:equal', 'z')],
              ['someValue', leaf('level', 'someValue:equal', ['b', 'c'])],
              ['everyValueEmpty', leaf('level', 'everyValue:equal', [])],
              ['rankIsNull', leaf('levelRank', 'equal', null)],
              ['doesNotContainAbsent', leaf('tags', 'doesNotContain', 'x')],
              ['notContainsAbsent', leaf('tags', 'not:contains', 'x')],
              ['recordPathAbsent', leaf('unit', 'equal', null, { path: '$.level' })],
              ['pathOnNumber', leaf('n', 'greaterThan', 4, { path: '$.size' })],
              ['textNumeric', leaf('note', 'greaterThan', 0)],
              ['spanNegative', leaf('monthsInTitle', 'lessThan', 0)],
            ] as Array<[string, Condition]>
          ).map(([id, when]) => item(id, { type: 'condition', when, points: 0.001 })),
        },
        {
          id: 'tilt',
          title: text('tilt'),
          basis: cite,
          bonus: true,
          cap: 0.5,
          items: [
            item('months', { type: 'perUnit', fact: 'monthsInTitle', pointsEach: 0.01 }),
            item('bigUnit', { type: 'condition', when: leaf('unit', 'greaterThan', 10, { path: '$.size' }), points: 0.3 }),
          ],
        },
      ],
    },
    ...(pass ? { pass } : {}),
  };
}

const handWritten: Applicant[] = [
  { id: 'H1', titleDate: '2020-02-29', level: 'a', n: 3, flag: false, note: null, records: [{ date: '2020-02-28', weight: 0.1, year: 2021 }, { date: '2020-02-29', weight: 0.2 }] },
  { id: 'H2', titleDate: '2016-06-10', level: 'b', allowed: ['b'], k: 4, n: 4, unit: { level: 'a', size: 11 }, records: [{ date: '2016-05-20', kind: 'r', weight: 0.7 }] },
  { id: 'H3', titleDate: '2024-01-31', level: 'c', tags: [], records: [{ date: '2025-01-01', kind: 'p', weight: 1 }, { date: '2024-02-29', kind: 'q', weight: 0.3, year: 2019 }], year: 2025 },
  { id: 'H4', titleDate: '2019-09-01', kinds: ['q'], k: 6, unit: { size: 30 }, note: 'x', allowed: [] },
  { id: 'H5', titleDate: '2018-03-31', level: 'b', allowed: ['a', 'b'], note: 'seen', n: 12, k: 6, records: [{ date: '2018-09-30', kind: 'p', weight: 2 }, { date: '2019-01-01', weight: 0.35 }] },
  { id: 'H6', titleDate: '2018-03-31', level: 'a', allowed: ['a'], note: '12 papers', n: 2, k: 2, flag: false, records: [{ date: '2018-09-30', kind: 'q', weight: 0.4, year: 2022 }] },
];

const AS_OF = ['2024-09-30', '2028-02-29'];
const PER_AS_OF = 130;

describe('an independent scorer written from the evaluation semantics agrees with the engine', () => {
  it('finds every shipped ruleset', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const t of targets) expect(t.engine, t.name).toBeDefined();
  });

  it.each(targets)('$name: embedded cases and generated applicants', ({ mine, engine, tests }) => {
    const problems: string[] = [];
    const compare = (label: string, applicant: Applicant, asOf: string) => {
      const written = scorer(mine, applicant, asOf);
      const actual = theirs(engine, applicant, asOf);
      const d = firstDifference(written, actual);
      if (d && problems.length < 5) problems.push(`${label} (${asOf}): ${d} — ${JSON.stringify(applicant)}`);
    };
    for (const tc of tests) compare(`case ${tc.id}`, tc.applicant, tc.asOf);
    for (const [k, asOf] of AS_OF.entries()) {
      const next = applicantGenerator(engine, { asOf, seed: 4242 + k });
      for (let i = 0; i < PER_AS_OF; i++) compare(`generated #${i}`, next(i), asOf);
    }
    expect(problems).toEqual([]);
  });
});

describe('the corners the shipped rulesets do not reach', () => {
  it.each([
    ['pass by minScore', { mode: 'minScore', minScore: 0.9 }],
    ['pass by rank, minScore only reported', { mode: 'rank', minScore: 0.9 }],
    ['no pass rule', undefined],
  ] as Array<[string, Ruleset['pass']]>)('%s', (_name, pass) => {
    const problems: string[] = [];
    const ruleset = corners(pass);
    const compare = (label: string, applicant: Applicant, asOf: string) => {
      const d = firstDifference(scorer(ruleset, applicant, asOf), theirs(ruleset, applicant, asOf));
      if (d && problems.length < 5) problems.push(`${label} (${asOf}): ${d} — ${JSON.stringify(applicant)}`);
    };
    for (const asOf of ['2024-09-30', '2025-02-28', '2028-02-29']) {
      handWritten.forEach((a, i) => compare(`hand-written #${i + 1}`, a, asOf));
      const next = applicantGenerator(ruleset, { asOf, seed: 77, missingRate: 0.3 });
      for (let i = 0; i < 120; i++) compare(`generated #${i}`, next(i), asOf);
    }
    expect(problems).toEqual([]);
  });
});

describe('the written examples', () => {
  it('§4.1 spans', () => {
    expect(span('monthsBetween', '2016-06-10', '2016-05-20')).toBe(-1);
    expect(span('yearsBetween', '2016-06-10', '2016-05-20')).toBe(-1);
    expect(span('yearsBetween', '2019-09-01', '2024-08-31')).toBe(4);
    expect(span('yearsBetween', '2019-09-01', '2024-09-01')).toBe(5);
    expect(span('yearsBetween', '2020-02-29', '2025-02-28')).toBe(5);
    expect(addMonths('2024-03-31', 6)).toBe('2024-09-30');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(span('monthsBetween', '2024-01-31', '2024-02-29')).toBe(1);
    expect(span('monthsBetween', '2024-05-01', null)).toBeNull();
  });

  it('§7.5 rounding removes binary noise', () => {
    expect(round6(0.1 + 0.2)).toBe(0.3);
    expect(round6(3 * 1.1)).toBe(3.3);
  });
});

// The generic filler: a plausible value for any fact in a catalogue, from its type,
// min/max and options, and from how the ruleset reads it. Criteria thresholds are
// met by most applicants and missed by a few; veto facts are rare; scoring bands
// and per-unit caps are spread over, a few applicants above the cap; records in a
// list are drawn to satisfy the filter of one of the counts that read the list
// (a first-author core paper, a completed hosted project), so they score.
import type { Condition, DerivedDef, FactDef, LeafCondition, ResolvedRuleset } from '../../engine/index';
import { dateBetween, yearOf, yearsDaysBefore } from './dates';
import { unitPrefix, type CountyId } from './places';
import type { RecordFilter } from './plan';
import type { FactContext } from './profiles';
import { clamp, type Rng } from './prng';

interface Bar {
  op: string;
  value: number;
}

export interface FactUsage {
  /** Numeric bars criteria put on the fact (or on a count of its records). */
  thresholds: Bar[];
  /** Numeric bars scoring conditions put on it: worth points, not required. */
  softThresholds: Bar[];
  /** Values criteria compare the fact with by equal / in. */
  passValues: unknown[];
  /** Values and numeric bars that trigger a veto. */
  vetoValues: unknown[];
  vetoBars: Bar[];
  /** Values scoring conditions reward. */
  softValues: unknown[];
  /** Options criteria look for in a set (contains). */
  containsValues: unknown[];
  /** Lower bounds of bracket bands that score the fact. */
  brackets: number[];
  perUnit?: { pointsEach: number; cap?: number };
  /** Points a lookup item gives per option. */
  lookupPoints?: Map<unknown, number>;
}

export interface Usage {
  facts: Map<string, FactUsage>;
  /** Count filters over each list fact, weighted by whether the scoring reads the count. */
  filters: Map<string, Array<RecordFilter & { weight: number }>>;
}

export function leavesOf(c: Condition, out: LeafCondition[] = []): LeafCondition[] {
  if ('all' in c) c.all.forEach((x) => leavesOf(x, out));
  else if ('any' in c) c.any.forEach((x) => leavesOf(x, out));
  else if ('not' in c) leavesOf(c.not, out);
  else out.push(c);
  return out;
}

const NUMERIC = new Set(['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive']);
const isLiteral = (v: unknown) => v === null || typeof v !== 'object' || Array.isArray(v);

export function analyseUsage(rs: ResolvedRuleset): Usage {
  const facts = new Map<string, FactUsage>();
  const get = (id: string): FactUsage => {
    let u = facts.get(id);
    if (!u) {
      u = { thresholds: [], softThresholds: [], passValues: [], vetoValues: [], vetoBars: [], softValues: [], containsValues: [], brackets: [] };
      facts.set(id, u);
    }
    return u;
  };
  // A bar on a count of records is a bar on how many records to draw.
  const countOf = new Map<string, string>();
  for (const d of rs.derived ?? []) if (d.op === 'count') countOf.set(d.id, d.of);
  const at = (fact: string) => countOf.get(fact) ?? fact;
  const flat = (v: unknown) => (Array.isArray(v) ? v : [v]);
  const read = (c: Condition, bars: 'thresholds' | 'softThresholds' | 'vetoBars', values: 'passValues' | 'softValues' | 'vetoValues') => {
    for (const leaf of leavesOf(c)) {
      if (!isLiteral(leaf.value)) continue;
      if (NUMERIC.has(leaf.operator) && typeof leaf.value === 'number') get(at(leaf.fact))[bars].push({ op: leaf.operator, value: leaf.value });
      else if (leaf.operator === 'equal' || leaf.operator === 'in') get(leaf.fact)[values].push(...flat(leaf.value));
      else if (leaf.operator === 'contains' && values === 'passValues') get(leaf.fact).containsValues.push(leaf.value);
    }
  };
  for (const c of rs.criteria ?? []) read(c.conditions, 'thresholds', 'passValues');
  for (const v of rs.vetoes ?? []) read(v.conditions, 'vetoBars', 'vetoValues');
  const points = new Map<string, number>();
  for (const cat of rs.scoring?.categories ?? []) {
    for (const item of cat.items) {
      if (item.type === 'condition') read(item.when, 'softThresholds', 'softValues');
      if (item.type === 'bracket') get(at(item.fact)).brackets.push(...item.brackets.map((b) => b.min));
      if (item.type === 'perUnit') {
        const cap = item.cap ?? cat.cap;
        get(at(item.fact)).perUnit = cap === undefined ? { pointsEach: item.pointsEach } : { pointsEach: item.pointsEach, cap };
        points.set(item.fact, Math.min(item.cap ?? Infinity, cat.cap ?? Infinity));
      }
      if (item.type === 'lookup') get(item.fact).lookupPoints = new Map(item.table.map((r) => [r.value, r.points]));
    }
  }
  const filters: Usage['filters'] = new Map();
  for (const d of rs.derived ?? []) {
    if (d.op !== 'count') continue;
    const list = filters.get(d.of) ?? [];
    // Counts the scoring reads are drawn more often than those it does not.
    const weight = points.has(d.id) ? 2 : 1;
    list.push({ id: d.id, where: d.where, lets: new Set((d as Extract<DerivedDef, { of: string }>).let?.map((l) => l.id) ?? []), weight });
    filters.set(d.of, list);
  }
  return { facts, filters };
}

/** How common an option is, read from its label: national awards are rarer than county ones. */
export function optionWeight(label: string): number {
  const table: Array<[RegExp, number]> = [
    [/^无$|^没有/, 10],
    [/国际/, 1],
    [/国家|全国|部级/, 1],
    [/自治区|省/, 3],
    [/一等|特等|金奖/, 3],
    [/二等|银奖/, 5],
    [/三等|铜奖/, 8],
    [/核心|SCI/, 3],
    [/专著|编著|标准|规程/, 2],
    [/州|地区|地级/, 10],
    [/县|市级/, 16],
    [/乡|镇|校级|院级|单位/, 18],
    [/主持/, 5],
    [/主要/, 8],
    [/参与|参加|其他|其它/, 10],
    [/^优秀/, 10],
    [/良好|较好/, 14],
    [/^合格|称职/, 10],
    [/基本合格|基本称职|一般/, 3],
    [/不合格|不称职|差/, 1],
  ];
  for (const [re, w] of table) if (re.test(label)) return w;
  return 8;
}

function roundTo(x: number, integer: boolean): number {
  return integer ? Math.round(x) : Math.round(x * 10) / 10;
}

function lowestBar(bars: Bar[], integer: boolean): number | undefined {
  const lower = bars.filter((t) => t.op.startsWith('greater')).map((t) => t.value + (t.op === 'greaterThan' ? (integer ? 1 : 0.1) : 0));
  return lower.length ? Math.min(...lower) : undefined;
}

function genericNumber(def: FactDef, u: FactUsage | undefined, ctx: FactContext, integer: boolean): number {
  const { rng, q } = ctx;
  const lo = def.min ?? 0;
  const hi = def.max ?? Math.max(lo + 30, 100);
  const fit = (x: number) => clamp(roundTo(x, integer), lo, hi);
  const spread = (bar: number) => Math.max(integer ? 3 : 2, bar * 0.6);
  const need = ctx.need;
  const above = (bar: number) => fit(bar + Math.abs(0.7 * rng.normal() + 0.4 * q + 0.3) * spread(bar));
  const below = (bar: number) => fit(bar * (0.6 + 0.38 * rng.next()) - (integer ? 0.5 : 0));
  if (need?.min !== undefined || need?.max !== undefined) {
    const min = need.min === undefined ? lo : integer ? Math.ceil(need.min) : Math.ceil(need.min * 10) / 10;
    const v = need.min !== undefined ? above(min) : fit(lo + rng.next() * ((need.max ?? hi) - lo));
    return clamp(v, min, need.max ?? hi);
  }
  const hard = lowestBar([...(u?.thresholds ?? [])], integer);
  if (hard !== undefined) {
    // A bar of a criterion this applicant misses, or of a branch their plan did not take.
    if (need?.fail) return clamp(below(hard), lo, hard - (integer ? 1 : 0.1));
    return rng.chance(0.6) ? above(hard) : below(hard);
  }
  const veto = lowestBar(u?.vetoBars ?? [], integer);
  if (veto !== undefined) return rng.chance(0.012) ? above(veto) : clamp(below(veto), lo, veto - (integer ? 1 : 0.1));
  const soft = lowestBar(u?.softThresholds ?? [], integer);
  if (soft !== undefined) {
    if (rng.chance(clamp(0.45 + 0.15 * q, 0.1, 0.9))) return fit(soft + Math.abs(0.7 * rng.normal() + 0.3 * q) * spread(soft));
    return fit(soft * rng.next() * 0.95);
  }
  if (u && u.brackets.length > 0) {
    const mins = [...new Set(u.brackets)].sort((a, b) => a - b);
    const k = clamp(Math.floor((mins.length + 1) * clamp(0.5 + 0.22 * q + 0.22 * rng.normal(), 0, 0.999)) - 1, -1, mins.length - 1);
    const from = k < 0 ? lo : mins[k]!;
    const to = k + 1 < mins.length ? mins[k + 1]! - (integer ? 1 : 0.1) : from + Math.max(integer ? 2 : 1, from * 0.5);
    return fit(from + rng.next() * Math.max(0, to - from));
  }
  if (u?.perUnit) {
    const full = u.perUnit.cap !== undefined ? u.perUnit.cap / u.perUnit.pointsEach : 5;
    return fit(full * clamp(0.5 + 0.3 * q + 0.25 * rng.normal(), 0, 1.5));
  }
  const upper = Math.min(hi, lo + 12);
  return fit(lo + (upper - lo) * clamp(0.3 + 0.15 * q + 0.2 * rng.normal(), 0, 1));
}

function enumValue(def: FactDef, u: FactUsage | undefined, ctx: FactContext): string {
  const { rng, q } = ctx;
  const options = def.options ?? [];
  const vetoed = new Set(u?.vetoValues ?? []);
  const need = ctx.need;
  const safe = options.filter((o) => !vetoed.has(o.value) || rng.chance(0.012));
  let from = safe.length > 0 ? safe : options;
  if (need?.values) {
    const wanted = from.filter((o) => need.values!.includes(o.value));
    if (wanted.length > 0) from = wanted;
  } else if (need?.fail) {
    const allowed = new Set(u?.passValues ?? []);
    const other = from.filter((o) => !allowed.has(o.value));
    if (other.length > 0) from = other;
  }
  // Stronger applicants more often hold the options the scoring table rewards.
  const pts = u?.lookupPoints;
  const values = pts ? [...pts.values()] : [];
  const range = values.length ? Math.max(...values) - Math.min(...values) || 1 : 1;
  const mid = values.length ? (Math.max(...values) + Math.min(...values)) / 2 : 0;
  const weights = Object.fromEntries(
    from.map((o) => [o.value, optionWeight(o.label.zh) * (pts ? Math.exp((0.9 * q * ((pts.get(o.value) ?? 0) - mid)) / range) : 1)]),
  );
  return rng.weighted(weights);
}

function isYearField(def: FactDef): boolean {
  return def.type === 'integer' && (/year/i.test(def.id) || /年份|年度/.test(def.label.zh)) && (def.min ?? 0) >= 1900;
}

function isRankField(def: FactDef): boolean {
  return def.type === 'integer' && /排名|排序|名次|位次/.test(def.label.zh);
}

const PAPER_PATTERNS = ['{t}的实践与思考', '{t}关键技术研究', '基层{t}工作探析', '巴州{t}现状调查与对策', '{t}推广应用效果分析', '{t}模式创新研究'];
const PROJECT_PATTERNS = ['{t}示范推广项目', '{t}技术集成与推广', '{t}实践研究', '{t}能力提升项目'];
const AWARD_NAMES = ['先进工作者', '科技进步奖', '优秀专业技术人才', '技术推广奖', '优秀成果奖', '劳动模范'];

export interface TextSources {
  topics: string[];
  awardNames?: string[];
}

/** A short title for papers, projects and reports from the series' topics. */
export function titleText(rng: Rng, topics: string[], patterns: string[] = PAPER_PATTERNS, maxLength = 60): string {
  return rng.pick(patterns).replace('{t}', rng.pick(topics.length ? topics : ['专业技术'])).slice(0, maxLength);
}

const LEVEL_PREFIX: Record<string, string> = { national: '全国', region: '自治区', prefecture: '巴州' };

function textValue(ctx: FactContext, def: FactDef, sources: TextSources, record?: Record<string, unknown>): string {
  const { rng } = ctx;
  const max = def.maxLength ?? 60;
  const label = def.label.zh;
  if (/奖|荣誉/.test(label)) {
    const level = typeof record?.level === 'string' ? record.level : 'county';
    const prefix = LEVEL_PREFIX[level] ?? unitPrefix((ctx.applicant.county as CountyId | undefined) ?? 'korla');
    return (prefix + rng.pick(sources.awardNames ?? AWARD_NAMES)).slice(0, max);
  }
  if (/课题|项目/.test(label)) return titleText(rng, sources.topics, PROJECT_PATTERNS, max);
  return titleText(rng, sources.topics, PAPER_PATTERNS, max);
}

/** A date for a record: mostly since the current title, some from before it (those do not count). */
function recordDate(ctx: FactContext, counted = false): string {
  const early = !counted && ctx.rng.chance(0.1);
  return early
    ? dateBetween(yearsDaysBefore(ctx.titleDate, 4), ctx.titleDate, ctx.rng.next())
    : dateBetween(ctx.titleDate, ctx.asOf, ctx.rng.next());
}

/** A generic value for `ctx.def`; `usage` says how the ruleset reads it. */
export function genericValue(ctx: FactContext, usage: Usage, sources: TextSources, arrayMean: number): unknown {
  const { def, rng, q } = ctx;
  const u = usage.facts.get(def.id);
  switch (def.type) {
    case 'integer':
      if (isYearField(def)) return clamp(rng.int(yearOf(ctx.titleDate), yearOf(ctx.asOf)), def.min ?? 1900, def.max ?? 2100);
      return genericNumber(def, u, ctx, true);
    case 'number':
      return genericNumber(def, u, ctx, false);
    case 'boolean': {
      const need = ctx.need;
      if (need?.values?.length === 1 && typeof need.values[0] === 'boolean') return need.values[0];
      if (u?.vetoValues.includes(true)) return rng.chance(0.012);
      if (need?.fail && u?.passValues.includes(true)) return rng.chance(0.15);
      if (need?.fail && u?.passValues.includes(false)) return !rng.chance(0.15);
      if (u?.passValues.includes(true)) return rng.chance(0.9);
      if (u?.passValues.includes(false)) return !rng.chance(0.9);
      if (u?.softValues.includes(true)) return rng.chance(clamp(0.4 + 0.15 * q, 0.1, 0.85));
      return rng.chance(clamp(0.3 + 0.1 * q, 0.05, 0.8));
    }
    case 'enum':
      return enumValue(def, u, ctx);
    case 'set': {
      // Required options (a licence a criterion asks for) plus a few others.
      const options = def.options ?? [];
      const must = new Set(ctx.need?.contains ?? []);
      const avoid = ctx.need?.fail ? new Set(u?.containsValues ?? []) : new Set<unknown>();
      const rest = options.filter((o) => !must.has(o.value) && !avoid.has(o.value));
      const k = clamp(rng.poisson(must.size > 0 ? 0.4 : 1 + 0.2 * q), must.size > 0 ? 0 : 1, Math.min(2, rest.length));
      const chosen = new Set([...must, ...rng.sample(rest, k).map((o) => o.value)]);
      return options.filter((o) => chosen.has(o.value)).map((o) => o.value);
    }
    case 'date':
      return dateBetween(ctx.titleDate, ctx.asOf, rng.next());
    case 'string':
      return textValue(ctx, def, sources);
    case 'record':
      return recordValue(ctx, def.fields ?? [], undefined, sources);
    case 'array': {
      // What the plan needs first (k records of the kind a criterion counts), then the rest.
      const need = ctx.need;
      const records: Array<Record<string, unknown>> = [];
      for (const r of need?.records ?? []) {
        for (let i = 0; i < r.count; i++) records.push(recordValue(ctx, def.fields ?? [], r.filter, sources, true));
      }
      const mean = (need?.fail ? 0.3 : 1) * arrayMean * Math.exp(0.4 * q);
      // A list a veto counts (accidents, complaints) is empty for nearly everyone.
      const vetoList = (u?.vetoBars.length ?? 0) > 0;
      const n = vetoList ? (rng.chance(0.03) ? 1 : 0) : Math.min(12, rng.poisson(mean));
      const filters = vetoList ? [] : (usage.filters.get(def.id) ?? []);
      for (let i = 0; i < n; i++) {
        const filter = filters.length > 0 && !need?.fail && rng.chance(0.85) ? pickFilter(rng, filters, def) : undefined;
        records.push(recordValue(ctx, def.fields ?? [], filter, sources));
      }
      // Interleave so the needed records are not always listed first.
      return shuffle(rng, records);
    }
  }
}

type Filter = RecordFilter & { weight?: number };

function pickFilter(rng: Rng, filters: Filter[], def: FactDef): Filter {
  // Rare kinds of record (core papers, national awards) are drawn less often.
  const weights = filters.map((f) => (f.weight ?? 1) * rarity(f, def));
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rng.next() * total;
  for (let i = 0; i < filters.length; i++) {
    r -= weights[i]!;
    if (r < 0) return filters[i]!;
  }
  return filters[filters.length - 1]!;
}

function rarity(f: Filter, def: FactDef): number {
  if (!f.where) return 8;
  let w = 8;
  for (const leaf of leavesOf(f.where)) {
    const field = def.fields?.find((x) => x.id === leaf.fact);
    if (!field?.options || (leaf.operator !== 'equal' && leaf.operator !== 'in')) continue;
    const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
    const labels = field.options.filter((o) => values.includes(o.value)).map((o) => optionWeight(o.label.zh));
    if (labels.length) w = Math.min(w, labels.reduce((s, x) => s + x, 0));
  }
  return w;
}

interface FieldConstraint {
  values?: unknown[];
  min?: number;
  max?: number;
}

/** What a record must hold to pass `where`: one branch of each `any`, `not` ignored. */
function constraints(rng: Rng, where: Condition, lets: Set<string>, out = new Map<string, FieldConstraint>()): Map<string, FieldConstraint> {
  if ('all' in where) where.all.forEach((c) => constraints(rng, c, lets, out));
  else if ('any' in where) {
    if (where.any.length) constraints(rng, rng.pick(where.any), lets, out);
  } else if ('not' in where) return out;
  else if (!lets.has(where.fact) && isLiteral(where.value)) {
    const c = out.get(where.fact) ?? {};
    const v = where.value;
    if (where.operator === 'equal') c.values = [v];
    else if (where.operator === 'in' && Array.isArray(v)) c.values = v;
    else if (typeof v === 'number') {
      if (where.operator === 'greaterThanInclusive') c.min = v;
      if (where.operator === 'greaterThan') c.min = v + 1;
      if (where.operator === 'lessThanInclusive') c.max = v;
      if (where.operator === 'lessThan') c.max = v - 1;
    }
    out.set(where.fact, c);
  }
  return out;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `counted`: the record must count (dated since the current title, so filters on dates pass). */
function recordValue(
  ctx: FactContext,
  fields: FactDef[],
  filter: Filter | undefined,
  sources: TextSources,
  counted = false,
): Record<string, unknown> {
  const { rng } = ctx;
  const fixed = filter?.where ? constraints(rng, filter.where, filter.lets) : new Map<string, FieldConstraint>();
  const out: Record<string, unknown> = {};
  // Text last: an award's name reads its level.
  const ordered = [...fields.filter((f) => f.type !== 'string'), ...fields.filter((f) => f.type === 'string')];
  for (const f of ordered) {
    const c = fixed.get(f.id);
    if (!f.required && !c && !counted && rng.chance(0.08)) continue;
    const fctx: FactContext = { ...ctx, def: f };
    if (c?.values) {
      const opts = f.options?.filter((o) => c.values!.includes(o.value));
      out[f.id] = opts?.length ? rng.weighted(Object.fromEntries(opts.map((o) => [o.value, optionWeight(o.label.zh)]))) : rng.pick(c.values);
    } else if (c && (c.min !== undefined || c.max !== undefined) && (f.type === 'integer' || f.type === 'number')) {
      const lo = Math.max(c.min ?? f.min ?? 0, f.min ?? -Infinity);
      const hi = Math.min(c.max ?? (f.max ?? lo + 10), f.max ?? Infinity, lo + 10);
      out[f.id] = isRankField(f) ? lo + Math.min(hi - lo, rankDraw(rng) - 1) : rng.int(lo, hi);
    } else if (isRankField(f)) out[f.id] = clamp(rankDraw(rng), f.min ?? 1, f.max ?? 50);
    else if (f.type === 'date') out[f.id] = recordDate(fctx, counted);
    else if (isYearField(f)) out[f.id] = clamp(yearOf(recordDate(fctx, counted)), f.min ?? 1900, f.max ?? 2100);
    else if (f.type === 'string') out[f.id] = textValue(fctx, f, sources, out);
    else if (f.type === 'boolean') out[f.id] = rng.chance(0.55);
    else out[f.id] = genericValue(fctx, { facts: new Map(), filters: new Map() }, sources, 1);
  }
  // Keep the catalogue's field order in the record.
  return Object.fromEntries(fields.filter((f) => f.id in out).map((f) => [f.id, out[f.id]]));
}

/** Author or award rank: an applicant's own work is mostly theirs first. */
function rankDraw(rng: Rng): number {
  const r = rng.next();
  return r < 0.55 ? 1 : r < 0.75 ? 2 : r < 0.87 ? 3 : rng.int(4, 7);
}

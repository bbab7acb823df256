// Derived facts (计算字段) as the editor shows and shapes them: what each kind of
// computation takes, a new definition of a kind with starting inputs that are valid
// at once, the names a filter may use (the record's fields, its per-record values,
// then the ruleset's facts — the engine's order, SEMANTICS §3) and every definition
// said in words, so an official never reads an id or the JSON behind it.
import { buildCatalog } from '../../../../engine/compile';
import { leaves } from '../../../../engine/compile-condition';
import { AS_OF } from '../../../../engine/compile-derived';
import { conditionText, factLabel } from '../../../../engine/condition-text';
import type { FactCatalog, FactInfo } from '../../../../engine/explain';
import type { DerivedDef, DerivedOp, FactDef, Lang, LookupRow, RecordLet, Ruleset, Text } from '../../../../engine/index';

export const DERIVED_OPS: readonly DerivedOp[] = ['count', 'sum', 'min', 'max', 'yearsBetween', 'monthsBetween', 'lookup'];

export type Aggregate = Extract<DerivedDef, { of: string }>;
export type Span = Extract<DerivedDef, { op: 'yearsBetween' | 'monthsBetween' }>;
export type Lookup = Extract<DerivedDef, { op: 'lookup' }>;

export const isAggregate = (def: DerivedDef): def is Aggregate => def.op === 'count' || def.op === 'sum' || def.op === 'min' || def.op === 'max';
export const isSpan = (def: DerivedDef): def is Span => def.op === 'yearsBetween' || def.op === 'monthsBetween';
export const takesField = (op: DerivedOp) => op === 'sum' || op === 'min' || op === 'max';

/** Facts by id as the draft sees them: its own first, then the nearest ancestor's. */
export function factIndex(doc: Ruleset, parents: readonly Ruleset[]): Map<string, FactDef> {
  const index = new Map<string, FactDef>();
  for (const r of [doc, ...parents]) for (const f of r.facts ?? []) if (!index.has(f.id)) index.set(f.id, f);
  return index;
}

/** Facts an aggregate may run over: lists of records. */
export const listFacts = (index: Map<string, FactDef>) => [...index.values()].filter((f) => f.type === 'array');

const NUMERIC = new Set<FactInfo['type']>(['number', 'integer', 'derived']);
export const isNumeric = (info: FactInfo) => NUMERIC.has(info.type);

const SPAN_UNIT: Record<'yearsBetween' | 'monthsBetween', Text> = { yearsBetween: { zh: '年', en: 'years' }, monthsBetween: { zh: '月', en: 'months' } };
const EVALUATION_DATE: Text = { zh: '评审基准日', en: 'the evaluation date' };

function dateName(ref: string, catalog: FactCatalog, lang: Lang): string {
  if (ref === AS_OF) return lang === 'en' ? EVALUATION_DATE.en! : EVALUATION_DATE.zh;
  return lang === 'en' ? factLabel(ref, catalog, lang) : `「${factLabel(ref, catalog, lang)}」`;
}

/** A span or lookup in words: "从「现职称取得时间」到评审基准日的整年数". */
function computationText(def: RecordLet | Span | Lookup, catalog: FactCatalog, lang: Lang): string {
  if (def.op === 'lookup') {
    const rows = def.table.length;
    return lang === 'en' ? `Looked up from ${factLabel(def.fact, catalog, lang)} (${rows} row${rows === 1 ? '' : 's'})` : `按「${factLabel(def.fact, catalog, lang)}」查表（${rows} 行）`;
  }
  const from = dateName(def.from, catalog, lang);
  const to = dateName(def.to, catalog, lang);
  const unit = SPAN_UNIT[def.op];
  return lang === 'en' ? `Whole ${unit.en} from ${from} to ${to}` : `从${from}到${to}的整${unit.zh}数`;
}

/** A per-record value (`let`) has an id only the filter uses: it is named by what it computes. */
export function letLabel(l: RecordLet, catalog: FactCatalog): Text {
  return { zh: computationText(l, catalog, 'zh'), en: computationText(l, catalog, 'en') };
}

/**
 * The names an aggregate's filter and summed field may use, each by its label: the
 * record's fields, its per-record values (a later one shadows an earlier name), then
 * the ruleset's facts and derived facts (the store's catalogue).
 */
export function recordScope(def: Aggregate, index: Map<string, FactDef>, catalog: FactCatalog): FactCatalog {
  const scope: FactCatalog = new Map();
  for (const [id, info] of buildCatalog(index.get(def.of)?.fields ?? [])) scope.set(id, info);
  // A let reads the record's fields and the ruleset's facts: label it against both.
  const readable: FactCatalog = new Map([...catalog, ...scope]);
  for (const l of def.let ?? []) {
    const info: FactInfo = { id: l.id, label: letLabel(l, readable), type: 'derived' };
    if (l.op !== 'lookup') info.unit = SPAN_UNIT[l.op];
    scope.set(l.id, info);
    readable.set(l.id, info);
  }
  for (const [id, info] of catalog) if (!scope.has(id)) scope.set(id, info);
  return scope;
}

const AGGREGATE_WORDS = {
  sum: { zh: '之和', en: 'Sum' },
  min: { zh: '的最小值', en: 'Smallest' },
  max: { zh: '的最大值', en: 'Largest' },
} as const;

/** What a derived fact computes, in words, e.g. "「项目」中满足「角色 = 主持」的记录数". */
export function derivedText(def: DerivedDef, catalog: FactCatalog, index: Map<string, FactDef>, lang: Lang): string {
  if (!isAggregate(def)) return computationText(def, catalog, lang);
  const scope = recordScope(def, index, catalog);
  const list = factLabel(def.of, catalog, lang);
  const where = def.where ? conditionText(def.where, scope, lang) : '';
  if (lang === 'en') {
    const filter = where ? ` where ${where}` : '';
    if (def.op === 'count') return `Records of ${list}${filter}`;
    return `${AGGREGATE_WORDS[def.op].en} of ${factLabel(def.field, scope, lang)} over ${list}${filter}`;
  }
  const filter = where ? `满足「${where}」的` : '';
  if (def.op === 'count') return `「${list}」中${filter}记录数`;
  return `「${list}」中${filter}各记录「${factLabel(def.field, scope, lang)}」${AGGREGATE_WORDS[def.op].zh}`;
}

/** Starting inputs for a kind: the first list, date fact or choice the draft has. */
export interface Defaults {
  index: Map<string, FactDef>;
  list?: FactDef;
  date?: string;
  lookupFact?: FactDef;
}

export function defaultsOf(index: Map<string, FactDef>): Defaults {
  const facts = [...index.values()];
  return {
    index,
    list: listFacts(index)[0],
    date: facts.find((f) => f.type === 'date')?.id,
    lookupFact: facts.find((f) => f.type === 'enum') ?? facts.find((f) => f.type !== 'array' && f.type !== 'record' && f.type !== 'set'),
  };
}

export function firstNumericField(list: FactDef | undefined): string {
  return list?.fields?.find((f) => f.type === 'number' || f.type === 'integer')?.id ?? list?.fields?.[0]?.id ?? '';
}

export function lookupRow(fact: FactDef | undefined): LookupRow {
  return { value: fact?.options?.[0]?.value ?? '', result: '' };
}

/**
 * The definition as another kind: names, unit and description stay; inputs the kind
 * shares and that are set are kept (the list of an aggregate, its filter, the dates of
 * a span), others start from `defaults`.
 */
export function reshape(def: DerivedDef, op: DerivedOp, defaults: Defaults): DerivedDef {
  // A span's unit follows its kind (年 ↔ 月) unless the official wrote another.
  const unit = isSpan(def) && (op === 'yearsBetween' || op === 'monthsBetween') && def.unit?.zh === SPAN_UNIT[def.op].zh ? SPAN_UNIT[op] : def.unit;
  const base = { id: def.id, label: def.label, ...(def.description ? { description: def.description } : {}), ...(unit ? { unit } : {}) };
  if (op === 'count' || op === 'sum' || op === 'min' || op === 'max') {
    const keep = isAggregate(def) && def.of !== '';
    const of = keep ? def.of : (defaults.list?.id ?? '');
    const kept = keep ? { ...(def.where ? { where: def.where } : {}), ...(def.let?.length ? { let: def.let } : {}) } : {};
    if (op === 'count') return { ...base, op, of, ...kept };
    const field = keep && 'field' in def && def.field ? def.field : firstNumericField(defaults.index.get(of));
    return { ...base, op, of, field, ...kept };
  }
  if (op === 'yearsBetween' || op === 'monthsBetween') {
    return isSpan(def) && def.from !== '' ? { ...base, op, from: def.from, to: def.to } : { ...base, op, from: defaults.date ?? '', to: AS_OF };
  }
  if (def.op === 'lookup' && def.fact !== '') return { ...base, op, fact: def.fact, table: def.table, ...(def.default !== undefined ? { default: def.default } : {}) };
  return { ...base, op, fact: defaults.lookupFact?.id ?? '', table: [lookupRow(defaults.lookupFact)] };
}

/** A new derived fact of kind `op`, its inputs started from `defaults` so it computes at once. */
export function newDerived(entry: { id: string; label: Text; op: DerivedOp; unit?: Text }, defaults: Defaults): DerivedDef {
  const blank = { id: entry.id, label: entry.label, ...(entry.unit ? { unit: entry.unit } : {}), op: 'count', of: '' } as DerivedDef;
  return reshape(blank, entry.op, defaults);
}

/** A new per-record value: whole years from the record's first date field to the evaluation date. */
export function newLet(def: Aggregate, fields: FactDef[]): RecordLet {
  const taken = new Set([...(def.let ?? []).map((l) => l.id), ...fields.map((f) => f.id)]);
  let n = (def.let?.length ?? 0) + 1;
  while (taken.has(`value${n}`)) n++;
  const date = fields.find((f) => f.type === 'date')?.id ?? AS_OF;
  return { id: `value${n}`, op: 'yearsBetween', from: date, to: AS_OF };
}

/** Whether the filter or the summed field of `def` reads the per-record value `id`. */
export function letUsed(def: Aggregate, id: string): boolean {
  const inFilter = def.where ? leaves(def.where).some((leaf) => leaf.fact === id || (typeof leaf.value === 'object' && leaf.value !== null && !Array.isArray(leaf.value) && leaf.value.fact === id)) : false;
  return ('field' in def && def.field === id) || inFilter || (def.let ?? []).some((l) => l.id !== id && (l.op === 'lookup' ? l.fact === id : l.from === id || l.to === id));
}

export { AS_OF };

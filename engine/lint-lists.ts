// Lint for the lists of `in`/`notIn`/`someValue`/`everyValue` (the right side, or the
// fact side under `swap:`): json-rules-engine uses them without checking that they
// are lists, and throws when one is absent, null or not a list; Pingshen then cannot
// evaluate the applicant (CONDITION_UNDECIDABLE, engine/condition-error.ts). So a
// list that comes from a fact must be one the applicant always has: a `set` or
// `array` fact that is required (and, through a path, every record on the way
// required; an index `[n]` is never certain). A guard beside it does not help:
// json-rules-engine evaluates every condition of an all/any (equal priorities run
// together), so a preceding `notEqual null` does not keep it from throwing. What
// does is to put the list on the fact side, where json-rules-engine checks it first
// and answers false when it is not a list: contains, doesNotContain, someFact:, everyFact:.
import { issue, pointerOf, type Issue } from './errors';
import type { FactCatalog } from './explain';
import { listOperands, parseOperator, strictOperatorFn, type ListOperand, type ParsedOperator } from './operators';
import { parsePath } from './path';
import type { Condition, DerivedDef, FactDef, FactReference, LeafCondition, ResolvedRuleset, Ruleset, Text } from './types';

type Seg = string | number;
/** Reports an issue about the list operand `ref` of a leaf. */
type Add = (i: Issue, ref: FactReference | null) => void;

interface Scope {
  /** Declared facts (or record fields) by id; a derived fact or a `let` is in `catalog` but not here. */
  defs: Map<string, FactDef>;
  catalog: FactCatalog;
}

const isRef = (v: unknown): v is FactReference => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Why the operand may not be a list for every valid applicant; null when it always is. */
function doubt(ref: FactReference, scope: Scope): { kind: 'optional' | 'notList'; zh: string; en: string } | null {
  const top = scope.defs.get(ref.fact);
  if (!top) {
    if (!scope.catalog.has(ref.fact)) return null; // undeclared: reported as UNDECLARED_FACT
    return { kind: 'notList', zh: '是派生事实（数值、日期或查表结果），不是列表', en: 'is a derived fact (a number, date or looked-up value), not a list' };
  }
  let def: FactDef = top;
  const optional = (d: FactDef) => ({
    kind: 'optional' as const,
    zh: d === top ? '不是必填项，申报人可以不填' : `所经过的字段「${d.label.zh}」（${d.id}）不是必填项，申报人可以不填`,
    en: d === top ? 'is not required: an applicant may leave it out' : `goes through field "${d.label.en ?? d.label.zh}" (${d.id}), which is not required: an applicant may leave it out`,
  });
  if (!def.required) return optional(def);
  for (const step of ref.path === undefined ? [] : parsePath(ref.path)) {
    if (typeof step === 'number') {
      return { kind: 'optional', zh: `路径中的下标 [${step}] 不一定存在（列表可能更短）`, en: `the index [${step}] in the path may not exist (the list may be shorter)` };
    }
    const next = def.type === 'record' ? def.fields?.find((f) => f.id === step) : undefined;
    if (!next) return def.type === 'record' ? null : { kind: 'notList', zh: `不是记录，路径 ${ref.path} 取不到列表`, en: `is not a record; the path ${ref.path} reads no list` };
    def = next;
    if (!def.required) return optional(def);
  }
  if (def.type !== 'set' && def.type !== 'array') {
    return { kind: 'notList', zh: `的类型是 ${def.type}，不是列表`, en: `is ${def.type}, not a list` };
  }
  return null;
}

/** The same test with the list on the fact side, where json-rules-engine checks it is a list first. */
function rewrite(leaf: LeafCondition, parsed: ParsedOperator, operand: ListOperand): { text: string; whenAbsent: boolean } | null {
  const list = operand.side === 'fact' ? { fact: leaf.fact, ...(leaf.path ? { path: leaf.path } : {}) } : (leaf.value as FactReference);
  const other = operand.side === 'fact' ? leaf.value : { fact: leaf.fact, ...(leaf.path ? { path: leaf.path } : {}) };
  // What json-rules-engine answers for the rewritten leaf when the list is absent (whatever the other side).
  const show = (operator: string) => ({ text: JSON.stringify({ ...list, operator, value: other }), whenAbsent: strictOperatorFn(operator)(undefined, null) });
  const decorators = parsed.decorators.filter((d) => d !== 'not');
  const nots = parsed.decorators.filter((d) => d === 'not').map((d) => d + ':').join('');
  const swapped = decorators.length === 1 && decorators[0] === 'swap' && operand.side === 'fact';
  if ((decorators.length === 0 && operand.side === 'value') || swapped) {
    if (parsed.base === 'in') return show(`${nots}contains`);
    if (parsed.base === 'notIn') return show(`${nots}doesNotContain`);
  }
  if (decorators.length === 1 && (decorators[0] === 'someValue' || decorators[0] === 'everyValue') && operand.side === 'value' && !parsed.decorators.includes('not')) {
    return show(`${decorators[0] === 'someValue' ? 'someFact' : 'everyFact'}:swap:${parsed.base}`);
  }
  return null;
}

function checkLeaf(leaf: LeafCondition, at: Seg[], scope: Scope, add: Add) {
  const parsed = parseOperator(leaf.operator);
  if (!parsed) return; // the schema reports unknown operators
  const seen = new Set<string>();
  for (const operand of listOperands(parsed)) {
    const key = `${operand.side}${operand.element}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const op = leaf.operator;
    if (operand.element) {
      add(issue('OPERATOR_TYPE', pointerOf(...at, 'operator'), `运算符 ${op} 要求列表中的每一项也是列表，评审事实中没有这样的列表`, `${op} needs every element of a list to be a list; no fact holds such lists`), null);
      continue;
    }
    const ref = operand.side === 'fact' ? { fact: leaf.fact, ...(leaf.path !== undefined ? { path: leaf.path } : {}) } : isRef(leaf.value) ? leaf.value : null;
    if (!ref) {
      // A literal list on the right side: checkOperator already says when it is not a list, except under swap.
      if (parsed.decorators.includes('swap') && !Array.isArray(leaf.value)) {
        add(issue('OPERATOR_TYPE', pointerOf(...at, 'value'), `运算符 ${op} 的比较值应为列表`, `${op} needs a list of values`), null);
      }
      continue;
    }
    const why = doubt(ref, scope);
    if (!why) continue;
    const pointer = pointerOf(...at, ...(operand.side === 'fact' ? ['fact'] : ['value', 'fact']));
    const info = scope.catalog.get(ref.fact);
    const name = `「${info?.label.zh ?? ref.fact}」（${ref.fact}${ref.path ?? ''}）`;
    const nameEn = `"${info?.label.en ?? info?.label.zh ?? ref.fact}" (${ref.fact}${ref.path ?? ''})`;
    if (why.kind === 'notList') {
      add(issue('OPERATOR_TYPE', pointer, `运算符 ${op} 把${name}当作列表，但它${why.zh}`, `${op} uses ${nameEn} as a list, but it ${why.en}`), ref);
      continue;
    }
    const better = rewrite(leaf, parsed, operand);
    const instead = better
      ? {
          zh: `或改写为 ${better.text}（列表缺失时判为${better.whenAbsent ? '成立' : '不成立'}）`,
          en: `or write ${better.text} instead (${better.whenAbsent ? 'true' : 'false'} when the list is missing)`,
        }
      : { zh: '或把列表放到 fact 一侧，改用 contains / doesNotContain / someFact: / everyFact:（列表缺失时判为不成立）', en: 'or put the list on the fact side with contains / doesNotContain / someFact: / everyFact: (false when the list is missing)' };
    add(
      issue(
        'OPTIONAL_LIST',
        pointer,
        `运算符 ${op} 把${name}当作列表，但它${why.zh}；缺少时 json-rules-engine 无法判定此条件，该申报人无法评审。请将其设为必填（"required": true），${instead.zh}。在同一 all 中先检查 notEqual null 不能避免：json-rules-engine 会判定 all/any 中的每一个条件`,
        `${op} uses ${nameEn} as a list, but it ${why.en}; when it is missing json-rules-engine cannot decide the condition and the applicant cannot be evaluated. Make it required ("required": true), ${instead.en}. A preceding notEqual null in the same all does not help: json-rules-engine evaluates every condition of an all/any`,
      ),
      ref,
    );
  }
}

function walk(condition: Condition, at: Seg[], scope: Scope, add: Add) {
  if ('all' in condition) condition.all.forEach((c, i) => walk(c, [...at, 'all', i], scope, add));
  else if ('any' in condition) condition.any.forEach((c, i) => walk(c, [...at, 'any', i], scope, add));
  else if ('not' in condition) walk(condition.not, [...at, 'not'], scope, add);
  else checkLeaf(condition, at, scope, add);
}

/** Every condition tree of a ruleset with its place, and what owns it (for an inherited one). */
interface Owner {
  /** Where the child would have to declare it to own it (a scoring item belongs to its category). */
  kind: 'criteria' | 'vetoes' | 'categories' | 'derived';
  id: string;
  /** What to name: the criterion, veto, scoring item or derived fact. */
  shown: { zh: string; en: string; id: string; title: Text };
}

const shown = (zh: string, en: string, id: string, title: Text) => ({ zh, en, id, title });

function trees(r: Ruleset): Array<{ at: Seg[]; condition: Condition; owner: Owner }> {
  const out: ReturnType<typeof trees> = [];
  (r.criteria ?? []).forEach((c, i) => {
    const owner: Owner = { kind: 'criteria', id: c.id, shown: shown('评审条件', 'criterion', c.id, c.title) };
    if (c.appliesWhen) out.push({ at: ['criteria', i, 'appliesWhen'], condition: c.appliesWhen, owner });
    out.push({ at: ['criteria', i, 'conditions'], condition: c.conditions, owner });
  });
  (r.vetoes ?? []).forEach((v, i) => out.push({ at: ['vetoes', i, 'conditions'], condition: v.conditions, owner: { kind: 'vetoes', id: v.id, shown: shown('一票否决项', 'veto', v.id, v.title) } }));
  (r.scoring?.categories ?? []).forEach((cat, ci) =>
    cat.items.forEach((item, ii) => {
      const at = ['scoring', 'categories', ci, 'items', ii];
      const owner: Owner = { kind: 'categories', id: cat.id, shown: shown('计分项', 'scoring item', item.id, item.title) };
      if (item.appliesWhen) out.push({ at: [...at, 'appliesWhen'], condition: item.appliesWhen, owner });
      if (item.type === 'condition') out.push({ at: [...at, 'when'], condition: item.when, owner });
    }),
  );
  return out;
}

/** Inside `where` a name is a let, then a field of the record, then a fact (the same order as evaluation). */
function whereScope(d: DerivedDef, defs: Map<string, FactDef>, catalog: FactCatalog): Scope {
  const array = 'of' in d ? defs.get(d.of) : undefined;
  const inner = new Map(defs);
  const innerCatalog: FactCatalog = new Map(catalog);
  for (const f of array?.fields ?? []) {
    inner.set(f.id, f);
    innerCatalog.set(f.id, { id: f.id, label: f.label, type: f.type });
  }
  for (const l of 'let' in d ? (d.let ?? []) : []) {
    inner.delete(l.id);
    innerCatalog.set(l.id, { id: l.id, label: { zh: l.id }, type: 'derived' });
  }
  return { defs: inner, catalog: innerCatalog };
}

/**
 * Checks every condition of the file being linted; facts come from the resolved ruleset
 * (a parent may declare them). A child that declares again, as optional, a fact its
 * parent's conditions use as a list is reported at that fact: the parent was linted
 * with the fact required, and its conditions now read the child's.
 */
export function checkListOperands(ruleset: Ruleset, resolved: ResolvedRuleset, catalog: FactCatalog, report: (i: Issue) => void): void {
  const defs = new Map(resolved.facts.map((f) => [f.id, f]));
  const scope: Scope = { defs, catalog };
  const own: Add = (found) => report(found);
  for (const { at, condition } of trees(ruleset)) walk(condition, at, scope, own);
  for (const [i, d] of (ruleset.derived ?? []).entries()) {
    if ('where' in d && d.where) walk(d.where, ['derived', i, 'where'], whereScope(d, defs, catalog), own);
  }
  if (!ruleset.extends) return;

  const ownIds = {
    criteria: new Set((ruleset.criteria ?? []).map((c) => c.id)),
    vetoes: new Set((ruleset.vetoes ?? []).map((v) => v.id)),
    categories: new Set((ruleset.scoring?.categories ?? []).map((c) => c.id)),
    derived: new Set((ruleset.derived ?? []).map((d) => d.id)),
  };
  const ownFact = new Map(ruleset.facts.map((f, i) => [f.id, i]));
  const seen = new Set<string>();
  const inherited = ({ shown: s }: Owner): Add => (found, ref) => {
    const fi = ref ? ownFact.get(ref.fact) : undefined;
    if (fi === undefined) return; // the parent's own fact: the parent's lint reports it
    const key = `${fi} ${s.id} ${found.message.zh}`;
    if (seen.has(key)) return;
    seen.add(key);
    report({
      ...found,
      pointer: pointerOf('facts', fi),
      message: {
        zh: `继承的${s.zh}「${s.title.zh}」（${s.id}）中，${found.message.zh}`,
        en: `In the inherited ${s.en} "${s.title.en ?? s.title.zh}" (${s.id}): ${found.message.en}`,
      },
    });
  };
  for (const { at, condition, owner } of trees(resolved)) {
    if (!ownIds[owner.kind].has(owner.id)) walk(condition, at, scope, inherited(owner));
  }
  for (const [i, d] of (resolved.derived ?? []).entries()) {
    if ('where' in d && d.where && !ownIds.derived.has(d.id)) walk(d.where, ['derived', i, 'where'], whereScope(d, defs, catalog), inherited({ kind: 'derived', id: d.id, shown: shown('派生事实', 'derived fact', d.id, d.label) }));
  }
}

// An applicant that a condition cannot decide. json-rules-engine throws (a
// TypeError) when `in`/`notIn`/`someValue`/`everyValue` meet a list that is absent
// or not a list; Pingshen gives that case one meaning in both evaluators: the
// applicant is not evaluated, and the error names the applicant, the criterion
// (veto, scoring item) and the condition's JSON pointer, so a batch can list the
// row and go on. The compiled evaluator finds the leaf by running every such leaf
// of every condition tree strictly (as json-rules-engine runs every leaf: it does not
// short-circuit an all/any); the reference evaluator finds it by asking
// json-rules-engine itself (engine/reference.ts). Both build the error here, from
// the same slot order, so the two give the same error.
import { compileOperandCheck, isFactReference, type FactResolver, type OperandFault } from './compile-condition';
import { PingshenError, issue, pointerOf, type Issue } from './errors';
import type { FactCatalog } from './explain';
import { listOperands, parseOperator } from './operators';
import { parsePath, resolvePath } from './path';
import type { Applicant, Condition, LeafCondition, ResolvedRuleset, Text } from './types';

type Seg = string | number;

export interface ConditionOwner {
  kind: 'criterion' | 'veto' | 'item';
  id: string;
  title: Text;
}

/** One condition tree of a ruleset: where json-rules-engine decides a condition. */
export interface ConditionSlot {
  /** The reference evaluator's rule name (and the differential test's key). */
  key: string;
  /** Where the tree sits in the (resolved) ruleset. */
  at: Seg[];
  owner: ConditionOwner;
  condition: Condition;
}

/**
 * Every condition tree, in the order both evaluators look for an undecidable one:
 * criteria (appliesWhen, then conditions), vetoes, then scoring items (appliesWhen, then when).
 */
export function conditionSlots(ruleset: ResolvedRuleset): ConditionSlot[] {
  const out: ConditionSlot[] = [];
  (ruleset.criteria ?? []).forEach((c, i) => {
    const owner: ConditionOwner = { kind: 'criterion', id: c.id, title: c.title };
    if (c.appliesWhen) out.push({ key: `criteria/${i}/appliesWhen`, at: ['criteria', i, 'appliesWhen'], owner, condition: c.appliesWhen });
    out.push({ key: `criteria/${i}/conditions`, at: ['criteria', i, 'conditions'], owner, condition: c.conditions });
  });
  (ruleset.vetoes ?? []).forEach((v, i) =>
    out.push({ key: `vetoes/${i}/conditions`, at: ['vetoes', i, 'conditions'], owner: { kind: 'veto', id: v.id, title: v.title }, condition: v.conditions }),
  );
  (ruleset.scoring?.categories ?? []).forEach((cat, ci) =>
    cat.items.forEach((item, ii) => {
      const at: Seg[] = ['scoring', 'categories', ci, 'items', ii];
      const key = `categories/${ci}/items/${ii}`;
      const owner: ConditionOwner = { kind: 'item', id: item.id, title: item.title };
      if (item.appliesWhen) out.push({ key: `${key}/appliesWhen`, at: [...at, 'appliesWhen'], owner, condition: item.appliesWhen });
      if (item.type === 'condition') out.push({ key: `${key}/when`, at: [...at, 'when'], owner, condition: item.when });
    }),
  );
  return out;
}

/** Every leaf of a tree with its place in it, depth first (the order json-rules-engine's trace keeps). */
export function leavesAt(condition: Condition, at: Seg[] = [], out: Array<{ leaf: LeafCondition; at: Seg[] }> = []) {
  if ('all' in condition) condition.all.forEach((c, i) => leavesAt(c, [...at, 'all', i], out));
  else if ('any' in condition) condition.any.forEach((c, i) => leavesAt(c, [...at, 'any', i], out));
  else if ('not' in condition) leavesAt(condition.not, [...at, 'not'], out);
  else out.push({ leaf: condition, at });
  return out;
}

/** Whether json-rules-engine could throw on this leaf: some list operand is not a literal array written in the rule. */
export function mayThrow(leaf: LeafCondition): boolean {
  const parsed = parseOperator(leaf.operator);
  if (!parsed) return false;
  return listOperands(parsed).some((o) => o.side === 'fact' || o.element || !Array.isArray(leaf.value));
}

const OWNER: Record<ConditionOwner['kind'], Text> = {
  criterion: { zh: '评审条件', en: 'criterion' },
  veto: { zh: '一票否决项', en: 'veto' },
  item: { zh: '计分项', en: 'scoring item' },
};

function applicantName(applicant: Applicant): Text {
  const id = applicant.id;
  if (typeof id === 'string' || typeof id === 'number') return { zh: `申报人 ${id}`, en: `Applicant ${id}` };
  return { zh: '申报人（无编号）', en: 'Applicant (no id)' };
}

function given(value: unknown): Text {
  if (value === undefined) return { zh: '申报人未填写', en: 'the applicant did not give it' };
  if (value === null) return { zh: '申报人填写为空（null）', en: 'the applicant gave null' };
  const shown = JSON.stringify(value);
  const short = shown.length > 40 ? shown.slice(0, 37) + '...' : shown;
  return { zh: `实际为 ${short}`, en: `it is ${short}` };
}

/** Why the leaf cannot be decided, read from the two sides' values. */
function reason(leaf: LeafCondition, factValue: unknown, valueValue: unknown, catalog: FactCatalog, cause: string | undefined): { text: Text; field?: string } {
  const parsed = parseOperator(leaf.operator);
  const op = leaf.operator;
  for (const operand of parsed ? listOperands(parsed) : []) {
    if (operand.element) continue;
    const value = operand.side === 'fact' ? factValue : valueValue;
    const list = Array.isArray(value) || (typeof value === 'string' && parsed!.decorators.length === 0);
    if (list) continue;
    const ref = operand.side === 'fact' ? { fact: leaf.fact, path: leaf.path } : isFactReference(leaf.value) ? leaf.value : null;
    if (!ref) {
      return {
        text: {
          zh: `运算符 ${op} 的比较值应为列表，规则中写的是 ${JSON.stringify(leaf.value)}`,
          en: `operator ${op} needs a list to compare with; the rule gives ${JSON.stringify(leaf.value)}`,
        },
      };
    }
    const info = catalog.get(ref.fact);
    const name = `${ref.fact}${ref.path ? ' ' + ref.path : ''}`;
    const got = given(value);
    return {
      field: ref.fact,
      text: {
        zh: `运算符 ${op} 要求「${info?.label.zh ?? ref.fact}」（${name}）是列表，${got.zh}`,
        en: `operator ${op} needs "${info?.label.en ?? info?.label.zh ?? ref.fact}" (${name}) to be a list; ${got.en}`,
      },
    };
  }
  if (parsed && listOperands(parsed).some((o) => o.element)) {
    return { text: { zh: `运算符 ${op} 要求列表中的每一项也是列表`, en: `operator ${op} needs every element of the list to be a list` } };
  }
  return { text: { zh: `json-rules-engine 报错：${cause ?? '未知错误'}`, en: `json-rules-engine failed: ${cause ?? 'unknown error'}` } };
}

export interface UndecidableAt {
  /** Null only when json-rules-engine failed and no condition tree failed on its own. */
  slot: ConditionSlot | null;
  /** The leaf's place inside the slot's tree; null when json-rules-engine failed and no leaf could be named. */
  at: Seg[] | null;
  leaf: LeafCondition | null;
  factValue?: unknown;
  valueValue?: unknown;
  /** json-rules-engine's own message, when it threw. */
  cause?: string;
}

/** The CONDITION_UNDECIDABLE error for one applicant. */
export function undecidableError(applicant: Applicant, where: UndecidableAt, catalog: FactCatalog): PingshenError {
  const { slot } = where;
  const pointer = slot ? pointerOf(...slot.at, ...(where.at ?? [])) : '';
  const why = where.leaf
    ? reason(where.leaf, where.factValue, where.valueValue, catalog, where.cause)
    : { text: { zh: `json-rules-engine 报错：${where.cause ?? '未知错误'}`, en: `json-rules-engine failed: ${where.cause ?? 'unknown error'}` } };
  const who = applicantName(applicant);
  const what = slot
    ? {
        zh: `${OWNER[slot.owner.kind].zh}「${slot.owner.title.zh}」（${slot.owner.id}）的条件 ${pointer}`,
        en: `the condition ${pointer} of ${OWNER[slot.owner.kind].en} "${slot.owner.title.en ?? slot.owner.title.zh}" (${slot.owner.id})`,
      }
    : { zh: '评审条件', en: 'a condition' };
  const found: Issue = issue(
    'CONDITION_UNDECIDABLE',
    pointer,
    `${who.zh}：${what.zh} 无法判定：${why.text.zh}。该申报人未评审；请修正规则（将该事实设为必填，或改用 contains / someFact / everyFact 把列表放在 fact 一侧）`,
    `${who.en}: ${what.en} cannot be decided: ${why.text.en}. The applicant was not evaluated; fix the rule (make the fact required, or put the list on the fact side with contains / someFact / everyFact)`,
  );
  if (why.field !== undefined) found.field = why.field;
  return new PingshenError('CONDITION_UNDECIDABLE', found.message.en!, [found]);
}

/** The value of one side of a leaf, given how to read a fact: a path applies as json-rules-engine applies it. */
export function sideValue(read: (fact: string) => unknown, fact: string, path: string | undefined): unknown {
  return path === undefined ? read(fact) : resolvePath(read(fact), parsePath(path));
}

/**
 * The compiled evaluator's check, run before any condition is decided: throws
 * CONDITION_UNDECIDABLE at the first leaf (slot order, then depth first) that
 * json-rules-engine would throw on. Null when no leaf of the ruleset can throw (every
 * list is a literal array), which is every shipped ruleset: then it costs nothing.
 */
export function compileUndecidableCheck<C extends { applicant: Applicant }>(
  ruleset: ResolvedRuleset,
  resolve: FactResolver<C>,
  catalog: FactCatalog,
): ((ctx: C) => void) | null {
  const checks: Array<{ slot: ConditionSlot; check: (ctx: C) => OperandFault | null }> = [];
  for (const slot of conditionSlots(ruleset)) {
    const check = compileOperandCheck(slot.condition, resolve, mayThrow);
    if (check) checks.push({ slot, check });
  }
  if (checks.length === 0) return null;
  return (ctx) => {
    for (const { slot, check } of checks) {
      const fault = check(ctx);
      if (fault) throw undecidableError(ctx.applicant, { slot, ...fault }, catalog);
    }
  };
}

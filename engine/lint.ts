// Lint: what a schema cannot see. Undeclared facts, operators that do not fit the
// fact's type, enum values that are not options, self-referring derived facts,
// duplicate ids, a missing `extends` target, item caps above their category's cap,
// lists that an applicant may leave out where json-rules-engine needs one (lint-lists.ts),
// citations of undeclared documents, unordered bracket scales, unknown template
// placeholders. Pointers point into the file being linted.
import { AS_OF, orderDerived } from './compile-derived';
import { buildCatalog } from './compile';
import { PingshenError, issue, pointerOf, type Issue } from './errors';
import { templatePlaceholders, type FactCatalog, type FactInfo } from './explain';
import { resolveExtends, type RulesetLookup } from './extends';
import { checkListOperands } from './lint-lists';
import { NUMERIC_OPERATORS, parseOperator } from './operators';
import type { Citation, Condition, FactDef, LeafCondition, ResolvedRuleset, Ruleset, ScoringItem, Text } from './types';

type Seg = string | number;

export interface LintOptions {
  /** Finds the parent named by `extends`; without it, `extends` is reported missing. */
  lookup?: RulesetLookup;
  file?: string;
}

const NUMERIC_TYPES = new Set<FactInfo['type']>(['number', 'integer', 'derived', 'date']);
const LIST_TYPES = new Set<FactInfo['type']>(['set', 'array']);

export function lintRuleset(ruleset: Ruleset, options: LintOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const add = (found: Issue) => {
    if (options.file) found.file = options.file;
    issues.push(found);
  };

  let resolved: ResolvedRuleset;
  try {
    resolved = ruleset.extends
      ? resolveExtends(ruleset, options.lookup ?? (() => undefined))
      : { ...ruleset, lineage: [] };
  } catch (err) {
    if (err instanceof PingshenError) {
      err.issues.forEach(add);
      resolved = { ...ruleset, extends: undefined, lineage: [] } as ResolvedRuleset;
    } else throw err;
  }

  const catalog = buildCatalog(resolved.facts, resolved.derived);
  const docs = new Set(resolved.basis.map((d) => d.id));

  checkDuplicates(ruleset, add);
  checkDerived(ruleset, resolved, catalog, add);
  checkListOperands(ruleset, resolved, catalog, add);

  const checkCitations = (basis: Citation[], at: Seg[]) =>
    // Lint runs on schema-valid documents, but the studio lints drafts as they are typed: a missing list is no list.
    (basis ?? []).forEach((c, i) => {
      if (!docs.has(c.doc)) {
        add(issue('UNKNOWN_BASIS', pointerOf(...at, 'basis', i, 'doc'), `引用的政策文件 "${c.doc}" 未在 basis 中声明`, `Cited document "${c.doc}" is not declared in basis`));
      }
    });

  const checkTemplate = (template: Text | undefined, at: Seg[], extra: string[] = []) => {
    if (!template) return;
    for (const p of templatePlaceholders(template)) {
      const known = p.kind === undefined ? extra.includes(p.name) || catalog.has(p.name) : catalog.has(p.name);
      if (!known) {
        add(issue('TEMPLATE_PLACEHOLDER', pointerOf(...at), `说明模板中的占位符 {{${p.kind ? p.kind + ':' : ''}${p.name}}} 未定义`, `Unknown template placeholder {{${p.kind ? p.kind + ':' : ''}${p.name}}}`, 'warning'));
      }
    }
  };

  if (ruleset.pass?.basis) checkCitations(ruleset.pass.basis, ['pass']);
  (ruleset.criteria ?? []).forEach((c, i) => {
    const at = ['criteria', i];
    checkCitations(c.basis, at);
    if (c.appliesWhen) checkCondition(c.appliesWhen, [...at, 'appliesWhen'], catalog, add);
    checkCondition(c.conditions, [...at, 'conditions'], catalog, add);
    checkTemplate(c.explanation?.pass, [...at, 'explanation', 'pass'], ['title']);
    checkTemplate(c.explanation?.fail, [...at, 'explanation', 'fail'], ['title']);
  });
  (ruleset.vetoes ?? []).forEach((v, i) => {
    const at = ['vetoes', i];
    checkCitations(v.basis, at);
    checkCondition(v.conditions, [...at, 'conditions'], catalog, add);
    checkTemplate(v.explanation?.triggered, [...at, 'explanation', 'triggered'], ['title']);
    checkTemplate(v.explanation?.clear, [...at, 'explanation', 'clear'], ['title']);
  });
  (ruleset.scoring?.categories ?? []).forEach((cat, ci) => {
    const at = ['scoring', 'categories', ci];
    checkCitations(cat.basis, at);
    cat.items.forEach((item, ii) => {
      const itemAt = [...at, 'items', ii];
      checkCitations(item.basis, itemAt);
      checkItem(item, itemAt, cat.cap, catalog, add);
      checkNegativePoints(item, itemAt, add);
      checkTemplate(item.explanation, [...itemAt, 'explanation'], ['title', 'points']);
    });
  });
  return issues;
}

function checkDuplicates(ruleset: Ruleset, add: (i: Issue) => void) {
  const groups: Array<[string, Array<{ id: string }>, Seg[]]> = [
    ['basis', ruleset.basis, ['basis']],
    ['facts', [...ruleset.facts, ...(ruleset.derived ?? [])], ['facts']],
    ['criteria', [...(ruleset.criteria ?? []), ...(ruleset.vetoes ?? [])], ['criteria']],
    ['categories', ruleset.scoring?.categories ?? [], ['scoring', 'categories']],
    ['tests', ruleset.tests ?? [], ['tests']],
  ];
  const items = (ruleset.scoring?.categories ?? []).flatMap((c) => c.items);
  groups.push(['items', items, ['scoring', 'items']]);
  for (const [, list, at] of groups) {
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      if (seen.has(entry.id)) {
        add(issue('DUPLICATE_ID', pointerFor(ruleset, at, entry, i), `标识 "${entry.id}" 重复`, `Duplicate id "${entry.id}"`));
      }
      seen.add(entry.id);
    });
  }
  const checkOptions = (facts: FactDef[], at: Seg[]) =>
    facts.forEach((f, fi) => {
      const seen = new Set<string>();
      (f.options ?? []).forEach((o, oi) => {
        if (seen.has(o.value)) add(issue('DUPLICATE_ID', pointerOf(...at, fi, 'options', oi, 'value'), `选项值 "${o.value}" 重复`, `Duplicate option value "${o.value}"`));
        seen.add(o.value);
      });
      if (f.fields) checkOptions(f.fields, [...at, fi, 'fields']);
    });
  checkOptions(ruleset.facts, ['facts']);
}

/** The pointer of the i-th entry of a flattened group, back in its own array. */
function pointerFor(ruleset: Ruleset, at: Seg[], entry: { id: string }, i: number): string {
  if (at[0] === 'facts') {
    const fi = ruleset.facts.indexOf(entry as FactDef);
    return fi >= 0 ? pointerOf('facts', fi, 'id') : pointerOf('derived', (ruleset.derived ?? []).indexOf(entry as never), 'id');
  }
  if (at[0] === 'criteria') {
    const ci = (ruleset.criteria ?? []).indexOf(entry as never);
    return ci >= 0 ? pointerOf('criteria', ci, 'id') : pointerOf('vetoes', (ruleset.vetoes ?? []).indexOf(entry as never), 'id');
  }
  if (at[1] === 'items') {
    for (const [ci, cat] of (ruleset.scoring?.categories ?? []).entries()) {
      const ii = cat.items.indexOf(entry as ScoringItem);
      if (ii >= 0) return pointerOf('scoring', 'categories', ci, 'items', ii, 'id');
    }
  }
  return pointerOf(...at, i, 'id');
}

function checkDerived(ruleset: Ruleset, resolved: ResolvedRuleset, catalog: FactCatalog, add: (i: Issue) => void) {
  const factDefs = new Map(resolved.facts.map((f) => [f.id, f]));
  const fieldsOf = (id: string) => new Set((factDefs.get(id)?.fields ?? []).map((f) => f.id));
  try {
    orderDerived(resolved.derived ?? [], fieldsOf);
  } catch (err) {
    if (!(err instanceof PingshenError)) throw err;
    err.issues.forEach((i) => add({ ...i, pointer: ownPointer(ruleset, resolved, i.pointer) }));
  }
  (ruleset.derived ?? []).forEach((d, i) => {
    const at: Seg[] = ['derived', i];
    const undeclared = (name: string, ...field: Seg[]) =>
      add(issue('UNDECLARED_FACT', pointerOf(...at, ...field), `派生事实引用了未声明的事实 "${name}"`, `Derived fact refers to undeclared fact "${name}"`));
    const isDate = (name: string) => name === AS_OF || catalog.get(name)?.type === 'date';
    switch (d.op) {
      case 'count':
      case 'sum':
      case 'min':
      case 'max': {
        const array = factDefs.get(d.of);
        if (!array) return undeclared(d.of, 'of');
        if (array.type !== 'array') {
          add(issue('OPERATOR_TYPE', pointerOf(...at, 'of'), `"${d.of}" 不是记录列表，不能计数或汇总`, `"${d.of}" is not an array of records`));
          return;
        }
        const scope = recordScope(array.fields ?? [], d.let ?? [], catalog);
        if ('field' in d && !scope.has(d.field)) undeclared(d.field, 'field');
        (d.let ?? []).forEach((l, li) => {
          const names = l.op === 'lookup' ? ([['fact', l.fact]] as const) : ([['from', l.from], ['to', l.to]] as const);
          for (const [field, n] of names) if (n !== AS_OF && !scope.has(n)) undeclared(n, 'let', li, field);
          // A lookup row that is not an option never matches: e.g. a misspelt sanction kind would never count.
          if (l.op === 'lookup' && scope.has(l.fact)) {
            l.table.forEach((row, ri) => checkEnumValue(scope.get(l.fact)!, row.value, [...at, 'let', li, 'table', ri, 'value'], add));
          }
        });
        if (d.where) checkCondition(d.where, [...at, 'where'], scope, add);
        return;
      }
      case 'yearsBetween':
      case 'monthsBetween':
        for (const field of ['from', 'to'] as const) {
          const name = d[field];
          if (name !== AS_OF && !catalog.has(name)) undeclared(name, field);
          else if (!isDate(name)) add(issue('OPERATOR_TYPE', pointerOf(...at, field), `"${name}" 不是日期事实`, `"${name}" is not a date fact`));
        }
        return;
      case 'lookup':
        if (!catalog.has(d.fact)) return undeclared(d.fact, 'fact');
        d.table.forEach((row, ri) => checkEnumValue(catalog.get(d.fact)!, row.value, [...at, 'table', ri, 'value'], add));
        return;
    }
  });
}

/** Pointers from a resolved-ruleset check, mapped back into the file being linted. */
function ownPointer(ruleset: Ruleset, resolved: ResolvedRuleset, pointer: string): string {
  const m = /^\/derived\/(\d+)$/.exec(pointer);
  if (!m) return pointer;
  const def = (resolved.derived ?? [])[Number(m[1])];
  const own = (ruleset.derived ?? []).findIndex((d) => d.id === def?.id);
  return own >= 0 ? pointerOf('derived', own) : '/extends';
}

function recordScope(fields: FactDef[], lets: Array<{ id: string }>, outer: FactCatalog): FactCatalog {
  const scope: FactCatalog = new Map(outer);
  for (const [id, info] of buildCatalog(fields)) scope.set(id, info);
  for (const l of lets) scope.set(l.id, { id: l.id, label: { zh: l.id }, type: 'derived' });
  return scope;
}

function walkLeaves(condition: Condition, at: Seg[], visit: (leaf: LeafCondition, at: Seg[]) => void) {
  if ('all' in condition) condition.all.forEach((c, i) => walkLeaves(c, [...at, 'all', i], visit));
  else if ('any' in condition) condition.any.forEach((c, i) => walkLeaves(c, [...at, 'any', i], visit));
  else if ('not' in condition) walkLeaves(condition.not, [...at, 'not'], visit);
  else visit(condition, at);
}

function checkCondition(condition: Condition, at: Seg[], catalog: FactCatalog, add: (i: Issue) => void) {
  walkLeaves(condition, at, (leaf, leafAt) => {
    const info = catalog.get(leaf.fact);
    if (!info) {
      add(issue('UNDECLARED_FACT', pointerOf(...leafAt, 'fact'), `条件引用了未声明的事实 "${leaf.fact}"`, `Condition refers to undeclared fact "${leaf.fact}"`));
      return;
    }
    const ref = leaf.value !== null && typeof leaf.value === 'object' && !Array.isArray(leaf.value) ? leaf.value : null;
    if (ref && !catalog.has(ref.fact)) {
      add(issue('UNDECLARED_FACT', pointerOf(...leafAt, 'value', 'fact'), `条件引用了未声明的事实 "${ref.fact}"`, `Condition refers to undeclared fact "${ref.fact}"`));
    }
    checkOperator(leaf, info, ref !== null, leafAt, catalog, add);
  });
}

function checkOperator(
  leaf: LeafCondition,
  info: FactInfo,
  valueIsFact: boolean,
  at: Seg[],
  catalog: FactCatalog,
  add: (i: Issue) => void,
) {
  const parsed = parseOperator(leaf.operator);
  if (!parsed) return; // the schema reports unknown operators
  const label = info.label.zh;
  const misfit = (zh: string, en: string) => add(issue('OPERATOR_TYPE', pointerOf(...at, 'operator'), zh, en));
  let factType = info.type;
  // A path reads a field inside a record (or one element of a list).
  if (leaf.path !== undefined) {
    if (factType !== 'record' && factType !== 'array') {
      return misfit(`"${label}" 不是记录，不能使用 path`, `"${label}" is not a record; path does not apply`);
    }
    return;
  }
  // swap compares the value as if it were the fact: the checks below would read it backwards.
  if (parsed.decorators.includes('swap')) return;
  // someValue/everyValue compare the fact with each element of a list value.
  if (parsed.decorators.some((d) => d === 'someValue' || d === 'everyValue')) {
    if (valueIsFact) return;
    const valueAt = pointerOf(...at, 'value');
    if (!Array.isArray(leaf.value)) {
      return add(issue('OPERATOR_TYPE', valueAt, `运算符 ${leaf.operator} 的比较值应为列表`, `${leaf.operator} needs a list of values`));
    }
    const operator = [...parsed.decorators.filter((d) => d !== 'someValue' && d !== 'everyValue'), parsed.base].join(':');
    const seen = new Set<string>();
    leaf.value.forEach((value, i) =>
      checkOperator({ ...leaf, operator, value }, info, false, at, catalog, (found) => {
        if (found.pointer.startsWith(valueAt)) found.pointer = `${valueAt}/${i}${found.pointer.slice(valueAt.length)}`;
        if (!seen.has(found.pointer)) add(found);
        seen.add(found.pointer);
      }),
    );
    return;
  }
  const overElements = parsed.decorators.filter((d) => d === 'someFact' || d === 'everyFact').length > 0;
  if (overElements) {
    if (!LIST_TYPES.has(factType)) return misfit(`"${label}" 不是列表，不能使用 ${parsed.decorators.join(':')}`, `"${label}" is not a list`);
    factType = 'string';
  }
  const base = parsed.base;
  if (NUMERIC_OPERATORS.has(base)) {
    if (!NUMERIC_TYPES.has(factType) && !overElements) {
      return misfit(`运算符 ${leaf.operator} 用于比较数值，"${label}" 的类型是 ${info.type}`, `${leaf.operator} compares numbers; "${label}" is ${info.type}`);
    }
    if (!valueIsFact && typeof leaf.value !== 'number' && !(factType === 'date' && typeof leaf.value === 'string')) {
      add(issue('OPERATOR_TYPE', pointerOf(...at, 'value'), `运算符 ${leaf.operator} 的比较值应为数字`, `${leaf.operator} needs a number to compare with`));
    }
    return;
  }
  if (base === 'contains' || base === 'doesNotContain') {
    if (!LIST_TYPES.has(factType)) return misfit(`运算符 ${base} 只适用于列表，"${label}" 的类型是 ${info.type}`, `${base} applies to lists; "${label}" is ${info.type}`);
    if (!valueIsFact) checkEnumValue(info, leaf.value, [...at, 'value'], add);
    return;
  }
  if (base === 'in' || base === 'notIn') {
    if (LIST_TYPES.has(factType) && !overElements) return misfit(`"${label}" 是列表，请使用"包含"而不是 ${base}`, `"${label}" is a list; use contains instead of ${base}`);
    if (!valueIsFact && !Array.isArray(leaf.value)) {
      add(issue('OPERATOR_TYPE', pointerOf(...at, 'value'), `运算符 ${base} 的比较值应为列表`, `${base} needs a list of values`));
      return;
    }
    if (Array.isArray(leaf.value)) leaf.value.forEach((v, i) => checkEnumValue(info, v, [...at, 'value', i], add));
    return;
  }
  // equal / notEqual
  if (!valueIsFact && !overElements) checkValueType(info, leaf.value, [...at, 'value'], add);
  if (!valueIsFact && overElements) checkEnumValue(info, leaf.value, [...at, 'value'], add);
  void catalog;
}

const JS_TYPE: Partial<Record<FactInfo['type'], string>> = {
  number: 'number',
  integer: 'number',
  boolean: 'boolean',
  string: 'string',
  enum: 'string',
  date: 'string',
};

function checkValueType(info: FactInfo, value: unknown, at: Seg[], add: (i: Issue) => void) {
  const expected = JS_TYPE[info.type];
  if (expected && value !== null && typeof value !== expected) {
    add(issue('OPERATOR_TYPE', pointerOf(...at), `"${info.label.zh}" 的类型是 ${info.type}，比较值 ${JSON.stringify(value)} 类型不符`, `"${info.label.en ?? info.label.zh}" is ${info.type}; ${JSON.stringify(value)} does not match`));
    return;
  }
  checkEnumValue(info, value, at, add);
}

function checkEnumValue(info: FactInfo, value: unknown, at: Seg[], add: (i: Issue) => void) {
  if (!info.options || value === null) return;
  if (typeof value !== 'string' || !info.options.has(value)) {
    const allowed = [...info.options.keys()].join(', ');
    add(issue('ENUM_VALUE', pointerOf(...at), `"${info.label.zh}" 没有选项 ${JSON.stringify(value)}（可选：${allowed}）`, `"${info.label.en ?? info.label.zh}" has no option ${JSON.stringify(value)} (options: ${allowed})`));
  }
}

function maxPoints(item: ScoringItem): number | null {
  switch (item.type) {
    case 'condition':
      return item.points;
    case 'bracket':
      return Math.max(...item.brackets.map((b) => b.points));
    case 'lookup':
      return Math.max(item.default ?? 0, ...item.table.map((r) => r.points));
    case 'perUnit':
      return null;
  }
}

function checkItem(item: ScoringItem, at: Seg[], categoryCap: number | undefined, catalog: FactCatalog, add: (i: Issue) => void) {
  if (item.appliesWhen) checkCondition(item.appliesWhen, [...at, 'appliesWhen'], catalog, add);
  if (item.type === 'condition') checkCondition(item.when, [...at, 'when'], catalog, add);
  else {
    const info = catalog.get(item.fact);
    if (!info) {
      add(issue('UNDECLARED_FACT', pointerOf(...at, 'fact'), `计分项引用了未声明的事实 "${item.fact}"`, `Scoring item refers to undeclared fact "${item.fact}"`));
    } else if (item.type !== 'lookup' && !NUMERIC_TYPES.has(info.type)) {
      add(issue('OPERATOR_TYPE', pointerOf(...at, 'fact'), `${item.type} 计分需要数值事实，"${info.label.zh}" 的类型是 ${info.type}`, `${item.type} scoring needs a numeric fact; "${info.label.en ?? info.label.zh}" is ${info.type}`));
    } else if (item.type === 'lookup') {
      item.table.forEach((row, i) => checkEnumValue(info, row.value, [...at, 'table', i, 'value'], add));
    }
  }
  if (item.type === 'bracket') {
    item.brackets.forEach((b, i) => {
      const prev = item.brackets[i - 1];
      if (prev && b.min <= prev.min) {
        add(issue('BRACKETS_ORDER', pointerOf(...at, 'brackets', i, 'min'), `档次下限应严格递增：${b.min} 不大于上一档 ${prev.min}`, `Bracket minimums must increase: ${b.min} is not above ${prev.min}`));
      }
    });
  }
  if (categoryCap === undefined) return;
  if (item.cap !== undefined && item.cap > categoryCap) {
    add(issue('CAP_EXCEEDS_CATEGORY', pointerOf(...at, 'cap'), `单项上限 ${item.cap} 分超过所属类别上限 ${categoryCap} 分，超出部分会被类别上限截去`, `Item cap ${item.cap} exceeds its category cap ${categoryCap}; the excess would be cut silently`));
    return;
  }
  const max = maxPoints(item);
  if (item.cap === undefined && max !== null && max > categoryCap) {
    add(issue('CAP_EXCEEDS_CATEGORY', pointerOf(...at), `单项最高可得 ${max} 分，超过所属类别上限 ${categoryCap} 分`, `The item can award ${max} points, above its category cap ${categoryCap}`));
  }
}

/**
 * Scoring items only award points. A negative number would free room under a cap for the
 * items after it, so points dropped at a cap would in effect carry over; a deduction is a
 * veto or a criterion instead. One issue per negative number, at that number.
 */
function checkNegativePoints(item: ScoringItem, at: Seg[], add: (i: Issue) => void) {
  const numbers: Array<[number, Seg[]]> = [];
  switch (item.type) {
    case 'condition':
      numbers.push([item.points, ['points']]);
      break;
    case 'perUnit':
      numbers.push([item.pointsEach, ['pointsEach']]);
      break;
    case 'bracket':
      item.brackets.forEach((b, i) => numbers.push([b.points, ['brackets', i, 'points']]));
      break;
    case 'lookup':
      item.table.forEach((r, i) => numbers.push([r.points, ['table', i, 'points']]));
      if (item.default !== undefined) numbers.push([item.default, ['default']]);
      break;
  }
  for (const [value, field] of numbers) {
    if (value < 0) {
      add(
        issue(
          'NEGATIVE_POINTS',
          pointerOf(...at, ...field),
          `分值 ${value} 为负数：计分项只能加分，扣分会为后续计分项腾出上限空间，使超出上限的分数变相结转；扣分请写成一票否决或资格条件`,
          `Points ${value} are negative: scoring items only award points; a deduction would free room under a cap for later items, so capped points would carry over; write a deduction as a veto or a criterion`,
        ),
      );
    }
  }
}

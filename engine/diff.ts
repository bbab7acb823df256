// Semantic diff between two versions: what an approver needs to read — criteria,
// vetoes, items and categories added or removed, thresholds, points and caps
// changed — each as one readable line, Chinese first.
import { canonicalJson } from './canonical';
import { buildCatalog } from './compile';
import { formatValue, operatorText, pickText, type FactCatalog } from './explain';
import type { Category, Condition, Criterion, LeafCondition, Ruleset, ScoringItem, Text, Veto } from './types';

export type DiffTarget = 'ruleset' | 'fact' | 'derived' | 'criterion' | 'veto' | 'category' | 'item';

export interface DiffEntry {
  kind: 'added' | 'removed' | 'changed';
  target: DiffTarget;
  id: string;
  /** What changed inside the entry, e.g. "threshold", "points", "cap". */
  field?: string;
  before?: unknown;
  after?: unknown;
  text: Text;
}

const TARGET_NAMES: Record<DiffTarget, Text> = {
  ruleset: { zh: '规则集', en: 'ruleset' },
  fact: { zh: '事实', en: 'fact' },
  derived: { zh: '派生事实', en: 'derived fact' },
  criterion: { zh: '资格条件', en: 'criterion' },
  veto: { zh: '否决项', en: 'veto' },
  category: { zh: '计分类别', en: 'category' },
  item: { zh: '计分项', en: 'scoring item' },
};

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * `context`: rulesets whose facts name what a and b use without declaring it — the
 * `extends` parents, or a and b resolved — so an inherited fact reads by its label.
 */
export function diffRulesets(a: Ruleset, b: Ruleset, context: Array<Pick<Ruleset, 'facts' | 'derived'>> = []): DiffEntry[] {
  const out: DiffEntry[] = [];
  // Later definitions win: a child's own fact over the one it inherits.
  const sources = [...context, a, b];
  const catalog = buildCatalog(sources.flatMap((r) => r.facts), sources.flatMap((r) => r.derived ?? []));

  for (const field of ['title', 'extends', 'effectiveFrom', 'effectiveTo', 'series', 'level'] as const) {
    if (!same(a[field], b[field])) {
      const before = field === 'title' ? a.title.zh : a[field];
      const after = field === 'title' ? b.title.zh : b[field];
      out.push(changed('ruleset', a.id, field, before, after, `${field}：${show(before)} → ${show(after)}`, `${field}: ${show(before)} → ${show(after)}`));
    }
  }
  if (!same(a.pass, b.pass)) {
    const t = (p: Ruleset['pass']) => (!p ? '—' : p.mode === 'rank' ? '排名' : `≥ ${p.minScore}`);
    out.push(changed('ruleset', a.id, 'pass', a.pass, b.pass, `合格线：${t(a.pass)} → ${t(b.pass)}`, `Pass rule: ${t(a.pass)} → ${t(b.pass)}`));
  }
  if (!same(a.scoring?.cap, b.scoring?.cap)) {
    out.push(changed('ruleset', a.id, 'cap', a.scoring?.cap, b.scoring?.cap, `总分上限：${show(a.scoring?.cap)} → ${show(b.scoring?.cap)}`, `Total cap: ${show(a.scoring?.cap)} → ${show(b.scoring?.cap)}`));
  }

  diffList('fact', a.facts, b.facts, out, (x, y) =>
    same(x, y) ? [] : [changed('fact', x.id, 'definition', x, y, `事实「${x.label.zh}」的定义已修改`, `Fact "${x.label.en ?? x.label.zh}" definition changed`)],
  );
  diffList('derived', a.derived ?? [], b.derived ?? [], out, (x, y) =>
    same(x, y) ? [] : [changed('derived', x.id, 'definition', x, y, `派生事实「${x.label.zh}」的算法已修改`, `Derived fact "${x.label.en ?? x.label.zh}" definition changed`)],
  );
  diffList('criterion', a.criteria ?? [], b.criteria ?? [], out, (x, y) => diffRule('criterion', x, y, catalog));
  diffList('veto', a.vetoes ?? [], b.vetoes ?? [], out, (x, y) => diffRule('veto', x, y, catalog));

  const categoriesA = a.scoring?.categories ?? [];
  const categoriesB = b.scoring?.categories ?? [];
  diffList('category', categoriesA, categoriesB, out, (x, y) => diffCategory(x, y));
  const itemsA = categoriesA.flatMap((c) => c.items.map((item) => ({ ...item, categoryId: c.id })));
  const itemsB = categoriesB.flatMap((c) => c.items.map((item) => ({ ...item, categoryId: c.id })));
  diffList('item', itemsA, itemsB, out, (x, y) => diffItem(x, y, catalog));
  return out;
}

function changed(target: DiffTarget, id: string, field: string, before: unknown, after: unknown, zh: string, en: string): DiffEntry {
  return { kind: 'changed', target, id, field, before, after, text: { zh, en } };
}

function diffList<T extends { id: string; title?: Text; label?: Text }>(
  target: DiffTarget,
  a: T[],
  b: T[],
  out: DiffEntry[],
  compare: (x: T, y: T) => DiffEntry[],
) {
  const byIdB = new Map(b.map((x) => [x.id, x]));
  const idsA = new Set(a.map((x) => x.id));
  const name = (x: T) => x.title ?? x.label ?? { zh: x.id };
  for (const x of a) {
    const y = byIdB.get(x.id);
    if (!y) {
      out.push({
        kind: 'removed',
        target,
        id: x.id,
        before: x,
        text: { zh: `删除${TARGET_NAMES[target].zh}「${name(x).zh}」`, en: `Removed ${TARGET_NAMES[target].en} "${pickText(name(x), 'en')}"` },
      });
    } else out.push(...compare(x, y));
  }
  for (const y of b) {
    if (idsA.has(y.id)) continue;
    out.push({
      kind: 'added',
      target,
      id: y.id,
      after: y,
      text: { zh: `新增${TARGET_NAMES[target].zh}「${name(y).zh}」`, en: `Added ${TARGET_NAMES[target].en} "${pickText(name(y), 'en')}"` },
    });
  }
}

function diffRule(target: 'criterion' | 'veto', x: Criterion | Veto, y: Criterion | Veto, catalog: FactCatalog): DiffEntry[] {
  const out: DiffEntry[] = [];
  const title = x.title.zh;
  const titleEn = pickText(x.title, 'en');
  const noun = TARGET_NAMES[target];
  if (!same(x.title, y.title)) out.push(changed(target, x.id, 'title', x.title.zh, y.title.zh, `${noun.zh}「${title}」更名为「${y.title.zh}」`, `${noun.en} "${titleEn}" renamed to "${pickText(y.title, 'en')}"`));
  const appliesA = 'appliesWhen' in x ? x.appliesWhen : undefined;
  const appliesB = 'appliesWhen' in y ? y.appliesWhen : undefined;
  if (!same(appliesA, appliesB)) out.push(changed(target, x.id, 'appliesWhen', appliesA, appliesB, `${noun.zh}「${title}」的适用范围已修改`, `${noun.en} "${titleEn}": applicability changed`));
  out.push(...diffConditions(target, x.id, `${noun.zh}「${title}」`, `${noun.en} "${titleEn}"`, x.conditions, y.conditions, catalog));
  if (!same(x.basis, y.basis)) out.push(changed(target, x.id, 'basis', x.basis, y.basis, `${noun.zh}「${title}」的政策依据已修改`, `${noun.en} "${titleEn}": basis changed`));
  if (!same(x.explanation, y.explanation)) out.push(changed(target, x.id, 'explanation', x.explanation, y.explanation, `${noun.zh}「${title}」的说明模板已修改`, `${noun.en} "${titleEn}": explanation changed`));
  return out;
}

/** Same tree shape: leaf by leaf (thresholds, operators). Different shape: one "restructured" line. */
function diffConditions(target: DiffTarget, id: string, zhName: string, enName: string, a: Condition, b: Condition, catalog: FactCatalog): DiffEntry[] {
  if (same(a, b)) return [];
  const pairs: Array<[LeafCondition, LeafCondition]> = [];
  if (!pairLeaves(a, b, pairs)) {
    return [changed(target, id, 'conditions', a, b, `${zhName}的条件结构已调整`, `${enName}: conditions restructured`)];
  }
  const out: DiffEntry[] = [];
  for (const [x, y] of pairs) {
    if (same(x, y)) continue;
    const info = catalog.get(y.fact);
    const label = info ? info.label.zh : y.fact;
    const labelEn = info ? pickText(info.label, 'en') : y.fact;
    const before = `${operatorText(x.operator, 'zh')} ${fmt(x.value, catalog.get(x.fact))}`;
    const after = `${operatorText(y.operator, 'zh')} ${fmt(y.value, info)}`;
    const beforeEn = `${operatorText(x.operator, 'en')} ${fmt(x.value, catalog.get(x.fact), 'en')}`;
    const afterEn = `${operatorText(y.operator, 'en')} ${fmt(y.value, info, 'en')}`;
    const field = x.fact !== y.fact ? 'fact' : x.operator !== y.operator ? 'operator' : 'threshold';
    out.push(changed(target, id, field, x, y, `${zhName}：${label} ${before} → ${after}`, `${enName}: ${labelEn} ${beforeEn} → ${afterEn}`));
  }
  return out;
}

function fmt(value: unknown, info: ReturnType<FactCatalog['get']>, lang: 'zh' | 'en' = 'zh'): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return `[${(value as { fact: string }).fact}]`;
  return formatValue(value, info, lang);
}

function pairLeaves(a: Condition, b: Condition, out: Array<[LeafCondition, LeafCondition]>): boolean {
  for (const kind of ['all', 'any'] as const) {
    if (kind in a || kind in b) {
      const xs = (a as unknown as Record<string, Condition[] | undefined>)[kind];
      const ys = (b as unknown as Record<string, Condition[] | undefined>)[kind];
      if (!xs || !ys || xs.length !== ys.length) return false;
      return xs.every((x, i) => pairLeaves(x, ys[i]!, out));
    }
  }
  if ('not' in a || 'not' in b) return 'not' in a && 'not' in b && pairLeaves(a.not, b.not, out);
  out.push([a as LeafCondition, b as LeafCondition]);
  return true;
}

function diffCategory(x: Category, y: Category): DiffEntry[] {
  const out: DiffEntry[] = [];
  const t = x.title.zh;
  const te = pickText(x.title, 'en');
  if (!same(x.cap, y.cap)) out.push(changed('category', x.id, 'cap', x.cap, y.cap, `计分类别「${t}」上限：${show(x.cap)} → ${show(y.cap)} 分`, `Category "${te}" cap: ${show(x.cap)} → ${show(y.cap)}`));
  if (!same(x.bonus, y.bonus)) out.push(changed('category', x.id, 'bonus', x.bonus, y.bonus, `计分类别「${t}」是否加分项：${show(x.bonus ?? false)} → ${show(y.bonus ?? false)}`, `Category "${te}" bonus: ${show(x.bonus ?? false)} → ${show(y.bonus ?? false)}`));
  if (!same(x.title, y.title)) out.push(changed('category', x.id, 'title', x.title.zh, y.title.zh, `计分类别「${t}」更名为「${y.title.zh}」`, `Category "${te}" renamed to "${pickText(y.title, 'en')}"`));
  return out;
}

function diffItem(x: ScoringItem & { categoryId: string }, y: ScoringItem & { categoryId: string }, catalog: FactCatalog): DiffEntry[] {
  const out: DiffEntry[] = [];
  const t = x.title.zh;
  const te = pickText(x.title, 'en');
  const line = (field: string, before: unknown, after: unknown, zh: string, en: string) => out.push(changed('item', x.id, field, before, after, `计分项「${t}」${zh}`, `Item "${te}" ${en}`));
  if (x.categoryId !== y.categoryId) line('category', x.categoryId, y.categoryId, `移至类别 ${y.categoryId}`, `moved to category ${y.categoryId}`);
  if (x.type !== y.type) {
    line('type', x.type, y.type, `计分方式：${x.type} → ${y.type}`, `scoring type: ${x.type} → ${y.type}`);
    return out;
  }
  if (!same(x.cap, y.cap)) line('cap', x.cap, y.cap, `上限：${show(x.cap)} → ${show(y.cap)} 分`, `cap: ${show(x.cap)} → ${show(y.cap)}`);
  if (x.type === 'condition' && y.type === 'condition') {
    if (x.points !== y.points) line('points', x.points, y.points, `分值：${x.points} → ${y.points} 分`, `points: ${x.points} → ${y.points}`);
    out.push(...diffConditions('item', x.id, `计分项「${t}」`, `Item "${te}"`, x.when, y.when, catalog));
  }
  if (x.type === 'perUnit' && y.type === 'perUnit' && x.pointsEach !== y.pointsEach) {
    line('points', x.pointsEach, y.pointsEach, `每项分值：${x.pointsEach} → ${y.pointsEach} 分`, `points each: ${x.pointsEach} → ${y.pointsEach}`);
  }
  if (x.type === 'bracket' && y.type === 'bracket' && !same(x.brackets, y.brackets)) {
    const b = (s: typeof x.brackets) => s.map((r) => `≥${r.min}:${r.points}`).join(' ');
    line('brackets', x.brackets, y.brackets, `档次：${b(x.brackets)} → ${b(y.brackets)}`, `brackets: ${b(x.brackets)} → ${b(y.brackets)}`);
  }
  if (x.type === 'lookup' && y.type === 'lookup' && (!same(x.table, y.table) || !same(x.default, y.default))) {
    const b = (s: typeof x.table) => s.map((r) => `${r.value}:${r.points}`).join(' ');
    line('table', x.table, y.table, `对照表：${b(x.table)} → ${b(y.table)}`, `table: ${b(x.table)} → ${b(y.table)}`);
  }
  if ('fact' in x && 'fact' in y && x.fact !== y.fact) line('fact', x.fact, y.fact, `计分依据：${x.fact} → ${y.fact}`, `fact: ${x.fact} → ${y.fact}`);
  if (!same(x.appliesWhen, y.appliesWhen)) line('appliesWhen', x.appliesWhen, y.appliesWhen, `适用范围已修改`, `applicability changed`);
  if (!same(x.basis, y.basis)) line('basis', x.basis, y.basis, `政策依据已修改`, `basis changed`);
  return out;
}

// Semantic diff between two versions: what an approver needs to read — criteria,
// vetoes, items, categories and applicant fields added or removed (with what they
// say, in words), thresholds, points, bands, lookup rows, caps and field definitions
// changed (before → after) — each as one readable line, Chinese first.
import { canonicalJson } from './canonical';
import { buildCatalog } from './compile';
import { bandText, conditionText, factLabel, itemRuleText, pointsText, valueText } from './condition-text';
import { formatValue, operatorText, pickText, type FactCatalog } from './explain';
import type { Category, Condition, Criterion, FactDef, Lang, LeafCondition, Ruleset, ScoringItem, Text, Veto } from './types';

export type DiffTarget = 'ruleset' | 'fact' | 'derived' | 'criterion' | 'veto' | 'category' | 'item';

export interface DiffEntry {
  kind: 'added' | 'removed' | 'changed';
  target: DiffTarget;
  id: string;
  /** What changed inside the entry, e.g. "threshold", "points", "cap", "brackets", "label". */
  field?: string;
  before?: unknown;
  after?: unknown;
  text: Text;
  /** For an added or removed entry: what it says, in words — its condition, its scoring rule, its definition. */
  detail?: Text;
}

const TARGET_NAMES: Record<DiffTarget, Text> = {
  ruleset: { zh: '规则集', en: 'ruleset' },
  fact: { zh: '申报字段', en: 'applicant field' },
  derived: { zh: '派生事实', en: 'derived fact' },
  criterion: { zh: '资格条件', en: 'criterion' },
  veto: { zh: '否决项', en: 'veto' },
  category: { zh: '计分类别', en: 'category' },
  item: { zh: '计分项', en: 'scoring item' },
};

const RULESET_FIELDS = {
  title: { zh: '名称', en: 'Title' },
  extends: { zh: '继承', en: 'Extends' },
  effectiveFrom: { zh: '生效日期', en: 'Effective from' },
  effectiveTo: { zh: '失效日期', en: 'Effective until' },
  series: { zh: '系列', en: 'Series' },
  level: { zh: '级别', en: 'Level' },
} as const;

/** A fact type in words (also engine/compatibility.ts). */
export const FACT_TYPES: Record<FactDef['type'], Text> = {
  number: { zh: '数值', en: 'number' },
  integer: { zh: '整数', en: 'integer' },
  boolean: { zh: '是/否', en: 'yes/no' },
  string: { zh: '文本', en: 'text' },
  enum: { zh: '单选', en: 'single choice' },
  set: { zh: '多选', en: 'multiple choice' },
  date: { zh: '日期', en: 'date' },
  record: { zh: '记录', en: 'record' },
  array: { zh: '记录列表', en: 'list of records' },
};

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
/** The same sentence in both languages. */
const both = (say: (lang: Lang) => string): Text => ({ zh: say('zh'), en: say('en') });
const capText = (cap: number | undefined, lang: Lang) => (cap === undefined ? (lang === 'en' ? 'none' : '不限') : String(cap));
/** `12 → 10 分`, `12 分 → 不限`: the unit once, where there is a number to carry it. */
const capChange = (a: number | undefined, b: number | undefined, lang: Lang) => {
  const unit = lang === 'en' ? '' : ' 分';
  if (a !== undefined && b !== undefined) return `${a} → ${b}${unit}`;
  return `${capText(a, lang)}${a !== undefined ? unit : ''} → ${capText(b, lang)}${b !== undefined ? unit : ''}`;
};

/**
 * `context`: rulesets whose facts name what a and b use without declaring it — the
 * `extends` parents, or a and b resolved — so an inherited fact reads by its label.
 */
export function diffRulesets(a: Ruleset, b: Ruleset, context: Array<Pick<Ruleset, 'facts' | 'derived'>> = []): DiffEntry[] {
  const out: DiffEntry[] = [];
  // Later definitions win: a child's own fact over the one it inherits. Old wording reads
  // with the old catalogue (a renamed fact keeps its old label on the "before" side).
  const catalogA = buildCatalog([...context, b, a].flatMap((r) => r.facts), [...context, b, a].flatMap((r) => r.derived ?? []));
  const catalog = buildCatalog([...context, a, b].flatMap((r) => r.facts), [...context, a, b].flatMap((r) => r.derived ?? []));

  for (const field of ['title', 'extends', 'effectiveFrom', 'effectiveTo', 'series', 'level'] as const) {
    if (!same(a[field], b[field])) {
      const before = field === 'title' ? a.title.zh : a[field];
      const after = field === 'title' ? b.title.zh : b[field];
      const name = RULESET_FIELDS[field];
      out.push(changed('ruleset', a.id, field, before, after, `${name.zh}：${show(before)} → ${show(after)}`, `${name.en}: ${show(before)} → ${show(after)}`));
    }
  }
  if (!same(a.pass, b.pass)) {
    const t = (p: Ruleset['pass']) => (!p ? '—' : p.mode === 'rank' ? '排名' : `≥ ${p.minScore}`);
    out.push(changed('ruleset', a.id, 'pass', a.pass, b.pass, `合格线：${t(a.pass)} → ${t(b.pass)}`, `Pass rule: ${t(a.pass)} → ${t(b.pass)}`));
  }
  if (!same(a.scoring?.cap, b.scoring?.cap)) {
    out.push(changed('ruleset', a.id, 'cap', a.scoring?.cap, b.scoring?.cap, `总分上限：${show(a.scoring?.cap)} → ${show(b.scoring?.cap)}`, `Total cap: ${show(a.scoring?.cap)} → ${show(b.scoring?.cap)}`));
  }

  diffList('fact', a.facts, b.facts, out, (x, y) => diffFact(x, y, TARGET_NAMES.fact, x.id), (f, lang) => factText(f, lang));
  diffList('derived', a.derived ?? [], b.derived ?? [], out, (x, y) =>
    same(x, y) ? [] : [changed('derived', x.id, 'definition', x, y, `派生事实「${x.label.zh}」的算法已修改`, `Derived fact "${x.label.en ?? x.label.zh}" definition changed`)],
  );
  diffList('criterion', a.criteria ?? [], b.criteria ?? [], out, (x, y) => diffRule('criterion', x, y, catalogA, catalog), (c, lang, side) => ruleText('criterion', c, side === 'before' ? catalogA : catalog, lang));
  diffList('veto', a.vetoes ?? [], b.vetoes ?? [], out, (x, y) => diffRule('veto', x, y, catalogA, catalog), (v, lang, side) => ruleText('veto', v, side === 'before' ? catalogA : catalog, lang));

  const categoriesA = a.scoring?.categories ?? [];
  const categoriesB = b.scoring?.categories ?? [];
  diffList('category', categoriesA, categoriesB, out, (x, y) => diffCategory(x, y), (c, lang) => categoryText(c, lang));
  const flatten = (categories: Category[]) => categories.flatMap((c) => c.items.map((item) => ({ ...item, categoryId: c.id, categoryTitle: c.title })));
  diffList('item', flatten(categoriesA), flatten(categoriesB), out, (x, y) => diffItem(x, y, catalogA, catalog), (item, lang, side) => {
    const rule = itemRuleText(item, side === 'before' ? catalogA : catalog, lang);
    return lang === 'en' ? `in "${pickText(item.categoryTitle, lang)}": ${rule}` : `计入「${item.categoryTitle.zh}」，${rule}`;
  });
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
  describe?: (x: T, lang: Lang, side: 'before' | 'after') => string,
) {
  const byIdB = new Map(b.map((x) => [x.id, x]));
  const idsA = new Set(a.map((x) => x.id));
  const name = (x: T) => x.title ?? x.label ?? { zh: x.id };
  const detail = (x: T, side: 'before' | 'after') => (describe ? { detail: both((lang) => describe(x, lang, side)) } : {});
  for (const x of a) {
    const y = byIdB.get(x.id);
    if (!y) {
      out.push({
        kind: 'removed',
        target,
        id: x.id,
        before: x,
        text: { zh: `删除${TARGET_NAMES[target].zh}「${name(x).zh}」`, en: `Removed ${TARGET_NAMES[target].en} "${pickText(name(x), 'en')}"` },
        ...detail(x, 'before'),
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
      ...detail(y, 'after'),
    });
  }
}

// --- applicant fields

/** A field's definition in words: `整数，单位 项，选填，范围 0–10`. */
function factText(f: FactDef, lang: Lang): string {
  const en = lang === 'en';
  const parts = [pickText(FACT_TYPES[f.type], lang)];
  if (f.unit) parts.push(`${en ? 'unit ' : '单位 '}${pickText(f.unit, lang)}`);
  parts.push(f.required ? (en ? 'required' : '必填') : en ? 'optional' : '选填');
  const range = f.min !== undefined || f.max !== undefined ? rangeText(f, lang) : '';
  if (range) parts.push(`${en ? 'range ' : '范围 '}${range}`);
  if (f.maxLength !== undefined) parts.push(`${en ? 'at most ' : '最多 '}${f.maxLength}${en ? ' characters' : ' 字'}`);
  if (f.options?.length) parts.push(`${en ? 'options: ' : '选项：'}${f.options.map((o) => pickText(o.label, lang)).join(en ? ', ' : '、')}`);
  if (f.fields?.length) parts.push(`${en ? 'fields: ' : '字段：'}${f.fields.map((o) => pickText(o.label, lang)).join(en ? ', ' : '、')}`);
  return parts.join(en ? ', ' : '，');
}

function rangeText(f: Pick<FactDef, 'min' | 'max'>, lang: Lang): string {
  if (f.min !== undefined && f.max !== undefined) return `${f.min}–${f.max}`;
  if (f.min !== undefined) return `≥ ${f.min}`;
  if (f.max !== undefined) return `≤ ${f.max}`;
  return lang === 'en' ? 'any' : '不限';
}

/** Field by field; a record's own fields recurse under the record's name. */
function diffFact(x: FactDef, y: FactDef, noun: Text, id: string): DiffEntry[] {
  if (same(x, y)) return [];
  const out: DiffEntry[] = [];
  const zhName = `${noun.zh}「${x.label.zh}」`;
  const enName = `${noun.en} "${pickText(x.label, 'en')}"`;
  const line = (field: string, before: unknown, after: unknown, zh: string, en: string) => out.push(changed('fact', id, field, before, after, `${zhName}${zh}`, `${enName} ${en}`));
  if (x.label.zh !== y.label.zh) line('label', x.label, y.label, `名称：${x.label.zh} → ${y.label.zh}`, `label: ${pickText(x.label, 'en')} → ${pickText(y.label, 'en')}`);
  else if (x.label.en !== y.label.en) line('label', x.label, y.label, `英文名称：${show(x.label.en)} → ${show(y.label.en)}`, `English label: ${show(x.label.en)} → ${show(y.label.en)}`);
  if (x.type !== y.type) line('type', x.type, y.type, `类型：${FACT_TYPES[x.type].zh} → ${FACT_TYPES[y.type].zh}`, `type: ${FACT_TYPES[x.type].en} → ${FACT_TYPES[y.type].en}`);
  if (!same(x.unit, y.unit)) line('unit', x.unit, y.unit, `单位：${x.unit ? x.unit.zh : '—'} → ${y.unit ? y.unit.zh : '—'}`, `unit: ${x.unit ? pickText(x.unit, 'en') : '—'} → ${y.unit ? pickText(y.unit, 'en') : '—'}`);
  if (Boolean(x.required) !== Boolean(y.required)) line('required', Boolean(x.required), Boolean(y.required), y.required ? '改为必填' : '改为选填', y.required ? 'is now required' : 'is now optional');
  if (x.min !== y.min || x.max !== y.max) line('range', { min: x.min, max: x.max }, { min: y.min, max: y.max }, `取值范围：${rangeText(x, 'zh')} → ${rangeText(y, 'zh')}`, `range: ${rangeText(x, 'en')} → ${rangeText(y, 'en')}`);
  if (x.maxLength !== y.maxLength) line('maxLength', x.maxLength, y.maxLength, `最大长度：${capText(x.maxLength, 'zh')} → ${capText(y.maxLength, 'zh')}`, `maximum length: ${capText(x.maxLength, 'en')} → ${capText(y.maxLength, 'en')}`);
  if (!same(x.description, y.description)) line('description', x.description, y.description, '的填写说明已修改', 'help text changed');
  const optionsB = new Map((y.options ?? []).map((o) => [o.value, o]));
  const optionsA = new Set((x.options ?? []).map((o) => o.value));
  for (const o of x.options ?? []) {
    const p = optionsB.get(o.value);
    if (!p) line('options', o, undefined, `删除选项「${o.label.zh}」`, `option "${pickText(o.label, 'en')}" removed`);
    else if (!same(o.label, p.label)) line('options', o, p, `选项「${o.label.zh}」更名为「${p.label.zh}」`, `option "${pickText(o.label, 'en')}" renamed to "${pickText(p.label, 'en')}"`);
  }
  for (const p of y.options ?? []) if (!optionsA.has(p.value)) line('options', undefined, p, `新增选项「${p.label.zh}」`, `option "${pickText(p.label, 'en')}" added`);
  const fieldsB = new Map((y.fields ?? []).map((f) => [f.id, f]));
  const fieldsA = new Set((x.fields ?? []).map((f) => f.id));
  const fieldNoun = { zh: `${zhName}的字段`, en: `${enName}, field` };
  for (const f of x.fields ?? []) {
    const g = fieldsB.get(f.id);
    if (!g) line('fields', f, undefined, `删除字段「${f.label.zh}」`, `field "${pickText(f.label, 'en')}" removed`);
    else out.push(...diffFact(f, g, fieldNoun, id));
  }
  for (const g of y.fields ?? []) {
    if (!fieldsA.has(g.id)) line('fields', undefined, g, `新增字段「${g.label.zh}」（${factText(g, 'zh')}）`, `field "${pickText(g.label, 'en')}" added (${factText(g, 'en')})`);
  }
  // Anything the lines above do not name (a future attribute) still shows as a change.
  if (out.length === 0) line('definition', x, y, '的定义已修改', 'definition changed');
  return out;
}

// --- criteria and vetoes

function ruleText(target: 'criterion' | 'veto', rule: Criterion | Veto, catalog: FactCatalog, lang: Lang): string {
  const en = lang === 'en';
  const condition = conditionText(rule.conditions, catalog, lang);
  const main = target === 'veto' ? (en ? `triggered when ${condition}` : `触发条件：${condition}`) : en ? `requires ${condition}` : `条件：${condition}`;
  const applies = 'appliesWhen' in rule && rule.appliesWhen ? (en ? ` (only when ${conditionText(rule.appliesWhen, catalog, lang)})` : `（仅当${conditionText(rule.appliesWhen, catalog, lang)}）`) : '';
  return `${main}${applies}`;
}

function diffRule(target: 'criterion' | 'veto', x: Criterion | Veto, y: Criterion | Veto, catalogA: FactCatalog, catalog: FactCatalog): DiffEntry[] {
  const out: DiffEntry[] = [];
  const title = x.title.zh;
  const titleEn = pickText(x.title, 'en');
  const noun = TARGET_NAMES[target];
  if (!same(x.title, y.title)) out.push(changed(target, x.id, 'title', x.title.zh, y.title.zh, `${noun.zh}「${title}」更名为「${y.title.zh}」`, `${noun.en} "${titleEn}" renamed to "${pickText(y.title, 'en')}"`));
  const appliesA = 'appliesWhen' in x ? x.appliesWhen : undefined;
  const appliesB = 'appliesWhen' in y ? y.appliesWhen : undefined;
  if (!same(appliesA, appliesB)) out.push(appliesLine(target, x.id, `${noun.zh}「${title}」`, `${noun.en} "${titleEn}"`, appliesA, appliesB, catalogA, catalog));
  out.push(...diffConditions(target, x.id, `${noun.zh}「${title}」`, `${noun.en} "${titleEn}"`, x.conditions, y.conditions, catalogA, catalog));
  if (!same(x.basis, y.basis)) out.push(changed(target, x.id, 'basis', x.basis, y.basis, `${noun.zh}「${title}」的政策依据已修改`, `${noun.en} "${titleEn}": basis changed`));
  if (!same(x.explanation, y.explanation)) out.push(changed(target, x.id, 'explanation', x.explanation, y.explanation, `${noun.zh}「${title}」的说明模板已修改`, `${noun.en} "${titleEn}": explanation changed`));
  return out;
}

function appliesLine(target: DiffTarget, id: string, zhName: string, enName: string, a: Condition | undefined, b: Condition | undefined, catalogA: FactCatalog, catalog: FactCatalog): DiffEntry {
  const words = (c: Condition | undefined, cat: FactCatalog, lang: Lang) => (c ? conditionText(c, cat, lang) : lang === 'en' ? 'everyone' : '所有人');
  return changed(target, id, 'appliesWhen', a, b, `${zhName}的适用范围：${words(a, catalogA, 'zh')} → ${words(b, catalog, 'zh')}`, `${enName}: applies to ${words(a, catalogA, 'en')} → ${words(b, catalog, 'en')}`);
}

/** Same tree shape: leaf by leaf (thresholds, operators). Different shape: the whole condition before → after. */
function diffConditions(target: DiffTarget, id: string, zhName: string, enName: string, a: Condition, b: Condition, catalogA: FactCatalog, catalog: FactCatalog): DiffEntry[] {
  if (same(a, b)) return [];
  const pairs: Array<[LeafCondition, LeafCondition]> = [];
  if (!pairLeaves(a, b, pairs)) {
    return [changed(target, id, 'conditions', a, b, `${zhName}的条件：${conditionText(a, catalogA, 'zh')} → ${conditionText(b, catalog, 'zh')}`, `${enName}: condition ${conditionText(a, catalogA, 'en')} → ${conditionText(b, catalog, 'en')}`)];
  }
  const out: DiffEntry[] = [];
  for (const [x, y] of pairs) {
    if (same(x, y)) continue;
    const side = (leaf: LeafCondition, cat: FactCatalog, lang: Lang) => `${operatorText(leaf.operator, lang)} ${valueText(leaf.value, cat.get(leaf.fact), cat, lang)}`;
    const field = x.fact !== y.fact ? 'fact' : x.operator !== y.operator ? 'operator' : 'threshold';
    if (field === 'fact') {
      const whole = (leaf: LeafCondition, cat: FactCatalog, lang: Lang) => conditionText(leaf, cat, lang);
      out.push(changed(target, id, field, x, y, `${zhName}：${whole(x, catalogA, 'zh')} → ${whole(y, catalog, 'zh')}`, `${enName}: ${whole(x, catalogA, 'en')} → ${whole(y, catalog, 'en')}`));
      continue;
    }
    const label = factLabel(y.fact, catalog, 'zh');
    const labelEn = factLabel(y.fact, catalog, 'en');
    out.push(changed(target, id, field, x, y, `${zhName}：${label} ${side(x, catalogA, 'zh')} → ${side(y, catalog, 'zh')}`, `${enName}: ${labelEn} ${side(x, catalogA, 'en')} → ${side(y, catalog, 'en')}`));
  }
  return out;
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

// --- scoring

function categoryText(c: Category, lang: Lang): string {
  const en = lang === 'en';
  const parts = [`${en ? 'cap ' : '上限 '}${c.cap === undefined ? capText(undefined, lang) : pointsText(c.cap, lang)}`];
  if (c.bonus) parts.push(en ? 'bonus (outside the total cap)' : '加分项（不计入总分上限）');
  parts.push(en ? `${c.items.length} item(s)` : `${c.items.length} 个计分项`);
  return parts.join(en ? ', ' : '，');
}

function diffCategory(x: Category, y: Category): DiffEntry[] {
  const out: DiffEntry[] = [];
  const t = x.title.zh;
  const te = pickText(x.title, 'en');
  if (!same(x.cap, y.cap)) out.push(changed('category', x.id, 'cap', x.cap, y.cap, `计分类别「${t}」上限：${capChange(x.cap, y.cap, 'zh')}`, `Category "${te}" cap: ${capText(x.cap, 'en')} → ${capText(y.cap, 'en')}`));
  if (!same(x.bonus, y.bonus)) out.push(changed('category', x.id, 'bonus', x.bonus, y.bonus, `计分类别「${t}」${y.bonus ? '改为加分项（不计入总分上限）' : '改为基础分（计入总分上限）'}`, `Category "${te}" ${y.bonus ? 'is now a bonus outside the total cap' : 'now counts towards the total cap'}`));
  if (!same(x.title, y.title)) out.push(changed('category', x.id, 'title', x.title.zh, y.title.zh, `计分类别「${t}」更名为「${y.title.zh}」`, `Category "${te}" renamed to "${pickText(y.title, 'en')}"`));
  if (!same(x.basis, y.basis)) out.push(changed('category', x.id, 'basis', x.basis, y.basis, `计分类别「${t}」的政策依据已修改`, `Category "${te}": basis changed`));
  return out;
}

type PlacedItem = ScoringItem & { categoryId: string; categoryTitle: Text };

function diffItem(x: PlacedItem, y: PlacedItem, catalogA: FactCatalog, catalog: FactCatalog): DiffEntry[] {
  const out: DiffEntry[] = [];
  const t = x.title.zh;
  const te = pickText(x.title, 'en');
  const line = (field: string, before: unknown, after: unknown, zh: string, en: string) => out.push(changed('item', x.id, field, before, after, `计分项「${t}」${zh}`, `Item "${te}" ${en}`));
  if (!same(x.title, y.title)) line('title', x.title.zh, y.title.zh, `更名为「${y.title.zh}」`, `renamed to "${pickText(y.title, 'en')}"`);
  if (x.categoryId !== y.categoryId) line('category', x.categoryId, y.categoryId, `移至类别「${y.categoryTitle.zh}」`, `moved to category "${pickText(y.categoryTitle, 'en')}"`);
  if (x.type !== y.type) {
    line('type', x.type, y.type, `计分方式：${itemRuleText(x, catalogA, 'zh')} → ${itemRuleText(y, catalog, 'zh')}`, `scoring: ${itemRuleText(x, catalogA, 'en')} → ${itemRuleText(y, catalog, 'en')}`);
    return out;
  }
  if (!same(x.cap, y.cap)) line('cap', x.cap, y.cap, `上限：${capChange(x.cap, y.cap, 'zh')}`, `cap: ${capText(x.cap, 'en')} → ${capText(y.cap, 'en')}`);
  if ('fact' in x && 'fact' in y && x.fact !== y.fact) {
    line('fact', x.fact, y.fact, `计分依据：${factLabel(x.fact, catalogA, 'zh')} → ${factLabel(y.fact, catalog, 'zh')}`, `counts: ${factLabel(x.fact, catalogA, 'en')} → ${factLabel(y.fact, catalog, 'en')}`);
  }
  if (x.type === 'condition' && y.type === 'condition') {
    if (x.points !== y.points) line('points', x.points, y.points, `分值：${x.points} → ${y.points} 分`, `points: ${x.points} → ${y.points}`);
    out.push(...diffConditions('item', x.id, `计分项「${t}」`, `Item "${te}"`, x.when, y.when, catalogA, catalog));
  }
  if (x.type === 'perUnit' && y.type === 'perUnit' && x.pointsEach !== y.pointsEach) {
    line('points', x.pointsEach, y.pointsEach, `每项分值：${x.pointsEach} → ${y.pointsEach} 分`, `points each: ${x.pointsEach} → ${y.pointsEach}`);
  }
  if (x.type === 'bracket' && y.type === 'bracket') diffBands(x.brackets, y.brackets, catalogA.get(x.fact), catalog.get(y.fact), line);
  if (x.type === 'lookup' && y.type === 'lookup') {
    const infoA = catalogA.get(x.fact);
    const info = catalog.get(y.fact);
    const rowsB = new Map(y.table.map((r) => [canonicalJson(r.value), r]));
    const valuesA = new Set(x.table.map((r) => canonicalJson(r.value)));
    const name = (value: unknown, inf: typeof info, lang: Lang) => formatValue(value, inf, lang, false);
    for (const r of x.table) {
      const s = rowsB.get(canonicalJson(r.value));
      if (!s) line('table', r, undefined, `对照表删除「${name(r.value, infoA, 'zh')}」（${pointsText(r.points, 'zh')}）`, `lookup row "${name(r.value, infoA, 'en')}" (${pointsText(r.points, 'en')}) removed`);
      else if (s.points !== r.points) line('table', r, s, `对照表「${name(r.value, info, 'zh')}」：${r.points} → ${s.points} 分`, `lookup row "${name(r.value, info, 'en')}": ${r.points} → ${s.points}`);
    }
    for (const s of y.table) {
      if (!valuesA.has(canonicalJson(s.value))) line('table', undefined, s, `对照表新增「${name(s.value, info, 'zh')}」（${pointsText(s.points, 'zh')}）`, `lookup row "${name(s.value, info, 'en')}" (${pointsText(s.points, 'en')}) added`);
    }
    // No default scores 0 (compile-scoring.ts).
    if ((x.default ?? 0) !== (y.default ?? 0)) line('default', x.default, y.default, `对照表其他情况：${capChange(x.default ?? 0, y.default ?? 0, 'zh')}`, `otherwise: ${x.default ?? 0} → ${y.default ?? 0}`);
  }
  if (!same(x.appliesWhen, y.appliesWhen)) out.push(appliesLine('item', x.id, `计分项「${t}」`, `Item "${te}"`, x.appliesWhen, y.appliesWhen, catalogA, catalog));
  if (!same(x.basis, y.basis)) line('basis', x.basis, y.basis, `的政策依据已修改`, `basis changed`);
  if (!same(x.explanation, y.explanation)) line('explanation', x.explanation, y.explanation, `的说明模板已修改`, `explanation changed`);
  return out;
}

/** Bands matched by their lower bound; bands whose bound moved pair up in order. One line per band. */
function diffBands(
  a: Array<{ min: number; points: number }>,
  b: Array<{ min: number; points: number }>,
  infoA: ReturnType<FactCatalog['get']>,
  info: ReturnType<FactCatalog['get']>,
  line: (field: string, before: unknown, after: unknown, zh: string, en: string) => void,
): void {
  const byMinB = new Map(b.map((band) => [band.min, band]));
  const minsA = new Set(a.map((band) => band.min));
  const gone = a.filter((band) => !byMinB.has(band.min));
  const fresh = b.filter((band) => !minsA.has(band.min));
  for (const band of a) {
    const next = byMinB.get(band.min);
    if (next && next.points !== band.points) {
      line('brackets', band, next, `档次「≥ ${formatValue(band.min, info, 'zh')}」：${band.points} → ${next.points} 分`, `band "≥ ${formatValue(band.min, info, 'en')}": ${band.points} → ${next.points}`);
    }
  }
  const paired = gone.length === fresh.length ? gone.length : 0;
  for (let i = 0; i < paired; i++) {
    line('brackets', gone[i], fresh[i], `档次：${bandText(gone[i]!, infoA, 'zh')} → ${bandText(fresh[i]!, info, 'zh')}`, `band: ${bandText(gone[i]!, infoA, 'en')} → ${bandText(fresh[i]!, info, 'en')}`);
  }
  for (const band of gone.slice(paired)) line('brackets', band, undefined, `删除档次「${bandText(band, infoA, 'zh')}」`, `band "${bandText(band, infoA, 'en')}" removed`);
  for (const band of fresh.slice(paired)) line('brackets', undefined, band, `新增档次「${bandText(band, info, 'zh')}」`, `band "${bandText(band, info, 'en')}" added`);
}

// Human-readable values and explanation templates. Templates are data in the rule
// file; placeholders: {{fact}} (value with unit or option label), {{label:fact}},
// {{threshold:fact}} (the threshold a deciding condition compared it with),
// {{points}}, {{title}}.
import { NUMERIC_OPERATORS, OPERATOR_SYMBOLS, parseOperator } from './operators';
import type { ConditionTrace, LeafTrace } from './result';
import type { FactDef, Lang, Text } from './types';

export interface FactInfo {
  id: string;
  label: Text;
  unit?: Text;
  type: FactDef['type'] | 'derived';
  options?: Map<string, Text>;
}

export type FactCatalog = Map<string, FactInfo>;

export function pickText(text: Text | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'en' ? (text.en ?? text.zh) : text.zh;
}

/** A fact the applicant did not provide: absent, null or blank text (never shown as "null" or left empty). */
export const NOT_PROVIDED: Text = { zh: '未填写', en: 'not provided' };
const YES: Text = { zh: '是', en: 'yes' };
const NO: Text = { zh: '否', en: 'no' };

export function formatValue(value: unknown, info: FactInfo | undefined, lang: Lang, withUnit = true): string {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return pickText(NOT_PROVIDED, lang);
  if (typeof value === 'boolean') return pickText(value ? YES : NO, lang);
  if (Array.isArray(value)) {
    if (value.length === 0) return lang === 'en' ? 'none' : '无';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      return value.map((v) => formatValue(v, info, lang, false)).join(lang === 'en' ? ', ' : '、');
    }
    return lang === 'en' ? `${value.length} record(s)` : `${value.length} 条记录`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string' && info?.options) {
    const label = info.options.get(value);
    if (label) return pickText(label, lang);
  }
  const unit = withUnit && info?.unit ? pickText(info.unit, lang) : '';
  if (!unit) return String(value);
  return `${value} ${unit}`;
}

export function operatorText(operator: string, lang: Lang): string {
  const parsed = parseOperator(operator);
  if (!parsed) return operator;
  const base = OPERATOR_SYMBOLS[parsed.base];
  const core = lang === 'en' ? base.en : base.zh;
  const deco = parsed.decorators
    .map((d) => (lang === 'en' ? DECORATOR_TEXT[d].en : DECORATOR_TEXT[d].zh))
    .join(lang === 'en' ? ' ' : '');
  return deco ? `${deco}${lang === 'en' ? ' ' : ''}${core}` : core;
}

const DECORATOR_TEXT = {
  someFact: { zh: '任一项', en: 'some item' },
  everyFact: { zh: '每一项均', en: 'every item' },
  someValue: { zh: '对任一值', en: 'for some value' },
  everyValue: { zh: '对所有值', en: 'for every value' },
  swap: { zh: '（反向）', en: '(swapped)' },
  not: { zh: '非', en: 'not' },
} as const;

/** "任现职年限 4 年（需 不少于 5 年）" for one leaf. */
export function describeLeaf(leaf: LeafTrace, catalog: FactCatalog, lang: Lang): string {
  const info = catalog.get(leaf.fact);
  const label = info ? pickText(info.label, lang) : leaf.fact;
  const value = formatValue(leaf.factValue, info, lang);
  const thresholdInfo = leaf.thresholdFact ? catalog.get(leaf.thresholdFact) : info;
  const threshold = formatValue(leaf.threshold, thresholdInfo, lang);
  const need = `${operatorText(leaf.operator, lang)} ${threshold}`;
  return lang === 'en' ? `${label} ${value} (needs ${need})` : `${label} ${value}（需${need}）`;
}

export function collectLeaves(node: ConditionTrace, out: LeafTrace[] = []): LeafTrace[] {
  if ('all' in node) for (const c of node.all) collectLeaves(c, out);
  else if ('any' in node) for (const c of node.any) collectLeaves(c, out);
  else if ('not' in node) collectLeaves(node.not, out);
  else out.push(node);
  return out;
}

/**
 * Leaves that decided a failure. Of a failed `any`, only the closest alternative is
 * described — "本科，任现职 4 年，需 5 年" reads better than every alternative's shortfall
 * at once. Closest: fewest failures that no numeric progress can mend (a degree, a
 * series), then fewest failures, then the first; the hints pick the same one.
 */
export function decidingFailures(node: ConditionTrace, out: LeafTrace[] = []): LeafTrace[] {
  if (node.result) return out;
  if ('all' in node) for (const c of node.all) decidingFailures(c, out);
  else if ('any' in node) {
    let closest: LeafTrace[] | undefined;
    let best = Infinity;
    for (const c of node.any) {
      const failures = decidingFailures(c);
      const distance = failures.filter((l) => !isNumericShortfall(l)).length * 1000 + failures.length;
      if (distance < best) [closest, best] = [failures, distance];
    }
    out.push(...(closest ?? []));
  } else if ('not' in node) out.push(...collectLeaves(node.not).filter((l) => l.result));
  else out.push(node);
  return out;
}

function isNumericShortfall(leaf: LeafTrace): boolean {
  return NUMERIC_OPERATORS.has(leaf.operator) && typeof leaf.factValue === 'number' && typeof leaf.threshold === 'number';
}

const PLACEHOLDER = /\{\{\s*(?:(label|threshold):)?([A-Za-z_$][A-Za-z0-9_]*)\s*\}\}/g;

export interface TemplateScope {
  values: (factId: string) => unknown;
  trace?: ConditionTrace;
  points?: number;
  title: string;
}

type Segment = string | { kind: string | undefined; name: string; whole: string };

// Templates are parsed once per distinct string; evaluation only walks the segments.
// Bounded, since live editing in the studio produces a new string at every keystroke.
const MAX_TEMPLATES = 5_000;
const parsed = new Map<string, Segment[]>();

function segments(template: string): Segment[] {
  let out = parsed.get(template);
  if (out) return out;
  out = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) out.push(template.slice(last, m.index));
    out.push({ kind: m[1], name: m[2]!, whole: m[0] });
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  if (parsed.size < MAX_TEMPLATES) parsed.set(template, out);
  return out;
}

export function renderTemplate(template: Text, scope: TemplateScope, catalog: FactCatalog, lang: Lang): string {
  let text = '';
  for (const seg of segments(pickText(template, lang))) {
    if (typeof seg === 'string') {
      text += seg;
      continue;
    }
    const { kind, name } = seg;
    if (!kind && name === 'points') text += String(scope.points ?? 0);
    else if (!kind && name === 'title') text += scope.title;
    else if (kind === 'label') {
      const info = catalog.get(name);
      text += info ? pickText(info.label, lang) : name;
    } else if (kind === 'threshold') {
      const leaf = scope.trace ? thresholdLeaf(scope.trace, name) : undefined;
      text += leaf ? formatValue(leaf.threshold, catalog.get(name), lang) : seg.whole;
    } else text += formatValue(scope.values(name), catalog.get(name), lang);
  }
  return text;
}

/** The leaf whose threshold a template means: a deciding failure if any, else the first passing leaf. */
function thresholdLeaf(trace: ConditionTrace, fact: string): LeafTrace | undefined {
  const onFact = (l: LeafTrace) => l.fact === fact;
  return (
    decidingFailures(trace).find(onFact) ??
    collectLeaves(trace).find((l) => onFact(l) && l.result) ??
    collectLeaves(trace).find(onFact)
  );
}

/** Placeholders a template uses, for lint. */
export function templatePlaceholders(template: Text): Array<{ kind: string | undefined; name: string }> {
  const found: Array<{ kind: string | undefined; name: string }> = [];
  for (const t of [template.zh, template.en ?? '']) {
    for (const m of t.matchAll(PLACEHOLDER)) found.push({ kind: m[1], name: m[2]! });
  }
  return found;
}

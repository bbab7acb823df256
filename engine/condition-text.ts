// Rules in words, for people who read rather than evaluate them: a condition tree as
// one line ("学历 等于 博士 且 任现职年限 ≥ 2 年") and a scoring item's rule ("核心期刊
// 论文 每篇 4 分，最高 12 分"), worded with the engine's own operator and value texts so
// that the studio's summary, the approval view and the CLI's diff say what the
// evaluation says.
import { buildCatalog } from './compile';
import { formatValue, operatorText, pickText, type FactCatalog, type FactInfo } from './explain';
import type { Condition, Lang, Ruleset, ScoringItem } from './types';

/** The facts a ruleset's conditions can name: its own and those of the rulesets it extends (nearest first). */
export function catalogOf(ruleset: Pick<Ruleset, 'facts' | 'derived'>, ancestors: Array<Pick<Ruleset, 'facts' | 'derived'>> = []): FactCatalog {
  const chain = [...ancestors].reverse().concat(ruleset);
  return buildCatalog(chain.flatMap((r) => r.facts ?? []), chain.flatMap((r) => r.derived ?? []));
}

const JOIN = { all: { zh: ' 且 ', en: ' and ' }, any: { zh: ' 或 ', en: ' or ' } } as const;
const PARENS = { zh: ['（', '）'], en: ['(', ')'] } as const;

export function conditionText(condition: Condition, catalog: FactCatalog, lang: Lang, depth = 0): string {
  if ('all' in condition || 'any' in condition) {
    const kind = 'all' in condition ? 'all' : 'any';
    const parts = ('all' in condition ? condition.all : condition.any).map((c) => conditionText(c, catalog, lang, depth + 1));
    const joined = parts.join(JOIN[kind][lang]);
    return depth > 0 && parts.length > 1 ? `${PARENS[lang][0]}${joined}${PARENS[lang][1]}` : joined;
  }
  if ('not' in condition) return `${lang === 'en' ? 'not ' : '非'}${conditionText(condition.not, catalog, lang, depth + 1)}`;
  const label = factLabel(condition.fact, catalog, lang);
  return `${label}${condition.path ? `.${condition.path.replace(/^\$\.?/, '')}` : ''} ${operatorText(condition.operator, lang)} ${valueText(condition.value, catalog.get(condition.fact), catalog, lang)}`;
}

/** A leaf's right-hand side: a literal with its unit or option label, or another fact by its label. */
export function valueText(value: unknown, info: FactInfo | undefined, catalog: FactCatalog, lang: Lang): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return `[${factLabel((value as { fact: string }).fact, catalog, lang)}]`;
  return formatValue(value, info, lang);
}

/** A fact by its label in the reader's language; its id only when the catalogue does not know it. */
export function factLabel(id: string, catalog: FactCatalog, lang: Lang): string {
  const info = catalog.get(id);
  return info ? pickText(info.label, lang) : id;
}

/** Points as people write them: `5 分` / `5 points`. */
export function pointsText(points: number, lang: Lang): string {
  return lang === 'en' ? `${points} point${points === 1 ? '' : 's'}` : `${points} 分`;
}

/** What an item awards and on what: by condition, per unit, by bracket or by lookup row. */
export function itemRuleText(item: ScoringItem, catalog: FactCatalog, lang: Lang): string {
  const en = lang === 'en';
  const sep = en ? '; ' : '，';
  const info = 'fact' in item ? catalog.get(item.fact) : undefined;
  const label = 'fact' in item ? factLabel(item.fact, catalog, lang) : '';
  let rule: string;
  switch (item.type) {
    case 'condition':
      rule = en ? `${pointsText(item.points, lang)} when ${conditionText(item.when, catalog, lang)}` : `${conditionText(item.when, catalog, lang)} 时得 ${pointsText(item.points, lang)}`;
      break;
    case 'perUnit': {
      const unit = info?.unit ? pickText(info.unit, lang) : en ? 'unit' : '项';
      rule = en ? `${pointsText(item.pointsEach, lang)} per ${unit} of ${label}` : `${label} 每${unit} ${pointsText(item.pointsEach, lang)}`;
      break;
    }
    case 'bracket':
      rule = `${en ? `by ${label}: ` : `按${label}分档：`}${item.brackets.map((b) => bandText(b, info, lang)).join(sep)}`;
      break;
    case 'lookup': {
      const rows = item.table.map((r) => rowText(r, info, lang));
      if (item.default !== undefined) rows.push(`${en ? 'otherwise' : '其他'} ${pointsText(item.default, lang)}`);
      rule = `${en ? `by ${label}: ` : `按${label}对照：`}${rows.join(sep)}`;
      break;
    }
  }
  const cap = item.cap !== undefined ? `${en ? ', at most ' : '，最高 '}${pointsText(item.cap, lang)}` : '';
  const applies = item.appliesWhen ? (en ? ` (only when ${conditionText(item.appliesWhen, catalog, lang)})` : `（仅当${conditionText(item.appliesWhen, catalog, lang)}）`) : '';
  return `${rule}${cap}${applies}`;
}

/** One band of a bracket scale: `≥ 10 年 4 分`. */
export function bandText(band: { min: number; points: number }, info: FactInfo | undefined, lang: Lang): string {
  return `≥ ${formatValue(band.min, info, lang)} ${pointsText(band.points, lang)}`;
}

/** One row of a lookup table: `博士研究生 15 分`. */
export function rowText(row: { value: unknown; points: number }, info: FactInfo | undefined, lang: Lang): string {
  return `${formatValue(row.value, info, lang, false)} ${pointsText(row.points, lang)}`;
}

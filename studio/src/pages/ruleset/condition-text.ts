// A condition tree as one readable line ("学历 等于 博士 且 任现职年限 ≥ 2 年"), worded
// with the engine's own operator and value texts so the summary says what the
// evaluation says.
import { buildCatalog } from '../../../../engine/compile';
import { formatValue, operatorText, pickText, type FactCatalog } from '../../../../engine/explain';
import type { Condition, Lang, Ruleset } from '../../../../engine/index';

/** The facts a ruleset's conditions can name: its own and those of the rulesets it extends. */
export function catalogOf(ruleset: Ruleset, ancestors: Ruleset[] = []): FactCatalog {
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
  const info = catalog.get(condition.fact);
  const label = info ? pickText(info.label, lang) : condition.fact;
  const value = condition.value;
  const shown =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? `[${catalog.get(value.fact) ? pickText(catalog.get(value.fact)!.label, lang) : value.fact}]`
      : formatValue(value, info, lang);
  return `${label}${condition.path ? `.${condition.path.replace(/^\$\.?/, '')}` : ''} ${operatorText(condition.operator, lang)} ${shown}`;
}

// Hints for an applicant who is not eligible: for each failed criterion, the
// numeric thresholds that, if met, would make it pass — "任现职年限 4 年，需 ≥ 5 年，还差 1 年".
// Among alternatives (any), the one needing the fewest and smallest changes is shown.
import { formatValue, pickText, type FactCatalog } from './explain';
import { NUMERIC_OPERATORS, OPERATOR_SYMBOLS, type BaseOperator } from './operators';
import { roundPoints } from './compile-derived';
import type { ConditionTrace, Hint, LeafTrace } from './result';
import type { Lang } from './types';

type Fix = Omit<Hint, 'criterionId' | 'message'>;

/** The fixes that make `node` pass, or null when a non-numeric condition is in the way. */
function fixes(node: ConditionTrace, catalog: FactCatalog, lang: Lang): Fix[] | null {
  if (node.result) return [];
  if ('all' in node) {
    const all: Fix[] = [];
    for (const child of node.all) {
      const f = fixes(child, catalog, lang);
      if (f === null) return null;
      all.push(...f);
    }
    return all;
  }
  if ('any' in node) {
    let best: Fix[] | null = null;
    for (const child of node.any) {
      const f = fixes(child, catalog, lang);
      if (f !== null && (best === null || cost(f) < cost(best))) best = f;
    }
    return best;
  }
  if ('not' in node) return null;
  const fix = numericFix(node, catalog, lang);
  return fix ? [fix] : null;
}

function cost(f: Fix[]): number {
  return f.length * 1e6 + f.reduce((s, x) => s + x.gap, 0);
}

function numericFix(leaf: LeafTrace, catalog: FactCatalog, lang: Lang): Fix | null {
  if (!NUMERIC_OPERATORS.has(leaf.operator)) return null;
  const value = leaf.factValue;
  const threshold = leaf.threshold;
  if (typeof value !== 'number' || typeof threshold !== 'number') return null;
  const info = catalog.get(leaf.fact);
  const integer = info?.type === 'integer' || info?.type === 'derived';
  let required: number;
  switch (leaf.operator as BaseOperator) {
    case 'greaterThanInclusive':
    case 'lessThanInclusive':
      required = threshold;
      break;
    case 'greaterThan':
      required = integer ? Math.floor(threshold) + 1 : threshold;
      break;
    case 'lessThan':
      required = integer ? Math.ceil(threshold) - 1 : threshold;
      break;
    default:
      return null;
  }
  return {
    fact: leaf.fact,
    label: info ? pickText(info.label, lang) : leaf.fact,
    value,
    operator: leaf.operator,
    threshold,
    required,
    gap: roundPoints(Math.abs(required - value)),
  };
}

function message(fix: Fix, catalog: FactCatalog, lang: Lang): string {
  const info = catalog.get(fix.fact);
  const symbol = OPERATOR_SYMBOLS[fix.operator as BaseOperator].symbol;
  const value = formatValue(fix.value, info, lang);
  const threshold = formatValue(fix.threshold, info, lang);
  const gap = formatValue(fix.gap, info, lang);
  const below = fix.operator.startsWith('greater');
  if (lang === 'en') return `${fix.label} is ${value}; needs ${symbol} ${threshold}; ${below ? 'short by' : 'over by'} ${gap}`;
  return `${fix.label} ${value}，需 ${symbol} ${threshold}，${below ? '还差' : '超出'} ${gap}`;
}

export function criterionHints(
  criterionId: string,
  trace: ConditionTrace,
  catalog: FactCatalog,
  lang: Lang,
): Hint[] {
  const found = fixes(trace, catalog, lang) ?? [];
  return found.map((f) => ({ criterionId, ...f, message: message(f, catalog, lang) }));
}

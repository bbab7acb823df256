// Reading an evaluation result for people: a condition leaf as label, value, operator
// and threshold, worded by the engine's own explain helpers so the studio says exactly
// what the engine's explanations and the exported files say.
import { formatValue, operatorText, pickText, type FactCatalog } from '../../../../engine/explain';
import type { CategoryResult, ConditionTrace, EvaluationResult, ItemResult, Lang, LeafTrace } from '../../../../engine/index';

export interface LeafCells {
  label: string;
  /** The fact id, shown beside the label for auditors (and alone when no catalog is known). */
  fact: string;
  value: string;
  operator: string;
  threshold: string;
}

export function leafCells(leaf: LeafTrace, catalog: FactCatalog | undefined, lang: Lang): LeafCells {
  const info = catalog?.get(leaf.fact);
  const thresholdInfo = leaf.thresholdFact ? catalog?.get(leaf.thresholdFact) : info;
  const path = leaf.path ? `.${leaf.path.replace(/^\$\.?/, '')}` : '';
  let threshold = formatValue(leaf.threshold, thresholdInfo, lang);
  if (leaf.thresholdFact) threshold = `${threshold}（${thresholdInfo ? pickText(thresholdInfo.label, lang) : leaf.thresholdFact}）`;
  return {
    label: (info ? pickText(info.label, lang) : leaf.fact) + path,
    fact: leaf.fact + path,
    value: formatValue(leaf.factValue, info, lang),
    operator: operatorText(leaf.operator, lang),
    threshold,
  };
}

/**
 * A scoring item's value (the result names the value, not its fact): worded as the engine
 * words values — 未填写 / not provided when missing — and an option by its label wherever
 * the catalogue gives that option value one label, so no code such as "bachelor" shows.
 */
export function itemValueText(value: unknown, catalog: FactCatalog | undefined, lang: Lang): string {
  if (typeof value === 'string' && catalog) {
    const labels = new Set<string>();
    for (const info of catalog.values()) {
      const label = info.options?.get(value);
      if (label) labels.add(pickText(label, lang));
    }
    if (labels.size === 1) return [...labels][0]!;
  }
  return formatValue(value, undefined, lang);
}

export function isLeaf(node: ConditionTrace): node is LeafTrace {
  return !('all' in node) && !('any' in node) && !('not' in node);
}

/** Children of a group node, or [] for a leaf. */
export function childrenOf(node: ConditionTrace): ConditionTrace[] {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  if ('not' in node) return [node.not];
  return [];
}

export function groupKind(node: ConditionTrace): 'all' | 'any' | 'not' | undefined {
  return 'all' in node ? 'all' : 'any' in node ? 'any' : 'not' in node ? 'not' : undefined;
}

export interface CategoryBlock {
  category: CategoryResult;
  items: ItemResult[];
}

/** Items grouped under their category, in the result's order (the ruleset's). */
export function scoringBlocks(result: Pick<EvaluationResult, 'categories' | 'items'>): CategoryBlock[] {
  return result.categories.map((category) => ({ category, items: result.items.filter((i) => i.categoryId === category.id) }));
}

/** Sums as people add them: to one decimal place of noise-free arithmetic (0.1 + 0.2 = 0.3). */
export function roundPoints(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function shortHash(hash: string): string {
  const hex = hash.replace(/^sha256:/, '');
  return `${hex.slice(0, 12)}…`;
}

// The most an item, a category and the whole table can award, shown beside the
// caps while an official edits the grid. An item's max above its category's cap is
// allowed (the category cap cuts it) but worth seeing.
import type { Category, Scoring, ScoringItem } from '../../../../engine/index';

/** Highest points an item awards before its category's cap; null when unbounded (per unit without a cap). */
export function itemMax(item: ScoringItem): number | null {
  let raw: number | null;
  switch (item.type) {
    case 'condition':
      raw = item.points;
      break;
    case 'bracket':
      raw = item.brackets.length ? Math.max(...item.brackets.map((b) => b.points)) : 0;
      break;
    case 'lookup':
      raw = Math.max(item.default ?? 0, ...item.table.map((r) => r.points));
      break;
    case 'perUnit':
      raw = null;
      break;
  }
  if (item.cap !== undefined) return raw === null ? item.cap : Math.min(raw, item.cap);
  return raw;
}

export interface CategoryMax {
  /** Sum of the items' maxima; null when an item is unbounded. */
  itemsMax: number | null;
  /** What the category can add to the score after its cap. */
  effective: number | null;
  overCap: boolean;
}

export function categoryMax(category: Category): CategoryMax {
  let sum: number | null = 0;
  for (const item of category.items) {
    const max = itemMax(item);
    sum = sum === null || max === null ? null : sum + max;
  }
  const cap = category.cap;
  const effective = cap === undefined ? sum : sum === null ? cap : Math.min(sum, cap);
  return { itemsMax: sum === null ? null : round(sum), effective: effective === null ? null : round(effective), overCap: cap !== undefined && (sum === null || sum > cap) };
}

export function totalMax(scoring: Scoring | undefined): { base: number | null; bonus: number | null } {
  let base: number | null = 0;
  let bonus: number | null = 0;
  for (const category of scoring?.categories ?? []) {
    const { effective } = categoryMax(category);
    if (category.bonus) bonus = bonus === null || effective === null ? null : bonus + effective;
    else base = base === null || effective === null ? null : base + effective;
  }
  return { base: base === null ? null : round(base), bonus: bonus === null ? null : round(bonus) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

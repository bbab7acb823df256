// How much a ruleset asks of an evaluator: the benchmark runs on the largest one.
import type { Condition, ResolvedRuleset } from '../engine/types';

function nodes(c: Condition | undefined): number {
  if (!c) return 0;
  if ('all' in c) return 1 + c.all.reduce((s, x) => s + nodes(x), 0);
  if ('any' in c) return 1 + c.any.reduce((s, x) => s + nodes(x), 0);
  if ('not' in c) return 1 + nodes(c.not);
  return 1;
}

export function complexity(r: ResolvedRuleset) {
  const items = (r.scoring?.categories ?? []).flatMap((c) => c.items);
  const conditionNodes =
    (r.criteria ?? []).reduce((s, c) => s + nodes(c.conditions) + nodes(c.appliesWhen), 0) +
    (r.vetoes ?? []).reduce((s, v) => s + nodes(v.conditions), 0) +
    items.reduce((s, i) => s + nodes(i.appliesWhen) + (i.type === 'condition' ? nodes(i.when) : 0), 0);
  const derived = (r.derived ?? []).length;
  return {
    conditionNodes,
    criteria: (r.criteria ?? []).length,
    vetoes: (r.vetoes ?? []).length,
    items: items.length,
    derived,
    total: conditionNodes + items.length + derived,
  };
}

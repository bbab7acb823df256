// Safe defaults for what the builder and the grid add. A new criterion, veto or
// scoring item starts inert — its condition names no fact and holds no value, an
// item awards 0 points — and stays "未完成" until its fact and values are set. An
// unfinished entry is left out of the try-it evaluation and the embedded tests, so
// adding one never changes a score or an outcome by itself; it cannot be saved
// either (a condition without a fact fails the schema, a missing value lint).
import type { Condition, Criterion, LeafCondition, Ruleset, ScoringItem, Veto } from '../../../../engine/index';
import { childrenOf, isFactReference } from './condition-ops';
import { segments } from './issue-location';

/** The first leaf of a new criterion, veto or condition item: no fact, no value (the builder asks for both). */
export function blankLeaf(): LeafCondition {
  return { fact: '', operator: 'equal', value: null };
}

/** A new scoring item: per unit of a fact not chosen yet, 0 points each. */
export function blankItem(id: string, title: string): ScoringItem {
  return { id, title: { zh: title }, basis: [], type: 'perUnit', fact: '', pointsEach: 0 };
}

function leafUnfinished(leaf: LeafCondition): boolean {
  if (!leaf.fact) return true;
  if (isFactReference(leaf.value)) return !leaf.value.fact;
  return leaf.value === null || leaf.value === '' || (Array.isArray(leaf.value) && leaf.value.length === 0);
}

/** A condition with a leaf whose fact or value is not set (an empty group is the schema's to report). */
export function conditionUnfinished(node: Condition | undefined): boolean {
  if (!node) return false;
  if ('fact' in node && typeof node.fact === 'string') return leafUnfinished(node as LeafCondition);
  return childrenOf(node).some(conditionUnfinished);
}

export function ruleUnfinished(entry: Criterion | Veto): boolean {
  return conditionUnfinished(entry.conditions) || conditionUnfinished((entry as Criterion).appliesWhen);
}

/** An item without its fact (or a condition's fact and value), or one that awards nothing at any value. */
export function itemUnfinished(item: ScoringItem): boolean {
  if (conditionUnfinished(item.appliesWhen)) return true;
  switch (item.type) {
    case 'condition':
      return conditionUnfinished(item.when) || item.points === 0;
    case 'perUnit':
      return !item.fact || item.pointsEach === 0;
    case 'bracket':
      return !item.fact || item.brackets.every((b) => b.points === 0);
    case 'lookup':
      return !item.fact || (item.table.every((row) => row.points === 0) && !item.default);
    default:
      return false;
  }
}

/** The draft as try-it and the tests evaluate it: unfinished criteria, vetoes and items left out (not applied, 0 points). */
export function withoutUnfinished(doc: Ruleset): Ruleset {
  const anyUnfinished =
    (doc.criteria ?? []).some(ruleUnfinished) || (doc.vetoes ?? []).some(ruleUnfinished) || (doc.scoring?.categories ?? []).some((c) => c.items.some(itemUnfinished));
  if (!anyUnfinished) return doc;
  return {
    ...doc,
    ...(doc.criteria ? { criteria: doc.criteria.filter((c) => !ruleUnfinished(c)) } : {}),
    ...(doc.vetoes ? { vetoes: doc.vetoes.filter((v) => !ruleUnfinished(v)) } : {}),
    ...(doc.scoring ? { scoring: { ...doc.scoring, categories: doc.scoring.categories.map((c) => ({ ...c, items: c.items.filter((i) => !itemUnfinished(i)) })) } } : {}),
  };
}

type Said = { code: string; pointer: string; message: { zh: string; en?: string } };

/**
 * An issue about a fact not chosen yet (`""` at a …/fact pointer) said plainly: the schema's
 * identifier pattern and lint's undeclared "" become one "choose a fact" (same code and
 * text, so the issue list shows it once).
 */
export function plainBlankFact<T extends Said>(issue: T, doc: Ruleset | null): T {
  if (!doc || !issue.pointer.endsWith('/fact')) return issue;
  let at: unknown = doc;
  for (const step of segments(issue.pointer)) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[step] : undefined;
  if (at !== '') return issue;
  return { ...issue, code: 'UNDECLARED_FACT', message: { zh: '请选择事实', en: 'Choose a fact' } };
}

// Which facts the committee enters at the meeting: found in the ruleset, never a
// list in code. They are the facts read by the items of the scoring category whose
// id is `committeeReview` (the shipped rulesets inherit it from bz-common: personal
// report, performance defence, achievement display → reviewReport, reviewDefence,
// reviewDisplay). A ruleset without that category has no committee items; its
// meeting only votes.
//
// A value's allowed range is the fact's own (min/max, integer or not); for a
// perUnit item whose fact has no max, the item's cap ÷ points each bounds it
// (more would only be capped away, so it is a typing error). The committee's values
// replace the record's in a copy; everything else the applicant filed stays.
import type { Applicant, CompiledRuleset, Condition, ScoringItem, Text } from '../../engine/index';
import { text } from '../io/text';

export const COMMITTEE_CATEGORY = 'committeeReview';

export interface CommitteeItem {
  /** The fact the committee enters. */
  factId: string;
  label: Text;
  unit?: Text;
  min: number;
  max: number | null;
  integer: boolean;
  /** The scoring item that reads it, its title and cap. */
  itemId: string;
  itemTitle: Text;
  cap: number | null;
}

export interface ScoreIssue {
  pointer: string;
  factId: string;
  text: Text;
}

function leafFacts(condition: Condition | undefined, into: string[]): void {
  if (!condition) return;
  if ('all' in condition) condition.all.forEach((c) => leafFacts(c, into));
  else if ('any' in condition) condition.any.forEach((c) => leafFacts(c, into));
  else if ('not' in condition) leafFacts(condition.not, into);
  else into.push(condition.fact);
}

/** The facts an item's points depend on (appliesWhen aside: that says whether it counts, not how much). */
function itemFacts(item: ScoringItem): string[] {
  if (item.type === 'condition') {
    const facts: string[] = [];
    leafFacts(item.when, facts);
    return facts;
  }
  return [item.fact];
}

/** The committee's items of a compiled ruleset (extends resolved), in the category's order, each fact once. */
export function committeeItems(compiled: CompiledRuleset, categoryId: string = COMMITTEE_CATEGORY): CommitteeItem[] {
  const category = compiled.ruleset.scoring?.categories.find((c) => c.id === categoryId);
  if (!category) return [];
  const facts = new Map(compiled.ruleset.facts.map((f) => [f.id, f]));
  const found: CommitteeItem[] = [];
  for (const item of category.items) {
    for (const factId of itemFacts(item)) {
      const fact = facts.get(factId);
      // Only numbers are scores; a derived value or a non-numeric fact is not typed in by the committee.
      if (!fact || (fact.type !== 'number' && fact.type !== 'integer') || found.some((f) => f.factId === factId)) continue;
      const fromCap = item.type === 'perUnit' && item.cap !== undefined && item.pointsEach > 0 ? item.cap / item.pointsEach : null;
      const entry: CommitteeItem = {
        factId,
        label: fact.label,
        min: fact.min ?? 0,
        max: fact.max ?? fromCap,
        integer: fact.type === 'integer',
        itemId: item.id,
        itemTitle: item.title,
        cap: item.cap ?? null,
      };
      if (fact.unit) entry.unit = fact.unit;
      found.push(entry);
    }
  }
  return found;
}

/** Every problem of the scores entered, by JSON pointer: a committee fact missing, an unknown one, out of range. */
export function scoreIssues(items: readonly CommitteeItem[], scores: Readonly<Record<string, unknown>>): ScoreIssue[] {
  const issues: ScoreIssue[] = [];
  const known = new Set(items.map((i) => i.factId));
  for (const factId of Object.keys(scores)) {
    if (!known.has(factId)) {
      const list = items.map((i) => i.factId).join(', ') || '（无）';
      issues.push({ pointer: `/scores/${factId}`, factId, text: text(`${factId} 不是评委会录入项（可录入：${list}）`, `${factId} is not a committee item (allowed: ${list})`) });
    }
  }
  for (const item of items) {
    const pointer = `/scores/${item.factId}`;
    const value = scores[item.factId];
    const name = item.label.zh;
    if (value === undefined) {
      issues.push({ pointer, factId: item.factId, text: text(`缺少${name}（${item.factId}）`, `${item.label.en ?? item.factId} (${item.factId}) is missing`) });
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push({ pointer, factId: item.factId, text: text(`${name}应为数字`, `${item.factId} must be a number`) });
    } else if (item.integer && !Number.isInteger(value)) {
      issues.push({ pointer, factId: item.factId, text: text(`${name}应为整数，实际为 ${value}`, `${item.factId} must be a whole number, got ${value}`) });
    } else if (value < item.min || (item.max !== null && value > item.max)) {
      const range = `${item.min}–${item.max ?? '∞'}`;
      issues.push({ pointer, factId: item.factId, text: text(`${name} ${value} 超出范围 ${range}`, `${item.factId} ${value} is outside ${range}`) });
    }
  }
  return issues;
}

/** The applicant's record with the committee's values in place of the filed ones. */
export function withCommitteeScores(record: Applicant, scores: Readonly<Record<string, number>>): Applicant {
  return { ...record, ...scores };
}

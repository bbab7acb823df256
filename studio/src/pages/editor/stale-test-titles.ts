// Embedded test cases are named by what they test ("班主任年限 4 年，不足 5 年"). When a
// threshold changes, a name that quotes the old value no longer says what the case
// tests: such cases are flagged. A threshold is a number a condition compares with
// (criteria, vetoes, item conditions, applicability), a bracket's lower bound or the
// pass mark; the same entry (by id) and place are compared before and after. A name
// quotes it when it holds the old number on its own — followed by the fact's unit
// when the fact has one ("5 年", "5年"), so "2015 年" or "第 5 项" are not taken for it.
import type { FactCatalog } from '../../../../engine/explain';
import type { Condition, Ruleset, Text } from '../../../../engine/index';
import { childrenOf, groupKind } from './condition-ops';

export interface ThresholdChange {
  /** The fact compared (its label), or null for the pass mark. */
  label: Text | null;
  unit: Text | null;
  before: number;
  after: number;
}

export interface StaleQuote {
  change: ThresholdChange;
  /** The words of the name that quote the old value, e.g. "5 年". */
  quoted: string;
}

const PASS_UNIT: Text = { zh: '分', en: 'points' };

/** Numeric thresholds by a key stable under reordering: entry id and the place inside it. */
function thresholds(doc: Ruleset): Map<string, { fact: string | null; value: number }> {
  const found = new Map<string, { fact: string | null; value: number }>();
  const walk = (node: Condition | undefined, key: string): void => {
    if (!node || typeof node !== 'object') return;
    if ('fact' in node && typeof node.fact === 'string') {
      if (typeof node.value === 'number') found.set(key, { fact: node.fact, value: node.value });
      return;
    }
    const group = groupKind(node);
    if (group === 'not') walk(childrenOf(node)[0], `${key}/not`);
    else if (group) childrenOf(node).forEach((child, i) => walk(child, `${key}/${group}/${i}`));
  };
  for (const c of doc.criteria ?? []) {
    walk(c.conditions, `criterion:${c.id}/conditions`);
    walk(c.appliesWhen, `criterion:${c.id}/appliesWhen`);
  }
  for (const v of doc.vetoes ?? []) walk(v.conditions, `veto:${v.id}/conditions`);
  for (const category of doc.scoring?.categories ?? []) {
    for (const item of category.items) {
      const key = `item:${category.id}/${item.id}`;
      walk(item.appliesWhen, `${key}/appliesWhen`);
      if (item.type === 'condition') walk(item.when, `${key}/when`);
      if (item.type === 'bracket') item.brackets.forEach((b, i) => typeof b.min === 'number' && found.set(`${key}/brackets/${i}`, { fact: item.fact, value: b.min }));
    }
  }
  if (typeof doc.pass?.minScore === 'number') found.set('pass', { fact: null, value: doc.pass.minScore });
  return found;
}

/** Thresholds whose number changed between two versions of a document (same entry, same place, same fact). */
export function thresholdChanges(before: Ruleset, after: Ruleset, catalog: FactCatalog): ThresholdChange[] {
  const old = thresholds(before);
  const changes: ThresholdChange[] = [];
  for (const [key, now] of thresholds(after)) {
    const was = old.get(key);
    if (!was || was.fact !== now.fact || was.value === now.value) continue;
    const info = now.fact === null ? undefined : catalog.get(now.fact);
    changes.push({ label: now.fact === null ? null : (info?.label ?? { zh: now.fact }), unit: now.fact === null ? PASS_UNIT : (info?.unit ?? null), before: was.value, after: now.value });
  }
  return changes;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a name quotes the old value of a change (null when it does not). */
export function quotedIn(name: string, change: ThresholdChange): string | null {
  const number = `(?<![\\d.])${escape(String(change.before))}(?![\\d.])`;
  const units = [change.unit?.zh, change.unit?.en].filter((u): u is string => Boolean(u));
  const pattern = units.length ? new RegExp(`${number}\\s*(?:${units.map(escape).join('|')})`) : new RegExp(number);
  return pattern.exec(name)?.[0] ?? null;
}

/** The cases (by index) whose names quote a threshold that changed, each with what they quote. */
export function staleTestTitles(before: Ruleset | null, after: Ruleset | null, catalog: FactCatalog): Map<number, StaleQuote[]> {
  const stale = new Map<number, StaleQuote[]>();
  if (!before || !after) return stale;
  const changes = thresholdChanges(before, after, catalog);
  if (changes.length === 0) return stale;
  (after.tests ?? []).forEach((test, i) => {
    const found: StaleQuote[] = [];
    for (const change of changes) {
      const quoted = quotedIn(test.title.zh, change) ?? (test.title.en ? quotedIn(test.title.en, change) : null);
      if (quoted) found.push({ change, quoted });
    }
    if (found.length) stale.set(i, found);
  });
  return stale;
}

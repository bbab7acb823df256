// `extends: "<id>@<version>"`: a series ruleset inherits the prefecture's common
// policy. Entries are merged by id — the child's entry replaces the parent's in
// place, new entries follow — so a child can tighten a shared criterion without
// copying the rest. Tests are not inherited: each version tests itself.
import { PingshenError, issue, pointerOf } from './errors';
import { rulesetHash } from './hash';
import type { ResolvedRuleset, Ruleset, RulesetRef } from './types';

/** Finds a version by id and number; it may answer with the version already resolved (a ResolvedRuleset). */
export type RulesetLookup = (id: string, version: number) => Ruleset | ResolvedRuleset | undefined;

export function parseExtends(ref: string): { id: string; version: number } {
  const at = ref.lastIndexOf('@');
  return { id: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
}

function mergeById<T extends { id: string }>(parent: T[] | undefined, child: T[] | undefined): T[] | undefined {
  if (!parent) return child;
  if (!child) return parent;
  const replaced = new Map(child.map((c) => [c.id, c]));
  const merged = parent.map((p) => replaced.get(p.id) ?? p);
  const parentIds = new Set(parent.map((p) => p.id));
  return [...merged, ...child.filter((c) => !parentIds.has(c.id))];
}

function merge(parent: ResolvedRuleset, child: Ruleset): Omit<ResolvedRuleset, 'lineage'> {
  const merged: Omit<ResolvedRuleset, 'lineage'> = {
    ...child,
    basis: mergeById(parent.basis, child.basis) ?? [],
    facts: mergeById(parent.facts, child.facts) ?? [],
  };
  const derived = mergeById(parent.derived, child.derived);
  const criteria = mergeById(parent.criteria, child.criteria);
  const vetoes = mergeById(parent.vetoes, child.vetoes);
  if (derived) merged.derived = derived;
  if (criteria) merged.criteria = criteria;
  if (vetoes) merged.vetoes = vetoes;
  if (parent.scoring || child.scoring) {
    const cap = child.scoring?.cap ?? parent.scoring?.cap;
    merged.scoring = {
      ...(cap !== undefined ? { cap } : {}),
      categories: mergeById(parent.scoring?.categories, child.scoring?.categories) ?? [],
    };
  }
  const pass = child.pass ?? parent.pass;
  if (pass) merged.pass = pass;
  return merged;
}

function ref(r: Ruleset): RulesetRef {
  return { id: r.id, version: r.version, hash: rulesetHash(r) };
}

/** Merges the whole `extends` chain. Throws EXTENDS_MISSING / EXTENDS_CYCLE. */
export function resolveExtends(ruleset: Ruleset, lookup: RulesetLookup, seen: string[] = []): ResolvedRuleset {
  const key = `${ruleset.id}@${ruleset.version}`;
  if (seen.includes(key)) {
    const chain = [...seen, key].join(' → ');
    throw new PingshenError('EXTENDS_CYCLE', `extends cycle: ${chain}`, [
      issue('EXTENDS_CYCLE', pointerOf('extends'), `继承关系成环：${chain}`, `extends cycle: ${chain}`),
    ]);
  }
  if (!ruleset.extends) return { ...ruleset, lineage: [ref(ruleset)] };
  const target = parseExtends(ruleset.extends);
  const parent = lookup(target.id, target.version);
  if (!parent) {
    throw new PingshenError('EXTENDS_MISSING', `extends target not found: ${ruleset.extends}`, [
      issue(
        'EXTENDS_MISSING',
        pointerOf('extends'),
        `找不到被继承的规则集 ${ruleset.extends}`,
        `The ruleset to extend, ${ruleset.extends}, was not found`,
      ),
    ]);
  }
  // A lookup may hand back a parent it has already resolved (an editor re-resolving a draft on
  // every edit): its lineage and hashes are used as they are, not computed again.
  const resolvedParent = 'lineage' in parent && Array.isArray((parent as ResolvedRuleset).lineage) ? (parent as ResolvedRuleset) : resolveExtends(parent, lookup, [...seen, key]);
  return { ...merge(resolvedParent, ruleset), lineage: [ref(ruleset), ...resolvedParent.lineage] };
}

/** A lookup over an in-memory list of versions. */
export function lookupIn(rulesets: Ruleset[]): RulesetLookup {
  const byKey = new Map(rulesets.map((r) => [`${r.id}@${r.version}`, r]));
  return (id, version) => byKey.get(`${id}@${version}`);
}

// Entries a draft inherits through `extends` (facts, policy documents), each with the
// ruleset it comes from: the nearest ancestor declaring an id wins, and an id the
// draft declares itself overrides them all, as resolveExtends merges them.
import type { Ruleset } from '../../../../engine/index';

export interface Inherited<T> {
  entry: T;
  /** The ancestor that declares it (parents are nearest first). */
  from: Ruleset;
}

export function inheritedEntries<T extends { id: string }>(parents: readonly Ruleset[], own: readonly T[], pick: (ruleset: Ruleset) => readonly T[] | undefined): Inherited<T>[] {
  const seen = new Set(own.map((e) => e.id));
  const out: Inherited<T>[] = [];
  for (const parent of parents) {
    for (const entry of pick(parent) ?? []) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      out.push({ entry, from: parent });
    }
  }
  return out;
}

/** The same entries grouped by the ruleset they come from, nearest ancestor first. */
export function byOrigin<T>(entries: readonly Inherited<T>[]): Array<{ from: Ruleset; entries: T[] }> {
  const groups = new Map<Ruleset, T[]>();
  for (const { entry, from } of entries) (groups.get(from) ?? groups.set(from, []).get(from)!).push(entry);
  return [...groups].map(([from, list]) => ({ from, entries: list }));
}

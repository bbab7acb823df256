// Which of the engine's diff entries a reader should see.
import type { DiffEntry } from '../../../../engine/index';

// Effective dates are lifecycle, set when a version is published and left out of its
// content hash; a draft "losing" the date of the version it was copied from is no change to read.
const LIFECYCLE = new Set(['effectiveFrom', 'effectiveTo']);

export function contentChanges(entries: DiffEntry[]): DiffEntry[] {
  return entries.filter((e) => !(e.target === 'ruleset' && e.field !== undefined && LIFECYCLE.has(e.field)));
}

// resolve(versions, id, asOf): the published version in force on a date. When two
// published versions overlap, the later effectiveFrom wins (then the higher version),
// so publishing a new version supersedes the old one from its effective date.
import type { Ruleset } from './types';

/** What resolution reads of a version: index records and summaries qualify as well as whole rulesets. */
export type VersionDates = Pick<Ruleset, 'id' | 'version' | 'status' | 'effectiveFrom' | 'effectiveTo'>;

export function resolveVersion<T extends VersionDates>(versions: T[], id: string, asOf: string): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.id !== id || v.status !== 'published' || !v.effectiveFrom) continue;
    if (v.effectiveFrom > asOf) continue;
    if (v.effectiveTo !== undefined && v.effectiveTo < asOf) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom! ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    ) {
      best = v;
    }
  }
  return best;
}

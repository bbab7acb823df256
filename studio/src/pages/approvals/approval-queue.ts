// What waits for an administrator: versions submitted (to approve or send back),
// versions approved (to publish) and versions published (to retire), each with the
// version it should be read against — the one in force today, else the one it was
// edited from.
import { resolveVersion } from '../../../../engine/resolve';
import type { RulesetSummary, VersionRecord } from '../../api/rulesets.api';

export interface QueueItem {
  key: string;
  record: VersionRecord;
  department: string;
  series: string | null;
  /** The version to diff against, and why it was chosen. */
  base: { version: number; reason: 'inForce' | 'basedOn' } | null;
  inForce: number | undefined;
  /** The version this one was saved from, if it had been sent back: what the resubmission answers. */
  previousReturn?: { version: number; by: string; at: string; comment: string };
}

export interface Queue {
  submitted: QueueItem[];
  approved: QueueItem[];
  published: QueueItem[];
}

export const QUEUE_STATUSES = ['submitted', 'approved', 'published'] as const;

export function buildQueue(rulesets: Array<{ summary: RulesetSummary; versions: VersionRecord[] }>, asOf: string): Queue {
  const queue: Queue = { submitted: [], approved: [], published: [] };
  for (const { summary, versions } of rulesets) {
    const dated = versions.map((v) => ({ id: v.id, version: v.version, status: v.status, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo }));
    const inForce = resolveVersion(dated, summary.id, asOf)?.version;
    const byVersion = new Map(versions.map((v) => [v.version, v]));
    for (const record of versions) {
      if (!(QUEUE_STATUSES as readonly string[]).includes(record.status)) continue;
      const base =
        inForce !== undefined && inForce !== record.version
          ? { version: inForce, reason: 'inForce' as const }
          : record.basedOn !== null && record.basedOn !== record.version
            ? { version: record.basedOn, reason: 'basedOn' as const }
            : null;
      const previous = record.basedOn !== null ? byVersion.get(record.basedOn) : undefined;
      const sentBack = previous?.status === 'draft' ? previous.history.at(-1) : undefined;
      const previousReturn = previous && sentBack?.action === 'reject' ? { version: previous.version, by: sentBack.by, at: sentBack.at, comment: sentBack.comment ?? '' } : undefined;
      queue[record.status as (typeof QUEUE_STATUSES)[number]].push({ key: `${record.id}@${record.version}`, record, department: summary.department, series: summary.series, base, inForce, ...(previousReturn ? { previousReturn } : {}) });
    }
  }
  // Oldest submission first: whoever waited longest is served first.
  for (const list of [queue.submitted, queue.approved, queue.published]) list.sort((a: QueueItem, b: QueueItem) => a.record.savedAt.localeCompare(b.record.savedAt) || a.key.localeCompare(b.key));
  return queue;
}

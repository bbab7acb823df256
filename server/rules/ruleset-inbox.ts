// What waits for whom (待我处理): for administrators, the versions submitted for
// approval and those approved but not yet published; for department officials, the
// drafts of their department an administrator sent back, with the reason. A draft
// saved from a returned one (the official fixing it) is still returned work until it
// is submitted, and carries the reason it answers.
import type { LifecycleEvent, RulesetVersionRecord } from '../storage/types';

export type InboxKind = 'submitted' | 'approved' | 'returned';

export interface InboxItem {
  kind: InboxKind;
  id: string;
  version: number;
  department: string;
  title: RulesetVersionRecord['title'];
  status: RulesetVersionRecord['status'];
  author: string;
  savedAt: string;
  note: string;
  /** When the version reached the state that put it here (submitted, approved, sent back). */
  since: string;
  /** For `returned`: the version sent back, who sent it back, when and why. */
  returned?: { version: number; by: string; at: string; comment: string };
}

export interface InboxReader {
  role: string;
  department?: string;
}

const lastOf = (record: RulesetVersionRecord, action: LifecycleEvent['action']) => [...record.history].reverse().find((e) => e.action === action);

/** `versionsOf(id)` lists one ruleset's versions; `latest` holds each ruleset's latest version. */
export function inboxFor(reader: InboxReader, latest: RulesetVersionRecord[], versionsOf: (id: string) => RulesetVersionRecord[]): InboxItem[] {
  const items: InboxItem[] = [];
  for (const head of latest) {
    if (reader.role === 'admin') {
      for (const record of versionsOf(head.id)) {
        if (record.status !== 'submitted' && record.status !== 'approved') continue;
        const event = lastOf(record, record.status === 'submitted' ? 'submit' : 'approve');
        items.push(item(record, record.status, event?.at ?? record.savedAt));
      }
    } else if (reader.role === 'official' && head.department === reader.department && head.status === 'draft') {
      const returned = returnedAncestor(head, versionsOf(head.id));
      if (returned) {
        const event = lastOf(returned, 'reject')!;
        items.push({ ...item(head, 'returned', event.at), returned: { version: returned.version, by: event.by, at: event.at, comment: event.comment ?? '' } });
      }
    }
  }
  // Whoever has waited longest comes first.
  return items.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id) || a.version - b.version);
}

/** The draft itself if it was sent back, else the sent-back draft it was saved from (through drafts only). */
function returnedAncestor(head: RulesetVersionRecord, versions: RulesetVersionRecord[]): RulesetVersionRecord | undefined {
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const seen = new Set<number>();
  let current: RulesetVersionRecord | undefined = head;
  while (current && current.status === 'draft' && !seen.has(current.version)) {
    seen.add(current.version);
    if (current.history.at(-1)?.action === 'reject') return current;
    current = current.basedOn !== null ? byVersion.get(current.basedOn) : undefined;
  }
  return undefined;
}

function item(record: RulesetVersionRecord, kind: InboxKind, since: string): InboxItem {
  return { kind, id: record.id, version: record.version, department: record.department, title: record.title, status: record.status, author: record.author, savedAt: record.savedAt, note: record.note, since };
}

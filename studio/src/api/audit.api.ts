// The audit chain (server/http/audit.routes.ts): its verification, its entries page
// by page, and the link to its JSONL export (each export is itself recorded in the
// chain as audit.export; reading pages is not).
import { apiUrl, http } from './http';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface UserMismatch {
  username: string;
  field: 'unrecorded' | 'removed' | 'displayName' | 'role' | 'department' | 'series' | 'disabled' | 'credential';
  recorded?: unknown;
  stored?: unknown;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: 'unreadable' | 'seq' | 'prevHash' | 'hash' | 'missing' | 'extra' | 'head' | 'anchor' | 'anchorBeyond' | 'users';
  /** The last entry is committed but not yet appended: the next start writes it. */
  pending?: boolean;
  users?: UserMismatch[];
  /** The anchor checked, when one was given. */
  anchor?: AuditHead;
  head: AuditHead;
}

/** `<seq>:<hash>`, as printed in filing packages and run records. */
export const ANCHOR_PATTERN = /^[1-9]\d{0,11}:sha256:[0-9a-f]{64}$/;

export const AUDIT_EXPORT_URL = apiUrl('/audit/export');

export interface AuditPage {
  total: number;
  offset: number;
  limit: number;
  entries: AuditEntry[];
  head: { seq: number; hash: string };
}

const PAGE = 1000;

/** Every entry, newest first, read page by page (GET /audit/entries; reading is not itself audited). */
async function allEntries(): Promise<{ entries: AuditEntry[] }> {
  const entries: AuditEntry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await http.get<AuditPage>('/audit/entries', { offset, limit: PAGE });
    entries.push(...page.entries);
    if (page.entries.length < PAGE || entries.length >= page.total) return { entries };
  }
}

export const auditApi = {
  verify: (anchor?: string) => http.get<AuditVerification>('/audit/verify', anchor ? { anchor } : undefined),
  entries: allEntries,
  page: (query: Record<string, string | number | undefined>) => http.get<AuditPage>('/audit/entries', query),
};

// The users as the audit log tells their story, replayed from its user.create and
// user.update entries and compared with the users in db.json. The chain protects the
// log; this protects db.json's users with it: an official promoted to administrator,
// a password hash swapped or a user added by editing db.json directly is named here,
// because no audited action did it.
//
// The password hash never reaches the log. Its sha256 does (`credential`): that tells
// nothing about the password (the hash is salted scrypt and the digest cannot be
// reversed into it), yet shows that the stored hash is the one an audited action set.
import { hash } from 'node:crypto';
import type { AuditEntry, UserRecord } from './types';

/** The fields an audited action sets, compared one by one. */
const FIELDS = ['displayName', 'role', 'department', 'series', 'disabled', 'credential'] as const;
type Field = (typeof FIELDS)[number];

export interface UserMismatch {
  username: string;
  /** `unrecorded`: in db.json, never created by an audited action; `removed`: created, no longer in db.json. */
  field: Field | 'unrecorded' | 'removed';
  /** What the log says (absent for `unrecorded`). */
  recorded?: unknown;
  /** What db.json holds (absent for `removed`). */
  stored?: unknown;
}

/** What the log records of a password hash: its sha256. */
export function credentialDigest(passwordHash: string): string {
  return 'sha256:' + hash('sha256', passwordHash, 'hex');
}

/** A credential the log cannot vouch for: set before digests were recorded. */
const UNKNOWN = Symbol('unknown credential');

type Replayed = Partial<Record<Field, unknown>>;

export class UserReplay {
  private readonly users = new Map<string, Replayed>();

  apply(entry: AuditEntry): void {
    if (!entry.target.startsWith('user:')) return;
    const username = entry.target.slice('user:'.length);
    const details = entry.details;
    if (entry.action === 'user.create') {
      const user: Replayed = { credential: UNKNOWN };
      for (const field of FIELDS) if (details[field] !== undefined) user[field] = details[field];
      this.users.set(username, user);
    } else if (entry.action === 'user.update') {
      const user = this.users.get(username);
      if (!user) return; // compare() names it: in db.json but never created
      for (const field of FIELDS) {
        const change = details[field] as { to?: unknown } | undefined;
        if (change !== null && typeof change === 'object' && 'to' in change) user[field] = change.to;
      }
      if (details.passwordChanged === true) user.credential = typeof details.credential === 'string' ? details.credential : UNKNOWN;
    }
  }

  /** Every difference between the replayed users and db.json's, in a stable order. */
  compare(stored: readonly UserRecord[]): UserMismatch[] {
    const mismatches: UserMismatch[] = [];
    const seen = new Set<string>();
    for (const record of stored) {
      seen.add(record.username);
      const recorded = this.users.get(record.username);
      if (!recorded) {
        mismatches.push({ username: record.username, field: 'unrecorded', stored: { role: record.role } });
        continue;
      }
      const actual: Replayed = { ...record, credential: credentialDigest(record.passwordHash) };
      for (const field of FIELDS) {
        const expected = recorded[field];
        if (expected === UNKNOWN) continue;
        if ((expected ?? null) !== (actual[field] ?? null)) mismatches.push({ username: record.username, field, recorded: expected ?? null, stored: actual[field] ?? null });
      }
    }
    for (const username of this.users.keys()) if (!seen.has(username)) mismatches.push({ username, field: 'removed' });
    return mismatches;
  }
}

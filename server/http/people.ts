// People by their display names: version records name users by username (stable, what
// the audit chain holds); readers see names. Only the users the records mention are
// listed, so a reader learns nothing about anyone else.
import type { RulesetVersionRecord, Store } from '../storage/index';

/** `username → displayName` for every author, approver and actor in `records`; unknown users (e.g. the seeding `system`) are left out. */
export function peopleOf(store: Store, records: Iterable<RulesetVersionRecord>): Record<string, string> {
  const people: Record<string, string> = {};
  for (const record of records) {
    for (const username of [record.author, ...record.approvals.map((a) => a.by), ...record.history.map((e) => e.by)]) {
      if (username in people) continue;
      const user = store.users.get(username);
      if (user) people[username] = user.displayName;
    }
  }
  return people;
}

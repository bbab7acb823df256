// People by display name: records name users by username, responses carry
// `people` (username → display name). The seeding account is not a user.
import type { People } from '../api/inbox.api';

export function personName(people: People | undefined, username: string, systemName: string): string {
  if (people?.[username]) return people[username]!;
  if (username === 'system' || username.startsWith('system:')) return systemName;
  return username;
}

// Shared by the storage tests: a temp data dir and a few recorded changes.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ruleset } from '../../../engine/index';
import type { Store } from '../../../server/storage/index';

export const MINI = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/mini.json'), 'utf8')) as Ruleset;
export const AT = '2025-03-01T08:00:00.000Z';

export async function tempDataDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'pingshen-store-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Six audited changes: a user, a login, a save, submit, approve, a failed login (the
 * login entries as stores written before sign-ins were summarised hold them; the same
 * chain either way).
 */
export async function someHistory(store: Store): Promise<void> {
  await store.users.create({ username: 'li', displayName: '李', role: 'official', department: 'hrss', passwordHash: 'opaque' }, { actor: 'admin', at: AT });
  await store.audit.record({ at: AT, actor: 'li', action: 'user.login', target: 'user:li', details: { ok: true } });
  await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '初稿', basedOn: null, at: AT });
  await store.rulesets.submit('mini', 1, { actor: 'li', at: AT });
  await store.rulesets.approve('mini', 1, { actor: 'admin', at: AT });
  await store.audit.record({ at: AT, actor: 'zhao', action: 'user.login-failed', target: 'user:zhao', details: { ok: false, unknownUser: true } });
}

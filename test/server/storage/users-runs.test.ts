// Users and batch run records: each change is audited; secrets stay out of the log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { credentialDigest } from '../../../server/storage/audit-users';
import { isStorageError, openStore, STORAGE_ERROR_STATUS, type AuditEntry, type Store } from '../../../server/storage/index';
import { AT, MINI } from './support';

const LATER = '2025-03-02T08:00:00.000Z';
let store: Store;
beforeEach(async () => {
  store = await openStore({ memory: true });
});

async function log(s: Store): Promise<AuditEntry[]> {
  let out = '';
  for await (const chunk of s.audit.exportJsonl()) out += chunk;
  return out.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  return isStorageError(err) ? err.code : String(err);
}

describe('users', () => {
  it('create, update: each audited, the password hash never in the log', async () => {
    await store.users.create({ username: 'li', displayName: '李', role: 'official', department: 'education', passwordHash: 'h1' }, { actor: 'admin', at: AT });
    const updated = await store.users.update('li', { role: 'committee', passwordHash: 'h2', series: 'teacher' }, { actor: 'admin', at: LATER });
    expect(updated).toMatchObject({ role: 'committee', passwordHash: 'h2', series: 'teacher', updatedAt: LATER, createdAt: AT, disabled: false });
    const entries = await log(store);
    expect(entries.map((e) => e.action)).toEqual(['user.create', 'user.update']);
    // the sha256 of the new hash (audit-users.ts), never the hash itself
    expect(entries[1]!.details).toEqual({ role: { from: 'official', to: 'committee' }, passwordChanged: true, credential: credentialDigest('h2'), series: { from: null, to: 'teacher' } });
    expect(credentialDigest('h2')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(entries)).not.toMatch(/h1|h2/);
  });

  it('an update changes only what a user may change; audit.record hands back its entry', async () => {
    await store.users.create({ username: 'li', displayName: '李', role: 'auditor', passwordHash: 'h' }, { actor: 'admin', at: AT });
    const body = { displayName: '李四', username: 'root', createdAt: '1970-01-01T00:00:00Z' } as never;
    const updated = await store.users.update('li', body, { actor: 'admin', at: LATER });
    expect(updated).toMatchObject({ username: 'li', displayName: '李四', createdAt: AT });
    const entry = await store.audit.record({ at: LATER, actor: 'auditor', action: 'audit.export', target: 'audit', details: { format: 'jsonl' } });
    expect(entry).toMatchObject({ seq: 3, action: 'audit.export' });
    expect(store.audit.head()).toEqual({ seq: 3, hash: entry.hash });
  });

  it('refuses a duplicate, an unknown role, an unknown user', async () => {
    await store.users.create({ username: 'li', displayName: '李', role: 'auditor', passwordHash: 'h' }, { actor: 'admin', at: AT });
    expect(await code(store.users.create({ username: 'li', displayName: '李', role: 'auditor', passwordHash: 'h' }, { actor: 'admin', at: AT }))).toBe('ALREADY_EXISTS');
    expect(await code(store.users.create({ username: 'wu', displayName: '吴', role: 'root' as never, passwordHash: 'h' }, { actor: 'admin', at: AT }))).toBe('INVALID_ARGUMENT');
    expect(await code(store.users.update('nobody', { disabled: true }, { actor: 'admin', at: AT }))).toBe('NOT_FOUND');
    expect(store.audit.head().seq).toBe(1);
  });
});

describe('runs', () => {
  it('start records the ruleset hash and the input blob; finish records the results', async () => {
    const v1 = await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    const input = { hash: await store.blobs.put('id,degree\n1,master\n'), name: '申报人.csv' };
    const run = await store.runs.start({ rulesetId: 'mini', version: 1, asOf: '2025-06-30', input }, { actor: 'zhang', at: AT });
    expect(run).toMatchObject({ id: 'run-000001', status: 'running', rulesetHash: v1.hash, startedBy: 'zhang', input });
    const results = { hash: await store.blobs.put('[]'), name: 'results.json' };
    const done = await store.runs.finish(run.id, { status: 'completed', results, summary: { total: 1, passed: 0 } }, { actor: 'zhang', at: LATER });
    expect(done).toMatchObject({ status: 'completed', finishedAt: LATER, results, summary: { total: 1, passed: 0 } });
    expect(await code(store.runs.finish(run.id, { status: 'failed', error: 'x' }, { actor: 'zhang', at: LATER }))).toBe('INVALID_TRANSITION');
    expect(store.runs.list({ rulesetId: 'mini' })).toHaveLength(1);
    expect((await log(store)).map((e) => e.action)).toEqual(['ruleset.save', 'run.start', 'run.complete']);
    // the head as the run ended is its run.start entry: an anchor printed with the run
    const [, started, completed] = await log(store);
    expect(done.auditHead).toEqual({ seq: started!.seq, hash: started!.hash });
    expect(completed!.details.auditHead).toEqual(done.auditHead);
  });

  it('keeps the engine version, the skipped rows and the downloadable files', async () => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    const input = { hash: await store.blobs.put('id\n1\n'), name: 'a.csv' };
    const skippedRows = { hash: await store.blobs.put('[]'), name: 'skipped-rows.json' };
    const run = await store.runs.start({ rulesetId: 'mini', version: 1, asOf: '2025-06-30', input, engineVersion: '9.9.9', skipped: 2, skippedRows }, { actor: 'zhang', at: AT });
    expect(run).toMatchObject({ engineVersion: '9.9.9', skipped: 2, skippedRows });
    const downloads = { csv: { hash: await store.blobs.put('x'), name: 'a.csv' }, xlsx: { hash: await store.blobs.put('y'), name: 'a.xlsx' } };
    const done = await store.runs.finish(run.id, { status: 'completed', downloads }, { actor: 'zhang', at: LATER });
    expect(store.runs.get(done.id)).toMatchObject({ engineVersion: '9.9.9', skipped: 2, skippedRows, downloads });
    const entries = await log(store);
    expect(entries.find((e) => e.action === 'run.start')?.details).toMatchObject({ engineVersion: '9.9.9', skipped: 2, skippedRows });
    expect(entries.find((e) => e.action === 'run.complete')?.details).toMatchObject({ downloads });
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it('records uploads by content address and uploader, audited without their content; the same bytes again from the same user take the new name', async () => {
    const hash = await store.blobs.put('id,name\nA1,张三\n');
    const first = await store.runs.recordUpload({ hash, name: 'a.csv', size: 17 }, { actor: 'zhang', at: AT });
    expect(first).toEqual({ hash, name: 'a.csv', size: 17, uploadedBy: 'zhang', uploadedAt: AT });
    await store.runs.recordUpload({ hash, name: 'b.csv', size: 17 }, { actor: 'li', at: LATER });
    expect(store.runs.uploads()).toEqual([first, { hash, name: 'b.csv', size: 17, uploadedBy: 'li', uploadedAt: LATER }]);
    expect(store.runs.upload(hash)?.name).toBe('b.csv');
    expect(store.runs.upload(hash, 'zhang')?.name).toBe('a.csv');
    await store.runs.recordUpload({ hash, name: 'c.csv', size: 17 }, { actor: 'zhang', at: LATER });
    expect(store.runs.uploads().map((u) => [u.uploadedBy, u.name])).toEqual([['li', 'b.csv'], ['zhang', 'c.csv']]);
    const entries = (await log(store)).filter((e) => e.action === 'upload.store');
    expect(entries.map((e) => e.details)).toEqual([{ hash, name: 'a.csv', size: 17 }, { hash, name: 'b.csv', size: 17 }, { hash, name: 'c.csv', size: 17 }]);
    expect(JSON.stringify(entries)).not.toContain('张三');
    expect(await code(store.runs.recordUpload({ hash: 'x', name: 'a.csv', size: 1 }, { actor: 'z', at: AT }))).toBe('INVALID_ARGUMENT');
  });

  it('a run against a version that does not exist is NOT_FOUND', async () => {
    expect(await code(store.runs.start({ rulesetId: 'mini', version: 9, asOf: '2025-06-30', input: { hash: 'sha256:' + '0'.repeat(64), name: 'x' } }, { actor: 'z', at: AT }))).toBe('NOT_FOUND');
  });
});

it('every storage error code is documented in server/storage/README.md with its status', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../../server/storage/README.md'), 'utf8');
  for (const [code, status] of Object.entries(STORAGE_ERROR_STATUS)) expect(readme).toContain(`| \`${code}\` | ${status} |`);
});

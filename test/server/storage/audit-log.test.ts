// The hash-chained audit log: every change leaves a linked entry; verify names the
// first entry that was altered, removed or moved.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../engine/index';
import { formatAnchor, openStore, parseAnchor, sha256Address, verifyDataDir, type AuditEntry, type Store } from '../../../server/storage/index';
import { AT, someHistory, tempDataDir } from './support';

let dir: Awaited<ReturnType<typeof tempDataDir>>;
let store: Store;
const LOG = () => join(dir.path, 'audit.jsonl');

beforeEach(async () => {
  dir = await tempDataDir();
  store = await openStore({ dataDir: dir.path });
  await someHistory(store);
  await store.close();
});
afterEach(() => dir.remove());

async function entries(): Promise<AuditEntry[]> {
  return (await readFile(LOG(), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
}

async function rewrite(list: unknown[]): Promise<void> {
  await writeFile(LOG(), list.map((e) => JSON.stringify(e) + '\n').join(''));
}

describe('the chain', () => {
  it('every change appended one entry, each linking to the one before', async () => {
    const list = await entries();
    expect(list.map((e) => e.action)).toEqual(['user.create', 'user.login', 'ruleset.save', 'ruleset.submit', 'ruleset.approve', 'user.login-failed']);
    expect(list.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(list[0]!.prevHash).toBe('sha256:' + '0'.repeat(64));
    for (let i = 1; i < list.length; i++) expect(list[i]!.prevHash).toBe(list[i - 1]!.hash);
    for (const e of list) {
      const { hash, ...rest } = e;
      expect(hash).toBe(sha256Address(canonicalJson(rest)));
    }
    expect(list[3]).toMatchObject({ actor: 'li', target: 'ruleset:mini@1', details: { from: 'draft', to: 'submitted' } });
    // the password hash never reaches the log
    expect(JSON.stringify(list)).not.toContain('opaque');
  });

  it('verify: ok, with the number of entries; the head in db.json matches the last entry', async () => {
    expect(await verifyDataDir(dir.path)).toEqual({ ok: true, entries: 6 });
    const reopened = await openStore({ dataDir: dir.path });
    expect(await reopened.audit.verify()).toEqual({ ok: true, entries: 6 });
    expect(reopened.audit.head()).toEqual({ seq: 6, hash: (await entries())[5]!.hash });
    // appending after a reopen continues the chain
    const entry = await reopened.audit.record({ at: AT, actor: 'auditor', action: 'audit.export', target: 'audit', details: {} });
    expect(entry).toMatchObject({ seq: 7, prevHash: (await entries())[5]!.hash });
    expect(await reopened.audit.verify()).toEqual({ ok: true, entries: 7 });
  });

  it('the export is the log as JSONL', async () => {
    const reopened = await openStore({ dataDir: dir.path });
    let out = '';
    for await (const chunk of reopened.audit.exportJsonl()) out += chunk;
    expect(out).toBe(await readFile(LOG(), 'utf8'));
    const memory = await openStore({ memory: true });
    await someHistory(memory);
    let memOut = '';
    for await (const chunk of memory.audit.exportJsonl()) memOut += chunk;
    expect(memOut.trimEnd().split('\n').map((l) => JSON.parse(l).action)).toHaveLength(6);
    expect(await memory.audit.verify()).toEqual({ ok: true, entries: 6 });
  });
});

describe('tampering is found at the first broken seq', () => {
  const CASES: Array<{ name: string; tamper: (l: AuditEntry[]) => unknown; brokenAt: number; reason: string }> = [
    { name: 'details of entry 3 changed', tamper: (l: AuditEntry[]) => ((l[2]!.details as { note: string }).note = '改过'), brokenAt: 3, reason: 'hash' },
    { name: 'actor of entry 1 changed', tamper: (l: AuditEntry[]) => (l[0]!.actor = 'someone'), brokenAt: 1, reason: 'hash' },
    { name: 'entry 4 removed', tamper: (l: AuditEntry[]) => l.splice(3, 1), brokenAt: 4, reason: 'seq' },
    { name: 'entries 2 and 3 swapped', tamper: (l: AuditEntry[]) => l.splice(1, 2, l[2]!, l[1]!), brokenAt: 2, reason: 'seq' },
    { name: 'an entry added after the head', tamper: (l: AuditEntry[]) => l.push(forged(l.at(-1)!)), brokenAt: 7, reason: 'extra' },
    { name: 'entry 5 rewritten with a fresh, valid hash', tamper: (l: AuditEntry[]) => (l[4] = rehash({ ...l[4]!, actor: 'li' })), brokenAt: 6, reason: 'prevHash' },
    { name: 'the last entry rewritten with a fresh, valid hash', tamper: (l: AuditEntry[]) => (l[5] = rehash({ ...l[5]!, actor: 'li' })), brokenAt: 6, reason: 'head' },
    { name: 'entry 4 renumbered', tamper: (l: AuditEntry[]) => (l[3]!.seq = 40), brokenAt: 4, reason: 'seq' },
    { name: 'the last two entries removed', tamper: (l: AuditEntry[]) => l.splice(4), brokenAt: 5, reason: 'missing' },
  ];
  it.each(CASES)('$name → brokenAt $brokenAt ($reason)', async ({ tamper, brokenAt, reason }) => {
    const list = await entries();
    tamper(list);
    await rewrite(list);
    expect(await verifyDataDir(dir.path)).toMatchObject({ ok: false, brokenAt, reason });
    const reopened = await openStore({ dataDir: dir.path });
    expect(await reopened.audit.verify()).toMatchObject({ ok: false, brokenAt, reason });
  });

  // Exactly the state a crash between the commit (db.json) and the append leaves:
  // the head holds the whole last entry, so opening the store puts it back.
  it('the last entry not yet appended (a kill between the commit and the append): verify says pending, not broken; opening the store writes it', async () => {
    const list = await entries();
    list.pop();
    await rewrite(list);
    expect(await verifyDataDir(dir.path)).toEqual({ ok: true, entries: 5, pending: true });
    const reopened = await openStore({ dataDir: dir.path });
    expect(await reopened.audit.verify()).toEqual({ ok: true, entries: 6 });
  });

  it('a line that is not JSON', async () => {
    const text = await readFile(LOG(), 'utf8');
    const lines = text.split('\n');
    lines[1] = lines[1]!.slice(0, 20);
    await writeFile(LOG(), lines.join('\n'));
    expect(await verifyDataDir(dir.path)).toEqual({ ok: false, entries: 6, brokenAt: 2, reason: 'unreadable' });
  });

  it('no store in the directory: undefined', async () => {
    expect(await verifyDataDir(join(dir.path, 'nowhere'))).toBeUndefined();
  });
});

function rehash(entry: AuditEntry): AuditEntry {
  const { hash: _old, ...rest } = entry;
  return { ...rest, hash: sha256Address(canonicalJson(rest)) };
}

function forged(last: AuditEntry): AuditEntry {
  return rehash({ ...last, seq: last.seq + 1, prevHash: last.hash, action: 'user.create', details: {} });
}

describe('anchors: a head copied out of the server', () => {
  const anchorOf = (e: AuditEntry) => ({ seq: e.seq, hash: e.hash });

  it('the log still extends an anchor taken earlier, also after more entries', async () => {
    const anchor = anchorOf((await entries())[3]!);
    const reopened = await openStore({ dataDir: dir.path });
    await reopened.audit.record({ at: AT, actor: 'auditor', action: 'audit.export', target: 'audit', details: {} });
    expect(await reopened.audit.verify(anchor)).toEqual({ ok: true, entries: 7 });
    await reopened.close();
    expect(await verifyDataDir(dir.path, anchor)).toEqual({ ok: true, entries: 7 });
    expect(parseAnchor(formatAnchor(anchor))).toEqual(anchor);
    expect(parseAnchor('4:sha256:abc')).toBeUndefined();
  });

  it('every entry re-hashed after an edit and the head moved: the chain verifies, the anchor does not', async () => {
    const list = await entries();
    const anchor = anchorOf(list[4]!);
    (list[2]!.details as { note?: string }).note = '改过';
    let prev = list[1]!.hash;
    for (let i = 2; i < list.length; i++) {
      list[i] = rehash({ ...list[i]!, prevHash: prev });
      prev = list[i]!.hash;
    }
    await rewrite(list);
    const db = JSON.parse(await readFile(join(dir.path, 'db.json'), 'utf8'));
    db.auditHead = { seq: 6, hash: prev, entry: list[5] };
    await writeFile(join(dir.path, 'db.json'), JSON.stringify(db));
    expect(await verifyDataDir(dir.path)).toEqual({ ok: true, entries: 6 });
    expect(await verifyDataDir(dir.path, anchor)).toEqual({ ok: false, entries: 6, brokenAt: 5, reason: 'anchor' });
  });

  it('the log truncated and the head moved back: the anchor is beyond it', async () => {
    const list = await entries();
    const anchor = anchorOf(list[5]!);
    await rewrite(list.slice(0, 4));
    const db = JSON.parse(await readFile(join(dir.path, 'db.json'), 'utf8'));
    db.auditHead = { seq: 4, hash: list[3]!.hash, entry: list[3] };
    await writeFile(join(dir.path, 'db.json'), JSON.stringify(db));
    expect(await verifyDataDir(dir.path)).toEqual({ ok: true, entries: 4 });
    expect(await verifyDataDir(dir.path, anchor)).toEqual({ ok: false, entries: 4, brokenAt: 6, reason: 'anchorBeyond' });
  });
});

describe("db.json's users against the log's user entries", () => {
  async function editDb(edit: (db: { users: Array<Record<string, unknown>> }) => void): Promise<void> {
    const db = JSON.parse(await readFile(join(dir.path, 'db.json'), 'utf8'));
    edit(db);
    await writeFile(join(dir.path, 'db.json'), JSON.stringify(db));
  }

  it('a user entry carries the sha256 of the password hash, never the hash', async () => {
    const created = (await entries()).find((e) => e.action === 'user.create')!;
    expect(created.details.credential).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(created)).not.toContain('opaque');
  });

  it('an official promoted to administrator by editing db.json is named, with both values', async () => {
    const user = (await entries()).find((e) => e.action === 'user.create')!.target.slice('user:'.length);
    await editDb((db) => (db.users.find((u) => u.username === user)!.role = 'admin'));
    const result = await verifyDataDir(dir.path);
    expect(result).toMatchObject({ ok: false, reason: 'users', users: [{ username: user, field: 'role', stored: 'admin' }] });
    expect(result!.users![0]!.recorded).not.toBe('admin');
  });

  it('a swapped password hash, a user added by hand and a user removed by hand are named', async () => {
    const user = (await entries()).find((e) => e.action === 'user.create')!.target.slice('user:'.length);
    await editDb((db) => {
      const record = db.users.find((u) => u.username === user)!;
      db.users.push({ ...record, username: 'intruder', role: 'admin' });
      record.passwordHash = 'scrypt$forged';
    });
    expect((await verifyDataDir(dir.path))!.users).toEqual([
      { username: user, field: 'credential', recorded: expect.stringMatching(/^sha256:/), stored: expect.stringMatching(/^sha256:/) },
      { username: 'intruder', field: 'unrecorded', stored: { role: 'admin' } },
    ]);
    await editDb((db) => (db.users = db.users.filter((u) => u.username !== user && u.username !== 'intruder')));
    expect((await verifyDataDir(dir.path))!.users).toEqual([{ username: user, field: 'removed' }]);
  });

  it('changes made through the repository replay to the same users', async () => {
    const reopened = await openStore({ dataDir: dir.path });
    const [user] = reopened.users.list();
    await reopened.users.update(user!.username, { role: 'auditor', displayName: '新名字', passwordHash: 'opaque-2', disabled: true }, { actor: 'admin', at: AT });
    expect(await reopened.audit.verify()).toMatchObject({ ok: true });
    await reopened.close();
    expect(await verifyDataDir(dir.path)).toMatchObject({ ok: true });
  });
});

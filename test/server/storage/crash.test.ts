// Atomic writes: whatever instant the process dies at, the store opens in its last
// good state; leftovers of an interrupted write are ignored and cleaned up.
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rulesetHash } from '../../../engine/index';
import { isStorageError, openStore, sha256Address, verifyDataDir } from '../../../server/storage/index';
import { AT, MINI, someHistory, tempDataDir } from './support';

let dir: Awaited<ReturnType<typeof tempDataDir>>;
beforeEach(async () => {
  dir = await tempDataDir();
});
afterEach(() => dir.remove());

describe('blobs', () => {
  it('are stored under their sha256; the same bytes twice are one file', async () => {
    const store = await openStore({ dataDir: dir.path });
    const a = await store.blobs.put('申报人名单');
    expect(await store.blobs.put(Buffer.from('申报人名单'))).toBe(a);
    const hex = a.slice('sha256:'.length);
    expect(await readdir(join(dir.path, 'blobs/sha256', hex.slice(0, 2)))).toEqual([hex]);
    expect((await store.blobs.get(a)).toString()).toBe('申报人名单');
    expect(await store.blobs.has(a)).toBe(true);
  });

  it('a blob changed on disk is detected on read (BLOB_CORRUPT), also through a ruleset version', async () => {
    const store = await openStore({ dataDir: dir.path });
    const v1 = await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    const hex = v1.hash.slice('sha256:'.length);
    const path = join(dir.path, 'blobs/sha256', hex.slice(0, 2), hex);
    const bytes = await readFile(path, 'utf8');
    expect(sha256Address(bytes)).toBe(rulesetHash(MINI)); // the blob is exactly what the engine hashes
    await writeFile(path, bytes.replace('"hrss"', '"xxxx"'));
    const err = await store.rulesets.content('mini', 1).catch((e: unknown) => e);
    expect(isStorageError(err, 'BLOB_CORRUPT')).toBe(true);
  });

  it.each([
    ['absent', 'sha256:' + 'a'.repeat(64), 'NOT_FOUND'],
    ['not an address', 'md5:abc', 'INVALID_ARGUMENT'],
  ] as const)('reading an %s blob: %s', async (_name, address, code) => {
    for (const store of [await openStore({ dataDir: dir.path }), await openStore({ memory: true })]) {
      const err = await store.blobs.get(address).catch((e: unknown) => e);
      expect(isStorageError(err, code)).toBe(true);
    }
  });

  it('a crash mid-write leaves a temp file that no read sees and the next open removes', async () => {
    const store = await openStore({ dataDir: dir.path });
    const content = 'results of run 1';
    const address = sha256Address(content);
    const hex = address.slice('sha256:'.length);
    await mkdir(join(dir.path, 'blobs/tmp'), { recursive: true });
    await writeFile(join(dir.path, 'blobs/tmp', `${hex}.0123456789ab.tmp`), content.slice(0, 7)); // half written
    expect(await store.blobs.has(address)).toBe(false);
    const reopened = await openStore({ dataDir: dir.path });
    expect(await readdir(join(dir.path, 'blobs/tmp'))).toEqual([]);
    expect(await reopened.blobs.put(content)).toBe(address);
    expect((await reopened.blobs.get(address)).toString()).toBe(content);
  });
});

describe('metadata and log', () => {
  it('a half-written db.json temp file (a crash inside lowdb\'s write) is ignored: the last good state opens', async () => {
    const store = await openStore({ dataDir: dir.path });
    await someHistory(store);
    await writeFile(join(dir.path, '.db.json.tmp'), '{"format":1,"users":[{"usern');
    const reopened = await openStore({ dataDir: dir.path });
    expect(reopened.rulesets.get('mini', 1)?.status).toBe('approved');
    expect(await reopened.audit.verify()).toEqual({ ok: true, entries: 6 });
    await reopened.rulesets.publish('mini', 1, { actor: 'admin', at: AT, effectiveFrom: '2025-04-01' });
    expect(JSON.parse(await readFile(join(dir.path, 'db.json'), 'utf8')).auditHead.seq).toBe(7);
  });

  it('a torn last line in audit.jsonl (a crash mid-append) is cut and the entry restored from the head', async () => {
    const store = await openStore({ dataDir: dir.path });
    await someHistory(store);
    const log = join(dir.path, 'audit.jsonl');
    const text = await readFile(log, 'utf8');
    await writeFile(log, text.slice(0, text.length - 40));
    expect(await verifyDataDir(dir.path)).toEqual({ ok: true, entries: 5, pending: true });
    const reopened = await openStore({ dataDir: dir.path });
    expect(await reopened.audit.verify()).toEqual({ ok: true, entries: 6 });
    expect(await readFile(log, 'utf8')).toBe(text);
  });

  it('a process killed (SIGKILL) while writing: the store opens, verifies and reads every version', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), dir.path], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 300));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const store = await openStore({ dataDir: dir.path });
    const check = await store.audit.verify();
    expect(check.ok).toBe(true);
    const versions = store.rulesets.versions('mini');
    expect(versions.length).toBeGreaterThanOrEqual(3);
    expect(check.entries).toBe(versions.length);
    for (const v of versions) expect(rulesetHash(await store.rulesets.content('mini', v.version))).toBe(v.hash);
    expect(await readdir(join(dir.path, 'blobs/tmp'))).toEqual([]);
  });
});

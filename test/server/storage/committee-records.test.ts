// The committee process's storage: keyed collections (quotas, experts, holders,
// calendar years) and review sessions. Each change is one audited commit; a change
// that throws keeps nothing; the records survive a reopen of the data directory.
import { beforeEach, describe, expect, it } from 'vitest';
import { isStorageError, openStore, quotaKey, type AuditEntry, type NewReviewSession, type Store } from '../../../server/storage/index';
import { AT, tempDataDir } from './support';

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

const quota = (unit: string, posts: number) => ({ unit, series: 'teacher', level: 'deputy-senior', posts });

const SESSION: NewReviewSession = {
  title: '2026年度中小学教师副高级双定向评审会',
  series: 'teacher',
  level: 'deputy-senior',
  year: 2026,
  runId: 'run-000001',
  rulesetId: 'teacher-deputy-senior',
  version: 1,
  rulesetHash: `sha256:${'a'.repeat(64)}`,
  asOf: '2026-09-30',
  committeeKind: 'series',
  candidates: [{ applicantId: 'JS-1', name: '李娜', unit: '库尔勒市第一小学', rank: 1, score: 81 }],
  quotas: [{ unit: '库尔勒市第一小学', posts: 1 }],
};

describe('record collections', () => {
  it('put adds or replaces by key, keeps its place, stamps who and when, and audits the record', async () => {
    await store.quotas.put(quota('库尔勒市第一小学', 2), { actor: 'admin', at: AT });
    await store.quotas.put(quota('轮台县第三小学', 1), { actor: 'admin', at: AT });
    const replaced = await store.quotas.put(quota('库尔勒市第一小学', 3), { actor: 'admin2', at: LATER });
    expect(replaced).toMatchObject({ posts: 3, updatedBy: 'admin2', updatedAt: LATER });
    expect(store.quotas.list().map((q) => [q.unit, q.posts])).toEqual([['库尔勒市第一小学', 3], ['轮台县第三小学', 1]]);
    expect(store.quotas.get(quotaKey(quota('库尔勒市第一小学', 0)))?.posts).toBe(3);
    const last = (await log(store)).at(-1)!;
    expect(last).toMatchObject({ action: 'quota.put', actor: 'admin2', target: 'quota:库尔勒市第一小学|teacher|deputy-senior', details: { record: { posts: 3 } } });
  });

  it('putMany is one commit and one audit entry naming the source and the keys', async () => {
    const before = store.audit.head().seq;
    await store.quotas.putMany([quota('A校', 1), quota('B校', 0)], { actor: 'admin', at: AT, source: 'quotas.xlsx' });
    expect(store.audit.head().seq).toBe(before + 1);
    expect((await log(store)).at(-1)).toMatchObject({ action: 'quota.import', details: { source: 'quotas.xlsx', count: 2, keys: ['A校|teacher|deputy-senior', 'B校|teacher|deputy-senior'] } });
  });

  it('remove audits the removed record; removing what is not there is NOT_FOUND and changes nothing', async () => {
    await store.quotas.put(quota('A校', 1), { actor: 'admin', at: AT });
    await store.quotas.remove('A校|teacher|deputy-senior', { actor: 'admin', at: LATER });
    expect(store.quotas.list()).toEqual([]);
    expect((await log(store)).at(-1)).toMatchObject({ action: 'quota.remove', details: { record: { unit: 'A校', posts: 1 } } });
    const seq = store.audit.head().seq;
    const err = await store.quotas.remove('A校|teacher|deputy-senior', { actor: 'admin', at: LATER }).catch((e: unknown) => e);
    expect(isStorageError(err) && err.code).toBe('NOT_FOUND');
    expect(store.audit.head().seq).toBe(seq);
  });

  it('hands out copies: changing a listed record changes nothing stored', async () => {
    await store.quotas.put(quota('A校', 1), { actor: 'admin', at: AT });
    store.quotas.list()[0]!.posts = 99;
    expect(store.quotas.list()[0]!.posts).toBe(1);
  });

  it('a change without an actor is refused', async () => {
    const err = await store.quotas.put(quota('A校', 1), { actor: '', at: AT }).catch((e: unknown) => e);
    expect(isStorageError(err) && err.code).toBe('INVALID_ARGUMENT');
  });
});

describe('review sessions', () => {
  it('are numbered, start as preparing, and their creation is audited with the candidates and quotas', async () => {
    const first = await store.sessions.create(SESSION, { actor: 'admin', at: AT });
    const second = await store.sessions.create({ ...SESSION, series: 'health' }, { actor: 'admin', at: AT });
    expect([first.id, second.id]).toEqual(['session-0001', 'session-0002']);
    expect(first).toMatchObject({ status: 'preparing', createdBy: 'admin', createdAt: AT });
    expect(store.sessions.list({ series: 'health' }).map((s) => s.id)).toEqual(['session-0002']);
    expect((await log(store)).at(-2)).toMatchObject({ action: 'session.create', target: 'session:session-0001', details: { candidates: ['JS-1'], quotas: SESSION.quotas, ruleset: 'teacher-deputy-senior@1' } });
  });

  it('change keeps what the stage did and audits it; a stage that throws keeps nothing', async () => {
    const { id } = await store.sessions.create(SESSION, { actor: 'admin', at: AT });
    const changed = await store.sessions.change(id, 'publicity', (s) => {
      s.status = 'publicity';
      return { start: '2026-10-08' };
    }, { actor: 'admin', at: LATER });
    expect(changed).toMatchObject({ status: 'publicity', updatedAt: LATER });
    expect((await log(store)).at(-1)).toMatchObject({ action: 'session.publicity', target: `session:${id}`, details: { start: '2026-10-08' } });

    const seq = store.audit.head().seq;
    const err = await store.sessions.change(id, 'finalise', (s) => {
      s.status = 'finalised';
      throw new Error('the period is not over');
    }, { actor: 'admin', at: LATER }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('the period is not over');
    expect(store.sessions.get(id)?.status).toBe('publicity');
    expect(store.audit.head().seq).toBe(seq);
  });

  it('an unknown session is NOT_FOUND', async () => {
    const err = await store.sessions.change('session-0404', 'draw', () => ({}), { actor: 'admin', at: AT }).catch((e: unknown) => e);
    expect(isStorageError(err) && err.code).toBe('NOT_FOUND');
  });
});

it('quotas, experts, holders, calendar years and sessions survive a reopen, and the audit chain verifies', async () => {
  const dir = await tempDataDir();
  try {
    const disk = await openStore({ dataDir: dir.path });
    await disk.quotas.put(quota('A校', 2), { actor: 'admin', at: AT });
    await disk.calendar.put({ year: 2027, source: '国务院办公厅通知', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }, { actor: 'admin', at: AT });
    await disk.sessions.create(SESSION, { actor: 'admin', at: AT });
    await disk.close();
    const again = await openStore({ dataDir: dir.path });
    expect(again.quotas.list()).toHaveLength(1);
    expect(again.calendar.get('2027')?.days[0]?.name).toBe('元旦');
    expect(again.sessions.get('session-0001')?.candidates[0]?.applicantId).toBe('JS-1');
    expect((await again.audit.verify()).ok).toBe(true);
    await again.close();
  } finally {
    await dir.remove();
  }
});

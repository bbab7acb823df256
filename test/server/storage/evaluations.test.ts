// Stored evaluations: the applicant and the result as blobs of canonical JSON, the
// record in lowdb, audited as evaluation.run without the applicant's data.
import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, evaluate, type Applicant } from '../../../engine/index';
import { isStorageError, openStore, sha256Address, type AuditEntry, type Store } from '../../../server/storage/index';
import { AT, MINI } from './support';

const LATER = '2025-03-02T08:00:00.000Z';
const APPLICANT: Applicant = { id: 'A001', degree: 'master', titleDate: '2015-07-01', postLevel: 'county', grassrootsYears: 12, papers: [] };

let store: Store;
beforeEach(async () => {
  store = await openStore({ memory: true });
  await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
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

const evaluated = (applicant: Applicant = APPLICANT) => evaluate(MINI, applicant, { asOf: '2025-01-01' });

describe('evaluation records', () => {
  it('keep input and result as canonical JSON blobs; the input address is the inputHash', async () => {
    const result = evaluated();
    const record = await store.evaluations.record({ applicant: APPLICANT, result, series: 'teacher', pinned: true }, { actor: 'admin', at: AT });
    expect(record).toMatchObject({
      id: 'eval-000001',
      rulesetId: 'mini',
      version: 1,
      rulesetHash: store.rulesets.get('mini', 1)!.hash,
      extends: [],
      series: 'teacher',
      asOf: '2025-01-01',
      pinned: true,
      engineVersion: result.engine.version,
      inputHash: result.inputHash,
      applicantId: 'A001',
      outcome: { eligible: result.eligible, vetoed: result.vetoed, score: result.score, passed: result.passed },
      by: 'admin',
      at: AT,
      input: result.inputHash,
      result: sha256Address(canonicalJson(result)),
    });
    expect((await store.blobs.get(record.input)).toString('utf8')).toBe(canonicalJson(APPLICANT));
    expect((await store.blobs.get(record.result)).toString('utf8')).toBe(canonicalJson(result));
    expect(store.evaluations.get('eval-000001')).toEqual(record);
    expect(store.evaluations.get('eval-000002')).toBeUndefined();

    const entry = (await log(store)).at(-1)!;
    expect(entry).toMatchObject({ action: 'evaluation.run', actor: 'admin', target: 'ruleset:mini@1', details: { evaluation: 'eval-000001', inputHash: result.inputHash, result: record.result, pinned: true } });
    expect(JSON.stringify(entry)).not.toContain(String(APPLICANT.id));
  });

  it('refuse a result that was not computed from the applicant, or names an unknown or different version', async () => {
    const result = evaluated();
    const act = { actor: 'admin', at: AT };
    expect(await code(store.evaluations.record({ applicant: { ...APPLICANT, id: 'other' }, result, pinned: false }, act))).toBe('INVALID_ARGUMENT');
    expect(await code(store.evaluations.record({ applicant: APPLICANT, result: { ...result, ruleset: { ...result.ruleset, version: 9 } }, pinned: false }, act))).toBe('NOT_FOUND');
    expect(await code(store.evaluations.record({ applicant: APPLICANT, result: { ...result, ruleset: { ...result.ruleset, hash: 'sha256:' + '0'.repeat(64) } }, pinned: false }, act))).toBe('INVALID_ARGUMENT');
    expect(await code(store.evaluations.record({ applicant: APPLICANT, result, pinned: false }, { actor: '', at: AT }))).toBe('INVALID_ARGUMENT');
    expect(store.evaluations.list().total).toBe(0);
  });

  it('list newest first, filtered by ruleset and series, paged', async () => {
    for (const [i, series] of ['teacher', 'health', 'teacher'].entries()) {
      await store.evaluations.record({ applicant: { ...APPLICANT, id: `a${i}` }, result: evaluated({ ...APPLICANT, id: `a${i}` }), series, pinned: false }, { actor: 'admin', at: LATER });
    }
    expect(store.evaluations.list().items.map((e) => e.id)).toEqual(['eval-000003', 'eval-000002', 'eval-000001']);
    expect(store.evaluations.list({ series: 'teacher' })).toMatchObject({ total: 2, items: [{ id: 'eval-000003' }, { id: 'eval-000001' }] });
    expect(store.evaluations.list({ offset: 1, limit: 1 })).toMatchObject({ total: 3, items: [{ id: 'eval-000002' }] });
    expect(store.evaluations.list({ rulesetId: 'other' })).toEqual({ total: 0, items: [] });
  });

  it('a store written before evaluations were recorded opens with none', async () => {
    const { tempDataDir } = await import('./support');
    const dir = await tempDataDir();
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(`${dir.path}/db.json`, JSON.stringify({ format: 1, users: [], rulesets: [], runs: [], auditHead: { seq: 0, hash: 'sha256:' + '0'.repeat(64) } }));
      const old = await openStore({ dataDir: dir.path });
      expect(old.evaluations.list()).toEqual({ total: 0, items: [] });
      expect(old.evaluations.get('eval-000001')).toBeUndefined();
      await old.close();
    } finally {
      await dir.remove();
    }
  });
});

describe('blobs read unverified', () => {
  it('hand back altered bytes only when asked; a checked read refuses them', async () => {
    const address = await store.blobs.put('{"score":10}');
    (store.blobs as unknown as { blobs: Map<string, Buffer> }).blobs.set(address, Buffer.from('{"score":99}'));
    expect(await code(store.blobs.get(address))).toBe('BLOB_CORRUPT');
    expect((await store.blobs.get(address, { verify: false })).toString()).toBe('{"score":99}');
  });
});

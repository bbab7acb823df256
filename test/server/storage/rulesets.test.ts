// Ruleset versions in the repository: numbering, stale saves, the lifecycle rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../engine/index';
import { rulesetHash } from '../../../engine/index';
import { isStorageError, openStore, type Store, type StorageErrorCode } from '../../../server/storage/index';

const ROOT = join(import.meta.dirname, '../../..');
const MINI = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mini.json'), 'utf8')) as Ruleset;
const AT = '2025-03-01T08:00:00.000Z';
const LATER = '2025-03-02T08:00:00.000Z';

function edited(title: string): Ruleset {
  return { ...structuredClone(MINI), title: { zh: title } };
}

async function rejects(promise: Promise<unknown>, code: StorageErrorCode) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isStorageError(err, code), `expected ${code}, got ${String(err)}`).toBe(true);
  return err as { code: string; details: Record<string, unknown> };
}

let store: Store;
beforeEach(async () => {
  store = await openStore({ memory: true });
});

async function published(): Promise<void> {
  await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: 'v1', basedOn: null, at: AT });
  await store.rulesets.submit('mini', 1, { actor: 'li', at: AT });
  await store.rulesets.approve('mini', 1, { actor: 'admin', at: AT });
  await store.rulesets.publish('mini', 1, { actor: 'admin', at: AT, effectiveFrom: '2025-04-01' });
}

describe('saving versions', () => {
  it('each save is a new version numbered latest + 1, with author, time, note and the engine hash', async () => {
    const v1 = await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '初稿', basedOn: null, at: AT });
    const v2 = await store.rulesets.saveDraft({ ruleset: edited('第二稿'), author: 'wang', note: '改标题', basedOn: { id: 'mini', version: 1 }, at: LATER });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v2).toMatchObject({ id: 'mini', status: 'draft', author: 'wang', savedAt: LATER, note: '改标题', basedOn: 1, department: 'hrss' });
    expect(v2.hash).toBe(rulesetHash({ ...edited('第二稿'), version: 2 }));
    expect(store.rulesets.versions('mini').map((v) => v.version)).toEqual([1, 2]);
    expect(store.rulesets.latest('mini')?.version).toBe(2);
    // v1 untouched by the second save
    expect(store.rulesets.get('mini', 1)).toEqual(v1);
    const content = await store.rulesets.content('mini', 2);
    expect(content.title.zh).toBe('第二稿');
    expect(content.version).toBe(2);
    expect(content.status).toBe('draft');
    expect(rulesetHash(content)).toBe(v2.hash);
  });

  it('the version number in the submitted file does not matter: the repository assigns it', async () => {
    const v1 = await store.rulesets.saveDraft({ ruleset: { ...MINI, version: 7 }, author: 'li', note: '', basedOn: null, at: AT });
    expect(v1.version).toBe(1);
    expect((await store.rulesets.content('mini', 1)).version).toBe(1);
  });

  it('a save based on a stale version: VERSION_CONFLICT with the latest version, nothing lost', async () => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    await store.rulesets.saveDraft({ ruleset: edited('王的修改'), author: 'wang', note: '', basedOn: { id: 'mini', version: 1 }, at: AT });
    const mine = edited('李的修改');
    const err = await rejects(store.rulesets.saveDraft({ ruleset: mine, author: 'li', note: '', basedOn: { id: 'mini', version: 1 }, at: LATER }), 'VERSION_CONFLICT');
    expect(err.details.latest).toMatchObject({ id: 'mini', version: 2, author: 'wang' });
    expect(err.details.basedOn).toBe(1);
    // the caller's content is kept as a blob the conflict names
    const kept = JSON.parse((await store.blobs.get(err.details.unsaved as string)).toString('utf8'));
    expect(kept.title.zh).toBe('李的修改');
    // and nothing was written over
    expect(store.rulesets.versions('mini').map((v) => v.version)).toEqual([1, 2]);
    expect((await store.rulesets.content('mini', 2)).title.zh).toBe('王的修改');
  });

  it('a fresh save (basedOn null) of an id that exists is a conflict too; basedOn a missing id is NOT_FOUND', async () => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    await rejects(store.rulesets.saveDraft({ ruleset: MINI, author: 'wang', note: '', basedOn: null, at: AT }), 'VERSION_CONFLICT');
    await rejects(store.rulesets.saveDraft({ ruleset: { ...MINI, id: 'other' }, author: 'wang', note: '', basedOn: { id: 'other', version: 1 }, at: AT }), 'NOT_FOUND');
  });

  it('concurrent saves on the same base: exactly one wins', async () => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'c'].map((who) => store.rulesets.saveDraft({ ruleset: edited(who), author: who, note: '', basedOn: { id: 'mini', version: 1 }, at: LATER })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && isStorageError(o.reason, 'VERSION_CONFLICT'))).toHaveLength(2);
  });

  it.each([
    ['no id', { ...MINI, id: '' }, null],
    ['basedOn another id', MINI, { id: 'other', version: 1 }],
  ])('refuses a save with %s (INVALID_ARGUMENT)', async (_name, ruleset, basedOn) => {
    await rejects(store.rulesets.saveDraft({ ruleset: ruleset as Ruleset, author: 'li', note: '', basedOn, at: AT }), 'INVALID_ARGUMENT');
  });

  it('a ruleset id stays in its department', async () => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    const err = await rejects(store.rulesets.saveDraft({ ruleset: { ...MINI, department: 'education' }, author: 'li', note: '', basedOn: { id: 'mini', version: 1 }, at: AT }), 'INVALID_ARGUMENT');
    expect(err.details).toMatchObject({ field: 'department', department: 'hrss' });
  });

  it('refuses a time that is not ISO 8601', async () => {
    await rejects(store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: 'yesterday' }), 'INVALID_ARGUMENT');
  });
});

describe('lifecycle', () => {
  it('draft → submitted → approved → published → retired, each step in the history', async () => {
    await published();
    const retired = await store.rulesets.retire('mini', 1, { actor: 'admin', at: LATER, effectiveTo: '2026-03-31' });
    expect(retired.status).toBe('retired');
    expect(retired).toMatchObject({ effectiveFrom: '2025-04-01', effectiveTo: '2026-03-31', approvals: [{ by: 'admin', at: AT }] });
    expect(retired.history.map((h) => h.action)).toEqual(['save', 'submit', 'approve', 'publish', 'retire']);
    const content = await store.rulesets.content('mini', 1);
    expect(content).toMatchObject({ status: 'retired', effectiveFrom: '2025-04-01', effectiveTo: '2026-03-31' });
  });

  it('the author cannot approve their own version (SELF_APPROVAL)', async () => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    await store.rulesets.submit('mini', 1, { actor: 'li', at: AT });
    const err = await rejects(store.rulesets.approve('mini', 1, { actor: 'li', at: AT }), 'SELF_APPROVAL');
    expect(err.details).toMatchObject({ author: 'li' });
    expect(store.rulesets.get('mini', 1)?.status).toBe('submitted');
  });

  it('reject sends a submitted or approved version back to draft with the reason; approvals are void', async () => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    await store.rulesets.submit('mini', 1, { actor: 'li', at: AT });
    await store.rulesets.approve('mini', 1, { actor: 'admin', at: AT });
    const back = await store.rulesets.reject('mini', 1, { actor: 'admin2', at: LATER, comment: '分值与文件不符' });
    expect(back.status).toBe('draft');
    expect(back.approvals).toEqual([]);
    expect(back.history.at(-1)).toEqual({ action: 'reject', by: 'admin2', at: LATER, comment: '分值与文件不符' });
    await rejects(store.rulesets.reject('mini', 1, { actor: 'admin', at: LATER, comment: '  ' }), 'INVALID_ARGUMENT');
  });

  const STEPS = {
    submit: (s: Store) => s.rulesets.submit('mini', 1, { actor: 'admin', at: LATER }),
    approve: (s: Store) => s.rulesets.approve('mini', 1, { actor: 'admin', at: LATER }),
    reject: (s: Store) => s.rulesets.reject('mini', 1, { actor: 'admin', at: LATER, comment: '退回' }),
    publish: (s: Store) => s.rulesets.publish('mini', 1, { actor: 'admin', at: LATER, effectiveFrom: '2025-05-01' }),
    retire: (s: Store) => s.rulesets.retire('mini', 1, { actor: 'admin', at: LATER }),
  } as const;
  type Step = keyof typeof STEPS;
  const REACH: Record<string, Step[]> = {
    draft: [],
    submitted: ['submit'],
    approved: ['submit', 'approve'],
    published: ['submit', 'approve', 'publish'],
    retired: ['submit', 'approve', 'publish', 'retire'],
  };
  const ALLOWED: Record<string, Step[]> = {
    draft: ['submit'],
    submitted: ['approve', 'reject'],
    approved: ['reject', 'publish'],
    published: ['retire'],
    retired: [],
  };
  const cases = Object.keys(REACH).flatMap((from) =>
    (Object.keys(STEPS) as Step[]).map((step) => {
      const code: StorageErrorCode | 'ok' = ALLOWED[from]!.includes(step) ? 'ok' : from === 'published' || from === 'retired' ? 'IMMUTABLE_VERSION' : 'INVALID_TRANSITION';
      return [from, step, code] as const;
    }),
  );

  it.each(cases)('from %s, %s → %s', async (from, step, code) => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    for (const s of REACH[from]!) await STEPS[s](store);
    const before = store.rulesets.get('mini', 1)!;
    const headBefore = store.audit.head().seq;
    if (code === 'ok') {
      await STEPS[step](store);
      expect(store.audit.head().seq).toBe(headBefore + 1);
      return;
    }
    const err = await rejects(STEPS[step](store), code);
    expect(err.details).toMatchObject({ from, action: step });
    // a refused step changes nothing and logs nothing
    expect(store.rulesets.get('mini', 1)).toEqual(before);
    expect(store.audit.head().seq).toBe(headBefore);
  });

  it('a published version never changes: its content and hash stay, a new save makes v2', async () => {
    await published();
    const v1 = store.rulesets.get('mini', 1)!;
    await rejects(store.rulesets.publish('mini', 1, { actor: 'admin', at: LATER, effectiveFrom: '2030-01-01' }), 'IMMUTABLE_VERSION');
    await rejects(store.rulesets.reject('mini', 1, { actor: 'admin', at: LATER, comment: '撤回' }), 'IMMUTABLE_VERSION');
    const v2 = await store.rulesets.saveDraft({ ruleset: edited('修订'), author: 'li', note: '修订', basedOn: { id: 'mini', version: 1 }, at: LATER });
    expect(v2.version).toBe(2);
    expect(store.rulesets.get('mini', 1)).toEqual(v1);
    expect(rulesetHash(await store.rulesets.content('mini', 1))).toBe(v1.hash);
  });

  it('records handed out are copies: changing one changes nothing stored', async () => {
    const v1 = await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    v1.status = 'published';
    store.rulesets.get('mini', 1)!.status = 'published';
    expect(store.rulesets.get('mini', 1)!.status).toBe('draft');
  });

  it.each([
    ['an impossible date', { effectiveFrom: '2025-02-30' }],
    ['not a date', { effectiveFrom: '下个月' }],
    ['an end before the start', { effectiveFrom: '2025-05-01', effectiveTo: '2025-04-01' }],
  ])('publish refuses %s', async (_name, dates) => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    await store.rulesets.submit('mini', 1, { actor: 'li', at: AT });
    await store.rulesets.approve('mini', 1, { actor: 'admin', at: AT });
    await rejects(store.rulesets.publish('mini', 1, { actor: 'admin', at: AT, ...dates }), 'INVALID_ARGUMENT');
    expect(store.rulesets.get('mini', 1)!.status).toBe('approved');
  });

  it('list gives the latest version of each id, by department', async () => {
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: { id: 'mini', version: 1 }, at: AT });
    await store.rulesets.saveDraft({ ruleset: { ...MINI, id: 'edu', department: 'education' }, author: 'li', note: '', basedOn: null, at: AT });
    expect(store.rulesets.list().map((r) => `${r.id}@${r.version}`)).toEqual(['edu@1', 'mini@2']);
    expect(store.rulesets.list({ department: 'education' }).map((r) => r.id)).toEqual(['edu']);
  });

  it('an unknown version is NOT_FOUND', async () => {
    await rejects(store.rulesets.submit('nope', 1, { actor: 'li', at: AT }), 'NOT_FOUND');
    await rejects(store.rulesets.content('nope', 1), 'NOT_FOUND');
  });
});

// Replay: the stored input against the stored version gives byte-identical output;
// an altered stored result is shown for what it is (not identical, where it departs,
// the replay still matching the hash recorded at the time); a version whose content
// moved under the record is refused with RULESET_CHANGED.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../engine/index';
import { createApp } from '../../../server/http/app';
import { hashPassword } from '../../../server/http/passwords';
import { seedRules } from '../../../server/seed-rules';
import { FileBlobStore } from '../../../server/storage/blob-store';
import { openStore, sha256Address, type Store } from '../../../server/storage/index';
import { tempDataDir } from '../storage/support';
import { AT, COST, PASSWORD, RULES_DIR, setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants } from './runs-support';

async function auditEntries(store: Awaited<ReturnType<typeof setup>>['store']) {
  let text = '';
  for await (const chunk of store.audit.exportJsonl()) text += chunk;
  return text.trim().split('\n').map((l) => JSON.parse(l) as { action: string; actor: string; target: string; details: Record<string, unknown> });
}

describe('replay', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let id: string;
  let answered: Record<string, unknown>;

  beforeAll(async () => {
    ctx = await setup({ seed: true });
    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: healthApplicants(1)[0] });
    id = res.headers['x-evaluation-id'] as string;
    answered = res.body as Record<string, unknown>;
  });

  it('gives byte-identical output, and says so with both result hashes', async () => {
    const res = await ctx.agents.auditor!.post(`/api/v1/evaluations/${id}/replay`).send({});
    expect(res.status).toBe(200);
    const resultHash = sha256Address(canonicalJson(answered));
    expect(res.body).toEqual({
      identical: true,
      intact: true,
      mismatches: [],
      original: { resultHash, recordedHash: resultHash, intact: true },
      replay: { resultHash },
      result: answered,
    });
    expect(canonicalJson(res.body.result)).toBe(canonicalJson(answered));
  });

  it('is audited as evaluation.replay with the outcome', async () => {
    await ctx.agents['health-committee']!.post(`/api/v1/evaluations/${id}/replay`).send({});
    const entry = (await auditEntries(ctx.store)).at(-1)!;
    expect(entry).toMatchObject({ action: 'evaluation.replay', actor: 'health-committee', target: `evaluation:${id}`, details: { identical: true, replay: { resultHash: sha256Address(canonicalJson(answered)) } } });
  });

  it("is refused for another series' committee, for unknown ids and for a body", async () => {
    expect((await ctx.agents['edu-committee']!.post(`/api/v1/evaluations/${id}/replay`).send({})).body.code).toBe('FORBIDDEN');
    expect((await ctx.agents['health-official']!.post(`/api/v1/evaluations/${id}/replay`).send({})).status).toBe(403);
    expect((await ctx.agents.admin!.post('/api/v1/evaluations/eval-000999/replay').send({})).status).toBe(404);
    expect((await ctx.agents.admin!.post(`/api/v1/evaluations/${id}/replay`).send({ force: true })).body.code).toBe('VALIDATION_FAILED');
  });

  it('shows where a tampered stored result departs, while the replay still matches the recorded hash', async () => {
    const record = ctx.store.evaluations.get(id)!;
    const tampered = { ...answered, score: (answered.score as number) + 10 };
    // Someone rewrites the stored result in place (the file keeps its name, its bytes change).
    (ctx.store.blobs as unknown as { blobs: Map<string, Buffer> }).blobs.set(record.result, Buffer.from(canonicalJson(tampered)));

    const res = await ctx.agents.admin!.post(`/api/v1/evaluations/${id}/replay`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      identical: false,
      firstDifference: '/score',
      original: { resultHash: sha256Address(canonicalJson(tampered)), recordedHash: record.result, intact: false },
      replay: { resultHash: record.result },
    });
    expect(res.body.result.score).toBe(answered.score);
    // Reading the record itself refuses the altered file.
    const read = await ctx.agents.admin!.get(`/api/v1/evaluations/${id}`);
    expect(read.status).toBe(500);
    expect(read.body.code).toBe('BLOB_CORRUPT');
    const entry = (await auditEntries(ctx.store)).at(-1)!;
    expect(entry).toMatchObject({ action: 'evaluation.replay', details: { identical: false, firstDifference: '/score', original: { intact: false } } });
  });

  it('names the first difference deep inside the result', async () => {
    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: healthApplicants(2)[1] });
    const second = res.headers['x-evaluation-id'] as string;
    const record = ctx.store.evaluations.get(second)!;
    const tampered = structuredClone(res.body) as { criteria: Array<{ explanation: string }> };
    tampered.criteria[2]!.explanation += '（已核实）';
    (ctx.store.blobs as unknown as { blobs: Map<string, Buffer> }).blobs.set(record.result, Buffer.from(canonicalJson(tampered)));
    const replay = await ctx.agents.auditor!.post(`/api/v1/evaluations/${second}/replay`).send({});
    expect(replay.body).toMatchObject({ identical: false, firstDifference: '/criteria/2/explanation' });
  });
});

describe('replay of a data directory whose stored files were altered on disk', () => {
  const dir = { path: '', remove: async () => undefined as void };
  let store: Store;
  let agent: ReturnType<typeof request.agent>;
  /** The file a blob address names in the data directory (blobs/sha256/<ab>/<hex>). */
  const fileOf = (address: string) => new FileBlobStore(dir.path).pathOf(address);
  const evaluateOne = async (i: number) => {
    const res = await agent.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: healthApplicants(i + 1)[i] });
    expect(res.status).toBe(200);
    return { id: res.headers['x-evaluation-id'] as string, answered: res.body as Record<string, unknown> };
  };

  beforeAll(async () => {
    Object.assign(dir, await tempDataDir());
    store = await openStore({ dataDir: dir.path });
    const app = createApp({ store, config: { scryptCost: COST, now: () => AT, logError: () => undefined } });
    agent = request.agent(app);
    await seedRules(store, RULES_DIR, AT);
    await store.users.create({ username: 'auditor', displayName: '审计', role: 'auditor', passwordHash: await hashPassword(PASSWORD, COST) }, { actor: 'system', at: AT });
    await store.users.create({ username: 'admin', displayName: '管理员', role: 'admin', passwordHash: await hashPassword(PASSWORD, COST) }, { actor: 'system', at: AT });
    await agent.post('/api/v1/auth/login').send({ username: 'admin', password: PASSWORD });
  });
  afterAll(async () => {
    await store.close();
    await dir.remove();
  });

  it('a stored result rewritten on disk: 200, intact false, the result named with both hashes, where it departs, audited', async () => {
    const { id, answered } = await evaluateOne(0);
    const record = store.evaluations.get(id)!;
    const altered = canonicalJson({ ...answered, score: (answered.score as number) + 10 });
    await writeFile(fileOf(record.result), altered);

    const res = await agent.post(`/api/v1/evaluations/${id}/replay`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      identical: false,
      intact: false,
      mismatches: [{ blob: 'result', expected: record.result, actual: sha256Address(altered) }],
      original: { resultHash: sha256Address(altered), recordedHash: record.result, intact: false },
      replay: { resultHash: record.result },
      firstDifference: '/score',
    });
    expect(res.body.result.score).toBe(answered.score);
    const entry = (await auditEntries(store)).at(-1)!;
    expect(entry).toMatchObject({
      action: 'evaluation.replay',
      target: `evaluation:${id}`,
      details: { identical: false, intact: false, mismatches: [{ blob: 'result', expected: record.result, actual: sha256Address(altered) }] },
    });
  });

  it('a stored input that no longer matches its hash: 200, intact false, the input named, nothing replayed, audited', async () => {
    const { id } = await evaluateOne(1);
    const record = store.evaluations.get(id)!;
    const input = JSON.parse(await readFile(fileOf(record.input), 'utf8')) as Record<string, unknown>;
    const altered = canonicalJson({ ...input, grassrootsYears: 30 });
    await writeFile(fileOf(record.input), altered);

    const res = await agent.post(`/api/v1/evaluations/${id}/replay`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      identical: false,
      intact: false,
      mismatches: [{ blob: 'input', expected: record.input, actual: sha256Address(altered) }],
      original: { resultHash: record.result, recordedHash: record.result, intact: true },
      replay: null,
    });
    const entry = (await auditEntries(store)).at(-1)!;
    expect(entry).toMatchObject({ action: 'evaluation.replay', details: { intact: false, replay: null, mismatches: [{ blob: 'input', expected: record.input }] } });
  });

  it('a stored result deleted from disk: named with actual null', async () => {
    const { id } = await evaluateOne(2);
    const record = store.evaluations.get(id)!;
    await rm(fileOf(record.result));
    const res = await agent.post(`/api/v1/evaluations/${id}/replay`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ identical: false, intact: false, mismatches: [{ blob: 'result', expected: record.result, actual: null }], original: { resultHash: null, intact: false }, replay: { resultHash: record.result }, firstDifference: '' });
  });

  it('a rule file of a version the evaluation extends, altered on disk: named with the version, nothing replayed', async () => {
    const { id } = await evaluateOne(3);
    const record = store.evaluations.get(id)!;
    const parent = record.extends[0]!;
    const canonical = await readFile(fileOf(parent.hash), 'utf8');
    const altered = canonical.replace('"title":{', '"title":{"note":"改过",');
    expect(altered).not.toBe(canonical);
    await writeFile(fileOf(parent.hash), altered);
    const res = await agent.post(`/api/v1/evaluations/${id}/replay`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ identical: false, intact: false, replay: null, mismatches: [{ blob: 'ruleset', rulesetId: parent.id, version: parent.version, expected: parent.hash, actual: sha256Address(altered) }] });
    expect(res.body.result).toBeUndefined();
  });
});

describe('replay against a version whose content moved', () => {
  const dir = { path: '', remove: async () => undefined as void };
  afterAll(() => dir.remove());

  it('is refused with RULESET_CHANGED naming the version and both hashes', async () => {
    Object.assign(dir, await tempDataDir());
    const open = async () => {
      const store = await openStore({ dataDir: dir.path });
      const app = createApp({ store, config: { scryptCost: COST, now: () => AT, logError: () => undefined } });
      const agent = request.agent(app);
      return { store, agent };
    };
    let { store, agent } = await open();
    await seedRules(store, RULES_DIR, AT);
    await store.users.create({ username: 'admin', displayName: '管理员', role: 'admin', passwordHash: await hashPassword(PASSWORD, COST) }, { actor: 'system', at: AT });
    await agent.post('/api/v1/auth/login').send({ username: 'admin', password: PASSWORD });
    const evaluated = await agent.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: healthApplicants(1)[0] });
    const id = evaluated.headers['x-evaluation-id'] as string;
    expect((await agent.post(`/api/v1/evaluations/${id}/replay`).send({})).body.identical).toBe(true);
    // A second version with other content; then db.json is edited so that v1 points at it.
    const v1 = (await agent.get(`/api/v1/rulesets/${HEALTH}/versions/1`)).body.ruleset;
    expect((await agent.post(`/api/v1/rulesets/${HEALTH}/versions`).send({ ruleset: { ...v1, title: { zh: '改动后的规则' } }, basedOn: 1 })).status).toBe(201);
    await store.close();
    const path = join(dir.path, 'db.json');
    const db = JSON.parse(await readFile(path, 'utf8')) as { rulesets: Array<{ id: string; version: number; hash: string; document?: string }> };
    const [was, moved] = [db.rulesets.find((r) => r.id === HEALTH && r.version === 1)!, db.rulesets.find((r) => r.id === HEALTH && r.version === 2)!];
    const original = was.hash;
    Object.assign(was, { hash: moved.hash, document: moved.document });
    await writeFile(path, JSON.stringify(db));

    ({ store, agent } = await open());
    await agent.post('/api/v1/auth/login').send({ username: 'admin', password: PASSWORD });
    const res = await agent.post(`/api/v1/evaluations/${id}/replay`).send({});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'RULESET_CHANGED', details: { evaluation: id, rulesetId: HEALTH, version: 1, expected: original, actual: moved.hash, text: { zh: expect.stringContaining('无法重放'), en: expect.any(String) } } });
    await store.close();
  });
});

// Every POST /evaluations is stored: the answer stays the engine's result, the
// headers say where the record is; records are listed (committee members: their own
// series) and read back with the result exactly as it was answered.
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalApplicant, canonicalJson } from '../../../engine/index';
import { openRuleset } from '../../../server/rules/open-ruleset';
import { sha256Address } from '../../../server/storage/index';
import { AT, RULES_DIR, setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants } from './runs-support';

const TEACHER = 'teacher-deputy-senior';

describe('stored evaluations', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  const applicants = healthApplicants(3);
  let first: { id: string; body: Record<string, unknown> };

  beforeAll(async () => {
    ctx = await setup({ seed: true });
    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: applicants[0] });
    expect(res.status).toBe(200);
    first = { id: res.headers['x-evaluation-id'] as string, body: res.body as Record<string, unknown> };
    await ctx.agents.admin!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, version: 1, asOf: AS_OF, applicant: applicants[1] });
    await ctx.agents.admin!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: applicants[2] });
  });

  it('answer the engine result, with Location and X-Evaluation-Id naming the record', async () => {
    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: applicants[0] });
    expect(res.status).toBe(200);
    expect(res.headers['x-evaluation-id']).toBe('eval-000004');
    expect(res.headers.location).toBe('/api/v1/evaluations/eval-000004');
    expect(res.body).toEqual(first.body); // same input, same version: the same result, record or not
    expect(first.id).toBe('eval-000001');
    expect(Object.keys(res.body)).toContain('inputHash');
    expect(res.body).not.toHaveProperty('record');
  });

  it('are not made for refused evaluations', async () => {
    const before = ctx.store.evaluations.list().total;
    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: { ...applicants[0], grassrootsYears: 'many' } });
    expect(res.status).toBe(422);
    expect(res.headers['x-evaluation-id']).toBeUndefined();
    expect(ctx.store.evaluations.list().total).toBe(before);
  });

  it('read back as { record, result }: the result byte for byte as answered, the input by its hash', async () => {
    const res = await ctx.agents.auditor!.get(`/api/v1/evaluations/${first.id}`);
    expect(res.status).toBe(200);
    const { record, result } = res.body;
    expect(canonicalJson(result)).toBe(canonicalJson(first.body));
    expect(record).toMatchObject({
      id: 'eval-000001',
      rulesetId: HEALTH,
      version: 1,
      rulesetHash: ctx.store.rulesets.get(HEALTH, 1)!.hash,
      extends: [{ id: 'bz-common', version: 1, hash: ctx.store.rulesets.get('bz-common', 1)!.hash }],
      series: 'health',
      asOf: AS_OF,
      pinned: false,
      inputHash: first.body.inputHash,
      applicantId: applicants[0]!.id,
      input: first.body.inputHash,
      result: sha256Address(canonicalJson(first.body)),
      outcome: { eligible: first.body.eligible, vetoed: first.body.vetoed, score: first.body.score, passed: first.body.passed },
      by: 'health-committee',
      at: AT,
    });
    // The applicant as evaluated: its canonical form (an optional list left out is []).
    expect(JSON.parse((await ctx.store.blobs.get(record.input)).toString('utf8'))).toEqual(canonicalApplicant(applicants[0]!, (await openRuleset(`${RULES_DIR}/health/${HEALTH}/v1.json`)).resolved.facts));
  });

  it('list newest first for administrators and auditors, paged and filtered by ruleset', async () => {
    const all = await ctx.agents.auditor!.get('/api/v1/evaluations');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, offset: 0, limit: 50 });
    expect(all.body.evaluations.map((e: { id: string }) => e.id)).toEqual(['eval-000004', 'eval-000003', 'eval-000002', 'eval-000001']);
    expect(all.body.evaluations[2]).toMatchObject({ by: 'admin', pinned: true });
    const page = await ctx.agents.admin!.get('/api/v1/evaluations?offset=1&limit=2');
    expect(page.body).toMatchObject({ total: 4, offset: 1, limit: 2, evaluations: [{ id: 'eval-000003' }, { id: 'eval-000002' }] });
    expect((await ctx.agents.admin!.get(`/api/v1/evaluations?rulesetId=${TEACHER}`)).body).toMatchObject({ total: 0, evaluations: [] });
    const bad = await ctx.agents.admin!.get('/api/v1/evaluations?limit=0&page=2');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it("show committee members their own series only, and refuse another series' record", async () => {
    const own = await ctx.agents['health-committee']!.get('/api/v1/evaluations');
    expect(own.body.total).toBe(4);
    const other = await ctx.agents['edu-committee']!.get('/api/v1/evaluations');
    expect(other.body).toMatchObject({ total: 0, evaluations: [] });
    const refused = await ctx.agents['edu-committee']!.get(`/api/v1/evaluations/${first.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await ctx.agents['health-official']!.get('/api/v1/evaluations')).status).toBe(403);
  });

  it('answer NOT_FOUND for an unknown id and VALIDATION_FAILED for a malformed one', async () => {
    const missing = await ctx.agents.admin!.get('/api/v1/evaluations/eval-999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', details: { id: 'eval-999999', text: { zh: expect.any(String), en: expect.any(String) } } });
    expect((await ctx.agents.admin!.get('/api/v1/evaluations/run-000001')).body.code).toBe('VALIDATION_FAILED');
  });

  it('are audited once each, as evaluation.run naming the record and the input hash', async () => {
    let text = '';
    for await (const chunk of ctx.store.audit.exportJsonl()) text += chunk;
    const runs = text.trim().split('\n').map((l) => JSON.parse(l) as { action: string; details: Record<string, unknown> }).filter((e) => e.action === 'evaluation.run');
    expect(runs.map((e) => e.details.evaluation)).toEqual(['eval-000001', 'eval-000002', 'eval-000003', 'eval-000004']);
    expect(runs[0]!.details).toMatchObject({ inputHash: first.body.inputHash, asOf: AS_OF, pinned: false });
    expect(text).not.toContain(String(applicants[0]!.name));
  });
});

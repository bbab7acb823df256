import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Applicant } from '../../../engine/index';
import { setup } from './helpers';

interface Named {
  rulesetId: string;
  asOf: string;
  expect: { eligible: boolean; vetoed: boolean; passed: boolean; score: number };
  applicant: Applicant;
}
const named = JSON.parse(readFileSync(new URL('../../../rules/samples/named/health.json', import.meta.url), 'utf8')) as Named[];

async function exportLog(ctx: Awaited<ReturnType<typeof setup>>) {
  const res = await ctx.agents.auditor!.get('/api/v1/audit/export').buffer(true).parse((r, done) => {
    let text = '';
    r.on('data', (c: Buffer) => (text += c.toString('utf8')));
    r.on('end', () => done(null, text));
  });
  return { res, entries: (res.body as string).trim().split('\n').map((line) => JSON.parse(line) as { seq: number; action: string; actor: string; details: Record<string, unknown> }) };
}

describe('evaluations', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
  });

  it.each(named.map((n, i) => ({ ...n, i })))('named health case $i ($rulesetId) gives the expected outcome', async ({ rulesetId, asOf, applicant, expect: outcome }) => {
    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId, asOf, applicant });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...outcome, asOf, ruleset: { id: rulesetId, version: 1 } });
    expect(res.body.score).toBe(outcome.score);
  });

  it('resolves the version in force on asOf, or the pinned one', async () => {
    const { rulesetId, applicant } = named[0]!;
    const admin = ctx.agents.admin!;
    const v1 = (await admin.get(`/api/v1/rulesets/${rulesetId}/versions/1`)).body.ruleset;
    const saved = await ctx.agents['health-official']!.post(`/api/v1/rulesets/${rulesetId}/versions`).send({ ruleset: { ...v1, title: { ...v1.title, zh: v1.title.zh + '（2025）' } }, basedOn: 1 });
    expect(saved.status).toBe(201);
    await ctx.agents['health-official']!.post(`/api/v1/rulesets/${rulesetId}/versions/2/submit`).send({});
    await admin.post(`/api/v1/rulesets/${rulesetId}/versions/2/approve`).send({});
    await admin.post(`/api/v1/rulesets/${rulesetId}/versions/2/publish`).send({ effectiveFrom: '2025-01-01' });

    const before = await admin.post('/api/v1/evaluations').send({ rulesetId, asOf: '2024-12-31', applicant });
    expect(before.body.ruleset).toMatchObject({ id: rulesetId, version: 1 });
    const after = await admin.post('/api/v1/evaluations').send({ rulesetId, asOf: '2025-03-01', applicant });
    expect(after.body.ruleset).toMatchObject({ id: rulesetId, version: 2 });
    const pinned = await admin.post('/api/v1/evaluations').send({ rulesetId, version: 1, asOf: '2025-03-01', applicant });
    expect(pinned.body.ruleset).toMatchObject({ id: rulesetId, version: 1 });
    const none = await admin.post('/api/v1/evaluations').send({ rulesetId, asOf: '2020-01-01', applicant });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('NO_VERSION_IN_FORCE');
    expect((await admin.post('/api/v1/evaluations').send({ rulesetId, version: 7, asOf: '2025-03-01', applicant })).body.code).toBe('NOT_FOUND');

    // a draft: administrators may try it, committee members may not
    await ctx.agents['health-official']!.post(`/api/v1/rulesets/${rulesetId}/versions`).send({ ruleset: v1, basedOn: 2 });
    expect((await admin.post('/api/v1/evaluations').send({ rulesetId, version: 3, asOf: '2025-03-01', applicant })).status).toBe(200);
    const draft = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId, version: 3, asOf: '2025-03-01', applicant });
    expect(draft.status).toBe(409);
    expect(draft.body).toMatchObject({ code: 'VERSION_NOT_PUBLISHED', details: { status: 'draft' } });
  });

  it('answers an invalid applicant with field-level issues', async () => {
    const { rulesetId, asOf, applicant } = named[0]!;
    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId, asOf, applicant: { ...applicant, grassrootsYears: 'many' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('APPLICANT_INVALID');
    expect(res.body.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'grassrootsYears', pointer: '/grassrootsYears' })]));
  });

  it('refuses an applicant nested too deep or with too long a list (APPLICANT_TOO_LARGE), naming the limit and where', async () => {
    const { rulesetId, asOf, applicant } = named[0]!;
    // 100,000 levels, written by hand (JSON.stringify itself overflows long before): the recursive steps after validation would overflow the stack.
    const depth = 100_000;
    const body = JSON.stringify({ rulesetId, asOf, applicant: { ...applicant, notes: 0 } }).replace('"notes":0', `"notes":${'['.repeat(depth)}1${']'.repeat(depth)}`);
    const tooDeep = await ctx.agents['health-committee']!.post('/api/v1/evaluations').set('Content-Type', 'application/json').send(body);
    expect(tooDeep.status).toBe(413);
    expect(tooDeep.body.code).toBe('APPLICANT_TOO_LARGE');
    expect(tooDeep.body.details.issues[0]).toMatchObject({ limit: 'depth', max: 32, field: 'notes' });
    expect(tooDeep.body.details.issues[0].pointer).toMatch(/^\/applicant\/notes(\/0)+$/);
    const long = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId, asOf, applicant: { ...applicant, papers: Array.from({ length: 10_001 }, () => 0) } });
    expect(long.status).toBe(413);
    expect(long.body.details.issues[0]).toMatchObject({ limit: 'arrayLength', max: 10_000, found: 10_001, pointer: '/applicant/papers' });
    expect(long.body.details.issues[0].message.zh).toContain('10000');
    // Nothing was evaluated or stored for either.
    expect(tooDeep.headers['x-evaluation-id']).toBeUndefined();
  });

  it('validates the request body at the edge', async () => {
    const { rulesetId, applicant } = named[0]!;
    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId, asOf: '2024-13-01', applicant, extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['', '/asOf']);
  });

  it("refuses a committee member another series' ruleset", async () => {
    const { rulesetId, asOf, applicant } = named[0]!;
    const res = await ctx.agents['edu-committee']!.post('/api/v1/evaluations').send({ rulesetId, asOf, applicant });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('audits each evaluation with the input hash, not the applicant', async () => {
    const { entries, res } = await exportLog(ctx);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const runs = entries.filter((e) => e.action === 'evaluation.run');
    expect(runs.length).toBeGreaterThanOrEqual(named.length + 3);
    expect(runs[0]).toMatchObject({ actor: 'health-committee', details: { inputHash: expect.stringMatching(/^sha256:/), asOf: '2024-09-30' } });
    expect(JSON.stringify(runs)).not.toContain(named[0]!.applicant.name as string);
  });
});

describe('audit', () => {
  it('verifies the chain and exports it as JSONL, itself audited', async () => {
    const ctx = await setup({ seed: true });
    const verify = await ctx.agents.auditor!.get('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    const head = ctx.store.audit.head();
    expect(verify.body).toEqual({ ok: true, entries: head.seq, head: { seq: head.seq, hash: head.hash } });
    const { entries } = await exportLog(ctx);
    expect(entries.at(-1)).toMatchObject({ action: 'audit.export', actor: 'auditor' });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  });
});

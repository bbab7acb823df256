// /sessions: a review session is set up from a completed batch run — its series and
// level from the ruleset, the applicants recommended within their unit's quota as
// candidates (in the run's order), the quota rows kept as they were. Refused for a
// run that has not completed, a run with nobody recommended, a second session of
// one run, and a committee member of another series.
import { beforeAll, describe, expect, it } from 'vitest';
import { AT, setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants, runJson } from './runs-support';

type Ctx = Awaited<ReturnType<typeof setup>>;
const ACT = { actor: 'admin', at: AT };
const UNITS = ['轮台县人民医院', '轮台县人民医院', '轮台县人民医院', '库尔勒市第二人民医院', '库尔勒市第二人民医院', '和静县人民医院'];

/** Eight shipped health applicants spread over three units (the last two keep their own). */
const applicants = () => healthApplicants(8, (a, i) => (i < UNITS.length ? { ...a, unitName: UNITS[i] } : a));

describe('review sessions', () => {
  let ctx: Ctx;
  let runId: string;
  let recommended: Array<{ applicantId: string; name: string; unit: string; rank: number; score: number }>;

  beforeAll(async () => {
    ctx = await setup({ seed: true });
    runId = (await runJson(ctx.agents.admin!, applicants())).id;
  });

  it('refuses a run with nobody recommended: no quota for the series and level yet', async () => {
    const res = await ctx.agents.admin!.post('/api/v1/sessions').send({ runId });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason: 'NO_RECOMMENDED', runId, series: 'health', level: 'deputy-senior', posts: 0 } });
    expect(res.body.details.text.zh).toContain('没有核定的定向岗位职数');
  });

  it('creates a session: the recommended applicants in ranking order, the quota rows, a default title; audited', async () => {
    await ctx.store.quotas.putMany(
      [
        { unit: '轮台县人民医院', series: 'health', level: 'deputy-senior', posts: 2 },
        { unit: '库尔勒市第二人民医院', series: 'health', level: 'deputy-senior', posts: 1 },
        { unit: '和静县人民医院', series: 'health', level: 'deputy-senior', posts: 0 },
        { unit: '轮台县人民医院', series: 'teacher', level: 'deputy-senior', posts: 9 },
      ],
      { ...ACT, source: 'test' },
    );
    const ranked = await ctx.agents.admin!.get(`/api/v1/runs/${runId}/results?limit=50`);
    recommended = ranked.body.rows.filter((r: { quota: { recommended: boolean } }) => r.quota.recommended).map(({ applicantId, name, unit, rank, score }: Record<string, unknown>) => ({ applicantId, name, unit, rank, score }));
    expect(recommended.length).toBeGreaterThan(0);
    expect(recommended.length).toBeLessThanOrEqual(3);

    const res = await ctx.agents.admin!.post('/api/v1/sessions').send({ runId });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/sessions/session-0001');
    expect(res.body.session).toMatchObject({
      id: 'session-0001',
      title: '2024年度卫生副高级双定向评审会',
      series: 'health',
      level: 'deputy-senior',
      year: 2024,
      runId,
      rulesetId: HEALTH,
      version: 1,
      asOf: AS_OF,
      committeeKind: 'series',
      status: 'preparing',
      createdBy: 'admin',
    });
    expect(res.body.session.candidates).toEqual(recommended);
    expect(res.body.session.quotas).toEqual([
      { unit: '轮台县人民医院', posts: 2 },
      { unit: '库尔勒市第二人民医院', posts: 1 },
      { unit: '和静县人民医院', posts: 0 },
    ]);
    const entry = (await ctx.agents.auditor!.get('/api/v1/audit/entries?action=session.create')).body.entries[0];
    expect(entry).toMatchObject({ actor: 'admin', target: 'session:session-0001', details: { runId, candidates: recommended.map((c) => c.applicantId), ruleset: `${HEALTH}@1` } });
  });

  it('keeps the quota snapshot when the quota table changes later', async () => {
    await ctx.store.quotas.put({ unit: '轮台县人民医院', series: 'health', level: 'deputy-senior', posts: 0 }, ACT);
    const res = await ctx.agents.auditor!.get('/api/v1/sessions/session-0001');
    expect(res.body.session.quotas[0]).toEqual({ unit: '轮台县人民医院', posts: 2 });
    expect(res.body.session.candidates).toEqual(recommended);
    await ctx.store.quotas.put({ unit: '轮台县人民医院', series: 'health', level: 'deputy-senior', posts: 2 }, ACT);
  });

  it('refuses a second session of the same run, naming the first', async () => {
    const res = await ctx.agents.admin!.post('/api/v1/sessions').send({ runId, title: '再来一次' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason: 'RUN_HAS_SESSION', sessionId: 'session-0001' } });
  });

  it("lets the series' committee create a specialty session with its own title; another series' committee is refused", async () => {
    const second = await runJson(ctx.agents['health-committee']!, applicants());
    const other = await ctx.agents['edu-committee']!.post('/api/v1/sessions').send({ runId: second.id });
    expect(other.status).toBe(403);
    const res = await ctx.agents['health-committee']!.post('/api/v1/sessions').send({ runId: second.id, committeeKind: 'specialty', title: '  卫生系列专业评审组  ' });
    expect(res.status).toBe(201);
    expect(res.body.session).toMatchObject({ id: 'session-0002', committeeKind: 'specialty', title: '卫生系列专业评审组', createdBy: 'health-committee' });
  });

  it('refuses a run that has not completed, an unknown run and a bad body', async () => {
    // A run recorded as running that no process carries out is closed as failed on first sight.
    const version = ctx.store.rulesets.get(HEALTH, 1)!;
    const stuck = await ctx.store.runs.start({ rulesetId: HEALTH, version: 1, asOf: AS_OF, input: { hash: version.hash, name: 'x.json' } }, ACT);
    const res = await ctx.agents.admin!.post('/api/v1/sessions').send({ runId: stuck.id });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'RUN_NOT_FINISHED', details: { status: 'failed' } });
    expect((await ctx.agents.admin!.post('/api/v1/sessions').send({ runId: 'run-999999' })).status).toBe(404);
    const bad = await ctx.agents.admin!.post('/api/v1/sessions').send({ runId, committeeKind: 'county' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('lists newest first; committee members see their own series only; officials none', async () => {
    const all = await ctx.agents.auditor!.get('/api/v1/sessions');
    expect(all.status).toBe(200);
    expect(all.body.sessions.map((s: { id: string }) => s.id)).toEqual(['session-0002', 'session-0001']);
    expect((await ctx.agents['health-committee']!.get('/api/v1/sessions')).body.sessions).toHaveLength(2);
    expect((await ctx.agents['edu-committee']!.get('/api/v1/sessions')).body.sessions).toEqual([]);
    expect((await ctx.agents['edu-committee']!.get('/api/v1/sessions/session-0001')).status).toBe(403);
    expect((await ctx.agents['health-official']!.get('/api/v1/sessions')).status).toBe(403);
    expect((await ctx.agents.admin!.get('/api/v1/sessions/session-0099')).status).toBe(404);
  });
});

// Impact analysis: a run's applicants against a draft with one threshold changed
// (the tenure bracket "5 years: 10 points" moved to 6 years): exactly the
// applicants with 5 years in post change, by -4 points each.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../engine/index';
import { setup } from './helpers';
import { readFileSync } from 'node:fs';
import { AS_OF, HEALTH, SAMPLES_DIR, healthApplicants, runJson, upload, waitForRun } from './runs-support';

describe('POST /runs/:id/impact', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let runId: string;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    // With asOf 2024-09-30: 2019-06-01 is 5 years in post, 2017-06-01 is 7.
    const applicants = healthApplicants(10, (a, i) => ({ ...a, degree: 'bachelor', currentTitleDate: i === 1 || i === 4 ? '2019-06-01' : '2017-06-01' }));
    runId = (await runJson(ctx.agents['health-committee']!, applicants)).id;
    const v1 = (await ctx.agents.admin!.get(`/api/v1/rulesets/${HEALTH}/versions/1`)).body.ruleset as Ruleset;
    const draft = structuredClone(v1);
    const tenure = draft.scoring!.categories.find((c) => c.id === 'tenure')!.items[0] as { brackets: Array<{ min: number; points: number }> };
    tenure.brackets.find((b) => b.min === 5)!.min = 6;
    const saved = await ctx.agents['health-official']!.post(`/api/v1/rulesets/${HEALTH}/versions`).send({ ruleset: draft, basedOn: 1 });
    expect(saved.status).toBe(201);
  });

  it('lists exactly who changes, with before/after and the delta; audited as run.impact', async () => {
    const base = (await ctx.agents.admin!.get(`/api/v1/runs/${runId}/results?limit=500`)).body.rows as Array<{ applicantId: string; score: number; eligible: boolean; passed: boolean; name: string }>;
    const res = await ctx.agents.admin!.post(`/api/v1/runs/${runId}/impact`).send({ version: 2 });
    expect(res.status).toBe(200);
    const v1 = ctx.store.rulesets.get(HEALTH, 1)!;
    const v2 = ctx.store.rulesets.get(HEALTH, 2)!;
    expect(res.body.base).toEqual({ version: 1, hash: v1.hash });
    expect(res.body.target).toEqual({ version: 2, hash: v2.hash });
    const before = (id: string) => base.find((r) => r.applicantId === id)!;
    // Both have 64 points under v1 and keep passing at exactly the pass mark (60) under the draft.
    const expected = ['A02', 'A05'].map((id) => ({ applicantId: id, name: before(id).name, eligible: [true, true], passed: [true, true], score: [64, 60], delta: -4 }));
    expect(res.body.changes).toEqual(expected);
    expect(res.body.counts).toEqual({ total: 10, becameEligible: 0, becameIneligible: 0, passedChanged: 0, scoreChanged: 2, refused: 0 });
    expect(res.body.invalid).toEqual([]);

    const same = await ctx.agents.admin!.post(`/api/v1/runs/${runId}/impact`).send({ version: 1 });
    expect(same.body).toMatchObject({ counts: { total: 10, scoreChanged: 0 }, changes: [] });

    const log = await ctx.agents.auditor!.get('/api/v1/audit/export').buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => done(null, text));
    });
    const entry = (log.body as string).trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.action === 'run.impact');
    expect(entry).toMatchObject({ actor: 'admin', target: `run:${runId}`, details: { base: { version: 1 }, target: { version: 2 }, counts: { scoreChanged: 2 } } });
  });

  it('committee members compare only with published or retired versions; auditors not at all', async () => {
    const draft = await ctx.agents['health-committee']!.post(`/api/v1/runs/${runId}/impact`).send({ version: 2 });
    expect(draft.status).toBe(409);
    expect(draft.body).toMatchObject({ code: 'VERSION_NOT_PUBLISHED', details: { status: 'draft' } });
    expect((await ctx.agents['health-committee']!.post(`/api/v1/runs/${runId}/impact`).send({ version: 1 })).status).toBe(200);
    expect((await ctx.agents.auditor!.post(`/api/v1/runs/${runId}/impact`).send({ version: 1 })).status).toBe(403);
    expect((await ctx.agents.admin!.post(`/api/v1/runs/${runId}/impact`).send({ version: 9 })).body.code).toBe('NOT_FOUND');
  });
});

// A version that requires a fact no existing file has (a column the .xlsx lacks) used
// to fail the whole analysis with UPLOAD_UNREADABLE; every applicant is refused by it
// instead, each named with the missing field.
describe('POST /runs/:id/impact with a new required fact', () => {
  it('reports every applicant of the run as refused by the new version, not UPLOAD_UNREADABLE', async () => {
    const ctx = await setup({ seed: true });
    const committee = ctx.agents['health-committee']!;
    const uploaded = await upload(committee, 'health.xlsx', readFileSync(`${SAMPLES_DIR}health-deputy-senior.xlsx`));
    expect(uploaded.status).toBe(201);
    const started = await committee.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: uploaded.body.hash });
    expect(started.status).toBe(202);
    const run = await waitForRun(committee, started.body.run.id);
    expect(run).toMatchObject({ status: 'completed', summary: { evaluated: 200 } });

    const v1 = (await ctx.agents.admin!.get(`/api/v1/rulesets/${HEALTH}/versions/1`)).body.ruleset as Ruleset;
    const draft = structuredClone(v1);
    draft.facts.push({ id: 'regionalAwards', label: { zh: '获得自治区级以上科技奖励', en: 'Regional science awards' }, type: 'integer', unit: { zh: '项' }, min: 0, required: true });
    expect((await ctx.agents['health-official']!.post(`/api/v1/rulesets/${HEALTH}/versions`).send({ ruleset: draft, basedOn: 1 })).status).toBe(201);

    const res = await ctx.agents.admin!.post(`/api/v1/runs/${run.id}/impact`).send({ version: 2 });
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ total: 0, becameEligible: 0, becameIneligible: 0, passedChanged: 0, scoreChanged: 0, refused: 200 });
    expect(res.body.changes).toEqual([]);
    expect(res.body.invalid).toHaveLength(200);
    expect(res.body.invalid[0]).toMatchObject({ row: 2, field: 'regionalAwards', code: 'APPLICANT_INVALID', message: { zh: expect.stringContaining('缺少必填字段「获得自治区级以上科技奖励」') } });

    // A check of the same file against the new version still refuses the file at once, naming the column.
    const check = await ctx.agents.admin!.post('/api/v1/runs/check').send({ rulesetId: HEALTH, version: 2, asOf: AS_OF, upload: uploaded.body.hash });
    expect(check.body).toMatchObject({ code: 'UPLOAD_UNREADABLE', details: { text: { zh: expect.stringContaining('「获得自治区级以上科技奖励」列缺失') } } });
  });
});

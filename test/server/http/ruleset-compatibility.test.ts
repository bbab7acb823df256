// POST /rulesets/:id/compatibility: a draft's breaking changes against the version in
// force, each counted over the applicants of the ruleset's latest completed run (a
// real stored run of the shipped 200-applicant .xlsx), in words; only counts leave.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Applicant, Ruleset } from '../../../engine/index';
import { setup } from './helpers';
import { AS_OF, HEALTH, SAMPLES_DIR, healthApplicants, runJson, upload, waitForRun } from './runs-support';

const AWARD = { id: 'regionalAwards', label: { zh: '获得自治区级以上科技奖励', en: 'Regional science awards' }, type: 'integer' as const, unit: { zh: '项' }, min: 0 };
const sample = JSON.parse(readFileSync(`${SAMPLES_DIR}health-deputy-senior.json`, 'utf8')) as Applicant[];
const count = (test: (a: Applicant) => boolean) => sample.filter(test).length;
const filled = (fact: string) => count((a) => a[fact] !== undefined && a[fact] !== null);

describe('POST /rulesets/:id/compatibility', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let v1: Ruleset;
  let runId: string;
  const check = (ruleset: Ruleset, who = 'health-official') => ctx.agents[who]!.post(`/api/v1/rulesets/${HEALTH}/compatibility`).send({ ruleset });

  /** v1 with a change made: the draft the editor would save. */
  const draft = (edit: (r: Ruleset) => void): Ruleset => {
    const next = structuredClone(v1);
    next.version = 2;
    next.status = 'draft';
    edit(next);
    return next;
  };
  const fact = (r: Ruleset, id: string) => r.facts.find((f) => f.id === id)!;

  beforeAll(async () => {
    ctx = await setup({ seed: true });
    v1 = (await ctx.agents.admin!.get(`/api/v1/rulesets/${HEALTH}/versions/1`)).body.ruleset as Ruleset;
  });

  it('without a run: the changes against the version in force, in words, nobody counted', async () => {
    const res = await check(draft((r) => r.facts.push({ ...AWARD, required: true })));
    expect(res.status).toBe(200);
    expect(res.body.base).toEqual({ version: 1, hash: ctx.store.rulesets.get(HEALTH, 1)!.hash, effectiveFrom: '2024-08-20', inForce: true });
    expect(res.body.run).toBeNull();
    expect(res.body.changes).toEqual([
      expect.objectContaining({ kind: 'required-added', effect: 'refused', fact: 'regionalAwards', affected: null, impact: null, message: expect.objectContaining({ zh: expect.stringContaining('新增必填申报字段「获得自治区级以上科技奖励」') }) }),
    ]);
    // The same content unchanged breaks nothing.
    expect((await check(draft(() => undefined))).body.changes).toEqual([]);
  });

  it("counts each change over the latest run's 200 applicants (.xlsx: labels are the column headers)", async () => {
    const committee = ctx.agents['health-committee']!;
    const uploaded = await upload(committee, 'health.xlsx', readFileSync(`${SAMPLES_DIR}health-deputy-senior.xlsx`));
    const started = await committee.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: uploaded.body.hash });
    const run = await waitForRun(committee, started.body.run.id);
    expect(run).toMatchObject({ status: 'completed', summary: { evaluated: 200 } });
    runId = run.id;

    const res = await check(
      draft((r) => {
        r.facts.push({ ...AWARD, required: true });
        fact(r, 'caseReports').min = 3;
        fact(r, 'profession').options = fact(r, 'profession').options!.filter((o) => o.value !== 'pharmacist');
        fact(r, 'familyDoctor').label = { zh: '参加家庭医生签约服务' };
        r.facts = r.facts.filter((f) => f.id !== 'keySpecialty');
        const performance = r.scoring!.categories.find((c) => c.id === 'performance')!;
        performance.items = performance.items.filter((i) => i.id !== 'keySpecialtyPoints');
        delete r.tests;
      }),
    );
    expect(res.status).toBe(200);
    const byFact = Object.fromEntries((res.body.changes as Array<{ fact: string; kind: string; affected: number; impact: { zh: string } }>).map((c) => [`${c.kind}:${c.fact}`, c]));
    expect(Object.keys(byFact).sort()).toEqual(['label-changed:familyDoctor', 'option-removed:profession', 'range-narrowed:caseReports', 'removed:keySpecialty', 'required-added:regionalAwards']);

    expect(byFact['required-added:regionalAwards']).toMatchObject({ affected: 200, impact: { zh: '最近一次批量评审的 200 名申报人将全部因缺少「获得自治区级以上科技奖励」被拒绝', en: 'All 200 applicants of the latest batch run would be refused: "Regional science awards" is missing' } });
    const low = count((a) => (a.caseReports as number) < 3);
    expect(low).toBeGreaterThan(0);
    expect(byFact['range-narrowed:caseReports']).toMatchObject({ affected: low, impact: { zh: `最近一次批量评审的 200 名申报人中，${low} 名将因「代表性病案或专业技术报告」超出新的范围被拒绝` } });
    const pharmacists = count((a) => a.profession === 'pharmacist');
    expect(byFact['option-removed:profession']).toMatchObject({ affected: pharmacists, impact: { zh: `最近一次批量评审的 200 名申报人中，${pharmacists} 名将因「专业类别」填写了已删除的选项被拒绝` } });
    // Nobody is refused for these two; what they filled in is dropped without a word.
    expect(byFact['removed:keySpecialty']).toMatchObject({ effect: 'ignored', affected: filled('keySpecialty'), impact: { zh: `最近一次批量评审的 200 名申报人中，${filled('keySpecialty')} 名填写了「参与重点专科建设」，这些内容将不再读取` } });
    expect(byFact['label-changed:familyDoctor']).toMatchObject({ effect: 'ignored', affected: filled('familyDoctor') });

    expect(res.body.run).toMatchObject({ id: runId, version: 1, asOf: AS_OF, file: 'health.xlsx', applicants: 200, refused: 200 });
    expect(res.body.run.reasons).toEqual([
      { field: 'regionalAwards', label: AWARD.label, count: 200, example: { zh: '缺少必填字段「获得自治区级以上科技奖励」', en: 'Required field "Regional science awards" is missing' } },
      ...[
        { field: 'profession', label: { zh: '专业类别', en: expect.any(String) }, count: pharmacists, example: expect.any(Object) },
        { field: 'caseReports', label: { zh: '代表性病案或专业技术报告', en: expect.any(String) }, count: low, example: expect.any(Object) },
      ].sort((a, b) => b.count - a.count),
    ]);
    // No applicant is named: officials do not read runs.
    expect(JSON.stringify(res.body)).not.toContain(sample[0]!.name as string);

    // Made optional (the usual fix), the new fact refuses nobody; the others still do.
    const fixed = await check(draft((r) => {
      r.facts.push(AWARD);
      fact(r, 'caseReports').min = 3;
    }));
    expect(fixed.body.changes).toEqual([expect.objectContaining({ kind: 'range-narrowed', affected: low })]);
    expect(fixed.body.run).toMatchObject({ applicants: 200, refused: low });
  });

  it('a JSON file names facts by id: a renamed label affects nobody there, a new required key everybody', async () => {
    await runJson(ctx.agents['health-committee']!, healthApplicants(10));
    const res = await check(draft((r) => {
      r.facts.push({ ...AWARD, required: true });
      fact(r, 'familyDoctor').label = { zh: '参加家庭医生签约服务' };
    }));
    expect(res.body.run).toMatchObject({ file: 'applicants.json', applicants: 10, refused: 10 });
    expect(res.body.changes.map((c: { kind: string; affected: number }) => [c.kind, c.affected])).toEqual(expect.arrayContaining([['required-added', 10], ['label-changed', 0]]));
  });

  it('refuses other departments, a mismatched id, an unknown ruleset and invalid content', async () => {
    const same = draft(() => undefined);
    expect((await check(same, 'edu-official')).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await check(same, 'admin')).status).toBe(200);
    expect((await ctx.agents.admin!.post('/api/v1/rulesets/nothing-here/compatibility').send({ ruleset: { ...same, id: 'nothing-here' } })).body.code).toBe('NOT_FOUND');
    expect((await ctx.agents.admin!.post(`/api/v1/rulesets/${HEALTH}/compatibility`).send({ ruleset: { ...same, id: 'other' } })).body.code).toBe('VALIDATION_FAILED');
    const invalid = await check(draft((r) => ((r as unknown as { facts: unknown }).facts = 'none')));
    expect(invalid.body).toMatchObject({ statusCode: 422, code: 'RULESET_INVALID' });
  });
});

// Batch runs: refused while rows are invalid, then the valid rows only; ranking and
// its tie rule; result pages; one applicant's explanation identical to POST
// /evaluations; downloads parsed back; who may see what.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Applicant } from '../../../engine/index';
import { setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants, runJson, uploadJson, waitForRun } from './runs-support';

describe('batch runs', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let applicants: Applicant[];
  let run: { id: string; status: string; summary: Record<string, number> } & Record<string, unknown>;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    // Three identical applicants (same score) under ids out of order, to see the tie rule.
    const base = healthApplicants(20);
    const twin = base.find((a) => a.id === 'A01')!;
    applicants = [...base, { ...twin, id: 'T3' }, { ...twin, id: 'T1' }, { ...twin, id: 'T2' }];
    run = await runJson(ctx.agents['health-committee']!, applicants);
  });

  it('records the input, the ruleset version and hash, the engine version; completes with a summary', async () => {
    const version = ctx.store.rulesets.get(HEALTH, 1)!;
    expect(run).toMatchObject({
      id: expect.stringMatching(/^run-\d{6}$/),
      status: 'completed',
      rulesetId: HEALTH,
      version: 1,
      rulesetHash: version.hash,
      asOf: AS_OF,
      engineVersion: expect.any(String),
      skipped: 0,
      startedBy: 'health-committee',
      input: { hash: expect.stringMatching(/^sha256:/), name: 'applicants.json' },
      results: { hash: expect.stringMatching(/^sha256:/) },
      downloads: { xlsx: { name: 'applicants-评审结果.xlsx' }, csv: { name: 'applicants-评审结果.csv' } },
    });
    expect(run.summary).toMatchObject({ rows: 23, evaluated: 23, skipped: 0 });
  });

  it('ranks eligible, unvetoed applicants by score, ties by id; lists everyone else after, with rank null', async () => {
    const res = await ctx.agents['health-committee']!.get(`/api/v1/runs/${run.id}/results?limit=500`);
    expect(res.status).toBe(200);
    const rows = res.body.rows as Array<{ rank: number | null; applicantId: string; eligible: boolean; vetoed: boolean; score: number; unit: string; county: string; categories: Record<string, number> }>;
    expect(res.body.total).toBe(23);
    expect(rows).toHaveLength(23);
    const contenders = rows.filter((r) => r.eligible && !r.vetoed);
    expect(rows.slice(0, contenders.length)).toEqual(contenders);
    expect(contenders.map((r) => r.rank)).toEqual(contenders.map((_, i) => i + 1));
    expect(rows.slice(contenders.length).every((r) => r.rank === null)).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if ((a.eligible && !a.vetoed) === (b.eligible && !b.vetoed)) {
        expect(a.score > b.score || (a.score === b.score && a.applicantId < b.applicantId), `${a.applicantId} before ${b.applicantId}`).toBe(true);
      }
    }
    const twins = rows.filter((r) => ['A01', 'T1', 'T2', 'T3'].includes(r.applicantId)).map((r) => r.applicantId);
    expect(twins).toEqual(['A01', 'T1', 'T2', 'T3']);
    expect(rows[0]).toMatchObject({ unit: expect.any(String), county: expect.any(String), categories: expect.objectContaining({ education: expect.any(Number) }) });
    expect(res.body.ranking).toContain('ties by applicantId');
  });

  it('pages, filters and searches the ranked rows', async () => {
    const agent = ctx.agents.auditor!;
    const all = (await agent.get(`/api/v1/runs/${run.id}/results?limit=500`)).body.rows as Array<{ applicantId: string; name: string; eligible: boolean; vetoed: boolean; passed: boolean }>;
    const page = await agent.get(`/api/v1/runs/${run.id}/results?offset=5&limit=5`);
    expect(page.body).toMatchObject({ total: 23, offset: 5, limit: 5 });
    expect(page.body.rows).toEqual(all.slice(5, 10));
    for (const [filter, keep] of [
      ['eligible', (r: (typeof all)[number]) => r.eligible],
      ['ineligible', (r: (typeof all)[number]) => !r.eligible],
      ['vetoed', (r: (typeof all)[number]) => r.vetoed],
      ['passed', (r: (typeof all)[number]) => r.passed],
    ] as const) {
      const res = await agent.get(`/api/v1/runs/${run.id}/results?filter=${filter}&limit=500`);
      expect(res.body.rows.map((r: { applicantId: string }) => r.applicantId), filter).toEqual(all.filter(keep).map((r) => r.applicantId));
    }
    const name = all.find((r) => r.applicantId === 'A07')!.name;
    const byName = await agent.get(`/api/v1/runs/${run.id}/results?q=${encodeURIComponent(name)}`);
    expect(byName.body.rows.map((r: { applicantId: string }) => r.applicantId)).toContain('A07');
    expect((await agent.get(`/api/v1/runs/${run.id}/results?q=t2`)).body.rows.map((r: { applicantId: string }) => r.applicantId)).toEqual(['T2']);
    expect((await agent.get(`/api/v1/runs/${run.id}/results?limit=501`)).body.code).toBe('VALIDATION_FAILED');
    expect((await agent.get(`/api/v1/runs/${run.id}/results?filter=good`)).body.code).toBe('VALIDATION_FAILED');
  });

  it('sorts the rows by a column on request (stable: ties keep the ranking), and carries county and post level for the breakdowns', async () => {
    const agent = ctx.agents['health-committee']!;
    const get = async (query: string) => (await agent.get(`/api/v1/runs/${run.id}/results?limit=500&${query}`)).body as { rows: Array<{ applicantId: string; rank: number | null; score: number; name: string; county: string; postLevel: string }> };
    const ranked = (await get('')).rows;
    expect(ranked.every((r) => typeof r.county === 'string' && typeof r.postLevel === 'string')).toBe(true);
    const byScore = (await get('sort=score&order=desc')).rows;
    expect(byScore.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    const position = new Map(ranked.map((r, i) => [r.applicantId, i]));
    for (let i = 1; i < byScore.length; i++) {
      if (byScore[i - 1]!.score === byScore[i]!.score) expect(position.get(byScore[i - 1]!.applicantId)! < position.get(byScore[i]!.applicantId)!).toBe(true);
    }
    const byLevel = (await get('sort=postLevel')).rows.map((r) => r.postLevel);
    expect(byLevel).toEqual([...byLevel].sort((a, b) => new Intl.Collator('zh-CN-u-co-pinyin').compare(a, b)));
    expect((await get('sort=rank&order=desc')).rows.map((r) => r.applicantId)).toEqual([...ranked].reverse().map((r) => r.applicantId));
    const bad = await agent.get(`/api/v1/runs/${run.id}/results?sort=age`);
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues[0]).toMatchObject({ in: 'query', pointer: '/sort' });
  });

  it("explains one applicant exactly as POST /evaluations does for the same input", async () => {
    const applicant = applicants.find((a) => a.id === 'A05')!;
    const single = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, version: 1, asOf: AS_OF, applicant });
    const fromRun = await ctx.agents.auditor!.get(`/api/v1/runs/${run.id}/results/A05`);
    expect(fromRun.status).toBe(200);
    expect(fromRun.body).toEqual(single.body);
    expect(fromRun.body.criteria[0].explanation).not.toBe('');
    expect((await ctx.agents.auditor!.get(`/api/v1/runs/${run.id}/results/NOBODY`)).body.code).toBe('NOT_FOUND');
  });

  it('downloads the ranking as xlsx and csv, in ranked order, with a UTF-8 file name', async () => {
    const ranked = ((await ctx.agents.admin!.get(`/api/v1/runs/${run.id}/results?limit=500`)).body.rows as Array<{ rank: number | null; applicantId: string; score: number }>);
    const binary = (r: request.Response, done: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    };
    const xlsx = await ctx.agents.admin!.get(`/api/v1/runs/${run.id}/download?format=xlsx`).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''applicants-${encodeURIComponent('评审结果')}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    // 单位推荐 (the unit-quota mark, empty here: no quota rows) follows 排名.
    expect(header.slice(0, 4)).toEqual(['排名', '单位推荐', '编号', '姓名']);
    const ids: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && ids.push((row.values as unknown[])[3]));
    expect(ids).toEqual(ranked.map((r) => r.applicantId));
    expect((sheet.getRow(2).values as unknown[])[1]).toBe(1);

    const csv = await ctx.agents.admin!.get(`/api/v1/runs/${run.id}/download?format=csv`).buffer(true).parse(binary);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const table = parse((csv.body as Buffer).toString('utf8'), { bom: true }) as string[][];
    expect(table[0]!.slice(0, 4)).toEqual(['排名', '单位推荐', '编号', '姓名']);
    expect(table.slice(1).map((r) => r[2])).toEqual(ranked.map((r) => r.applicantId));
    expect(table.slice(1).map((r) => (r[0] === '' ? null : Number(r[0])))).toEqual(ranked.map((r) => r.rank));
    expect((await ctx.agents.admin!.get(`/api/v1/runs/${run.id}/download?format=pdf`)).body.code).toBe('VALIDATION_FAILED');
  });

  it('lists runs; committee members see and open only their own series', async () => {
    const edu = ctx.agents['edu-committee']!;
    expect((await ctx.agents.auditor!.get('/api/v1/runs')).body.runs.map((r: { id: string }) => r.id)).toContain(run.id);
    expect((await ctx.agents.admin!.get(`/api/v1/runs?rulesetId=${HEALTH}`)).body.runs.map((r: { id: string }) => r.id)).toContain(run.id);
    expect((await ctx.agents.admin!.get('/api/v1/runs?rulesetId=teacher-deputy-senior')).body.runs).toEqual([]);
    expect((await edu.get('/api/v1/runs')).body.runs).toEqual([]);
    for (const path of ['', '/results', '/results/A01', '/download?format=csv', '/events']) {
      const res = await edu.get(`/api/v1/runs/${run.id}${path}`);
      expect(res.status, path).toBe(403);
    }
    expect((await edu.post(`/api/v1/runs/${run.id}/impact`).send({ version: 1 })).status).toBe(403);
    expect((await ctx.agents.auditor!.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: run.input })).status).toBe(403);
    expect((await ctx.agents['health-official']!.get(`/api/v1/runs/${run.id}`)).body.code).toBe('FORBIDDEN');
    expect((await ctx.agents.admin!.get('/api/v1/runs/run-999999')).body.code).toBe('NOT_FOUND');
  });
});

describe('invalid rows', () => {
  it('refuse the run with ROWS_INVALID (nothing runs); validRowsOnly runs the rest and records the skipped rows', async () => {
    const ctx = await setup({ seed: true });
    const agent = ctx.agents['health-committee']!;
    const applicants = healthApplicants(6, (a, i) => (i === 2 ? { ...a, annualWorkWeeks: 'fifty' } : i === 4 ? { ...a, degree: 'phd' } : a));
    const hash = await uploadJson(agent, applicants);
    const body = { rulesetId: HEALTH, asOf: AS_OF, upload: hash };
    const check = await agent.post('/api/v1/runs/check').send(body);
    const refused = await agent.post('/api/v1/runs').send(body);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ROWS_INVALID', details: { rows: 6, valid: 4, invalidRows: 2 } });
    expect(refused.body.details.invalid).toEqual(check.body.invalid);
    expect(refused.body.details.invalid.map((i: { applicantId: string }) => i.applicantId)).toEqual(['A03', 'A05']);
    expect(ctx.store.runs.list()).toEqual([]);

    const started = await agent.post('/api/v1/runs').send({ ...body, validRowsOnly: true });
    expect(started.status).toBe(202);
    expect(started.body.run).toMatchObject({ status: 'running', skipped: 2 });
    const done = await waitForRun(agent, started.body.run.id);
    expect(done).toMatchObject({ status: 'completed', skipped: 2, summary: { rows: 6, evaluated: 4, skipped: 2 } });
    const ids = (await agent.get(`/api/v1/runs/${done.id}/results`)).body.rows.map((r: { applicantId: string }) => r.applicantId).sort();
    expect(ids).toEqual(['A01', 'A02', 'A04', 'A06']);

    const none = await uploadJson(agent, [{ id: 'X1' }], 'none.json');
    expect((await agent.post('/api/v1/runs').send({ ...body, upload: none, validRowsOnly: true })).body.code).toBe('NO_VALID_ROWS');
  });
});

// A run of the valid rows only names who it skipped — row, applicant id, name and
// each reason with its field — in the run record (a blob it points at), in GET
// /runs/:id, and in both downloads (the xlsx sheet / csv section 未评审（已跳过）).
// A run without skipped rows carries none of it.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { setup } from './helpers';
import { AS_OF, HEALTH, SAMPLES_DIR, healthApplicants, runJson, upload, uploadJson, waitForRun } from './runs-support';

const binary = (r: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => done(null, Buffer.concat(chunks)));
};

async function sheets(bytes: Buffer): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    out.set(sheet.name, rows);
  });
  return out;
}

describe('skipped rows of a run over the valid rows only', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let runId: string;
  const applicants = healthApplicants(6, (a, i) => (i === 2 ? { ...a, annualWorkWeeks: 'fifty' } : i === 4 ? { ...a, degree: 'phd', unitName: undefined } : a));
  const nameOf = (i: number) => applicants[i]!.name as string;

  beforeAll(async () => {
    ctx = await setup({ seed: true });
    const agent = ctx.agents['health-committee']!;
    const hash = await uploadJson(agent, applicants);
    const started = await agent.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash, validRowsOnly: true });
    expect(started.status).toBe(202);
    runId = started.body.run.id as string;
    await waitForRun(agent, runId);
  });

  it('the run record points at the list (a blob), the audit entry too; GET /runs/:id lists row, id, name and reasons with their fields', async () => {
    const record = ctx.store.runs.get(runId)!;
    expect(record.skipped).toBe(2);
    expect(record.skippedRows).toEqual({ hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), name: 'skipped-rows.json' });
    const stored = JSON.parse((await ctx.store.blobs.get(record.skippedRows!.hash)).toString('utf8')) as unknown[];
    expect(stored).toHaveLength(2);

    const res = await ctx.agents.auditor!.get(`/api/v1/runs/${runId}`);
    expect(res.status).toBe(200);
    expect(res.body.run.skippedRows).toEqual(record.skippedRows);
    expect(res.body.skippedRows.total).toBe(2);
    const [first, second] = res.body.skippedRows.rows as Array<{ row: number; applicantId: string; name: string; reasons: Array<{ code: string; field?: string; column?: string; message: { zh: string; en: string } }> }>;
    expect(first).toMatchObject({ row: 3, applicantId: 'A03', name: nameOf(2) });
    expect(first!.reasons).toEqual([expect.objectContaining({ field: 'annualWorkWeeks', column: '年均本专业工作周数', message: { zh: expect.stringContaining('「年均本专业工作周数」'), en: expect.any(String) } })]);
    // Every error of the row, each naming its field, none naming the row again (it has its own column).
    expect(second).toMatchObject({ row: 5, applicantId: 'A05', name: nameOf(4) });
    expect(second!.reasons.map((r) => r.field).sort()).toEqual(['degree', 'unitName']);
    expect(second!.reasons.find((r) => r.field === 'degree')!.message.zh).toContain('「最高学历」');
    expect(second!.reasons.find((r) => r.field === 'unitName')!.message.zh).toContain('「工作单位」');
    for (const r of [first!, second!]) for (const reason of r.reasons) expect(reason.message.zh).not.toMatch(/第 \d+ 条记录/);

    const audit: Array<{ action: string; target: string; details: Record<string, unknown> }> = [];
    let jsonl = '';
    for await (const chunk of ctx.store.audit.exportJsonl()) jsonl += chunk;
    for (const line of jsonl.trim().split('\n')) audit.push(JSON.parse(line));
    expect(audit.find((e) => e.action === 'run.start' && e.target === `run:${runId}`)!.details).toMatchObject({ skipped: 2, skippedRows: record.skippedRows });
  });

  it('the xlsx download has the sheet 未评审（已跳过） after the ranking: 行号, 编号, 姓名, 原因', async () => {
    const res = await ctx.agents.admin!.get(`/api/v1/runs/${runId}/download?format=xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const book = await sheets(res.body as Buffer);
    expect([...book.keys()]).toEqual(['评审结果', '未评审（已跳过）']);
    expect(book.get('评审结果')!).toHaveLength(1 + 4);
    const skipped = book.get('未评审（已跳过）')!;
    expect(skipped[0]).toEqual(['行号', '编号', '姓名', '原因']);
    expect(skipped.slice(1).map((r) => r.slice(0, 3))).toEqual([
      [3, 'A03', nameOf(2)],
      [5, 'A05', nameOf(4)],
    ]);
    expect(skipped[1]![3]).toContain('「年均本专业工作周数」');
    expect(skipped[2]![3]).toMatch(/「工作单位」.*；.*「最高学历」|「最高学历」.*；.*「工作单位」/);
  });

  it('the csv download has the section 未评审（已跳过） after a blank line, the ranking untouched above it', async () => {
    const res = await ctx.agents.admin!.get(`/api/v1/runs/${runId}/download?format=csv`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const rows = parse((res.body as Buffer).toString('utf8'), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    expect(rows[0]!.slice(0, 2)).toEqual(['排名', '单位推荐']);
    const ranking = rows.slice(1, 5);
    expect(ranking.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows[5]).toEqual(['']);
    expect(rows[6]).toEqual(['未评审（已跳过）']);
    expect(rows[7]).toEqual(['行号', '编号', '姓名', '原因']);
    expect(rows.slice(8).map((r) => r.slice(0, 3))).toEqual([
      ['3', 'A03', nameOf(2)],
      ['5', 'A05', nameOf(4)],
    ]);
    expect(rows[8]![3]).toContain('「年均本专业工作周数」');
  });

  it('an xlsx upload: the spreadsheet rows, ids and names as written in the file', async () => {
    const agent = ctx.agents['health-committee']!;
    const file = readFileSync(`${SAMPLES_DIR}errors/xlsx-bad-option-and-date.xlsx`);
    const uploaded = await upload(agent, 'bad.xlsx', file);
    const started = await agent.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: uploaded.body.hash, validRowsOnly: true });
    await waitForRun(agent, started.body.run.id);
    const res = await agent.get(`/api/v1/runs/${started.body.run.id}`);
    const rows = res.body.skippedRows.rows as Array<{ row: number; applicantId: string; name: string | null; reasons: Array<{ column?: string; message: { zh: string } }> }>;
    expect(rows.map((r) => [r.row, r.applicantId])).toEqual([
      [3, 'WS-F-0002'],
      [6, 'WS-F-0005'],
    ]);
    expect(rows.every((r) => typeof r.name === 'string' && r.name.length > 0)).toBe(true);
    expect(rows[0]!.reasons[0]).toMatchObject({ column: '最高学历', message: { zh: expect.stringContaining('研究生') } });
    expect(rows[1]!.reasons[0]).toMatchObject({ column: '现职称取得时间', message: { zh: expect.stringContaining('2019-02-30') } });
  });

  it('a run without skipped rows has no list, and its downloads no such sheet or section', async () => {
    const run = await runJson(ctx.agents['health-committee']!, healthApplicants(3));
    expect(run.skippedRows).toBeUndefined();
    const res = await ctx.agents.admin!.get(`/api/v1/runs/${run.id}`);
    expect(res.body.skippedRows).toBeUndefined();
    const xlsx = await ctx.agents.admin!.get(`/api/v1/runs/${run.id}/download?format=xlsx`).buffer(true).parse(binary);
    expect([...(await sheets(xlsx.body as Buffer)).keys()]).toEqual(['评审结果']);
    const csv = await ctx.agents.admin!.get(`/api/v1/runs/${run.id}/download?format=csv`);
    expect(csv.text).not.toContain('未评审');
  });
});

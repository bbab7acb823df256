// /experts: the HR bureau keeps the expert pool — adds, edits, disables and imports
// experts, each term checked against the policy; auditors read it; every change audited.
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { documented } from './documented';
import { setup, type Agents } from './helpers';
import type { Store } from '../../../server/storage/index';

const LI = { name: '李建华', series: 'health', level: 'full-senior', unit: '巴州人民医院', county: '库尔勒市', termStart: '2024-06-20', termEnd: '2027-06-19' };
const HEADER = '姓名,系列,职称级别,单位,所在县市,任期开始,任期结束,回避';

const importFile = (agent: Agents[string], name: string, body: Buffer | string, query = '') =>
  agent.post(`/api/v1/experts/import?name=${encodeURIComponent(name)}${query}`).set('Content-Type', 'application/octet-stream').send(Buffer.from(body));

async function auditActions(store: Store): Promise<Array<{ action: string; target: string; details: Record<string, unknown> }>> {
  const chunks: Buffer[] = [];
  for await (const c of store.audit.exportJsonl()) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('/experts', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let admin: Agents[string];
  let conforms: Awaited<ReturnType<typeof documented>>;
  beforeEach(async () => {
    ctx = await setup();
    admin = ctx.agents.admin!;
    conforms = await documented(ctx.app);
  });

  it('adds experts with server-assigned ids exp-0001, exp-0002…, audited', async () => {
    const first = conforms('post', '/experts', await admin.post('/api/v1/experts').send({ ...LI, conflicts: [{ unit: '和静县人民医院', reason: '配偶在该院' }] }));
    expect(first.status).toBe(201);
    expect(first.body.expert).toMatchObject({ id: 'exp-0001', ...LI, disabled: false, termStatus: 'active', updatedBy: 'admin' });
    const second = await admin.post('/api/v1/experts').send({ ...LI, name: '王丽', unit: '巴州中医医院' });
    expect(second.body.expert.id).toBe('exp-0002');
    const entries = await auditActions(ctx.store);
    expect(entries.filter((e) => e.action === 'expert.put').map((e) => e.target)).toEqual(['expert:exp-0001', 'expert:exp-0002']);
  });

  it('refuses a term longer than the policy allows, naming the field and the latest end date', async () => {
    const res = conforms('post', '/experts', await admin.post('/api/v1/experts').send({ ...LI, termEnd: '2027-06-20' }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.issues).toEqual([expect.objectContaining({ pointer: '/termEnd', keyword: 'TERM_TOO_LONG' })]);
    expect(res.body.details.text.zh).toBe('「任期结束」2027-06-20 使任期超过 3 年：自 2024-06-20 起最晚至 2027-06-19');
    expect(ctx.store.experts.list()).toEqual([]);
  });

  it('refuses an end before the start, an unknown series and a malformed date', async () => {
    const order = await admin.post('/api/v1/experts').send({ ...LI, termStart: '2025-01-01', termEnd: '2024-12-31' });
    expect(order.body.details.issues[0]).toMatchObject({ pointer: '/termEnd', keyword: 'TERM_ORDER' });
    const series = await admin.post('/api/v1/experts').send({ ...LI, series: 'nursing' });
    expect(series.body.details.issues[0]).toMatchObject({ pointer: '/series', keyword: 'UNKNOWN_SERIES' });
    const date = await admin.post('/api/v1/experts').send({ ...LI, termStart: '2024-02-30' });
    expect(date.status).toBe(400);
    expect(date.body.details.issues[0].pointer).toBe('/termStart');
  });

  it('edits and disables an expert (no deletion); the term is checked again', async () => {
    await admin.post('/api/v1/experts').send(LI);
    const disabled = conforms('patch', '/experts/{id}', await admin.patch('/api/v1/experts/exp-0001').send({ disabled: true, unit: '巴州第二人民医院' }));
    expect(disabled.status).toBe(200);
    expect(disabled.body.expert).toMatchObject({ id: 'exp-0001', disabled: true, unit: '巴州第二人民医院', name: '李建华' });
    const longer = await admin.patch('/api/v1/experts/exp-0001').send({ termStart: '2023-01-01' });
    expect(longer.body.details.issues[0]).toMatchObject({ pointer: '/termEnd', keyword: 'TERM_TOO_LONG' });
    expect((await admin.patch('/api/v1/experts/exp-0099').send({ disabled: true })).status).toBe(404);
    expect((await admin.delete('/api/v1/experts/exp-0001')).status).toBe(404);
    expect(ctx.store.experts.get('exp-0001')).toMatchObject({ disabled: true, termStart: '2024-06-20' });
  });

  it('lists the pool by series with each term\'s status today; auditors read it', async () => {
    await admin.post('/api/v1/experts').send(LI);
    await admin.post('/api/v1/experts').send({ ...LI, name: '张伟', termStart: '2022-06-01', termEnd: '2025-05-31' });
    await admin.post('/api/v1/experts').send({ ...LI, name: '王丽', termStart: '2026-06-01', termEnd: '2029-05-31' });
    await admin.post('/api/v1/experts').send({ ...LI, name: '陈静', series: 'teacher', unit: '巴州第一中学' });
    const res = conforms('get', '/experts', await ctx.agents.auditor!.get('/api/v1/experts?series=health'));
    expect(res.status).toBe(200);
    expect(res.body.today).toBe('2026-01-05');
    expect(res.body.experts.map((e: { name: string; termStatus: string }) => [e.name, e.termStatus])).toEqual([
      ['李建华', 'active'],
      ['张伟', 'expired'],
      ['王丽', 'future'],
    ]);
    expect((await admin.get('/api/v1/experts')).body.experts).toHaveLength(4);
  });

  it('imports a .csv: every bad row listed and nothing stored, or the valid rows only when asked', async () => {
    const csv = [
      HEADER,
      '李建华,卫生,正高级,巴州人民医院,库尔勒市,2024-06-20,2027-06-19,和静县人民医院（配偶在该院）',
      '王丽,卫生,副高级,巴州中医医院,库尔勒市,2024-06-20,2028-06-19,',
      '张伟,护理,正高级,巴州人民医院,库尔勒市,2024-06-20,2027-06-19,',
    ].join('\n');
    const refused = conforms('post', '/experts/import', await importFile(admin, 'experts.csv', csv));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ROWS_INVALID');
    expect(refused.body.details).toMatchObject({ rows: 3, valid: 1, invalidRows: 2 });
    expect(refused.body.details.invalid.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code])).toEqual([
      [3, '任期结束', 'TERM_TOO_LONG'],
      [4, '系列', 'UNKNOWN_SERIES'],
    ]);
    expect(refused.body.details.invalid[0].message.zh).toMatch(/^第 3 行（王丽），「任期结束」/);
    expect(ctx.store.experts.list()).toEqual([]);

    const partial = conforms('post', '/experts/import', await importFile(admin, 'experts.csv', csv, '&validRowsOnly=true'));
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ rows: 3, valid: 1, invalidRows: 2, added: 1, updated: 0 });
    expect(ctx.store.experts.list()).toEqual([expect.objectContaining({ id: 'exp-0001', name: '李建华', conflicts: [{ unit: '和静县人民医院', reason: '配偶在该院' }] })]);

    // The same expert again: updated in place, same id.
    const again = await importFile(admin, 'experts.csv', `${HEADER}\n李建华,卫生,正高级,巴州人民医院,库尔勒市,2024-07-01,2027-06-30,`);
    expect(again.body).toMatchObject({ added: 0, updated: 1 });
    expect(ctx.store.experts.list()).toEqual([expect.objectContaining({ id: 'exp-0001', termStart: '2024-07-01' })]);
    const entries = await auditActions(ctx.store);
    expect(entries.filter((e) => e.action === 'expert.import').map((e) => e.details)).toEqual([
      { source: 'experts.csv', count: 1, keys: ['exp-0001'] },
      { source: 'experts.csv', count: 1, keys: ['exp-0001'] },
    ]);
  });

  it('imports an .xlsx with Excel dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专家');
    ws.addRow(HEADER.split(','));
    ws.addRow(['阿依古丽·艾力', '中小学教师', '副高级', '巴州第一中学', '库尔勒市', new Date(Date.UTC(2024, 5, 20)), new Date(Date.UTC(2027, 5, 19)), null]);
    const res = await importFile(admin, '专家库.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status).toBe(200);
    expect(res.body.experts).toEqual([expect.objectContaining({ id: 'exp-0001', series: 'teacher', level: 'deputy-senior', termStart: '2024-06-20', termEnd: '2027-06-19' })]);
  });

  it('refuses a file it cannot read: wrong type, missing columns, not a raw body', async () => {
    expect((await importFile(admin, 'experts.pdf', 'x')).body.code).toBe('UNSUPPORTED_FILE');
    const columns = await importFile(admin, 'experts.csv', '姓名,单位\n王丽,巴州人民医院\n');
    expect(columns.body).toMatchObject({ code: 'UPLOAD_UNREADABLE', details: { text: { zh: expect.stringContaining('表头缺少列') } } });
    // A JSON body where the file belongs is refused by its type; an empty file as unreadable.
    expect((await admin.post('/api/v1/experts/import?name=e.csv').send({})).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await admin.post('/api/v1/experts/import?name=e.csv').set('Content-Type', 'application/octet-stream').send(Buffer.alloc(0))).body.code).toBe('UPLOAD_UNREADABLE');
    const doc = (await admin.get('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths['/experts/import'].post.requestBody.content)).toEqual(['application/octet-stream']);
  });
});

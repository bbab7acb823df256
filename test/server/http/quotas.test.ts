// /quotas over HTTP: an administrator keeps the approved posts (one row, or a file
// with every bad row named), the export reads back as the same table, and a batch
// run's ranking shows who each unit recommends within its posts — in the results,
// their filters and the downloaded files — as the quota table is now.
import Ajv2020 from 'ajv/dist/2020';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { setup, type Agents } from './helpers';
import { healthApplicants, runJson } from './runs-support';

type Agent = Agents[string];

const importFile = (agent: Agent, name: string, body: Buffer | string, validRowsOnly = false) =>
  agent
    .post(`/api/v1/quotas/import?name=${encodeURIComponent(name)}${validRowsOnly ? '&validRowsOnly=true' : ''}`)
    .set('Content-Type', 'application/octet-stream')
    .send(Buffer.from(body));

const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const table = (quotas: Array<Record<string, unknown>>) => quotas.map(({ unit, series, level, posts, note }) => ({ unit, series, level, posts, note }));

describe('keeping the quota table', () => {
  let agents: Agents;
  beforeAll(async () => {
    ({ agents } = await setup());
  });

  it('adds, replaces and deletes one row; deleting a missing row is NOT_FOUND; committee members see their own series only', async () => {
    const admin = agents.admin!;
    const put = await admin.put('/api/v1/quotas').send({ unit: ' 库尔勒市中医医院 ', series: 'health', level: 'deputy-senior', posts: 2, note: '2024' });
    expect(put.status).toBe(200);
    expect(put.body.quota).toMatchObject({ unit: '库尔勒市中医医院', posts: 2, note: '2024', updatedBy: 'admin' });
    await admin.put('/api/v1/quotas').send({ unit: '库尔勒市中医医院', series: 'health', level: 'deputy-senior', posts: 3 });
    await admin.put('/api/v1/quotas').send({ unit: '和静县第一中学', series: 'teacher', level: 'deputy-senior', posts: 1 });
    const listed = await admin.get('/api/v1/quotas?series=health');
    expect(table(listed.body.quotas)).toEqual([{ unit: '库尔勒市中医医院', series: 'health', level: 'deputy-senior', posts: 3, note: undefined }]);
    expect(listed.body.totals).toEqual([{ series: 'health', level: 'deputy-senior', units: 1, posts: 3 }]);

    expect((await admin.put('/api/v1/quotas').send({ unit: 'X', series: 'health', level: 'deputy-senior', posts: -1 })).body.code).toBe('VALIDATION_FAILED');
    expect((await admin.put('/api/v1/quotas').send({ unit: 'X', series: '卫生', level: 'deputy-senior', posts: 1 })).body.code).toBe('VALIDATION_FAILED');

    const committee = agents['health-committee']!;
    expect((await committee.get('/api/v1/quotas')).body.quotas.map((q: { series: string }) => q.series)).toEqual(['health']);
    expect((await committee.get('/api/v1/quotas?series=teacher')).status).toBe(403);

    const gone = await admin.delete('/api/v1/quotas').query({ unit: '和静县第一中学', series: 'teacher', level: 'deputy-senior' });
    expect(gone.status).toBe(204);
    const again = await admin.delete('/api/v1/quotas').query({ unit: '和静县第一中学', series: 'teacher', level: 'deputy-senior' });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('NOT_FOUND');
  });

  it('refuses a file with bad rows, naming each row and column, and stores nothing; stores the valid rows when asked', async () => {
    const admin = agents.admin!;
    const csv = '单位,系列,级别,核定职数\r\n若羌县人民医院,卫生,副高级,1\r\n且末县人民医院,医疗,副高级,1\r\n轮台县人民医院,卫生,副高级,三\r\n';
    const refused = await importFile(admin, '职数.csv', iconv.encode(csv, 'gbk'));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ROWS_INVALID');
    expect(refused.body.details.invalid.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code])).toEqual([
      [3, '系列', 'SERIES_UNKNOWN'],
      [4, '核定职数', 'POSTS_NOT_NUMBER'],
    ]);
    expect(refused.body.details.notices[0].zh).toContain('GBK');
    expect((await admin.get('/api/v1/quotas')).body.quotas.some((q: { unit: string }) => q.unit === '若羌县人民医院')).toBe(false);

    const partial = await importFile(admin, '职数.csv', iconv.encode(csv, 'gbk'), true);
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ rows: 3, valid: 1, invalidRows: 2, imported: 1 });
    expect((await admin.get('/api/v1/quotas')).body.quotas.some((q: { unit: string }) => q.unit === '若羌县人民医院')).toBe(true);
  });

  it('refuses other file types and unreadable workbooks with their own codes; committee members cannot import', async () => {
    const admin = agents.admin!;
    expect((await importFile(admin, 'quotas.json', '[]')).body.code).toBe('UNSUPPORTED_FILE');
    expect((await importFile(admin, 'quotas.xlsx', 'not a workbook')).body.code).toBe('UPLOAD_UNREADABLE');
    expect((await importFile(agents['health-committee']!, 'quotas.csv', 'a')).status).toBe(403);
  });

  it('exports the table as .xlsx and .csv that import back as the same rows', async () => {
    const admin = agents.admin!;
    await admin.put('/api/v1/quotas').send({ unit: '和硕县畜牧兽医站', series: 'veterinary', level: 'full-senior', posts: 0, note: '暂无, 待核定' });
    const before = table((await admin.get('/api/v1/quotas')).body.quotas);
    expect(before.length).toBeGreaterThanOrEqual(3);
    for (const format of ['xlsx', 'csv'] as const) {
      const file = await admin.get(`/api/v1/quotas/export?format=${format}`).buffer(true).parse(binary);
      expect(file.status).toBe(200);
      expect(file.headers['content-disposition']).toContain(`.${format}`);
      for (const q of before) await admin.delete('/api/v1/quotas').query({ unit: q.unit, series: q.series, level: q.level });
      expect((await admin.get('/api/v1/quotas')).body.quotas).toEqual([]);
      const back = await importFile(admin, `export.${format}`, file.body as Buffer);
      expect(back.status, JSON.stringify(back.body)).toBe(201);
      expect(table((await admin.get('/api/v1/quotas')).body.quotas)).toEqual(before);
    }
  });
});

describe('a batch run within the quotas', () => {
  let agents: Agents;
  let runId: string;
  /** The run's contenders of 甲医院 in the tie-break order. */
  let contenders: Array<{ applicantId: string; score: number }>;

  beforeAll(async () => {
    ({ agents } = await setup({ seed: true }));
    const admin = agents.admin!;
    // Ten shipped health applicants, split over two hospitals; 乙医院 gets no quota row.
    const applicants = healthApplicants(10, (a, i) => ({ ...a, unitName: i < 6 ? '甲医院' : '乙医院' }));
    const run = await runJson(admin, applicants);
    expect(run.status).toBe('completed');
    runId = run.id as string;
    const all = (await admin.get(`/api/v1/runs/${runId}/results?limit=500`)).body.rows as Array<{ applicantId: string; unit: string; eligible: boolean; vetoed: boolean; score: number; rank: number | null }>;
    // The shipped tie-break order: score desc, grassroots years desc, current-title date asc, id asc
    // (these ten include a tie on score, decided by the next key).
    const facts = new Map(applicants.map((a) => [String(a.id), a as { grassrootsYears?: number; currentTitleDate?: string }]));
    const order = (x: { applicantId: string; score: number }, y: { applicantId: string; score: number }) => {
      const [fx, fy] = [facts.get(x.applicantId)!, facts.get(y.applicantId)!];
      return y.score - x.score || (fy.grassrootsYears ?? -1) - (fx.grassrootsYears ?? -1) || String(fx.currentTitleDate).localeCompare(String(fy.currentTitleDate)) || (x.applicantId < y.applicantId ? -1 : 1);
    };
    contenders = all.filter((r) => r.unit === '甲医院' && r.eligible && !r.vetoed).sort(order);
    expect(contenders.length).toBeGreaterThanOrEqual(3);
    await admin.put('/api/v1/quotas').send({ unit: '甲医院', series: 'health', level: 'deputy-senior', posts: 2 });
  });

  it('marks the two best contenders of 甲医院 recommended and lists the others over quota; 乙医院 has no posts', async () => {
    const res = await agents.admin!.get(`/api/v1/runs/${runId}/results?limit=500`);
    expect(res.status).toBe(200);
    const rows = res.body.rows as Array<{ applicantId: string; unit: string; eligible: boolean; vetoed: boolean; quota: { posts: number; position: number | null; recommended: boolean } }>;
    expect(rows).toHaveLength(10);
    const byId = new Map(rows.map((r) => [r.applicantId, r]));
    expect(contenders.map((c) => byId.get(c.applicantId)!.quota)).toEqual(
      contenders.map((_, i) => ({ posts: 2, position: i + 1, recommended: i < 2 })),
    );
    for (const r of rows.filter((r) => r.unit === '乙医院')) expect(r.quota).toMatchObject({ posts: 0, recommended: false });
    for (const r of rows.filter((r) => !r.eligible || r.vetoed)) expect(r.quota).toMatchObject({ position: null, recommended: false });
    expect(res.body.quota).toMatchObject({ series: 'health', level: 'deputy-senior', units: 1, recommended: 2 });
    expect(res.body.quota.rule).toContain('applicantId');

    const recommended = await agents.admin!.get(`/api/v1/runs/${runId}/results?filter=recommended`);
    expect(recommended.body.rows.map((r: { applicantId: string }) => r.applicantId)).toEqual(contenders.slice(0, 2).map((c) => c.applicantId));
    const over = await agents.admin!.get(`/api/v1/runs/${runId}/results?filter=overQuota`);
    expect(over.body.total).toBe(res.body.quota.overQuota);
    expect(over.body.rows.every((r: { quota: { recommended: boolean } }) => !r.quota.recommended)).toBe(true);
  });

  it('follows a change of the quota table at once (marks are computed when read)', async () => {
    const admin = agents.admin!;
    await admin.put('/api/v1/quotas').send({ unit: '甲医院', series: 'health', level: 'deputy-senior', posts: 1 });
    expect((await admin.get(`/api/v1/runs/${runId}/results?filter=recommended`)).body.total).toBe(1);
    await admin.put('/api/v1/quotas').send({ unit: '甲医院', series: 'health', level: 'deputy-senior', posts: 2 });
    expect((await admin.get(`/api/v1/runs/${runId}/results?filter=recommended`)).body.total).toBe(2);
  });

  it('summarises the run per unit for the committee of the series, not for another', async () => {
    const res = await agents['health-committee']!.get(`/api/v1/quotas/runs/${runId}`);
    expect(res.status).toBe(200);
    const first = res.body.units.find((u: { unit: string }) => u.unit === '甲医院');
    expect(first).toMatchObject({ posts: 2, hasQuota: true, applicants: 6, contenders: contenders.length, recommended: 2, overQuota: contenders.length - 2 });
    expect(first.recommendedIds).toEqual(contenders.slice(0, 2).map((c) => c.applicantId));
    expect(res.body.units.find((u: { unit: string }) => u.unit === '乙医院')).toMatchObject({ posts: 0, hasQuota: false, recommended: 0 });
    expect(res.body.totals).toMatchObject({ applicants: 10, recommended: 2 });
    expect((await agents['edu-committee']!.get(`/api/v1/quotas/runs/${runId}`)).status).toBe(403);
  });

  it('adds the 单位推荐 column after 排名 to both downloads', async () => {
    const admin = agents.admin!;
    const csv = await admin.get(`/api/v1/runs/${runId}/download?format=csv`).buffer(true).parse(binary);
    const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 2)).toEqual(['排名', '单位推荐']);
    expect(lines).toHaveLength(11);
    expect(lines.filter((l) => l.split(',')[1]!.startsWith('推荐'))).toHaveLength(2);
    expect(lines.some((l) => l.split(',')[1]!.startsWith('超出职数'))).toBe(contenders.length > 2);

    const xlsx = await admin.get(`/api/v1/runs/${runId}/download?format=xlsx`).buffer(true).parse(binary);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect([sheet.getCell('A1').value, sheet.getCell('B1').value]).toEqual(['排名', '单位推荐']);
    expect(sheet.rowCount).toBe(11);
    expect(String(sheet.getCell('B2').value)).toMatch(/^(推荐|超出职数)/);
    expect(sheet.getCell('A2').value).toBe(1);
  });
});

describe('the documented answers', () => {
  it('match what the quota routes and the marked results really send', async () => {
    const { agents } = await setup({ seed: true });
    const admin = agents.admin!;
    const doc = (await admin.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(doc, 'api');
    const conforms = (method: string, path: string, res: { status: number; body: unknown }) => {
      const at = `api#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${res.status}/content/application~1json/schema`;
      const validate = ajv.getSchema(at);
      expect(validate, `${method} ${path} ${res.status} documented`).toBeDefined();
      expect(validate!(res.body), `${method} ${path}: ${JSON.stringify(validate!.errors)}`).toBe(true);
    };
    conforms('put', '/quotas', await admin.put('/api/v1/quotas').send({ unit: '甲医院', series: 'health', level: 'deputy-senior', posts: 1, note: 'x' }));
    conforms('get', '/quotas', await admin.get('/api/v1/quotas'));
    conforms('post', '/quotas/import', await importFile(admin, 'q.csv', '单位,系列,级别,核定职数\n乙医院,卫生,副高级,2\n丙医院,卫生,副高,x\n', true));
    const run = await runJson(admin, healthApplicants(4, (a, i) => ({ ...a, unitName: i < 2 ? '甲医院' : '乙医院' })));
    conforms('get', '/runs/{id}/results', await admin.get(`/api/v1/runs/${run.id}/results`));
    conforms('get', '/quotas/runs/{runId}', await admin.get(`/api/v1/quotas/runs/${run.id}`));
  });
});

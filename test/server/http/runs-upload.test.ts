// Uploads and the check before a run: every bad upload answered with its own code
// and the reader's precise message; every bad row located by row and column.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSamples } from '../../../server/seed-samples';
import { AT, setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants, SAMPLES_DIR, upload, uploadJson } from './runs-support';

describe('POST /uploads', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
  });

  it('stores the bytes as a blob and answers hash, name, size and format; audited without the content', async () => {
    const bytes = JSON.stringify(healthApplicants(2));
    const res = await upload(ctx.agents['health-committee']!, 'C:\\files\\申报人.json', bytes);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), name: '申报人.json', size: Buffer.byteLength(bytes), format: 'json' });
    expect((await ctx.store.blobs.get(res.body.hash)).toString('utf8')).toBe(bytes);
    const log = await ctx.agents.auditor!.get('/api/v1/audit/export').buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => done(null, text));
    });
    const entry = (log.body as string).trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.action === 'upload.store');
    expect(entry).toMatchObject({ actor: 'health-committee', details: { hash: res.body.hash, name: '申报人.json', size: Buffer.byteLength(bytes) } });
    expect(log.body).not.toContain(healthApplicants(1)[0]!.name as string);
  });

  it.each([
    ['applicants.txt', 'UNSUPPORTED_FILE', 400],
    ['applicants.xls', 'UNSUPPORTED_FILE', 400],
    ['applicants', 'UNSUPPORTED_FILE', 400],
  ])('refuses %s with %s', async (name, code, status) => {
    const res = await upload(ctx.agents.admin!, name, 'x');
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code, details: { extensions: ['json', 'csv', 'xlsx'], text: { zh: expect.stringContaining('.xlsx'), en: expect.stringContaining('.csv') } } });
  });

  it('refuses an empty file', async () => {
    const res = await upload(ctx.agents.admin!, 'empty.csv', '');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UPLOAD_UNREADABLE', details: { text: { zh: 'empty.csv：文件为空', en: 'empty.csv: the file is empty' } } });
  });

  it('refuses a body that is not sent as application/octet-stream', async () => {
    const res = await ctx.agents.admin!.post('/api/v1/uploads?name=a.json').send({ id: 'A1' });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { contentType: 'application/json', accepted: ['application/octet-stream'] } });
  });

  it('refuses a file over config.uploadLimit with PAYLOAD_TOO_LARGE naming the limit', async () => {
    const small = await setup({ seed: false });
    const { createApp } = await import('../../../server/http/app');
    const request = (await import('supertest')).default;
    const app = createApp({ store: small.store, config: { scryptCost: 1024, uploadLimit: '1kb', now: () => AT, logError: () => undefined } });
    const agent = request.agent(app);
    await agent.post('/api/v1/auth/login').send({ username: 'admin', password: 'correct horse battery' });
    const res = await upload(agent, 'big.csv', 'x'.repeat(4096));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: '1kb', text: { en: 'The file exceeds the upload limit of 1kb' } } });
    expect((await upload(agent, 'small.csv', 'id\nA1\n')).status).toBe(201);
  });

  it('lists uploads: committee members see their own and the seeded samples, auditors all', async () => {
    const fresh = await setup({ seed: true });
    const seeded = await seedSamples(fresh.store, SAMPLES_DIR, AT);
    expect(seeded.map((u) => u.name)).toContain('health-deputy-senior.xlsx');
    expect(seeded.map((u) => u.name)).not.toContain('README.md');
    expect(await seedSamples(fresh.store, SAMPLES_DIR, AT)).toEqual([]); // only once
    const mine = await uploadJson(fresh.agents['edu-committee']!, [{ id: 'x' }], 'mine.json');
    const theirs = await fresh.agents['health-committee']!.get('/api/v1/uploads');
    expect(theirs.body.uploads.map((u: { hash: string }) => u.hash)).not.toContain(mine);
    expect(theirs.body.uploads).toHaveLength(seeded.length);
    expect((await fresh.agents.auditor!.get('/api/v1/uploads')).body.uploads.map((u: { hash: string }) => u.hash)).toContain(mine);

    // a seeded sample runs as it is
    const sample = seeded.find((u) => u.name === 'health-deputy-senior.xlsx')!;
    const check = await fresh.agents['health-committee']!.post('/api/v1/runs/check').send({ rulesetId: HEALTH, asOf: AS_OF, upload: sample.hash });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ rows: 200, valid: 200, invalidRows: 0, invalid: [] });
  });
});

describe('POST /runs/check', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
  });
  const check = (who: string, body: Record<string, unknown>) => ctx.agents[who]!.post('/api/v1/runs/check').send({ asOf: AS_OF, ...body });

  it('reads a GBK CSV and locates the row with text in a number field by row and column', async () => {
    const bytes = readFileSync(`${SAMPLES_DIR}errors/gbk-text-in-number.csv`);
    const hash = (await upload(ctx.agents['edu-committee']!, 'gbk.csv', bytes)).body.hash;
    const res = await check('edu-committee', { rulesetId: 'teacher-deputy-senior', upload: hash });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ruleset: { id: 'teacher-deputy-senior', version: 1, hash: expect.stringMatching(/^sha256:/) }, rows: 6, valid: 5, invalidRows: 1 });
    expect(res.body.invalid).toEqual([
      {
        row: 4,
        applicantId: 'JS-F-0003',
        column: '基层工作年限',
        field: 'grassrootsYears',
        code: 'APPLICANT_INVALID',
        message: { zh: expect.stringContaining('第 4 行（编号 JS-F-0003），「基层工作年限」'), en: expect.stringContaining('Row 4 (ID JS-F-0003)') },
      },
    ]);
    expect(res.body.invalid[0].message.zh).toContain('十二年');
    expect(res.body.notices).toEqual([{ zh: expect.stringContaining('gbk.csv：检测到 GBK'), en: expect.stringContaining('gbk.csv: Detected GBK') }]);
  });

  it('lists every bad row of an xlsx file, none dropped', async () => {
    const bytes = readFileSync(`${SAMPLES_DIR}errors/xlsx-bad-option-and-date.xlsx`);
    const hash = (await upload(ctx.agents['health-committee']!, 'bad.xlsx', bytes)).body.hash;
    const res = await check('health-committee', { rulesetId: HEALTH, upload: hash });
    expect(res.body).toMatchObject({ rows: 8, valid: 6, invalidRows: 2 });
    expect(res.body.invalid.map((i: { row: number; applicantId: string; column: string }) => [i.row, i.applicantId, i.column])).toEqual([
      [3, 'WS-F-0002', '最高学历'],
      [6, 'WS-F-0005', '现职称取得时间'],
    ]);
  });

  it('locates a bad JSON record by its place and pointer', async () => {
    const applicants = healthApplicants(3, (a, i) => (i === 1 ? { ...a, caseReports: 'three' } : a));
    const res = await check('health-committee', { rulesetId: HEALTH, upload: await uploadJson(ctx.agents['health-committee']!, applicants) });
    expect(res.body).toMatchObject({ rows: 3, valid: 2, invalidRows: 1 });
    expect(res.body.invalid).toEqual([expect.objectContaining({ row: 2, applicantId: 'A02', field: 'caseReports', pointer: '/caseReports', code: 'APPLICANT_INVALID' })]);
    expect(res.body.invalid[0].column).toBeUndefined();
  });

  it.each([
    ['not-a-workbook.xlsx', 'this is not a zip file', /Cannot read the Excel file .*is it \.xlsx\?/],
    ['malformed.json', readFileSync(`${SAMPLES_DIR}errors/malformed.json`), /malformed\.json: malformed JSON at line 6, column 1/],
    ['missing-column.csv', readFileSync(`${SAMPLES_DIR}errors/missing-required-column.csv`), /missing-column\.csv: column "[^"]+" is missing/],
    ['header-only.csv', '编号,姓名\n', /header-only\.csv/],
  ])('answers %s with UPLOAD_UNREADABLE and the reader\'s own message, never a temporary path', async (name, bytes, en) => {
    const hash = (await upload(ctx.agents.admin!, name, bytes)).body.hash;
    const rulesetId = name.startsWith('missing') || name.startsWith('header') ? 'teacher-deputy-senior' : HEALTH;
    const res = await check('admin', { rulesetId, upload: hash });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('UPLOAD_UNREADABLE');
    expect(res.body.details.text.en).toMatch(en);
    expect(res.body.details).toMatchObject({ name, upload: hash });
    expect(JSON.stringify(res.body)).not.toMatch(/pingshen-upload-|\/tmp\//);
  });

  it('resolves the ruleset like POST /evaluations: unknown upload, no version in force, series and drafts', async () => {
    const hash = await uploadJson(ctx.agents['health-committee']!, healthApplicants(1));
    expect((await check('admin', { rulesetId: HEALTH, upload: 'sha256:' + '1'.repeat(64) })).body.code).toBe('NOT_FOUND');
    expect((await check('admin', { rulesetId: HEALTH, upload: hash, asOf: '2000-01-01' })).body.code).toBe('NO_VERSION_IN_FORCE');
    expect((await check('edu-committee', { rulesetId: HEALTH, upload: hash })).body.code).toBe('FORBIDDEN');
    expect((await check('health-committee', { rulesetId: HEALTH, upload: hash, version: 1 })).status).toBe(200);
    expect((await check('health-committee', { rulesetId: HEALTH, upload: 'not-a-hash' })).body.code).toBe('VALIDATION_FAILED');
  });
});

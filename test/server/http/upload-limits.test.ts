// The upload attacks of issue 12 over HTTP, each scaled down with the limit lowered
// through the app's configuration: POST /runs/check (and POST /runs) answer 413
// UPLOAD_TOO_LARGE naming the limit, its value, what was found and where, in a small
// body; a record nested 100,000 deep is an invalid row (APPLICANT_TOO_LARGE); and
// after each, GET /health answers. The last suite does the zip bombs three at a time
// against the real server process.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, spawnServer, type RealServer } from '../../support/real-server';
import { deflateRepeated, sharedStringsXml, sheetRow, SST_CLOSE, SST_OPEN, worksheetXml, xlsxBytes, type DeflatedPart } from '../support/xlsx-zip';
import { documented } from './documented';
import { setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants, SAMPLES_DIR, upload } from './runs-support';

type Ctx = Awaited<ReturnType<typeof setup>>;
type Agent = Ctx['agents'][string];

const SAMPLE_XLSX = readFileSync(`${SAMPLES_DIR}health-deputy-senior.xlsx`);
const SAMPLE_CSV = readFileSync(`${SAMPLES_DIR}health-deputy-senior.csv`, 'utf8');
/** The sample's own line ending (a bare \n inside a \r\n file would only lengthen the last field). */
const EOL = SAMPLE_CSV.includes('\r\n') ? '\r\n' : '\n';

/** Uploads the bytes as `name`; the upload's hash. */
async function uploaded(agent: Agent, name: string, bytes: Buffer | string): Promise<string> {
  const res = await upload(agent, name, Buffer.from(bytes));
  if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.hash as string;
}

const check = (agent: Agent, hash: string) => agent.post('/api/v1/runs/check').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash });

async function expectHealthy(app: Ctx['app']) {
  const res = await request(app).get('/api/v1/health');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ok' });
}

/** The 413 of a file beyond a reading limit: its code, the upload named, a message in both languages, and the details given. */
function expectTooLarge(res: request.Response, hash: string, name: string, details: Record<string, unknown>) {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(413);
  expect(res.body).toMatchObject({ statusCode: 413, code: 'UPLOAD_TOO_LARGE', details: { upload: hash, name, ...details, text: { zh: expect.stringContaining(name), en: expect.stringContaining(name) } } });
  // The message names the upload, never the temporary file it was read from.
  expect(JSON.stringify(res.body)).not.toMatch(/pingshen-upload|\/tmp\//);
}

// 7.2 million shared strings "a": 122 MB of XML deflated to about 300 KB.
let bomb: Promise<DeflatedPart> | undefined;
const sharedStringsBomb = () => (bomb ??= deflateRepeated(SST_OPEN, '<si><t>a</t></si>', 7_200_000, SST_CLOSE));
const tinySheet = worksheetXml(sheetRow(1, ['编号', '姓名']) + sheetRow(2, ['WS-1', '甲']));

describe('POST /runs/check beyond limits.upload (rows 50, zip parts 30)', () => {
  let ctx: Ctx;
  let committee: Agent;
  beforeAll(async () => {
    ctx = await setup({ seed: true, config: { limits: { upload: { rows: 50, xlsxParts: 30 } } } });
    committee = ctx.agents['health-committee']!;
  });

  it('the shipped 200-applicant .xlsx: 413 rows at the 51st data row of a sheet; POST /runs the same; /health answers', async () => {
    const hash = await uploaded(committee, 'health.xlsx', SAMPLE_XLSX);
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'health.xlsx', { limit: 'rows', max: 50, found: 51, row: 52, sheet: expect.any(String) });
    expect(res.body.details.text.en).toBe(`health.xlsx: more than the limit of 50 data rows; reading stopped at sheet "${res.body.details.sheet}" row 52`);
    const run = await committee.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash, validRowsOnly: true });
    expectTooLarge(run, hash, 'health.xlsx', { limit: 'rows', max: 50, found: 51, row: 52 });
    // Both answers are the ones openapi.json documents for the routes.
    const conforms = await documented(ctx.app);
    conforms('post', '/runs/check', res);
    conforms('post', '/runs', run);
    await expectHealthy(ctx.app);
  });

  it('openapi.json documents the 413 of each route that reads an upload or a record, with the default limits', async () => {
    const doc = (await request(ctx.app).get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, { description: string; content?: unknown }> }>> };
    const tooLarge = (path: string) => doc.paths[path]!.post!.responses['413'];
    for (const path of ['/runs/check', '/runs']) {
      expect(tooLarge(path)).toEqual({ description: expect.stringMatching(/^UPLOAD_TOO_LARGE: /), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
      expect(tooLarge(path)!.description).toContain('rows 100000, columns 500, cells 20000000, xlsxParts 1000');
      expect(tooLarge(path)!.description).toContain('declaredSize');
    }
    expect(tooLarge('/runs')!.description).toContain('APPLICANT_TOO_LARGE');
    expect(tooLarge('/evaluations')!.description).toMatch(/^APPLICANT_TOO_LARGE: .*depth 32, values 100000, arrayLength 10000/);
    expect(tooLarge('/uploads')!.description).toContain('UPLOAD_QUOTA_EXCEEDED');
  });

  it('the shipped CSV with a broken last line: refused for its rows at row 52, never reaching the line a full read reports', async () => {
    const broken = `${SAMPLE_CSV.trimEnd()}${EOL}"WS-F-9999,unclosed${EOL}`;
    const hash = await uploaded(committee, 'health.csv', broken);
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'health.csv', { limit: 'rows', max: 50, found: 51, row: 52 });
    expect(res.body.details.text.zh).toBe('health.csv：数据超过 50 行的上限，读到第 52 行时停止');
    // With a higher limit the same file is read to its end, and its end is what is wrong.
    const roomy = await setup({ seed: true, config: { limits: { upload: { rows: 1000 } } } });
    const again = await check(roomy.agents['health-committee']!, await uploaded(roomy.agents['health-committee']!, 'health.csv', broken));
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('UPLOAD_UNREADABLE');
    expect(again.body.details.text.en).toMatch(/^health\.csv: malformed CSV/);
    await expectHealthy(ctx.app);
  });

  it('a JSON array of more records than the limit: 413 at record 51', async () => {
    const records = healthApplicants(60, (a, i) => ({ ...a, id: `A${i + 1}` }));
    const hash = await uploaded(committee, 'many.json', JSON.stringify(records));
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'many.json', { limit: 'rows', max: 50, found: 51, row: 51 });
    await expectHealthy(ctx.app);
  });

  it('a shared-strings part expanding 400-fold to 122 MB: 413 xlsxRatio from the zip directory, before inflating', async () => {
    const part = await sharedStringsBomb();
    const hash = await uploaded(committee, 'bomb.xlsx', xlsxBytes({ sheet: tinySheet, sharedStrings: part }));
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'bomb.xlsx', { limit: 'xlsxRatio', max: 100, found: Math.round(part.size / part.bytes.length), part: 'xl/sharedStrings.xml' });
    expect(res.body.details.text.en).toMatch(/^bomb\.xlsx: xl\/sharedStrings\.xml in the zip has a compression ratio of \d+:1 .*over the limit of 100:1$/);
    await expectHealthy(ctx.app);
  });

  it('a part whose directory declares 1,000 bytes but inflates to 122 MB: 413 declaredSize, stopped while inflating', async () => {
    const part = await sharedStringsBomb();
    const hash = await uploaded(committee, 'liar.xlsx', xlsxBytes({ sheet: tinySheet, sharedStrings: part, declared: { 'xl/sharedStrings.xml': 1000 } }));
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'liar.xlsx', { limit: 'declaredSize', max: 1000, part: 'xl/sharedStrings.xml' });
    expect(res.body.details.found).toBeGreaterThan(1000);
    expect(res.body.details.found).toBeLessThanOrEqual(1000 + 64 * 1024);
    await expectHealthy(ctx.app);
  });

  it('a shared-strings table of more entries than limits.upload.sharedStrings (100): 413 sharedStrings', async () => {
    // Its own app: the shipped sample holds more than 100 shared strings.
    const own = await setup({ seed: true, config: { limits: { upload: { sharedStrings: 100 } } } });
    const committee = own.agents['health-committee']!;
    const strings = Array.from({ length: 300 }, (_, i) => `s${i}`);
    const hash = await uploaded(committee, 'strings.xlsx', xlsxBytes({ sheet: tinySheet, sharedStrings: sharedStringsXml(strings), stringsFirst: true }));
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'strings.xlsx', { limit: 'sharedStrings', max: 100, found: 101, part: 'xl/sharedStrings.xml' });
    await expectHealthy(own.app);
  });

  it('a zip of more parts than the limit: 413 xlsxParts', async () => {
    const extra = Array.from({ length: 40 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: 'x' }));
    const hash = await uploaded(committee, 'parts.xlsx', xlsxBytes({ sheet: tinySheet, extra }));
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'parts.xlsx', { limit: 'xlsxParts', max: 30, found: 45 });
    await expectHealthy(ctx.app);
  });

  it('three zip bombs checked at once by three users: each 413, and /health answers meanwhile and after', async () => {
    const part = await sharedStringsBomb();
    const liar = xlsxBytes({ sheet: tinySheet, sharedStrings: part, declared: { 'xl/sharedStrings.xml': 1000 } });
    const ratio = xlsxBytes({ sheet: tinySheet, sharedStrings: part });
    const users = ['admin', 'admin2', 'health-committee'];
    const hashes = await Promise.all(users.map((u, i) => uploaded(ctx.agents[u]!, `bomb-${i}.xlsx`, i === 1 ? ratio : liar)));
    const checks = Promise.all(users.map((u, i) => check(ctx.agents[u]!, hashes[i]!)));
    const probe = await request(ctx.app).get('/api/v1/health');
    const answers = await checks;
    expect(probe.status).toBe(200);
    expect(answers.map((r) => [r.status, r.body.code, r.body.details?.limit])).toEqual([
      [413, 'UPLOAD_TOO_LARGE', 'declaredSize'],
      [413, 'UPLOAD_TOO_LARGE', 'xlsxRatio'],
      [413, 'UPLOAD_TOO_LARGE', 'declaredSize'],
    ]);
    await expectHealthy(ctx.app);
  });
});

describe('POST /runs/check: columns and cells', () => {
  let ctx: Ctx;
  let committee: Agent;
  beforeAll(async () => {
    ctx = await setup({ seed: true, config: { limits: { upload: { cells: 500 } } } });
    committee = ctx.agents['health-committee']!;
  });

  it('a 1,000,000-column CSV (2 MB): 413 columns at row 1, column 501, in an answer of under 10 kB (it was 28.8 MB)', async () => {
    const header = SAMPLE_CSV.split(EOL, 1)[0]!.replace(/^\uFEFF/, '');
    const width = header.split(',').length;
    const wide = `${header}${',x'.repeat(1_000_000 - width)}${EOL}`;
    const hash = await uploaded(committee, 'wide.csv', wide);
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'wide.csv', { limit: 'columns', max: 500, found: 1_000_000, row: 1, column: 501 });
    expect(res.body.details.text.en).toBe('wide.csv: row 1 has 1000000 columns, over the limit of 500');
    expect(Buffer.byteLength(res.text)).toBeLessThan(10_000);
    await expectHealthy(ctx.app);
  });

  it('a CSV over the non-empty cells limit: 413 cells at the row that passes it', async () => {
    const hash = await uploaded(committee, 'cells.csv', SAMPLE_CSV);
    const res = await check(committee, hash);
    expectTooLarge(res, hash, 'cells.csv', { limit: 'cells', max: 500, row: expect.any(Number) });
    expect(res.body.details.found).toBeGreaterThan(500);
    expect(res.body.details.row).toBeLessThan(30);
    await expectHealthy(ctx.app);
  });
});

describe('an applicant nested 100,000 deep in an upload', () => {
  let ctx: Ctx;
  let committee: Agent;
  let hash: string;
  const DEPTH = 100_000;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    committee = ctx.agents['health-committee']!;
    const [first, second, third] = healthApplicants(3);
    // Written by hand: JSON.stringify itself overflows the stack long before this depth.
    const deep = JSON.stringify({ ...second, notes: 0 }).replace('"notes":0', `"notes":${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`);
    hash = await uploaded(committee, 'deep.json', `[${JSON.stringify(first)},${deep},${JSON.stringify(third)}]`);
  });

  it('POST /runs/check: the row is invalid with APPLICANT_TOO_LARGE, its message naming the row and the pointer', async () => {
    const res = await check(committee, hash);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 3, valid: 2, invalidRows: 1 });
    const pointer = '/notes' + '/0'.repeat(31);
    expect(res.body.invalid).toEqual([
      {
        row: 2,
        applicantId: 'A02',
        field: 'notes',
        pointer,
        code: 'APPLICANT_TOO_LARGE',
        message: {
          zh: `第 2 条记录（编号 A02），申报人记录嵌套超过 32 层的上限，位置 ${pointer}`,
          en: `Record 2 (ID A02): The applicant record is nested deeper than the limit of 32 levels, at ${pointer}`,
        },
      },
    ]);
    await expectHealthy(ctx.app);
  });

  it('POST /runs: refused while the row is invalid (ROWS_INVALID); the valid rows alone run', async () => {
    const refused = await committee.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ROWS_INVALID', details: { invalidRows: 1, invalid: [expect.objectContaining({ row: 2, code: 'APPLICANT_TOO_LARGE' })] } });
    const started = await committee.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash, validRowsOnly: true });
    expect(started.status).toBe(202);
    await expectHealthy(ctx.app);
  });
});

describe('the real server, three zip bombs at once', () => {
  const ADMIN = 'upload-limits-admin-password';
  let server: RealServer;
  beforeAll(async () => {
    server = await spawnServer({ adminPassword: ADMIN, env: { PINGSHEN_LIMITS: JSON.stringify({ upload: { rows: 50 } }) } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('each answered 413 naming its limit, /health answering meanwhile, the process alive and its log free of stack traces', async () => {
    const cookie = await apiLogin(server.origin, 'admin', ADMIN);
    const part = await sharedStringsBomb();
    const files = [
      xlsxBytes({ sheet: tinySheet, sharedStrings: part, declared: { 'xl/sharedStrings.xml': 1000 } }),
      xlsxBytes({ sheet: tinySheet, sharedStrings: part, declared: { 'xl/sharedStrings.xml': 1000 }, stringsFirst: true }),
      xlsxBytes({ sheet: tinySheet, sharedStrings: part }),
    ];
    const hashes: string[] = [];
    for (const [i, bytes] of files.entries()) {
      const res = await fetch(`${server.origin}/api/v1/uploads?name=bomb-${i}.xlsx`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
      expect(res.status).toBe(201);
      hashes.push(((await res.json()) as { hash: string }).hash);
    }
    const headers = { Cookie: cookie, 'Content-Type': 'application/json' };
    // The administrator may have work.perUser (2) checks in flight: the third waits for a place.
    const answers = Promise.all(
      hashes.map(async (hash) => {
        for (;;) {
          const res = await fetch(`${server.origin}/api/v1/runs/check`, { method: 'POST', headers, body: JSON.stringify({ rulesetId: HEALTH, asOf: AS_OF, upload: hash }) });
          const body = (await res.json()) as { code: string; details: { limit?: string } };
          if (res.status !== 429) return [res.status, body.code, body.details.limit];
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }),
    );
    const health = await fetch(`${server.origin}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await answers).toEqual([
      [413, 'UPLOAD_TOO_LARGE', 'declaredSize'],
      [413, 'UPLOAD_TOO_LARGE', 'declaredSize'],
      [413, 'UPLOAD_TOO_LARGE', 'xlsxRatio'],
    ]);
    const after = await fetch(`${server.origin}/api/v1/health`);
    expect(after.status).toBe(200);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });
});

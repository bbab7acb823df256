// Publicity (公示) and finalising: the period counted in working days with the
// calendar in force, the list as JSON and as a real .xlsx, and no finalising until
// the day after the period (China time).
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { closedSession, setupClocked, type Clocked } from './closed-session';
import { documented } from './documented';

let ctx: Clocked;
let conforms: Awaited<ReturnType<typeof documented>>;
beforeEach(async () => {
  ctx = await setupClocked();
  conforms = await documented(ctx.app);
});

const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void; on(e: string, f: (c?: unknown) => void): void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('POST /sessions/{id}/publicity', () => {
  it('starting on 2026-09-30 the 5 working days end on 2026-10-12 (across 国庆, the worked Saturday counted); the passed applicants are listed', async () => {
    const session = await closedSession(ctx.store);
    const res = conforms('post', '/sessions/{id}/publicity', await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' }));
    expect(res.status).toBe(200);
    expect(res.body.session.status).toBe('publicity');
    expect(res.body.publicity).toMatchObject({
      start: '2026-09-30',
      end: '2026-10-12',
      workingDays: 5,
      counted: ['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'],
      calendar: [{ year: 2026, origin: 'shipped', source: expect.stringContaining('国务院') }],
      listed: ['A1', 'A3'],
      startedBy: 'admin',
      finaliseFrom: '2026-10-13',
    });
    const stored = ctx.store.sessions.get(session.id)!;
    expect(stored.publicity?.end).toBe('2026-10-12');
    const audit = await ctx.agents.auditor!.get('/api/v1/audit/entries?action=session.publicity');
    expect(audit.body.entries[0]).toMatchObject({ actor: 'admin', target: `session:${session.id}`, details: { start: '2026-09-30', end: '2026-10-12', workingDays: 5, listed: ['A1', 'A3'] } });
  });

  it('uses the policy value, not a number in code', async () => {
    const { createApp } = await import('../../../server/http/app');
    const { loadProcessPolicy } = await import('../../../server/committee/process-policy');
    const policy = loadProcessPolicy().policy;
    const app = createApp({ store: ctx.store, config: { scryptCost: 1024, now: () => ctx.clock.now, logError: () => undefined }, policy: { ...policy, publicity: { workingDays: 7 } } });
    const session = await closedSession(ctx.store);
    const request = (await import('supertest')).default;
    const agent = request.agent(app);
    await agent.post('/api/v1/auth/login').send({ username: 'admin', password: 'correct horse battery' });
    const res = await agent.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' });
    expect(res.body.publicity).toMatchObject({ workingDays: 7, end: '2026-10-14' });
  });

  it('refuses while the meeting is open, a start before the meeting, an uncovered year, and non-administrators', async () => {
    const open = await closedSession(ctx.store, { closed: false });
    const notVoted = conforms('post', '/sessions/{id}/publicity', await ctx.agents.admin!.post(`/api/v1/sessions/${open.id}/publicity`).send({ start: '2026-09-30' }));
    expect(notVoted.status).toBe(409);
    expect(notVoted.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'meeting', required: 'voted' } });

    const session = await closedSession(ctx.store);
    const early = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-28' });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/start' }] } });

    const uncovered = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-12-29' });
    expect(uncovered.status).toBe(422);
    expect(uncovered.body).toMatchObject({ code: 'CALENDAR_NOT_COVERED', details: { year: 2027, text: { zh: expect.stringContaining('2027 年') } } });
    expect(ctx.store.sessions.get(session.id)!.status).toBe('voted'); // nothing kept

    // An administrator adds 2027: the same start now works.
    const put = await ctx.agents.admin!.put('/api/v1/calendar/years/2027').send({ source: '国务院办公厅 2027 年通知', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(put.status).toBe(200);
    const covered = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-12-29' });
    expect(covered.status).toBe(200);
    expect(covered.body.publicity).toMatchObject({ end: '2027-01-05', calendar: [{ year: 2026, origin: 'shipped' }, { year: 2027, origin: 'admin' }] });

    const again = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-12-30' });
    expect(again.body.code).toBe('INVALID_TRANSITION');
    expect((await ctx.agents['health-committee']!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' })).status).toBe(403);
    expect((await ctx.agents.admin!.post('/api/v1/sessions/session-0099/publicity').send({ start: '2026-09-30' })).status).toBe(404);
  });
});

describe('the publicity starts no earlier than the day it is posted (today in China time)', () => {
  it('the issue: a meeting of 2026-11-02, entered on 2026-12-07 with a publicity of 11-03: refused; 12-07 itself is taken', async () => {
    ctx.clock.now = '2026-12-07T02:00:00.000Z'; // 10:00 on 12-07 in Shanghai
    const session = await closedSession(ctx.store, { heldOn: '2026-11-02' });
    const past = conforms('post', '/sessions/{id}/publicity', await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-11-03' }));
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ code: 'PUBLICITY_START_PAST', details: { start: '2026-11-03', today: '2026-12-07', issues: [{ in: 'body', pointer: '/start' }] } });
    expect(past.body.details.text.zh).toBe('公示开始日期 2026-11-03 早于今天 2026-12-07：公示期从张贴之日起计算，不能补记过去的日期');
    expect(ctx.store.sessions.get(session.id)!.status).toBe('voted');
    const yesterday = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-12-06' });
    expect(yesterday.body.code).toBe('PUBLICITY_START_PAST');
    const today = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-12-07' });
    expect(today.status).toBe(200);
    expect(today.body.publicity).toMatchObject({ start: '2026-12-07', end: '2026-12-11' });
    // So the period cannot be over the day it is entered.
    expect((await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/finalise`)).body).toMatchObject({ code: 'PUBLICITY_NOT_OVER', details: { from: '2026-12-12', today: '2026-12-07' } });
    const audit = await ctx.agents.auditor!.get('/api/v1/audit/entries?action=session.publicity');
    expect(audit.body.entries[0].details).toMatchObject({ start: '2026-12-07', end: '2026-12-11', today: '2026-12-07', heldOn: '2026-11-02' });
  });

  it('today is the day in China: at 00:30 on 10-01 in Shanghai (still 09-30 in UTC) a start of 09-30 is in the past', async () => {
    ctx.clock.now = '2026-09-30T16:30:00.000Z';
    const session = await closedSession(ctx.store);
    const res = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' });
    expect(res.body).toMatchObject({ code: 'PUBLICITY_START_PAST', details: { today: '2026-10-01' } });
    ctx.clock.now = '2026-09-30T15:59:00.000Z'; // 23:59 on 09-30 in Shanghai
    expect((await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' })).status).toBe(200);
  });
});

describe('who is listed', () => {
  it('only those who passed both parts of the pass rule: 20 of 24 yes at 58.9 against a pass mark of 65 is not listed, whatever its stored flag says', async () => {
    const session = await closedSession(ctx.store);
    // As a meeting closed before the pass rule was data stored it: passed on the vote alone, no passRule recorded.
    await ctx.store.sessions.change(
      session.id,
      'meeting',
      (s) => {
        s.candidates.push({ applicantId: 'A4', name: '赵六', unit: '焉耆县人民医院', rank: 4, score: 58.9 });
        s.meeting!.results.push({ ...s.meeting!.results[2]!, applicantId: 'A4', name: '赵六', unit: '焉耆县人民医院', score: 58.9, scorePassed: false, passMark: 65, votes: { yes: 20, no: 4, abstain: 0 }, passed: true });
        return {};
      },
      { actor: 'admin', at: ctx.clock.now },
    );
    expect(ctx.store.sessions.get(session.id)!.meeting!.passRule).toBeUndefined();
    const res = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' });
    expect(res.status).toBe(200);
    expect(res.body.publicity.listed).toEqual(['A1', 'A3']);
    const list = await ctx.agents.admin!.get(`/api/v1/sessions/${session.id}/publicity/list`);
    expect(list.body.rows.map((r: { applicantId: string }) => r.applicantId)).toEqual(['A1', 'A3']);
  });
});

describe('GET /sessions/{id}/publicity/list', () => {
  it('lists 序号, 姓名, 单位, 系列, 级别, 评审得分, 表决 and the period; the committee of the series and auditors read it, another series not', async () => {
    const session = await closedSession(ctx.store);
    await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' });
    const res = conforms('get', '/sessions/{id}/publicity/list', await ctx.agents['health-committee']!.get(`/api/v1/sessions/${session.id}/publicity/list`));
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      { no: 1, applicantId: 'A1', name: '张三', unit: '库尔勒市人民医院', series: '卫生', level: '副高级', score: 86.5, yes: 16, present: 24, start: '2026-09-30', end: '2026-10-12' },
      { no: 2, applicantId: 'A3', name: '王五', unit: '和静县人民医院', series: '卫生', level: '副高级', score: 90.25, yes: 20, present: 24, start: '2026-09-30', end: '2026-10-12' },
    ]);
    expect((await ctx.agents.auditor!.get(`/api/v1/sessions/${session.id}/publicity/list`)).status).toBe(200);
    expect((await ctx.agents['edu-committee']!.get(`/api/v1/sessions/${session.id}/publicity/list`)).status).toBe(403);
    const before = await closedSession(ctx.store);
    expect((await ctx.agents.admin!.get(`/api/v1/sessions/${before.id}/publicity/list`)).body.code).toBe('INVALID_TRANSITION');
  });

  it('?format=xlsx is a real workbook: title, period, header and one row per listed applicant; byte-stable', async () => {
    const session = await closedSession(ctx.store);
    await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' });
    const res = await ctx.agents.admin!.get(`/api/v1/sessions/${session.id}/publicity/list?format=xlsx`).buffer(true).parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.getWorksheet('公示名单')!;
    expect(String(ws.getCell('A1').value)).toContain('评审结果公示名单');
    expect(String(ws.getCell('A2').value)).toBe('公示期：2026-09-30 至 2026-10-12（5 个工作日）');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '单位', '系列', '级别', '评审得分', '表决（同意/出席）', '公示期']);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([1, '张三', '库尔勒市人民医院', '卫生', '副高级', 86.5, '16/24', '2026-09-30 至 2026-10-12']);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual([2, '王五', '和静县人民医院', '卫生', '副高级', 90.25, '20/24', '2026-09-30 至 2026-10-12']);
    expect(ws.rowCount).toBe(5);
    const again = await ctx.agents.admin!.get(`/api/v1/sessions/${session.id}/publicity/list?format=xlsx`).buffer(true).parse(binary as never);
    expect(Buffer.compare(again.body as Buffer, res.body as Buffer)).toBe(0);
  });
});

describe('POST /sessions/{id}/finalise', () => {
  it('is refused until the day after the period ends in China time, then finalises', async () => {
    const session = await closedSession(ctx.store);
    await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/publicity`).send({ start: '2026-09-30' });

    ctx.clock.now = '2026-10-12T15:59:00.000Z'; // 23:59 on 10-12 in Shanghai: the last day of the period
    const early = conforms('post', '/sessions/{id}/finalise', await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/finalise`));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'PUBLICITY_NOT_OVER', details: { end: '2026-10-12', today: '2026-10-12', from: '2026-10-13' } });
    expect(ctx.store.sessions.get(session.id)!.status).toBe('publicity');

    ctx.clock.now = '2026-10-12T16:00:00.000Z'; // 00:00 on 10-13 in Shanghai (still 10-12 in UTC)
    const done = conforms('post', '/sessions/{id}/finalise', await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/finalise`));
    expect(done.status).toBe(200);
    expect(done.body.session).toMatchObject({ status: 'finalised', finalisedAt: '2026-10-12T16:00:00.000Z' });
    const audit = await ctx.agents.auditor!.get('/api/v1/audit/entries?action=session.finalise');
    // Both dates of the period, and the meeting's, in the audit entry.
    expect(audit.body.entries[0]).toMatchObject({ actor: 'admin', details: { today: '2026-10-13', start: '2026-09-30', end: '2026-10-12', workingDays: 5, heldOn: '2026-09-29', listed: ['A1', 'A3'] } });

    const twice = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/finalise`);
    expect(twice.body.code).toBe('INVALID_TRANSITION');
  });

  it('a session not in publicity cannot be finalised; only administrators finalise', async () => {
    const session = await closedSession(ctx.store);
    const res = await ctx.agents.admin!.post(`/api/v1/sessions/${session.id}/finalise`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'voted', required: 'publicity' } });
    expect((await ctx.agents.auditor!.post(`/api/v1/sessions/${session.id}/finalise`)).status).toBe(403);
  });
});

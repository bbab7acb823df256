// /sessions/{id}/draw: the HR bureau draws a session's members at random from the
// series pool, once; the seed, pool and members are recorded and audited, and an
// auditor can replay the draw.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExpertRecord, NewReviewSession, Store } from '../../../server/storage/index';
import { documented } from './documented';
import { AT, setup, type Agents } from './helpers';

const SEED = 'a3f1c2e4b5d6978812345678abcdef01';
const ACT = { actor: 'admin', at: AT };

function experts(series: string, count: number, from = 1): Array<Omit<ExpertRecord, 'updatedBy' | 'updatedAt'>> {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return { id: `exp-${String(n).padStart(4, '0')}`, name: `专家${n}`, series, level: 'full-senior', unit: `单位${n}`, county: '库尔勒市', termStart: '2024-06-20', termEnd: '2027-06-19', conflicts: [], disabled: false };
  });
}

function session(series: string, over: Partial<NewReviewSession> = {}): NewReviewSession {
  return {
    title: `2026 年度${series}系列正高级评审`,
    series,
    level: 'full-senior',
    year: 2026,
    runId: 'run-000001',
    rulesetId: `${series}-full-senior`,
    version: 1,
    rulesetHash: `sha256:${'0'.repeat(64)}`,
    asOf: '2025-12-31',
    committeeKind: 'series',
    candidates: [
      { applicantId: 'HA001', name: '王丽', unit: '单位3', rank: 1, score: 88 },
      { applicantId: 'HA002', name: '张伟', unit: '和静县人民医院', rank: 2, score: 80 },
    ],
    quotas: [],
    ...over,
  };
}

async function audit(store: Store) {
  const chunks: Buffer[] = [];
  for await (const c of store.audit.exportJsonl()) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { seq: number; action: string; target: string; details: Record<string, unknown> });
}

describe('/sessions/{id}/draw', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let admin: Agents[string];
  let conforms: Awaited<ReturnType<typeof documented>>;
  beforeEach(async () => {
    ctx = await setup();
    admin = ctx.agents.admin!;
    conforms = await documented(ctx.app);
    await ctx.store.experts.putMany([...experts('health', 31), ...experts('teacher', 20, 101)], { ...ACT, source: 'test' });
    await ctx.store.sessions.create(session('health'), ACT); // session-0001
    await ctx.store.sessions.create(session('teacher'), ACT); // session-0002
  });

  it('previews the pool: eligible, excluded with reasons, the minimum and whether it is enough', async () => {
    const res = conforms('get', '/sessions/{id}/draw/preview', await ctx.agents['health-committee']!.get('/api/v1/sessions/session-0001/draw/preview?meetingOn=2026-03-10'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ series: 'health', meetingOn: '2026-03-10', minimum: 25, odd: true, requested: 25, total: 31, eligible: 30, enough: true, warnings: [] });
    expect(res.body.excluded).toEqual([expect.objectContaining({ expertId: 'exp-0003', codes: ['own-unit'], reason: '本单位有参评人员（单位3：王丽）' })]);
    const teacher = await ctx.agents.auditor!.get('/api/v1/sessions/session-0002/draw/preview');
    expect(teacher.body).toMatchObject({ eligible: 20, minimum: 25, enough: false });
    expect(teacher.body.warnings[0].zh).toContain('少于评审委员会最低人数 25 人');
    // A committee member sees their own series only.
    expect((await ctx.agents['health-committee']!.get('/api/v1/sessions/session-0002/draw/preview')).status).toBe(403);
  });

  it('draws 25 members with a generated seed, records the draw and audits seed, pool hash and members', async () => {
    const res = conforms('post', '/sessions/{id}/draw', await admin.post('/api/v1/sessions/session-0001/draw').send({ meetingOn: '2026-03-10' }));
    expect(res.status).toBe(201);
    const { session, draw } = res.body;
    expect(session.status).toBe('drawn');
    expect(draw.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(draw).toMatchObject({ algorithm: 'hmac-sha256-ctr/v1+fisher-yates/v1', requested: 25, minimum: 25, odd: true, meetingOn: '2026-03-10', acceptedBelowMinimum: false, warnings: [], drawnBy: 'admin' });
    expect(draw.members).toHaveLength(25);
    expect(draw.pool).toHaveLength(30);
    expect(draw.members.map((m: { expertId: string }) => m.expertId)).not.toContain('exp-0003');
    expect(ctx.store.sessions.get('session-0001')!.draw).toEqual(draw);

    const entry = (await audit(ctx.store)).find((e) => e.action === 'session.draw')!;
    expect(entry.target).toBe('session:session-0001');
    expect(entry.details).toMatchObject({ seed: draw.seed, poolHash: draw.poolHash, members: draw.members.map((m: { expertId: string }) => m.expertId), minimum: 25 });
  });

  it('is reproducible: the same seed over the same pool draws the same members in the same order', async () => {
    await ctx.store.sessions.create(session('health'), ACT); // session-0003, same candidates
    const a = await admin.post('/api/v1/sessions/session-0001/draw').send({ seed: SEED, meetingOn: '2026-03-10' });
    const b = await admin.post('/api/v1/sessions/session-0003/draw').send({ seed: SEED, meetingOn: '2026-03-10' });
    expect(b.body.draw.members).toEqual(a.body.draw.members);
    expect(b.body.draw.poolHash).toBe(a.body.draw.poolHash);
  });

  it('draws once: a second draw is refused and changes nothing', async () => {
    const first = await admin.post('/api/v1/sessions/session-0001/draw').send({ seed: SEED });
    const second = await admin.post('/api/v1/sessions/session-0001/draw').send({ seed: '0'.repeat(32) });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('INVALID_TRANSITION');
    expect(ctx.store.sessions.get('session-0001')!.draw!.seed).toBe(first.body.draw.seed);
    expect((await audit(ctx.store)).filter((e) => e.action === 'session.draw')).toHaveLength(1);
  });

  it('refuses a pool below the minimum with POOL_TOO_SMALL { available, minimum }, nothing recorded', async () => {
    const res = conforms('post', '/sessions/{id}/draw', await admin.post('/api/v1/sessions/session-0002/draw').send({ seed: SEED }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'POOL_TOO_SMALL', details: { available: 20, minimum: 25 } });
    expect(ctx.store.sessions.get('session-0002')).toMatchObject({ status: 'preparing' });
    expect(ctx.store.sessions.get('session-0002')!.draw).toBeUndefined();
  });

  it('draws below the minimum when the administrator accepts it, and records the warning', async () => {
    const res = await admin.post('/api/v1/sessions/session-0002/draw').send({ seed: SEED, acceptBelowMinimum: true });
    expect(res.status).toBe(201);
    const { draw } = res.body;
    expect(draw.members).toHaveLength(19); // 20 eligible, kept odd
    expect(draw.acceptedBelowMinimum).toBe(true);
    expect(draw.warnings.map((w: { zh: string }) => w.zh)).toEqual(['可抽取的专家只有 20 人，抽取 19 人，少于评审委员会最低人数 25 人', '管理员 admin 确认在人数不足的情况下抽取']);
    const entry = (await audit(ctx.store)).find((e) => e.action === 'session.draw')!;
    expect(entry.details).toMatchObject({ acceptedBelowMinimum: true, seed: SEED });
  });

  it('excludes the conflicts declared for the session and records them; refuses unknown experts and applicants', async () => {
    const conflicts = [{ expertId: 'exp-0007', applicantId: 'HA002', reason: '近亲属' }];
    const res = await admin.post('/api/v1/sessions/session-0001/draw').send({ seed: SEED, conflicts });
    expect(res.body.draw.sessionConflicts).toEqual(conflicts);
    expect(res.body.draw.excluded.map((e: { expertId: string }) => e.expertId)).toEqual(['exp-0003', 'exp-0007']);
    expect(res.body.draw.members.map((m: { expertId: string }) => m.expertId)).not.toContain('exp-0007');

    const unknown = await admin.post('/api/v1/sessions/session-0002/draw').send({ conflicts: [{ expertId: 'exp-0001', reason: 'x' }], acceptBelowMinimum: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'INVALID_ARGUMENT', details: { pointer: '/conflicts/0/expertId' } });
    const applicant = await admin.post('/api/v1/sessions/session-0002/draw').send({ conflicts: [{ expertId: 'exp-0101', applicantId: 'NOPE', reason: 'x' }], acceptBelowMinimum: true });
    expect(applicant.body.details.pointer).toBe('/conflicts/0/applicantId');
  });

  it('keeps the count at or above the minimum and odd', async () => {
    const even = await admin.post('/api/v1/sessions/session-0001/draw').send({ count: 26 });
    expect(even.body).toMatchObject({ code: 'INVALID_ARGUMENT', details: { pointer: '/count' } });
    expect((await admin.post('/api/v1/sessions/session-0001/draw').send({ count: 23 })).body.details.pointer).toBe('/count');
    const ok = await admin.post('/api/v1/sessions/session-0001/draw').send({ count: 27, seed: SEED });
    expect(ok.body.draw.members).toHaveLength(27);
  });

  it('verifies a draw for admin, auditor and the series committee; detects a record changed afterwards', async () => {
    expect((await admin.get('/api/v1/sessions/session-0001/draw/verify')).status).toBe(404);
    await admin.post('/api/v1/sessions/session-0001/draw').send({ seed: SEED });
    for (const who of ['admin', 'auditor', 'health-committee']) {
      const res = conforms('get', '/sessions/{id}/draw/verify', await ctx.agents[who]!.get('/api/v1/sessions/session-0001/draw/verify'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, problems: [], seed: SEED });
      expect(res.body.replayed).toEqual(res.body.members);
      expect(res.body.auditSeq).toEqual(expect.any(Number));
    }
    expect((await ctx.agents['edu-committee']!.get('/api/v1/sessions/session-0001/draw/verify')).status).toBe(403);

    // Someone swaps two members in the stored record.
    await ctx.store.sessions.change('session-0001', 'tamper', (s) => {
      const m = s.draw!.members;
      [m[0], m[1]] = [m[1]!, m[0]!];
      return {};
    }, ACT);
    const res = conforms('get', '/sessions/{id}/draw/verify', await ctx.agents.auditor!.get('/api/v1/sessions/session-0001/draw/verify'));
    expect(res.body.ok).toBe(false);
    expect(res.body.problems.map((p: { zh: string }) => p.zh)).toEqual([
      expect.stringMatching(/^第 1 位评委记录为/),
      expect.stringMatching(/^第 2 位评委记录为/),
      expect.stringMatching(/^评委名单与审计日志第 \d+ 条不符$/),
    ]);
  });
});

// /sessions/{id}/meeting…: a meeting of 24 drawn members. 15 present is no quorum
// (no ballot: QUORUM_NOT_MET); 16 is (2/3). The committee's scores replace the
// filed report/defence/display values and the candidate is re-evaluated (the
// explanation shows the committee items' points); with 16 present 11 yes votes
// pass and 10 do not; ballots beyond those present are refused; the meeting closes
// only with every candidate balloted, and nothing changes after. Every entry is
// audited; the committee of another series is refused.
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionDraw } from '../../../server/storage/index';
import { AT, setup } from './helpers';
import { healthApplicants, runJson } from './runs-support';

type Ctx = Awaited<ReturnType<typeof setup>>;
const ACT = { actor: 'admin', at: AT };
const MEMBERS = Array.from({ length: 24 }, (_, i) => `exp-${String(i + 1).padStart(4, '0')}`);
const SCORES = { reviewReport: 3, reviewDefence: 4, reviewDisplay: 3 };
const URL = '/api/v1/sessions/session-0001/meeting';

/** The draw record as the draw stage leaves it (24 members), set directly: the draw has its own tests. */
function draw(): SessionDraw {
  return {
    algorithm: 'test',
    seed: '00',
    requested: 25,
    minimum: 25,
    odd: true,
    meetingOn: '2024-10-20',
    pool: [],
    poolHash: `sha256:${'0'.repeat(64)}`,
    members: MEMBERS.map((expertId, i) => ({ expertId, name: `专家${i + 1}`, unit: '巴州人民医院' })),
    excluded: [],
    sessionConflicts: [],
    acceptedBelowMinimum: true,
    warnings: [],
    drawnBy: 'admin',
    drawnAt: AT,
  };
}

describe('the review meeting', () => {
  let ctx: Ctx;
  let candidates: Array<{ applicantId: string; score: number }>;
  const admin = () => ctx.agents.admin!;
  const committee = () => ctx.agents['health-committee']!;

  beforeAll(async () => {
    ctx = await setup({ seed: true });
    const run = await runJson(ctx.agents.admin!, healthApplicants(6, (a, i) => ({ ...a, unitName: i < 3 ? '轮台县人民医院' : '库尔勒市第二人民医院' })));
    await ctx.store.quotas.putMany(
      [
        { unit: '轮台县人民医院', series: 'health', level: 'deputy-senior', posts: 2 },
        { unit: '库尔勒市第二人民医院', series: 'health', level: 'deputy-senior', posts: 2 },
      ],
      { ...ACT, source: 'test' },
    );
    const created = await ctx.agents.admin!.post('/api/v1/sessions').send({ runId: run.id });
    expect(created.status).toBe(201);
    candidates = created.body.session.candidates;
    expect(candidates.length).toBeGreaterThanOrEqual(3);
  });

  it('takes no attendance before the members are drawn', async () => {
    const res = await admin().put(`${URL}/attendance`).send({ heldOn: '2024-10-20', present: MEMBERS.slice(0, 16) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    await ctx.store.sessions.change('session-0001', 'draw', (s) => {
      s.draw = draw();
      s.status = 'drawn';
      return {};
    }, ACT);
  });

  it('shows the members, the committee items found in the ruleset and the quorum needed', async () => {
    const res = await ctx.agents.auditor!.get(URL);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { factId: string; max: number; itemId: string }) => [i.factId, i.max, i.itemId])).toEqual([
      ['reviewReport', 3, 'reviewReportPoints'],
      ['reviewDefence', 4, 'reviewDefencePoints'],
      ['reviewDisplay', 3, 'reviewDisplayPoints'],
    ]);
    expect(res.body).toMatchObject({ status: 'drawn', meeting: null, quorum: { members: 24, present: 0, needed: 16, met: false, fraction: { numerator: 2, denominator: 3, of: 'members' } } });
    expect(res.body.members).toHaveLength(24);
  });

  it('refuses a stranger and a duplicate in the attendance, naming each', async () => {
    const res = await admin().put(`${URL}/attendance`).send({ heldOn: '2024-10-20', present: [...MEMBERS.slice(0, 15), 'exp-0099', 'exp-0001'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.issues.map((i: { pointer: string; expertId: string }) => [i.pointer, i.expertId])).toEqual([
      ['/present/15', 'exp-0099'],
      ['/present/16', 'exp-0001'],
    ]);
    expect(res.body.details.text.zh).toContain('exp-0099 不是本次抽取的评委');
  });

  it('15 of 24 present is no quorum: scores may be entered, no ballot (QUORUM_NOT_MET with the numbers)', async () => {
    const res = await committee().put(`${URL}/attendance`).send({ heldOn: '2024-10-20', present: MEMBERS.slice(0, 15) });
    expect(res.status).toBe(200);
    expect(res.body.meeting).toMatchObject({ heldOn: '2024-10-20', quorumMet: false, members: 24, quorumNeeded: 16, quorum: { numerator: 2, denominator: 3, of: 'members' }, passVotes: { numerator: 2, denominator: 3, of: 'present' } });
    expect(res.body.session.status).toBe('meeting');
    const a = candidates[0]!.applicantId;
    expect((await committee().put(`${URL}/scores/${a}`).send({ scores: SCORES })).status).toBe(200);
    const ballot = await committee().put(`${URL}/ballots/${a}`).send({ yes: 15, no: 0, abstain: 0 });
    expect(ballot.status).toBe(409);
    expect(ballot.body).toMatchObject({ code: 'QUORUM_NOT_MET', details: { present: 15, members: 24, needed: 16 } });
  });

  it('16 of 24 present meets the quorum', async () => {
    const res = await committee().put(`${URL}/attendance`).send({ heldOn: '2024-10-20', present: [...MEMBERS.slice(0, 16)].reverse() });
    expect(res.body.meeting).toMatchObject({ quorumMet: true, quorumNeeded: 16 });
    // Kept in draw order; the scores entered before stay.
    expect(res.body.meeting.present).toEqual(MEMBERS.slice(0, 16));
    expect(res.body.meeting.results).toHaveLength(1);
  });

  it("checks the committee's scores against each fact's range, naming the bad one", async () => {
    const a = candidates[0]!.applicantId;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...SCORES, reviewDefence: 4.5 }, '/scores/reviewDefence'],
      [{ ...SCORES, reviewReport: -1 }, '/scores/reviewReport'],
      [{ reviewReport: 3, reviewDefence: 4 }, '/scores/reviewDisplay'],
      [{ ...SCORES, teachingYears: 3 }, '/scores/teachingYears'],
    ];
    for (const [scores, pointer] of cases) {
      const res = await committee().put(`${URL}/scores/${a}`).send({ scores });
      expect(res.status, pointer).toBe(400);
      expect(res.body.details.issues.map((i: { pointer: string }) => i.pointer)).toEqual([pointer]);
    }
    expect((await committee().put(`${URL}/scores/${a}`).send({ scores: { ...SCORES, reviewDisplay: '3' } })).status).toBe(400);
    expect((await committee().put(`${URL}/scores/NOBODY`).send({ scores: SCORES })).status).toBe(404);
  });

  it("re-evaluates the candidate with the committee's scores: score changes, the explanation shows the committee items' points", async () => {
    const { applicantId } = candidates[1]!;
    const before = await ctx.agents.auditor!.get(`${URL}/results/${applicantId}`);
    expect(before.body.applied).toBe(false);
    const filed = before.body.result.categories.find((c: { id: string }) => c.id === 'committeeReview').points as number;
    expect(filed).toBeLessThan(10);

    const low = { reviewReport: 1, reviewDefence: 1, reviewDisplay: 1 };
    const res = await committee().put(`${URL}/scores/${applicantId}`).send({ scores: low });
    expect(res.status).toBe(200);
    const run = before.body.result.score as number;
    expect(res.body.result).toMatchObject({ applicantId, committeeScores: low, runScore: candidates[1]!.score, scoredBy: 'health-committee', votes: { yes: 0, no: 0, abstain: 0 }, passed: false });
    expect(res.body.result.score).toBeCloseTo(run - filed + 3, 6);

    const after = await ctx.agents.auditor!.get(`${URL}/results/${applicantId}`);
    expect(after.body).toMatchObject({ applicantId, applied: true, committeeScores: low });
    const items = after.body.result.items.filter((i: { categoryId: string }) => i.categoryId === 'committeeReview');
    expect(items.map((i: { id: string; points: number; factValue: number }) => [i.id, i.points, i.factValue])).toEqual([
      ['reviewReportPoints', 1, 1],
      ['reviewDefencePoints', 1, 1],
      ['reviewDisplayPoints', 1, 1],
    ]);
    expect(after.body.result.score).toBe(res.body.result.score);
    expect(after.body.result.items.find((i: { id: string }) => i.id === 'reviewDefencePoints').explanation).toBeTruthy();
  });

  it('refuses a ballot before the scores, and ballots beyond those present', async () => {
    const last = candidates.at(-1)!.applicantId;
    const early = await committee().put(`${URL}/ballots/${last}`).send({ yes: 11, no: 3, abstain: 2 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVALID_TRANSITION');
    const a = candidates[0]!.applicantId;
    const over = await committee().put(`${URL}/ballots/${a}`).send({ yes: 11, no: 4, abstain: 2 });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { present: 16, cast: 17 } });
    expect(over.body.details.text.zh).toContain('缺席评委不能投票');
  });

  it('with 16 present: 11 yes pass, 10 do not', async () => {
    const [a, b] = [candidates[0]!.applicantId, candidates[1]!.applicantId];
    const yes11 = await committee().put(`${URL}/ballots/${a}`).send({ yes: 11, no: 3, abstain: 2 });
    expect(yes11.status).toBe(200);
    expect(yes11.body.result).toMatchObject({ votes: { yes: 11, no: 3, abstain: 2 }, passed: true, yesNeeded: 11, votedBy: 'health-committee', committeeScores: SCORES });
    const yes10 = await admin().put(`${URL}/ballots/${b}`).send({ yes: 10, no: 6, abstain: 0 });
    expect(yes10.body.result).toMatchObject({ passed: false, yesNeeded: 11 });
  });

  it('attendance no longer changes once a ballot was cast', async () => {
    const res = await admin().put(`${URL}/attendance`).send({ heldOn: '2024-10-20', present: MEMBERS.slice(0, 20) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect(res.body.details.voted).toHaveLength(2);
  });

  it('closes only when every candidate has a ballot (the missing listed); nothing changes after', async () => {
    const rest = candidates.slice(2).map((c) => c.applicantId);
    const early = await committee().post(`${URL}/close`);
    expect(early.status).toBe(409);
    expect(early.body.details.missingBallots).toEqual(rest);
    expect(early.body.details.text.zh).toContain(rest[0]);
    for (const id of rest) {
      await committee().put(`${URL}/scores/${id}`).send({ scores: SCORES });
      await committee().put(`${URL}/ballots/${id}`).send({ yes: 16, no: 0, abstain: 0 });
    }
    const closed = await committee().post(`${URL}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.session.status).toBe('voted');
    expect(closed.body.meeting).toMatchObject({ closedAt: AT, closedBy: 'health-committee' });
    expect(closed.body.meeting.results.map((r: { applicantId: string }) => r.applicantId)).toEqual(candidates.map((c) => c.applicantId));

    const a = candidates[0]!.applicantId;
    for (const res of [
      await admin().put(`${URL}/ballots/${a}`).send({ yes: 1, no: 0, abstain: 0 }),
      await admin().put(`${URL}/scores/${a}`).send({ scores: SCORES }),
      await admin().put(`${URL}/attendance`).send({ heldOn: '2024-10-20', present: MEMBERS }),
      await admin().post(`${URL}/close`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('INVALID_TRANSITION');
    }
  });

  it('audits every entry; the ballot entry holds tallies only', async () => {
    const res = await ctx.agents.auditor!.get('/api/v1/audit/entries?action=session.meeting.&limit=100');
    const actions = (res.body.entries as Array<{ action: string }>).map((e) => e.action);
    for (const action of ['session.meeting.attendance', 'session.meeting.scores', 'session.meeting.ballot', 'session.meeting.close']) expect(actions).toContain(action);
    const ballot = res.body.entries.find((e: { action: string; details: { applicantId: string } }) => e.action === 'session.meeting.ballot' && e.details.applicantId === candidates[0]!.applicantId);
    expect(ballot).toMatchObject({ actor: 'health-committee', target: 'session:session-0001', details: { votes: { yes: 11, no: 3, abstain: 2 }, present: 16, yesNeeded: 11, passed: true } });
    expect(Object.keys(ballot.details).sort()).toEqual(['applicantId', 'passVotes', 'passed', 'present', 'votes', 'yesNeeded']);
    const scores = res.body.entries.find((e: { action: string }) => e.action === 'session.meeting.scores');
    expect(scores.details).toMatchObject({ committeeScores: expect.any(Object), ruleset: 'health-deputy-senior@1' });
  });

  it("refuses the committee of another series, officials, and auditors' entries", async () => {
    const edu = ctx.agents['edu-committee']!;
    expect((await edu.get(URL)).status).toBe(403);
    expect((await edu.get(`${URL}/results/${candidates[0]!.applicantId}`)).status).toBe(403);
    expect((await edu.put(`${URL}/attendance`).send({ heldOn: '2024-10-20', present: [] })).status).toBe(403);
    expect((await ctx.agents['health-official']!.get(URL)).status).toBe(403);
    expect((await ctx.agents.auditor!.put(`${URL}/ballots/${candidates[0]!.applicantId}`).send({ yes: 1, no: 0, abstain: 0 })).status).toBe(403);
  });

  it('answers as openapi.json documents (session, meeting, explanation)', async () => {
    const doc = (await admin().get('/api/v1/openapi.json')).body;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(doc, 'api');
    const esc = (p: string) => p.replace(/~/g, '~0').replace(/\//g, '~1');
    const check = async (path: string, url: string) => {
      const res = await ctx.agents.auditor!.get(url);
      expect(res.status).toBe(200);
      const validate = ajv.getSchema(`api#/paths/${esc(path)}/get/responses/200/content/application~1json/schema`)!;
      expect(validate(res.body), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    await check('/sessions', '/api/v1/sessions');
    await check('/sessions/{id}', '/api/v1/sessions/session-0001');
    await check('/sessions/{id}/meeting', URL);
    await check('/sessions/{id}/meeting/results/{applicantId}', `${URL}/results/${candidates[0]!.applicantId}`);
  });
});

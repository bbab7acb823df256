// /sessions/{id}/meeting…: a meeting of 24 drawn members, the clock on 2026-01-05
// and the members drawn on 2026-01-02 (China time). The meeting date lies between
// the two. 15 present is no quorum (no ballot: QUORUM_NOT_MET); 16 is (2/3). The
// committee's scores replace the filed report/defence/display values and the
// candidate is re-evaluated (the explanation shows the committee items' points);
// with 16 present 11 yes votes pass and 10 do not; a ballot must add up to those
// present (BALLOT_MISMATCH); a candidate passes only when the engine's result with the
// committee's scores is passed too — exactly at the pass mark passes, 0.1 below does
// not, whatever the vote; the tallies close only with every candidate scored
// (SCORES_MISSING) and balloted, and nothing changes after. Every entry is audited;
// the committee of another series is refused.
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
    meetingOn: '2026-01-05',
    pool: [],
    poolHash: `sha256:${'0'.repeat(64)}`,
    members: MEMBERS.map((expertId, i) => ({ expertId, name: `专家${i + 1}`, unit: '巴州人民医院' })),
    excluded: [],
    sessionConflicts: [],
    acceptedBelowMinimum: true,
    warnings: [],
    drawnBy: 'admin',
    // 00:30 on 2026-01-02 in China (still 01-01 in UTC): the draw's date is the Chinese one.
    drawnAt: '2026-01-01T16:30:00.000Z',
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
    const res = await admin().put(`${URL}/attendance`).send({ heldOn: '2026-01-05', present: MEMBERS.slice(0, 16) });
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

  it('dates the meeting from the day of the draw to today, China time: 01-01 and 01-06 refused, 01-02 and 01-05 taken', async () => {
    const early = await admin().put(`${URL}/attendance`).send({ heldOn: '2026-01-01', present: MEMBERS.slice(0, 16) });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ code: 'MEETING_BEFORE_DRAW', details: { heldOn: '2026-01-01', drawnOn: '2026-01-02', issues: [{ pointer: '/heldOn' }] } });
    expect(early.body.details.text.zh).toBe('会议日期 2026-01-01 早于评委抽取日期 2026-01-02：评委须先抽取、后开会');
    const future = await admin().put(`${URL}/attendance`).send({ heldOn: '2026-01-06', present: MEMBERS.slice(0, 16) });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'MEETING_IN_FUTURE', details: { heldOn: '2026-01-06', today: '2026-01-05', issues: [{ pointer: '/heldOn' }] } });
    expect(ctx.store.sessions.get('session-0001')!.meeting).toBeUndefined();
    for (const heldOn of ['2026-01-02', '2026-01-05']) {
      const res = await admin().put(`${URL}/attendance`).send({ heldOn, present: MEMBERS.slice(0, 16) });
      expect(res.status, heldOn).toBe(200);
      expect(res.body.meeting.heldOn).toBe(heldOn);
    }
    const view = await ctx.agents.auditor!.get(URL);
    expect(view.body.heldOnRange).toEqual({ earliest: '2026-01-02', latest: '2026-01-05' });
  });

  it('refuses a stranger and a duplicate in the attendance, naming each', async () => {
    const res = await admin().put(`${URL}/attendance`).send({ heldOn: '2026-01-05', present: [...MEMBERS.slice(0, 15), 'exp-0099', 'exp-0001'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.issues.map((i: { pointer: string; expertId: string }) => [i.pointer, i.expertId])).toEqual([
      ['/present/15', 'exp-0099'],
      ['/present/16', 'exp-0001'],
    ]);
    expect(res.body.details.text.zh).toContain('exp-0099 不是本次抽取的评委');
  });

  it('15 of 24 present is no quorum: scores may be entered, no ballot (QUORUM_NOT_MET with the numbers)', async () => {
    const res = await committee().put(`${URL}/attendance`).send({ heldOn: '2026-01-05', present: MEMBERS.slice(0, 15) });
    expect(res.status).toBe(200);
    expect(res.body.meeting).toMatchObject({
      heldOn: '2026-01-05',
      quorumMet: false,
      members: 24,
      quorumNeeded: 16,
      quorum: { numerator: 2, denominator: 3, of: 'members' },
      passVotes: { numerator: 2, denominator: 3, of: 'present' },
      passRule: { requires: ['enginePassed', 'passVotes'] },
    });
    expect(res.body.session.status).toBe('meeting');
    const a = candidates[0]!.applicantId;
    expect((await committee().put(`${URL}/scores/${a}`).send({ scores: SCORES })).status).toBe(200);
    const ballot = await committee().put(`${URL}/ballots/${a}`).send({ yes: 10, no: 5, abstain: 0 });
    expect(ballot.status).toBe(409);
    expect(ballot.body).toMatchObject({ code: 'QUORUM_NOT_MET', details: { present: 15, members: 24, needed: 16 } });
  });

  it('16 of 24 present meets the quorum', async () => {
    const res = await committee().put(`${URL}/attendance`).send({ heldOn: '2026-01-05', present: [...MEMBERS.slice(0, 16)].reverse() });
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

  it('refuses a ballot before the scores (SCORES_MISSING), and a tally that is not the 16 present (BALLOT_MISMATCH with the numbers)', async () => {
    const last = candidates.at(-1)!.applicantId;
    const early = await committee().put(`${URL}/ballots/${last}`).send({ yes: 11, no: 3, abstain: 2 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'SCORES_MISSING', details: { missingScores: [last] } });
    const a = candidates[0]!.applicantId;
    const over = await committee().put(`${URL}/ballots/${a}`).send({ yes: 11, no: 4, abstain: 2 });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ code: 'BALLOT_MISMATCH', details: { yes: 11, no: 4, abstain: 2, cast: 17, present: 16 } });
    expect(over.body.details.text.zh).toBe('同意 11 + 反对 4 + 弃权 2 = 17 票，与出席评委 16 人不符（缺席评委不能投票）');
    // Fewer ballots than members present were accepted before: every member present casts one.
    const under = await committee().put(`${URL}/ballots/${a}`).send({ yes: 11, no: 3, abstain: 1 });
    expect(under.status).toBe(400);
    expect(under.body).toMatchObject({ code: 'BALLOT_MISMATCH', details: { cast: 15, present: 16 } });
    expect(under.body.details.text.zh).toContain('15 票，与出席评委 16 人不符');
    expect(ctx.store.sessions.get('session-0001')!.meeting!.results.find((r) => r.applicantId === a)!.votedAt).toBeUndefined();
  });

  it('with 16 present: 11 yes pass, 10 do not', async () => {
    const [a, b] = [candidates[0]!.applicantId, candidates[1]!.applicantId];
    const yes11 = await committee().put(`${URL}/ballots/${a}`).send({ yes: 11, no: 3, abstain: 2 });
    expect(yes11.status).toBe(200);
    expect(yes11.body.result).toMatchObject({ votes: { yes: 11, no: 3, abstain: 2 }, scorePassed: true, passed: true, yesNeeded: 11, votedBy: 'health-committee', committeeScores: SCORES });
    expect(yes11.body.verdict).toMatchObject({ passed: true, score: { state: 'passed', passMark: 60 }, votes: { state: 'passed', yes: 11, needed: 11, base: 16 } });
    const yes10 = await admin().put(`${URL}/ballots/${b}`).send({ yes: 10, no: 6, abstain: 0 });
    expect(yes10.body.result).toMatchObject({ passed: false, yesNeeded: 11 });
    expect(yes10.body.verdict.reasons.map((r: { zh: string }) => r.zh)).toEqual(['同意 10 票，未达到出席评委 16 人的 2/3（需 11 票）']);
  });

  it("passes at the pass mark, not 0.1 below it whatever the vote: the engine's result with the committee's scores is the other half of the rule", async () => {
    const id = candidates.at(-1)!.applicantId; // run score 62.9 against a pass mark of 60
    const filed = (await ctx.agents.auditor!.get(`${URL}/results/${id}`)).body.result as { score: number; categories: Array<{ id: string; points: number }> };
    const rest = filed.score - filed.categories.find((c) => c.id === 'committeeReview')!.points;
    // Committee scores that put the total exactly on 60, then 0.1 below.
    const exact = Math.round((60 - rest) * 10) / 10;
    expect(exact).toBeGreaterThan(0.1);
    expect(exact).toBeLessThanOrEqual(10);
    const split = (total: number) => {
      const report = Math.min(3, total);
      const defence = Math.min(4, Math.round((total - report) * 10) / 10);
      return { reviewReport: report, reviewDefence: defence, reviewDisplay: Math.round((total - report - defence) * 10) / 10 };
    };
    const atMark = await committee().put(`${URL}/scores/${id}`).send({ scores: split(exact) });
    expect(atMark.body.result).toMatchObject({ score: 60, scorePassed: true, eligible: true, vetoed: false, passMark: 60 });
    const yes11 = await committee().put(`${URL}/ballots/${id}`).send({ yes: 11, no: 5, abstain: 0 });
    expect(yes11.body.verdict).toMatchObject({ passed: true, score: { state: 'passed', score: 60, passMark: 60 } });

    const below = await committee().put(`${URL}/scores/${id}`).send({ scores: split(Math.round((exact - 0.1) * 10) / 10) });
    expect(below.body.result).toMatchObject({ score: 59.9, scorePassed: false, passed: false });
    const unanimous = await committee().put(`${URL}/ballots/${id}`).send({ yes: 16, no: 0, abstain: 0 });
    expect(unanimous.body.result).toMatchObject({ votes: { yes: 16, no: 0, abstain: 0 }, scorePassed: false, passed: false });
    expect(unanimous.body.verdict).toMatchObject({ passed: false, score: { state: 'notPassed', score: 59.9, passMark: 60 }, votes: { state: 'passed', yes: 16 } });
    expect(unanimous.body.verdict.reasons.map((r: { zh: string }) => r.zh)).toEqual(['得分 59.9 低于分数线 60']);

    // The meeting tab's data: both parts side by side for every candidate, from the same verdict.
    const view = await ctx.agents.auditor!.get(URL);
    expect(view.body).toMatchObject({ passMark: 60, passRule: { requires: ['enginePassed', 'passVotes'], recorded: true } });
    const mine = view.body.verdicts.find((v: { applicantId: string }) => v.applicantId === id);
    expect(mine).toMatchObject({ passed: false, score: { state: 'notPassed' }, votes: { state: 'passed' } });
    expect(view.body.verdicts.map((v: { applicantId: string }) => v.applicantId)).toEqual(candidates.map((c) => c.applicantId));
  });

  it('attendance no longer changes once a ballot was cast', async () => {
    const res = await admin().put(`${URL}/attendance`).send({ heldOn: '2026-01-05', present: MEMBERS.slice(0, 20) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect(res.body.details.voted).toHaveLength(3);
  });

  it('closes only when every candidate is scored (SCORES_MISSING) and balloted (the missing listed); nothing changes after', async () => {
    const rest = candidates.slice(2, -1).map((c) => c.applicantId);
    const early = await committee().post(`${URL}/close`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'SCORES_MISSING', details: { missingScores: rest, missingBallots: rest } });
    expect(early.body.details.text.zh).toContain(`${rest.length} 名参评人员尚未录入评委会评分`);
    expect((await ctx.agents.auditor!.get(URL)).body.closing).toEqual({ missingScores: rest, missingBallots: rest });
    for (const id of rest) await committee().put(`${URL}/scores/${id}`).send({ scores: SCORES });
    const unvoted = await committee().post(`${URL}/close`);
    expect(unvoted.status).toBe(409);
    expect(unvoted.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { missingBallots: rest, missingScores: [] } });
    for (const id of rest) await committee().put(`${URL}/ballots/${id}`).send({ yes: 16, no: 0, abstain: 0 });
    const closed = await committee().post(`${URL}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.session.status).toBe('voted');
    expect(closed.body.meeting).toMatchObject({ closedAt: AT, closedBy: 'health-committee', passRule: { requires: ['enginePassed', 'passVotes'] } });
    // Passed: both parts. candidates[1] fell short of the votes, the last one of the pass mark.
    const passed = (closed.body.meeting.results as Array<{ applicantId: string; passed: boolean }>).filter((r) => r.passed).map((r) => r.applicantId);
    expect(passed).toEqual([candidates[0]!.applicantId, ...rest]);
    const audit = await ctx.agents.auditor!.get('/api/v1/audit/entries?action=session.meeting.close');
    expect(audit.body.entries[0].details).toMatchObject({ passed, notPassed: [candidates[1]!.applicantId, candidates.at(-1)!.applicantId], passRule: { requires: ['enginePassed', 'passVotes'] } });
    expect(audit.body.entries[0].details.tallies.at(-1)).toMatchObject({ score: 59.9, passMark: 60, scorePassed: false, votesPassed: true, passed: false });
    expect(closed.body.meeting.results.map((r: { applicantId: string }) => r.applicantId)).toEqual(candidates.map((c) => c.applicantId));

    const a = candidates[0]!.applicantId;
    for (const res of [
      await admin().put(`${URL}/ballots/${a}`).send({ yes: 1, no: 0, abstain: 0 }),
      await admin().put(`${URL}/scores/${a}`).send({ scores: SCORES }),
      await admin().put(`${URL}/attendance`).send({ heldOn: '2026-01-05', present: MEMBERS }),
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
    expect(ballot).toMatchObject({ actor: 'health-committee', target: 'session:session-0001', details: { votes: { yes: 11, no: 3, abstain: 2 }, present: 16, yesNeeded: 11, votesPassed: true, scorePassed: true, passed: true } });
    expect(Object.keys(ballot.details).sort()).toEqual(['applicantId', 'passVotes', 'passed', 'present', 'scorePassed', 'votes', 'votesPassed', 'yesNeeded']);
    const scores = res.body.entries.find((e: { action: string }) => e.action === 'session.meeting.scores');
    expect(scores.details).toMatchObject({ committeeScores: expect.any(Object), ruleset: 'health-deputy-senior@1' });
  });

  it("refuses the committee of another series, officials, and auditors' entries", async () => {
    const edu = ctx.agents['edu-committee']!;
    expect((await edu.get(URL)).status).toBe(403);
    expect((await edu.get(`${URL}/results/${candidates[0]!.applicantId}`)).status).toBe(403);
    expect((await edu.put(`${URL}/attendance`).send({ heldOn: '2026-01-05', present: [] })).status).toBe(403);
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

// /sessions/{id}/meeting…: the review meeting (评审会议). Attendance of the drawn
// members and the quorum; the committee's scores for the ruleset's committee items
// (server/committee/committee-items.ts), each candidate's run record re-evaluated
// with them; the secret-ballot tallies and the verdict (server/committee/meeting.ts);
// closing the meeting, after which nothing in it changes.
//
// Administrators and the committee of the session's series enter; auditors read.
// Every entry is one session.change — one commit and one audit entry
// (session.meeting.attendance, .scores, .ballot, .close) — and every state check is
// made again inside the commit, so two clerks at once cannot slip past one.
//
// Order: attendance (status drawn → meeting), then per candidate the scores, then
// the ballot (scores first when the ruleset has committee items: the committee
// votes on what it scored). Attendance may change until the first ballot is cast.
// The meeting is dated no later than today (China time) and no earlier than the day
// the members were drawn. The fractions and the pass rule used are recorded with the
// attendance (policy snapshot); ballots are judged with the recorded ones. A ballot
// accounts for every member present. Whether a candidate passed is decided by one
// function (meeting.ts verdict: the engine's result passed and the yes votes reach
// the fraction); the tallies close only with every candidate scored and balloted.
// Only tallies are stored, never who voted how.
import { Router, type Response } from 'express';
import { evaluate, type Applicant, type CompiledRuleset, type EvaluationResult } from '../../engine/index';
import { committeeItems, scoreIssues, withCommitteeScores, type CommitteeItem } from '../committee/committee-items';
import { chinaToday } from '../committee/china-date';
import { attendanceIssues, ballotProblem, closingGaps, meetingPassRule, meetingVerdicts, pass, quorum, verdict, verdictContext, type Votes } from '../committee/meeting';
import { UserError } from '../io/user-error';
import type { MeetingResult, ReviewSession, SessionMeeting } from '../storage/index';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { date, list, nullable, object, ok, ref } from './openapi-responses';
import { allow, authenticate, currentUser } from './roles';
import { singleEvaluationOptions } from './ruleset-resolver';
import { meetingResultSchema, meetingSchema, sessionFor, sessionSchema } from './sessions.routes';
import { validate, type Schema } from './validate-request';

const idParams: Schema = { type: 'object', properties: { id: { type: 'string', pattern: '^session-[0-9]{4,}$' } } };
const applicantParams: Schema = { type: 'object', properties: { id: { type: 'string', pattern: '^session-[0-9]{4,}$' }, applicantId: { type: 'string', minLength: 1, maxLength: 64 } } };
const attendanceBody: Schema = {
  type: 'object',
  required: ['heldOn', 'present'],
  additionalProperties: false,
  properties: { heldOn: { type: 'string', format: 'date' }, present: { type: 'array', maxItems: 999, items: { type: 'string', minLength: 1, maxLength: 64 } } },
};
const scoresBody: Schema = {
  type: 'object',
  required: ['scores'],
  additionalProperties: false,
  properties: { scores: { type: 'object', maxProperties: 50, additionalProperties: { type: 'number' } } },
};
const tally = { type: 'integer', minimum: 0, maximum: 999 };
const ballotBody: Schema = { type: 'object', required: ['yes', 'no', 'abstain'], additionalProperties: false, properties: { yes: tally, no: tally, abstain: tally } };

const invalidTransition = (session: ReviewSession, zh: string, en: string, details: Record<string, unknown> = {}) =>
  new HttpError('INVALID_TRANSITION', { zh, en }, { id: session.id, status: session.status, ...details });

/** The meeting, open for entries: attendance recorded, not closed. */
function openMeeting(session: ReviewSession): SessionMeeting {
  const meeting = session.meeting;
  if (!meeting) throw invalidTransition(session, `评审会 ${session.id} 尚未登记出席情况`, `Session ${session.id} has no attendance yet: record it first`);
  if (meeting.closedAt) throw invalidTransition(session, `评审会 ${session.id} 的会议已于 ${meeting.closedAt} 结束，不能再修改`, `The meeting of session ${session.id} was closed at ${meeting.closedAt}; nothing in it changes`, { closedAt: meeting.closedAt });
  return meeting;
}

/** Attendance may be taken once the members are drawn, and changed until the first ballot. */
function attendanceOpen(session: ReviewSession): void {
  if (session.meeting) openMeeting(session);
  if (!session.draw || (session.status !== 'drawn' && session.status !== 'meeting')) {
    throw invalidTransition(session, `评审会 ${session.id} 处于“${session.status}”阶段，不能登记出席（须已抽取评委、会议未结束）`, `Session ${session.id} is ${session.status}: attendance needs drawn members and an open meeting`);
  }
  const voted = session.meeting?.results.filter((r) => r.votedAt !== undefined).map((r) => r.applicantId) ?? [];
  if (voted.length > 0) {
    throw invalidTransition(session, `已按此出席情况进行了表决（${voted.join('、')}），出席情况不能再修改`, `A ballot was cast with this attendance (${voted.join(', ')}); it can no longer change`, { voted });
  }
}

const membersOf = (session: ReviewSession, meeting: SessionMeeting) => meeting.members ?? session.draw?.members.length ?? 0;

function quorumNotMet(session: ReviewSession, meeting: SessionMeeting): HttpError {
  const q = quorum(meeting.present.length, membersOf(session, meeting), meeting.quorum);
  return new HttpError(
    'QUORUM_NOT_MET',
    { zh: `出席评委 ${q.present} 人，未达到法定人数 ${q.needed} 人（评委 ${q.members} 人的 ${meeting.quorum.numerator}/${meeting.quorum.denominator}），不能表决`, en: `${q.present} member(s) present, below the quorum of ${q.needed} (${meeting.quorum.numerator}/${meeting.quorum.denominator} of ${q.members}): no ballot` },
    { id: session.id, present: q.present, members: q.members, needed: q.needed, quorum: meeting.quorum },
  );
}

/** The meeting is held no later than today (China time) and no earlier than the day the members were drawn. */
function meetingDateProblem(session: ReviewSession, heldOn: string, today: string): HttpError | null {
  if (heldOn > today) {
    return new HttpError(
      'MEETING_IN_FUTURE',
      { zh: `会议日期 ${heldOn} 晚于今天 ${today}：出席情况在会议当天或之后登记`, en: `The meeting date ${heldOn} is after today (${today}): attendance is recorded on or after the day of the meeting` },
      { id: session.id, heldOn, today, issues: [{ in: 'body', pointer: '/heldOn', keyword: 'maximum', message: `must be on or before ${today}` }] },
    );
  }
  const drawnOn = session.draw ? chinaToday(session.draw.drawnAt) : undefined;
  if (drawnOn !== undefined && heldOn < drawnOn) {
    return new HttpError(
      'MEETING_BEFORE_DRAW',
      { zh: `会议日期 ${heldOn} 早于评委抽取日期 ${drawnOn}：评委须先抽取、后开会`, en: `The meeting date ${heldOn} is before the members were drawn (${drawnOn})` },
      { id: session.id, heldOn, drawnOn, issues: [{ in: 'body', pointer: '/heldOn', keyword: 'minimum', message: `must be on or after ${drawnOn}` }] },
    );
  }
  return null;
}

/** SCORES_MISSING: the committee's scores come before a ballot, and before closing. */
function scoresMissing(session: ReviewSession, missingScores: string[], missingBallots: string[] = []): HttpError {
  const names = missingScores.map((id) => session.candidates.find((c) => c.applicantId === id)?.name ?? id);
  return new HttpError(
    'SCORES_MISSING',
    { zh: `${missingScores.length} 名参评人员尚未录入评委会评分：${names.join('、')}`, en: `The committee's scores are missing for ${missingScores.length} candidate(s): ${missingScores.join(', ')}` },
    { id: session.id, missingScores, missingBallots },
  );
}

/** Results in the candidates' order (the run's ranking). */
function ordered(session: ReviewSession, results: MeetingResult[]): MeetingResult[] {
  const at = new Map(session.candidates.map((c, i) => [c.applicantId, i]));
  return [...results].sort((a, b) => (at.get(a.applicantId) ?? 0) - (at.get(b.applicantId) ?? 0));
}

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, config, resolver, runService, policy } = ctx;
  router.use(authenticate(ctx));

  const candidateOf = (session: ReviewSession, applicantId: string) => {
    const candidate = session.candidates.find((c) => c.applicantId === applicantId);
    if (!candidate) throw new HttpError('NOT_FOUND', { zh: `${applicantId} 不是评审会 ${session.id} 的参评人员`, en: `${applicantId} is not a candidate of session ${session.id}` }, { id: session.id, applicantId });
    return candidate;
  };

  /** The session's ruleset version, compiled (the run's: same hash). */
  const compiledFor = async (session: ReviewSession): Promise<CompiledRuleset> => {
    const version = store.rulesets.get(session.rulesetId, session.version);
    if (!version || version.hash !== session.rulesetHash) {
      throw new HttpError('NOT_FOUND', { zh: `规则集 ${session.rulesetId} v${session.version} 不在存储中`, en: `Ruleset ${session.rulesetId} v${session.version} is not in the store` }, { rulesetId: session.rulesetId, version: session.version });
    }
    return resolver.compile(version);
  };

  /** The candidate's record as the run read it. */
  const recordOf = async (session: ReviewSession, compiled: CompiledRuleset, applicantId: string): Promise<Applicant> => {
    const run = store.runs.get(session.runId);
    if (!run) throw new HttpError('NOT_FOUND', { zh: `没有批次 ${session.runId}`, en: `No run ${session.runId}` }, { id: session.runId });
    let record: Applicant | undefined;
    try {
      record = await runService.applicantRecord(run, compiled, applicantId);
    } catch (err) {
      if (err instanceof UserError) throw new HttpError('UPLOAD_UNREADABLE', err.text, { upload: run.input.hash });
      throw err;
    }
    if (!record) throw new HttpError('NOT_FOUND', { zh: `批次 ${run.id} 中没有申报人 ${applicantId}`, en: `No applicant ${applicantId} in run ${run.id}` }, { id: run.id, applicantId });
    return record;
  };

  const evaluated = (session: ReviewSession, compiled: CompiledRuleset, record: Applicant, scores: Record<string, number>): EvaluationResult =>
    evaluate(compiled, withCommitteeScores(record, scores), singleEvaluationOptions(session.asOf));

  /** What the meeting keeps of the engine's result: the score, its verdict and the parts behind it. */
  const engineParts = (result: EvaluationResult) => ({ score: result.score, scorePassed: result.passed, eligible: result.eligible, vetoed: result.vetoed, passMark: result.total.minScore });

  /** The stored verdict of one result under the meeting's rule (the same function every reader asks). */
  const judged = (s: ReviewSession, meeting: SessionMeeting, entry: MeetingResult) => verdict(entry.applicantId, entry, verdictContext(meeting, membersOf(s, meeting), policy.meeting.passRule));

  /** The ruleset's pass mark, null when it passes without one (rank, eligibility only). */
  const passMarkOf = (compiled: CompiledRuleset): number | null => (compiled.pass.mode === 'minScore' ? (compiled.pass.minScore ?? null) : null);

  const act = (res: Response) => ({ actor: currentUser(res).username, at: config.now() });

  // Everything the meeting tab needs in one answer: members, the committee items, the numbers the rules give now.
  router.get('/:id/meeting', allow('admin', 'committee', 'auditor'), validate({ params: idParams }), async (req, res) => {
    const session = sessionFor(ctx, res, req.params.id as string);
    const meeting = session.meeting ?? null;
    const quorumFraction = meeting?.quorum ?? policy.meeting.quorum;
    const passFraction = meeting?.passVotes ?? policy.meeting.passVotes;
    const members = meeting ? membersOf(session, meeting) : (session.draw?.members.length ?? 0);
    const present = meeting?.present.length ?? 0;
    const q = quorum(present, members, quorumFraction);
    const compiled = await compiledFor(session);
    const items = committeeItems(compiled);
    const today = chinaToday(config.now());
    res.json({
      sessionId: session.id,
      status: session.status,
      members: session.draw?.members ?? [],
      items,
      quorum: { fraction: quorumFraction, members, present, needed: q.needed, met: q.met },
      passVotes: { fraction: passFraction, needed: pass(0, present, members, passFraction).needed },
      passRule: { requires: (meeting ? meetingPassRule(meeting, policy.meeting.passRule) : policy.meeting.passRule).requires, recorded: meeting?.passRule !== undefined },
      passMark: passMarkOf(compiled),
      verdicts: meetingVerdicts(session, policy.meeting.passRule),
      closing: closingGaps(session, items.length > 0),
      heldOnRange: { earliest: session.draw ? chinaToday(session.draw.drawnAt) : null, latest: today },
      meeting,
    });
  });

  router.put('/:id/meeting/attendance', allow('admin', 'committee'), validate({ params: idParams, body: attendanceBody }), async (req, res) => {
    const session = sessionFor(ctx, res, req.params.id as string);
    attendanceOpen(session);
    const { heldOn, present } = req.body as { heldOn: string; present: string[] };
    const dateProblem = meetingDateProblem(session, heldOn, chinaToday(config.now()));
    if (dateProblem) throw dateProblem;
    const members = session.draw!.members.map((m) => m.expertId);
    const issues = attendanceIssues(present, members);
    if (issues.length > 0) {
      throw new HttpError(
        'VALIDATION_FAILED',
        { zh: `出席名单有误：${issues.map((i) => i.text.zh).join('；')}`, en: `Attendance refused: ${issues.map((i) => i.text.en).join('; ')}` },
        { issues: issues.map((i) => ({ in: 'body', pointer: i.pointer, keyword: 'attendance', message: i.text.en, expertId: i.expertId })) },
      );
    }
    // Members in draw order, whatever order they were ticked in.
    const presentSet = new Set(present);
    const inOrder = members.filter((id) => presentSet.has(id));
    const { quorum: quorumFraction, passVotes, passRule } = policy.meeting;
    const q = quorum(inOrder.length, members.length, quorumFraction);
    const { actor, at } = act(res);
    const changed = await store.sessions.change(session.id, 'meeting.attendance', (s) => {
      attendanceOpen(s);
      s.meeting = {
        heldOn,
        present: inOrder,
        quorumMet: q.met,
        quorum: { ...quorumFraction },
        passVotes: { ...passVotes },
        passRule: { requires: [...passRule.requires] },
        results: s.meeting?.results ?? [],
        members: members.length,
        quorumNeeded: q.needed,
        attendanceBy: actor,
        attendanceAt: at,
      };
      s.status = 'meeting';
      return { heldOn, present: inOrder, absent: members.filter((id) => !presentSet.has(id)), members: members.length, quorumMet: q.met, quorumNeeded: q.needed, quorum: quorumFraction, passVotes, passRule: { requires: passRule.requires } };
    }, { actor, at });
    res.json({ session: changed, meeting: changed.meeting });
  });

  router.put('/:id/meeting/scores/:applicantId', allow('admin', 'committee'), validate({ params: applicantParams, body: scoresBody }), async (req, res) => {
    const session = sessionFor(ctx, res, req.params.id as string);
    openMeeting(session);
    const applicantId = req.params.applicantId as string;
    const candidate = candidateOf(session, applicantId);
    const scores = (req.body as { scores: Record<string, number> }).scores;
    const compiled = await compiledFor(session);
    const items = committeeItems(compiled);
    const issues = scoreIssues(items, scores);
    if (issues.length > 0) {
      throw new HttpError(
        'VALIDATION_FAILED',
        { zh: `评委会评分有误：${issues.map((i) => i.text.zh).join('；')}`, en: `Committee scores refused: ${issues.map((i) => i.text.en).join('; ')}` },
        { issues: issues.map((i) => ({ in: 'body', pointer: i.pointer, keyword: 'committeeScore', message: i.text.en, factId: i.factId })) },
      );
    }
    // Stored in the items' order, whatever order they came in.
    const committeeScores = Object.fromEntries(items.map((i) => [i.factId, scores[i.factId]!]));
    const result = evaluated(session, compiled, await recordOf(session, compiled, applicantId), committeeScores);
    const { actor, at } = act(res);
    const changed = await store.sessions.change(session.id, 'meeting.scores', (s) => {
      const meeting = openMeeting(s);
      const before = meeting.results.find((r) => r.applicantId === applicantId);
      const entry: MeetingResult = {
        ...(before ?? { applicantId, name: candidate.name, unit: candidate.unit, votes: { yes: 0, no: 0, abstain: 0 }, passed: false }),
        committeeScores,
        ...engineParts(result),
        runScore: candidate.score,
        scoredBy: actor,
        scoredAt: at,
      };
      entry.passed = judged(s, meeting, entry).passed;
      meeting.results = ordered(s, [...meeting.results.filter((r) => r.applicantId !== applicantId), entry]);
      return { applicantId, committeeScores, runScore: candidate.score, score: result.score, scorePassed: result.passed, passMark: entry.passMark, passed: entry.passed, ruleset: `${s.rulesetId}@${s.version}`, rulesetHash: s.rulesetHash };
    }, { actor, at });
    res.json({ session: changed, result: changed.meeting!.results.find((r) => r.applicantId === applicantId) });
  });

  router.put('/:id/meeting/ballots/:applicantId', allow('admin', 'committee'), validate({ params: applicantParams, body: ballotBody }), async (req, res) => {
    const session = sessionFor(ctx, res, req.params.id as string);
    const applicantId = req.params.applicantId as string;
    candidateOf(session, applicantId);
    const votes = req.body as Votes;
    const compiled = await compiledFor(session);
    const scored = committeeItems(compiled).length > 0;
    const check = (s: ReviewSession) => {
      const meeting = openMeeting(s);
      if (!meeting.quorumMet) throw quorumNotMet(s, meeting);
      const present = meeting.present.length;
      const problem = ballotProblem(votes, present);
      if (problem?.kind === 'mismatch') {
        throw new HttpError('BALLOT_MISMATCH', problem.text, { applicantId, yes: votes.yes, no: votes.no, abstain: votes.abstain, cast: problem.cast, present, issues: [{ in: 'body', pointer: '', keyword: 'ballot', message: problem.text.en }] });
      }
      if (problem) throw new HttpError('VALIDATION_FAILED', problem.text, { issues: [{ in: 'body', pointer: '', keyword: 'ballot', message: problem.text.en }], present, cast: problem.cast });
      const result = meeting.results.find((r) => r.applicantId === applicantId);
      if (scored && result?.scoredAt === undefined) throw scoresMissing(s, [applicantId]);
      return { meeting, result, check: pass(votes.yes, present, membersOf(s, meeting), meeting.passVotes) };
    };
    check(session);
    // Without committee items the meeting judges the run record as it is: evaluated now, kept with the tally.
    const unscored = !scored && session.meeting?.results.find((r) => r.applicantId === applicantId)?.scoredAt === undefined ? evaluated(session, compiled, await recordOf(session, compiled, applicantId), {}) : undefined;
    const { actor, at } = act(res);
    const changed = await store.sessions.change(session.id, 'meeting.ballot', (s) => {
      const { meeting, result, check: votesCheck } = check(s);
      const candidate = candidateOf(s, applicantId);
      const entry: MeetingResult = {
        ...(result ?? { applicantId, name: candidate.name, unit: candidate.unit, committeeScores: {}, score: candidate.score, scorePassed: false, runScore: candidate.score }),
        ...(unscored && result?.scoredAt === undefined ? { ...engineParts(unscored), scoredBy: actor, scoredAt: at } : {}),
        votes: { yes: votes.yes, no: votes.no, abstain: votes.abstain },
        passed: false,
        yesNeeded: votesCheck.needed,
        votedBy: actor,
        votedAt: at,
      };
      const judgement = judged(s, meeting, entry);
      entry.passed = judgement.passed;
      meeting.results = ordered(s, [...meeting.results.filter((r) => r.applicantId !== applicantId), entry]);
      return {
        applicantId,
        votes: entry.votes,
        present: meeting.present.length,
        yesNeeded: votesCheck.needed,
        votesPassed: votesCheck.passed,
        scorePassed: entry.scorePassed,
        passed: entry.passed,
        passVotes: meeting.passVotes,
      };
    }, { actor, at });
    const meeting = changed.meeting!;
    const stored = meeting.results.find((r) => r.applicantId === applicantId)!;
    res.json({ session: changed, result: stored, verdict: judged(changed, meeting, stored) });
  });

  router.post('/:id/meeting/close', allow('admin', 'committee'), validate({ params: idParams }), async (req, res) => {
    const session = sessionFor(ctx, res, req.params.id as string);
    const scored = committeeItems(await compiledFor(session)).length > 0;
    const check = (s: ReviewSession) => {
      const meeting = openMeeting(s);
      if (!meeting.quorumMet) throw quorumNotMet(s, meeting);
      const { missingScores, missingBallots } = closingGaps(s, scored);
      if (missingScores.length > 0) throw scoresMissing(s, missingScores, missingBallots);
      if (missingBallots.length > 0) {
        throw invalidTransition(
          s,
          `还有 ${missingBallots.length} 名参评人员未表决：${missingBallots.join('、')}`,
          `${missingBallots.length} candidate(s) still lack a ballot: ${missingBallots.join(', ')}`,
          { missingBallots, missingScores },
        );
      }
      return meeting;
    };
    check(session);
    const { actor, at } = act(res);
    const changed = await store.sessions.change(session.id, 'meeting.close', (s) => {
      const meeting = check(s);
      // The rule the tallies are closed under is written down with them, and every stored verdict restated by it.
      meeting.passRule = { requires: [...meetingPassRule(meeting, policy.meeting.passRule).requires] };
      const verdicts = meetingVerdicts(s, policy.meeting.passRule);
      const byId = new Map(verdicts.map((v) => [v.applicantId, v]));
      for (const r of meeting.results) r.passed = byId.get(r.applicantId)?.passed ?? false;
      meeting.closedAt = at;
      meeting.closedBy = actor;
      s.status = 'voted';
      return {
        heldOn: meeting.heldOn,
        present: meeting.present.length,
        members: membersOf(s, meeting),
        passRule: meeting.passRule,
        passed: verdicts.filter((v) => v.passed).map((v) => v.applicantId),
        notPassed: verdicts.filter((v) => !v.passed).map((v) => v.applicantId),
        tallies: verdicts.map((v) => {
          const r = meeting.results.find((x) => x.applicantId === v.applicantId)!;
          return { applicantId: v.applicantId, votes: r.votes, score: r.score, passMark: r.passMark ?? null, scorePassed: v.score.state === 'passed', votesPassed: v.votes.state === 'passed', passed: v.passed };
        }),
        passVotes: meeting.passVotes,
      };
    }, { actor, at });
    res.json({ session: changed, meeting: changed.meeting });
  });

  // The explanation with the committee's scores applied (the run's own values until they are entered).
  router.get('/:id/meeting/results/:applicantId', allow('admin', 'committee', 'auditor'), validate({ params: applicantParams }), async (req, res) => {
    const session = sessionFor(ctx, res, req.params.id as string);
    const applicantId = req.params.applicantId as string;
    candidateOf(session, applicantId);
    const entered = session.meeting?.results.find((r) => r.applicantId === applicantId);
    const committeeScores = entered?.scoredAt !== undefined ? entered.committeeScores : {};
    const compiled = await compiledFor(session);
    const result = evaluated(session, compiled, await recordOf(session, compiled, applicantId), committeeScores);
    res.json({ applicantId, applied: entered?.scoredAt !== undefined, committeeScores, items: committeeItems(compiled), result });
  });

  return router;
}

const fraction = object(['numerator', 'denominator', 'of'], { numerator: { type: 'integer' }, denominator: { type: 'integer' }, of: { enum: ['members', 'present'] } });
const committeeItemSchema = object(['factId', 'label', 'min', 'max', 'integer', 'itemId', 'itemTitle', 'cap'], {
  factId: { type: 'string' },
  label: { type: 'object' },
  unit: { type: 'object' },
  min: { type: 'number' },
  max: nullable({ type: 'number' }),
  integer: { type: 'boolean' },
  itemId: { type: 'string' },
  itemTitle: { type: 'object' },
  cap: nullable({ type: 'number' }),
});
const sessionAndResult = ok(object(['session', 'result'], { session: sessionSchema, result: meetingResultSchema }));
const textSchema = object(['zh'], { zh: { type: 'string' }, en: { type: 'string' } });
const partState = { enum: ['passed', 'notPassed', 'pending'] };
/** meeting.ts CandidateVerdict: both parts of the pass rule with reasons. */
export const verdictSchema = object(['applicantId', 'score', 'votes', 'passed', 'reasons'], {
  applicantId: { type: 'string' },
  score: object(['required', 'state', 'score', 'passMark', 'reasons'], { required: { type: 'boolean' }, state: partState, score: nullable({ type: 'number' }), passMark: nullable({ type: 'number' }), reasons: list(textSchema) }),
  votes: object(['required', 'state', 'yes', 'needed', 'base', 'reasons'], { required: { type: 'boolean' }, state: partState, yes: nullable({ type: 'integer' }), needed: { type: 'integer' }, base: { type: 'integer' }, reasons: list(textSchema) }),
  passed: { type: 'boolean' },
  reasons: list(textSchema),
});
const sessionAndMeeting = ok(object(['session', 'meeting'], { session: sessionSchema, meeting: meetingSchema }));
const member = object(['expertId', 'name', 'unit'], { expertId: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' } });

export const meetingsResource: CommitteeResource = {
  mount: '/sessions',
  router,
  routes: [
    {
      method: 'get',
      path: '/sessions/{id}/meeting',
      summary:
        "The meeting: drawn members, the ruleset's committee items (facts of the committeeReview category), quorum and yes votes needed now, the pass rule and pass mark, each candidate's verdict (分数线 and 表决 side by side, with reasons), what still stops closing, the dates the meeting may carry, the meeting record or null (committee: own series)",
      roles: ['admin', 'committee', 'auditor'],
    },
    {
      method: 'put',
      path: '/sessions/{id}/meeting/attendance',
      summary: 'Attendance { heldOn, present: [expertId] } of drawn members; heldOn from the day of the draw to today (China time), else MEETING_BEFORE_DRAW / MEETING_IN_FUTURE; records quorumMet, the policy fractions and pass rule; status → meeting. Until the first ballot; INVALID_TRANSITION after (committee: own series)',
      roles: ['admin', 'committee'],
    },
    {
      method: 'put',
      path: '/sessions/{id}/meeting/scores/{applicantId}',
      summary: "The committee's scores { scores: { factId: number } } for every committee item, checked against the fact's range; the candidate's run record re-evaluated with them → score, scorePassed, eligible, vetoed, passMark (committee: own series)",
      roles: ['admin', 'committee'],
    },
    {
      method: 'put',
      path: '/sessions/{id}/meeting/ballots/{applicantId}',
      summary: 'The secret-ballot tally { yes, no, abstain }: yes + no + abstain = members present, else BALLOT_MISMATCH with the numbers; passed when the engine result with the committee scores is passed and yes reaches the pass fraction (2/3 of those present by default) → result and verdict; QUORUM_NOT_MET without a quorum; SCORES_MISSING before the scores (committee: own series)',
      roles: ['admin', 'committee'],
    },
    { method: 'post', path: '/sessions/{id}/meeting/close', summary: 'Close the meeting: every candidate scored (SCORES_MISSING lists who is not) and balloted, quorum met; records the pass rule and each verdict; status → voted; nothing changes after (committee: own series)', roles: ['admin', 'committee'] },
    { method: 'get', path: '/sessions/{id}/meeting/results/{applicantId}', summary: "One candidate's full engine result with the committee's scores applied (the run's values until entered) (committee: own series)", roles: ['admin', 'committee', 'auditor'] },
  ],
  responses: {
    'get /sessions/{id}/meeting': ok(
      object(['sessionId', 'status', 'members', 'items', 'quorum', 'passVotes', 'passRule', 'passMark', 'verdicts', 'closing', 'heldOnRange', 'meeting'], {
        sessionId: { type: 'string' },
        status: { type: 'string' },
        members: list(member),
        items: list(committeeItemSchema),
        quorum: object(['fraction', 'members', 'present', 'needed', 'met'], { fraction, members: { type: 'integer' }, present: { type: 'integer' }, needed: { type: 'integer' }, met: { type: 'boolean' } }),
        passVotes: object(['fraction', 'needed'], { fraction, needed: { type: 'integer' } }),
        passRule: object(['requires', 'recorded'], { requires: list({ enum: ['enginePassed', 'passVotes'] }), recorded: { type: 'boolean' } }),
        passMark: nullable({ type: 'number' }),
        verdicts: list(verdictSchema),
        closing: object(['missingScores', 'missingBallots'], { missingScores: list({ type: 'string' }), missingBallots: list({ type: 'string' }) }),
        heldOnRange: object(['earliest', 'latest'], { earliest: nullable(date), latest: date }),
        meeting: nullable(meetingSchema),
      }),
    ),
    'put /sessions/{id}/meeting/attendance': sessionAndMeeting,
    'put /sessions/{id}/meeting/scores/{applicantId}': sessionAndResult,
    'put /sessions/{id}/meeting/ballots/{applicantId}': ok(object(['session', 'result', 'verdict'], { session: sessionSchema, result: meetingResultSchema, verdict: verdictSchema })),
    'post /sessions/{id}/meeting/close': sessionAndMeeting,
    'get /sessions/{id}/meeting/results/{applicantId}': ok(
      object(['applicantId', 'applied', 'committeeScores', 'items', 'result'], {
        applicantId: { type: 'string' },
        applied: { type: 'boolean' },
        committeeScores: { type: 'object', additionalProperties: { type: 'number' } },
        items: list(committeeItemSchema),
        result: ref('EvaluationResult'),
      }),
    ),
  },
};

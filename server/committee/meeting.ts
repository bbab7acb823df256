// The review meeting's rules (评审会议), pure: attendance against the drawn members,
// the quorum, the ballot's sanity and the pass verdict. Every fraction comes in as
// an argument (the policy's meeting.quorum and meeting.passVotes, recorded with the
// meeting), so a changed committee-policy.json changes the outcome and a past
// meeting keeps the values it was held under.
//
// A fraction is "of" the members drawn or of the members present. The shipped
// policy: quorum 2/3 of the members, pass 2/3 of those present; 16 of 24 present
// meets the quorum (16·3 ≥ 24·2), and with 16 present 11 yes votes pass (11·3 ≥ 16·2)
// while 10 do not. Absent members cannot vote, and every member present casts one
// ballot (同意, 反对 or 弃权): a tally adds up to exactly those present.
// Only tallies exist here: who voted how is never an input (secret ballot).
//
// The pass rule (verdict below) is the one place that decides whether a candidate
// passed: the meeting tab's data, closing, the publicity list, the filing package
// and the title-holder import all ask it. A candidate passes when every part the
// meeting's pass rule requires holds — enginePassed: the ruleset's result with the
// committee's scores applied is `passed` (eligible, not vetoed, at or above the pass
// mark); passVotes: the yes votes reach the pass fraction. A ballot accounts for
// every member present (yes + no + abstain = present).
import type { Text } from '../../engine/index';
import { text } from '../io/text';
import type { MeetingResult, SessionMeeting } from '../storage/types';
import { needed, reaches, type Fraction, type PassRule } from './process-policy';

export interface Votes {
  yes: number;
  no: number;
  abstain: number;
}

/** What a fraction is counted against. */
export function base(fraction: Pick<Fraction, 'of'>, counts: { members: number; present: number }): number {
  return fraction.of === 'members' ? counts.members : counts.present;
}

export interface QuorumCheck {
  met: boolean;
  present: number;
  members: number;
  /** The smallest attendance that meets it. */
  needed: number;
}

/** Enough members present to hold the vote. */
export function quorum(present: number, members: number, fraction: Fraction): QuorumCheck {
  const total = base(fraction, { members, present });
  return { met: members > 0 && reaches(present, total, fraction), present, members, needed: needed(total, fraction) };
}

export interface PassCheck {
  passed: boolean;
  /** The smallest yes count that passes. */
  needed: number;
}

/** The committee's verdict on one candidate: yes votes reach the fraction (of those present by default). */
export function pass(yes: number, present: number, members: number, fraction: Fraction): PassCheck {
  const total = base(fraction, { members, present });
  return { passed: total > 0 && reaches(yes, total, fraction), needed: needed(total, fraction) };
}

export interface BallotProblem {
  /** not-whole: a count that is not a whole number ≥ 0; mismatch: yes + no + abstain ≠ present (BALLOT_MISMATCH). */
  kind: 'not-whole' | 'mismatch';
  cast: number;
  present: number;
  text: Text;
}

/** Why a tally cannot be right, or null: whole non-negative numbers adding up to the members present. */
export function ballotProblem(votes: Votes, present: number): BallotProblem | null {
  const cast = votes.yes + votes.no + votes.abstain;
  for (const key of ['yes', 'no', 'abstain'] as const) {
    const n = votes[key];
    if (!Number.isInteger(n) || n < 0) return { kind: 'not-whole', cast, present, text: text(`${key} 票数应为非负整数，实际为 ${n}`, `${key} must be a whole number ≥ 0, got ${n}`) };
  }
  if (cast !== present) {
    const sum = `同意 ${votes.yes} + 反对 ${votes.no} + 弃权 ${votes.abstain} = ${cast} 票`;
    const why = cast > present ? '缺席评委不能投票' : '每位出席评委须投同意、反对或弃权票';
    const whyEn = cast > present ? 'absent members cannot vote' : 'every member present casts yes, no or abstain';
    return {
      kind: 'mismatch',
      cast,
      present,
      text: text(`${sum}，与出席评委 ${present} 人不符（${why}）`, `yes ${votes.yes} + no ${votes.no} + abstain ${votes.abstain} = ${cast} ballot(s) ≠ ${present} member(s) present (${whyEn})`),
    };
  }
  return null;
}

/**
 * The pass rule a meeting is judged by: the one it recorded (with its attendance, and
 * again when it was closed), else `current`, the policy's. A meeting recorded before
 * the rule was data has none and is read with the policy's rule: the policy file must
 * require both parts, so that is the one rule there is. Its recorded numbers (the
 * engine's verdict with the committee's scores, the tally, the fraction) decide as
 * they would have; what was already posted or filed (a publicity's list, a built
 * package) is history and is not rewritten, but nothing made from it from now on (a
 * publicity started, a package built, holders imported) takes a candidate who fails
 * either part.
 */
export function meetingPassRule(meeting: Pick<SessionMeeting, 'passRule'>, current: PassRule): PassRule {
  return meeting.passRule ?? current;
}

export type PartState = 'passed' | 'notPassed' | 'pending';

/** 分数线: the engine's result with the committee's scores applied. */
export interface ScorePart {
  /** Whether the meeting's pass rule requires it (enginePassed). */
  required: boolean;
  /** pending until the meeting has the result (committee scores entered; without committee items, the ballot). */
  state: PartState;
  score: number | null;
  /** The ruleset's pass mark (minScore), null without one or for a result recorded before it was kept. */
  passMark: number | null;
  reasons: Text[];
}

/** 表决: the yes votes against the pass fraction. */
export interface VotePart {
  /** Whether the meeting's pass rule requires it (passVotes). */
  required: boolean;
  /** pending until the tally is entered. */
  state: PartState;
  yes: number | null;
  /** The smallest yes count that passes, and what it is counted of (members present, or members drawn). */
  needed: number;
  base: number;
  reasons: Text[];
}

export interface CandidateVerdict {
  applicantId: string;
  score: ScorePart;
  votes: VotePart;
  /** Every required part passed. */
  passed: boolean;
  /** Why not (each required part that did not pass, or is still pending); empty when passed. */
  reasons: Text[];
}

export interface VerdictContext {
  present: number;
  members: number;
  passVotes: Fraction;
  rule: PassRule;
}

const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);

function scorePart(result: MeetingResult | undefined, required: boolean): ScorePart {
  if (!result || result.scoredAt === undefined) {
    return { required, state: 'pending', score: null, passMark: null, reasons: [text('尚未录入评委会评分', "The committee's scores are not entered yet")] };
  }
  const passMark = result.passMark ?? null;
  if (result.scorePassed) return { required, state: 'passed', score: result.score, passMark, reasons: [] };
  const reasons: Text[] = [];
  if (result.eligible === false) reasons.push(text('不具备申报资格（有未满足的资格条件）', 'Not eligible (a criterion is not met)'));
  if (result.vetoed === true) reasons.push(text('有否决项', 'Vetoed'));
  if (passMark !== null && result.score < passMark) reasons.push(text(`得分 ${fmt(result.score)} 低于分数线 ${fmt(passMark)}`, `Score ${fmt(result.score)} is below the pass mark ${fmt(passMark)}`));
  if (reasons.length === 0) reasons.push(text('规则集结果为未通过', "The ruleset's result is not passed"));
  return { required, state: 'notPassed', score: result.score, passMark, reasons };
}

function votePart(result: MeetingResult | undefined, context: VerdictContext, required: boolean): VotePart {
  const total = base(context.passVotes, context);
  const check = pass(result?.votes.yes ?? 0, context.present, context.members, context.passVotes);
  const counted = { required, needed: check.needed, base: total };
  if (!result || result.votedAt === undefined) return { ...counted, state: 'pending', yes: null, reasons: [text('尚未表决', 'No ballot yet')] };
  const yes = result.votes.yes;
  const of = context.passVotes.of === 'members' ? text('评委', 'members') : text('出席评委', 'members present');
  if (check.passed) return { ...counted, state: 'passed', yes, reasons: [] };
  return {
    ...counted,
    state: 'notPassed',
    yes,
    reasons: [
      text(
        `同意 ${yes} 票，未达到${of.zh} ${total} 人的 ${context.passVotes.numerator}/${context.passVotes.denominator}（需 ${check.needed} 票）`,
        `${yes} yes, below ${context.passVotes.numerator}/${context.passVotes.denominator} of the ${total} ${of.en} (${check.needed} needed)`,
      ),
    ],
  };
}

/**
 * One candidate's verdict under the meeting's pass rule, both parts with reasons.
 * Pure: the stored result (score, the engine's verdict, the tally) and the meeting's
 * recorded numbers in, the verdict out.
 */
export function verdict(applicantId: string, result: MeetingResult | undefined, context: VerdictContext): CandidateVerdict {
  const score = scorePart(result, context.rule.requires.includes('enginePassed'));
  const votes = votePart(result, context, context.rule.requires.includes('passVotes'));
  const parts = [score, votes].filter((p) => p.required);
  const passed = parts.length > 0 && parts.every((p) => p.state === 'passed');
  return { applicantId, score, votes, passed, reasons: passed ? [] : parts.filter((p) => p.state !== 'passed').flatMap((p) => p.reasons) };
}

/** The numbers a meeting's verdicts are judged with: attendance, members drawn, the recorded fraction and pass rule. */
export function verdictContext(meeting: SessionMeeting, members: number, current: PassRule): VerdictContext {
  return { present: meeting.present.length, members: meeting.members ?? members, passVotes: meeting.passVotes, rule: meetingPassRule(meeting, current) };
}

/**
 * Every candidate's verdict, in the candidates' order. `current` is the policy's pass
 * rule, used only for a meeting still open that recorded none (meetingPassRule).
 */
export function meetingVerdicts(
  session: { candidates: ReadonlyArray<{ applicantId: string }>; meeting?: SessionMeeting; draw?: { members: unknown[] } },
  current: PassRule,
): CandidateVerdict[] {
  const meeting = session.meeting;
  if (!meeting) return [];
  const context = verdictContext(meeting, session.draw?.members.length ?? 0, current);
  const byId = new Map(meeting.results.map((r) => [r.applicantId, r]));
  return session.candidates.map((c) => verdict(c.applicantId, byId.get(c.applicantId), context));
}

/** The applicant ids who passed (publicity list, filing, title holders): the verdicts' own answer, nobody else. */
export function passedApplicants(session: Parameters<typeof meetingVerdicts>[0], current: PassRule): string[] {
  return meetingVerdicts(session, current).filter((v) => v.passed).map((v) => v.applicantId);
}

/** What stops the tallies from being closed: candidates without the committee's scores (when the ruleset has committee items) or without a ballot. */
export function closingGaps(session: { candidates: ReadonlyArray<{ applicantId: string }>; meeting?: SessionMeeting }, scoresRequired: boolean): { missingScores: string[]; missingBallots: string[] } {
  const byId = new Map((session.meeting?.results ?? []).map((r) => [r.applicantId, r]));
  return {
    missingScores: scoresRequired ? session.candidates.filter((c) => byId.get(c.applicantId)?.scoredAt === undefined).map((c) => c.applicantId) : [],
    missingBallots: session.candidates.filter((c) => byId.get(c.applicantId)?.votedAt === undefined).map((c) => c.applicantId),
  };
}

export interface AttendanceIssue {
  /** JSON pointer into the request body, e.g. /present/3. */
  pointer: string;
  expertId: string;
  text: Text;
}

/** Those present must be drawn members, each once. Every bad entry is named. */
export function attendanceIssues(present: readonly string[], members: readonly string[]): AttendanceIssue[] {
  const drawn = new Set(members);
  const seen = new Set<string>();
  const issues: AttendanceIssue[] = [];
  present.forEach((id, i) => {
    const pointer = `/present/${i}`;
    if (!drawn.has(id)) issues.push({ pointer, expertId: id, text: text(`${id} 不是本次抽取的评委`, `${id} is not a member drawn for this session`) });
    else if (seen.has(id)) issues.push({ pointer, expertId: id, text: text(`${id} 重复出现`, `${id} is listed twice`) });
    seen.add(id);
  });
  return issues;
}

// The meeting's rules with the shipped fractions (quorum 2/3 of the members, pass
// 2/3 of those present) and with a changed one: the quorum failure, the 16-of-24
// boundary, the yes votes needed, ballots that do not add up to those present, the
// pass rule at the boundary of each part (the pass mark, the yes votes), a meeting
// recorded before the rule was data, closing gaps, attendance names.
import { describe, expect, it } from 'vitest';
import { attendanceIssues, ballotProblem, closingGaps, meetingPassRule, meetingVerdicts, pass, passedApplicants, quorum, verdict } from '../../../server/committee/meeting';
import { loadProcessPolicy, type Fraction } from '../../../server/committee/process-policy';
import type { MeetingResult, SessionMeeting } from '../../../server/storage/types';

const { policy } = loadProcessPolicy();
const QUORUM = policy.meeting.quorum;
const PASS = policy.meeting.passVotes;

describe('quorum', () => {
  it('fails with 15 of 24 members present, is met with 16 (exactly 2/3)', () => {
    expect(quorum(15, 24, QUORUM)).toEqual({ met: false, present: 15, members: 24, needed: 16 });
    expect(quorum(16, 24, QUORUM)).toEqual({ met: true, present: 16, members: 24, needed: 16 });
  });

  it('of 25 members needs 17 (2/3 rounded up), and nobody drawn is never a quorum', () => {
    expect(quorum(16, 25, QUORUM).met).toBe(false);
    expect(quorum(17, 25, QUORUM)).toMatchObject({ met: true, needed: 17 });
    expect(quorum(0, 0, QUORUM).met).toBe(false);
  });

  it('follows a changed policy fraction: with 3/4, 16 of 24 is no longer a quorum', () => {
    const threeQuarters: Fraction = { numerator: 3, denominator: 4, of: 'members' };
    expect(quorum(16, 24, threeQuarters)).toEqual({ met: false, present: 16, members: 24, needed: 18 });
    expect(quorum(18, 24, threeQuarters).met).toBe(true);
  });
});

describe('pass', () => {
  it('with 16 present: 11 yes pass (11·3 ≥ 16·2), 10 do not', () => {
    expect(pass(11, 16, 24, PASS)).toEqual({ passed: true, needed: 11 });
    expect(pass(10, 16, 24, PASS)).toEqual({ passed: false, needed: 11 });
  });

  it('counts those present, not the members drawn', () => {
    expect(pass(14, 21, 24, PASS)).toEqual({ passed: true, needed: 14 });
    expect(pass(14, 24, 24, PASS).passed).toBe(false);
  });

  it('follows a changed policy fraction: with 3/4 of those present, 11 of 16 fails and 12 passes', () => {
    const threeQuarters: Fraction = { numerator: 3, denominator: 4, of: 'present' };
    expect(pass(11, 16, 24, threeQuarters)).toEqual({ passed: false, needed: 12 });
    expect(pass(12, 16, 24, threeQuarters).passed).toBe(true);
  });

  it('a fraction of the members counts the members drawn: 2/3 of 24 needs 16 yes even with 16 present', () => {
    const ofMembers: Fraction = { numerator: 2, denominator: 3, of: 'members' };
    expect(pass(11, 16, 24, ofMembers)).toEqual({ passed: false, needed: 16 });
  });
});

describe('ballots', () => {
  it('account for every member present: 16 of 16 is right, 15 or 17 of 16 is refused with the numbers', () => {
    expect(ballotProblem({ yes: 11, no: 3, abstain: 2 }, 16)).toBeNull();
    const over = ballotProblem({ yes: 11, no: 4, abstain: 2 }, 16)!;
    expect(over).toMatchObject({ kind: 'mismatch', cast: 17, present: 16 });
    expect(over.text.zh).toBe('同意 11 + 反对 4 + 弃权 2 = 17 票，与出席评委 16 人不符（缺席评委不能投票）');
    const under = ballotProblem({ yes: 11, no: 3, abstain: 1 }, 16)!;
    expect(under).toMatchObject({ kind: 'mismatch', cast: 15, present: 16 });
    expect(under.text.zh).toBe('同意 11 + 反对 3 + 弃权 1 = 15 票，与出席评委 16 人不符（每位出席评委须投同意、反对或弃权票）');
    expect(under.text.en).toContain('15 ballot(s) ≠ 16 member(s) present');
  });

  it('are whole numbers ≥ 0', () => {
    expect(ballotProblem({ yes: -1, no: 0, abstain: 0 }, 16)?.text.en).toContain('yes must be a whole number');
    expect(ballotProblem({ yes: 1, no: 0.5, abstain: 0 }, 16)?.text.en).toContain('no must be a whole number');
  });
});

describe('the pass rule (verdict)', () => {
  const RULE = policy.meeting.passRule;
  const context = { present: 16, members: 24, passVotes: PASS, rule: RULE };
  const at = '2026-01-05T09:00:00.000Z';
  /** A candidate scored at the meeting and balloted: score against a pass mark of 65, yes votes of 16 present. */
  const result = (score: number, yes: number, over: Partial<MeetingResult> = {}): MeetingResult => ({
    applicantId: 'A1',
    name: null,
    unit: null,
    committeeScores: { reviewReport: 3 },
    score,
    scorePassed: score >= 65,
    eligible: true,
    vetoed: false,
    passMark: 65,
    votes: { yes, no: 16 - yes, abstain: 0 },
    passed: false,
    scoredAt: at,
    votedAt: at,
    ...over,
  });

  it('the shipped policy requires both parts: the engine result passed and the yes votes', () => {
    expect(RULE.requires).toEqual(['enginePassed', 'passVotes']);
  });

  it('at the pass mark with 11 of 16 yes passes; 64.9 with 16 yes does not (分数线 未达); 65 with 10 yes does not (表决 未通过)', () => {
    const both = verdict('A1', result(65, 11), context);
    expect(both).toMatchObject({ passed: true, reasons: [], score: { state: 'passed', score: 65, passMark: 65, required: true }, votes: { state: 'passed', yes: 11, needed: 11, base: 16, required: true } });

    const below = verdict('A1', result(64.9, 16), context);
    expect(below.passed).toBe(false);
    expect(below.score.state).toBe('notPassed');
    expect(below.votes.state).toBe('passed');
    expect(below.reasons.map((r) => r.zh)).toEqual(['得分 64.9 低于分数线 65']);

    const fewVotes = verdict('A1', result(65, 10), context);
    expect(fewVotes).toMatchObject({ passed: false, score: { state: 'passed' }, votes: { state: 'notPassed', yes: 10, needed: 11 } });
    expect(fewVotes.reasons.map((r) => r.zh)).toEqual(['同意 10 票，未达到出席评委 16 人的 2/3（需 11 票）']);
  });

  it('the veterinary case: 58.9 and 60 against a pass mark of 65 do not pass whatever the vote', () => {
    for (const score of [58.9, 60]) {
      const v = verdict('A1', result(score, 16), context);
      expect(v.passed).toBe(false);
      expect(v.reasons[0]!.zh).toBe(`得分 ${score} 低于分数线 65`);
    }
  });

  it('an ineligible or vetoed result fails the score part with its reason, above the mark or not', () => {
    expect(verdict('A1', result(80, 16, { scorePassed: false, eligible: false }), context).reasons.map((r) => r.zh)).toEqual(['不具备申报资格（有未满足的资格条件）']);
    expect(verdict('A1', result(80, 16, { scorePassed: false, vetoed: true }), context).reasons.map((r) => r.zh)).toEqual(['有否决项']);
  });

  it('without scores or a ballot a part is pending, and a pending part never passes', () => {
    const unscored = verdict('A1', result(80, 16, { scoredAt: undefined }), context);
    expect(unscored).toMatchObject({ passed: false, score: { state: 'pending', score: null } });
    expect(unscored.reasons.map((r) => r.zh)).toEqual(['尚未录入评委会评分']);
    const unvoted = verdict('A1', result(80, 0, { votedAt: undefined }), context);
    expect(unvoted).toMatchObject({ passed: false, votes: { state: 'pending', yes: null, needed: 11 } });
    expect(verdict('A1', undefined, context)).toMatchObject({ passed: false, score: { state: 'pending' }, votes: { state: 'pending' } });
  });

  it('a meeting that recorded its rule is judged by it; one recorded before the rule was data is read with the policy rule', () => {
    const recorded = { requires: ['enginePassed', 'passVotes'] as Array<'enginePassed' | 'passVotes'> };
    expect(meetingPassRule({ passRule: recorded }, RULE)).toBe(recorded);
    expect(meetingPassRule({}, RULE)).toBe(RULE);
    // Even with votes well above 2/3, a result below the pass mark recorded by an old meeting does not pass.
    expect(verdict('A1', result(60, 16, { passed: true, eligible: undefined, vetoed: undefined, passMark: undefined }), { ...context, rule: meetingPassRule({}, RULE) })).toMatchObject({
      passed: false,
      score: { state: 'notPassed', passMark: null },
      reasons: [{ zh: '规则集结果为未通过' }],
    });
  });

  it('the verdicts of a meeting follow the candidates and their recorded numbers; passedApplicants takes only who passed both', () => {
    const meeting: SessionMeeting = {
      heldOn: '2026-01-05',
      present: Array.from({ length: 16 }, (_, i) => `exp-${i}`),
      quorumMet: true,
      quorum: QUORUM,
      passVotes: PASS,
      passRule: { requires: ['enginePassed', 'passVotes'] },
      results: [result(70, 11, { applicantId: 'A1' }), result(60, 16, { applicantId: 'A2' }), result(70, 10, { applicantId: 'A3' })],
      members: 24,
    };
    const session = { candidates: [{ applicantId: 'A3' }, { applicantId: 'A1' }, { applicantId: 'A2' }, { applicantId: 'A4' }], meeting };
    expect(meetingVerdicts(session, RULE).map((v) => [v.applicantId, v.passed])).toEqual([['A3', false], ['A1', true], ['A2', false], ['A4', false]]);
    expect(passedApplicants(session, RULE)).toEqual(['A1']);
  });
});

describe('closing', () => {
  it('names who lacks the committee scores and who lacks a ballot', () => {
    const at = '2026-01-05T09:00:00.000Z';
    const r = (applicantId: string, over: Partial<MeetingResult>): MeetingResult => ({ applicantId, name: null, unit: null, committeeScores: {}, score: 70, scorePassed: true, votes: { yes: 0, no: 0, abstain: 0 }, passed: false, ...over });
    const session = { candidates: [{ applicantId: 'A1' }, { applicantId: 'A2' }, { applicantId: 'A3' }], meeting: { results: [r('A1', { scoredAt: at, votedAt: at }), r('A2', { scoredAt: at })] } as SessionMeeting };
    expect(closingGaps(session, true)).toEqual({ missingScores: ['A3'], missingBallots: ['A2', 'A3'] });
    expect(closingGaps(session, false)).toEqual({ missingScores: [], missingBallots: ['A2', 'A3'] });
  });
});

describe('attendance', () => {
  it('names a stranger and a duplicate by position', () => {
    const members = ['exp-0001', 'exp-0002', 'exp-0003'];
    expect(attendanceIssues(['exp-0001', 'exp-0003'], members)).toEqual([]);
    expect(attendanceIssues(['exp-0001', 'exp-0009', 'exp-0001'], members).map((i) => [i.pointer, i.expertId, i.text.zh])).toEqual([
      ['/present/1', 'exp-0009', 'exp-0009 不是本次抽取的评委'],
      ['/present/2', 'exp-0001', 'exp-0001 重复出现'],
    ]);
  });
});

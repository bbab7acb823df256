// The meeting's rules with the shipped fractions (quorum 2/3 of the members, pass
// 2/3 of those present) and with a changed one: the quorum failure, the 16-of-24
// boundary, the yes votes needed, ballots beyond those present, attendance names.
import { describe, expect, it } from 'vitest';
import { attendanceIssues, ballotProblem, pass, quorum } from '../../../server/committee/meeting';
import { loadProcessPolicy, type Fraction } from '../../../server/committee/process-policy';

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
  it('may not exceed the members present: absent members cannot vote', () => {
    expect(ballotProblem({ yes: 11, no: 3, abstain: 2 }, 16)).toBeNull();
    expect(ballotProblem({ yes: 11, no: 4, abstain: 2 }, 16)?.zh).toBe('同意、反对、弃权共 17 票，超过出席评委 16 人（缺席评委不能投票）');
  });

  it('are whole numbers ≥ 0', () => {
    expect(ballotProblem({ yes: -1, no: 0, abstain: 0 }, 16)?.en).toContain('yes must be a whole number');
    expect(ballotProblem({ yes: 1, no: 0.5, abstain: 0 }, 16)?.en).toContain('no must be a whole number');
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

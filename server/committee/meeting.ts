// The review meeting's rules (评审会议), pure: attendance against the drawn members,
// the quorum, the ballot's sanity and the pass verdict. Every fraction comes in as
// an argument (the policy's meeting.quorum and meeting.passVotes, recorded with the
// meeting), so a changed committee-policy.json changes the outcome and a past
// meeting keeps the values it was held under.
//
// A fraction is "of" the members drawn or of the members present. The shipped
// policy: quorum 2/3 of the members, pass 2/3 of those present; 16 of 24 present
// meets the quorum (16·3 ≥ 24·2), and with 16 present 11 yes votes pass (11·3 ≥ 16·2)
// while 10 do not. Absent members cannot vote: a tally may not exceed those present.
// Only tallies exist here: who voted how is never an input (secret ballot).
import type { Text } from '../../engine/index';
import { text } from '../io/text';
import { needed, reaches, type Fraction } from './process-policy';

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

/** Why a tally cannot be right, or null: whole non-negative numbers, no more ballots than members present. */
export function ballotProblem(votes: Votes, present: number): Text | null {
  for (const key of ['yes', 'no', 'abstain'] as const) {
    const n = votes[key];
    if (!Number.isInteger(n) || n < 0) return text(`${key} 票数应为非负整数，实际为 ${n}`, `${key} must be a whole number ≥ 0, got ${n}`);
  }
  const cast = votes.yes + votes.no + votes.abstain;
  if (cast > present) {
    return text(
      `同意、反对、弃权共 ${cast} 票，超过出席评委 ${present} 人（缺席评委不能投票）`,
      `${cast} ballots (yes + no + abstain) exceed the ${present} member(s) present (absent members cannot vote)`,
    );
  }
  return null;
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

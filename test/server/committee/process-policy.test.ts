// The process values are data: the shipped file loads and carries the policy's
// defaults; a data directory's own file replaces it; a bad file is refused with the
// JSON pointer of the problem; fractions are compared in integers (no 0.666… rounding).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProcessPolicy, needed, parseProcessPolicy, POLICY_FILE, reaches, SHIPPED_POLICY } from '../../../server/committee/process-policy';
import { UserError } from '../../../server/io/user-error';

const TWO_THIRDS = { numerator: 2, denominator: 3 };
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the shipped process values', () => {
  it('carry the policy defaults: 25/11 members, 3-year terms, 2/3 quorum of members, 2/3 of those present, 5 working days, 2 months', () => {
    const { policy, file } = loadProcessPolicy();
    expect(file).toBe(SHIPPED_POLICY);
    expect(policy.committee).toEqual({ minimumMembers: { series: 25, specialty: 11 }, oddMembers: true, expertTermMaxYears: 3 });
    expect(policy.meeting.quorum).toEqual({ ...TWO_THIRDS, of: 'members' });
    expect(policy.meeting.passVotes).toEqual({ ...TWO_THIRDS, of: 'present' });
    expect(policy.meeting.passRule.requires).toEqual(['enginePassed', 'passVotes']);
    expect(policy.publicity.workingDays).toBe(5);
    expect(policy.appointment.deadlineMonths).toBe(2);
    expect(policy.quotaTieBreak.at(-1)).toEqual({ by: 'applicantId', order: 'asc' });
  });
});

describe('a data directory', () => {
  it('with its own committee-policy.json uses it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pingshen-policy-'));
    const own = JSON.parse(readFileSync(SHIPPED_POLICY, 'utf8')) as { publicity: { workingDays: number } };
    own.publicity.workingDays = 7;
    await writeFile(join(dir, POLICY_FILE), JSON.stringify(own));
    const { policy, file } = loadProcessPolicy(dir);
    expect([policy.publicity.workingDays, file]).toEqual([7, join(dir, POLICY_FILE)]);
  });

  it('without one falls back to the shipped file', () => {
    expect(loadProcessPolicy('/nonexistent-dir').file).toBe(SHIPPED_POLICY);
  });
});

describe('a bad file', () => {
  const shipped = () => JSON.parse(readFileSync(SHIPPED_POLICY, 'utf8')) as Record<string, any>;
  const problem = (doc: unknown) => {
    try {
      parseProcessPolicy(typeof doc === 'string' ? doc : JSON.stringify(doc), 'policy.json');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      return (err as UserError).text;
    }
    throw new Error('accepted');
  };

  it('names the JSON pointer of a wrong value', () => {
    const doc = shipped();
    doc.publicity.workingDays = 'five';
    expect(problem(doc).zh).toContain('/publicity/workingDays');
  });

  it('refuses a fraction above one', () => {
    const doc = shipped();
    doc.meeting.passVotes = { numerator: 4, denominator: 3, of: 'present' };
    expect(problem(doc).en).toContain('/meeting/passVotes');
  });

  it('must state the pass rule, and may not drop either part of it', () => {
    const none = shipped();
    delete none.meeting.passRule;
    expect(problem(none).en).toContain("/meeting must have required property 'passRule'");
    const votesOnly = shipped();
    votesOnly.meeting.passRule = { requires: ['passVotes'] };
    expect(problem(votesOnly).en).toContain('/meeting/passRule/requires');
    const scoreOnly = shipped();
    scoreOnly.meeting.passRule = { requires: ['enginePassed'] };
    expect(problem(scoreOnly).en).toContain('/meeting/passRule/requires');
    const unknown = shipped();
    unknown.meeting.passRule = { requires: ['enginePassed', 'passVotes', 'chairApproves'] };
    expect(problem(unknown).en).toContain('/meeting/passRule/requires/2');
  });

  it('says when it is not JSON at all', () => {
    expect(problem('{ "title": ').zh).toContain('不是有效的 JSON');
  });
});

describe('fractions in integers', () => {
  it('16 of 24 reaches two thirds, 15 does not; 16 are needed', () => {
    expect(reaches(16, 24, TWO_THIRDS)).toBe(true);
    expect(reaches(15, 24, TWO_THIRDS)).toBe(false);
    expect(needed(24, TWO_THIRDS)).toBe(16);
  });

  it('with 16 present, 11 yes votes pass and 10 do not', () => {
    expect(needed(16, TWO_THIRDS)).toBe(11);
    expect([reaches(11, 16, TWO_THIRDS), reaches(10, 16, TWO_THIRDS)]).toEqual([true, false]);
  });
});

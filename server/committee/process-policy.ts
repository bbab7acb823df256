// The process values of the committee stages (committee size, quorum, pass
// fraction and pass rule, publicity days, quota tie-break, appointment deadline): data in
// rules/process/committee-policy.json, which an administrator may replace by
// putting their own committee-policy.json in the data directory. Read once at
// start and checked against its schema; a bad file stops the server with the JSON
// pointer of every problem. Each stage records the values it used, so a later
// change of the file never changes what a past session did.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { Text } from '../../engine/index';
import { text } from '../io/text';
import { UserError } from '../io/user-error';
import { projectPath } from '../project-root';

export const POLICY_FILE = 'committee-policy.json';
export const SHIPPED_POLICY = projectPath('rules', 'process', POLICY_FILE);
const SCHEMA_FILE = projectPath('rules', 'process', 'committee-policy.schema.json');

/** a/b of the members (quorum) or of those present (votes). */
export interface Fraction {
  numerator: number;
  denominator: number;
  of: 'members' | 'present';
}

/**
 * The parts a candidate must meet to pass (meeting.passRule): enginePassed — the
 * ruleset's result with the committee's scores applied is `passed` (eligible, not
 * vetoed, at or above the pass mark) — and passVotes — the yes votes reach
 * meeting.passVotes. The schema requires both in a policy file; a meeting closed
 * before the rule was data is read as `{ requires: ['passVotes'] }` (meeting.ts).
 */
export type PassPart = 'enginePassed' | 'passVotes';
export interface PassRule {
  requires: PassPart[];
  note?: Text;
}

export interface ProcessPolicy {
  title: Text;
  basis?: Array<{ doc: string; clause?: string; note?: Text }>;
  committee: { minimumMembers: { series: number; specialty: number }; oddMembers: boolean; expertTermMaxYears: number };
  meeting: { quorum: Fraction; passVotes: Fraction; passRule: PassRule };
  publicity: { workingDays: number };
  /** Applied in order until two applicants differ; `by` is score, applicantId or a fact id of the applicant. */
  quotaTieBreak: Array<{ by: string; order: 'asc' | 'desc' }>;
  appointment: { deadlineMonths: number };
}

/** count reaches a/b of total, in integers (16 of 24 reaches 2/3: 16·3 ≥ 24·2). */
export function reaches(count: number, total: number, fraction: Pick<Fraction, 'numerator' | 'denominator'>): boolean {
  return count * fraction.denominator >= total * fraction.numerator;
}

/** The smallest count that reaches a/b of total. */
export function needed(total: number, fraction: Pick<Fraction, 'numerator' | 'denominator'>): number {
  return Math.ceil((total * fraction.numerator) / fraction.denominator);
}

let validator: ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null } | undefined;

function validatePolicy(): NonNullable<typeof validator> {
  if (!validator) {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    validator = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return validator;
}

/** Parses and checks a policy document; UserError naming the file and every JSON pointer at fault. */
export function parseProcessPolicy(source: string, file: string): ProcessPolicy {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    throw new UserError(text(`${file} 不是有效的 JSON：${(err as Error).message}`, `${file} is not valid JSON: ${(err as Error).message}`));
  }
  const check = validatePolicy();
  if (!check(value)) {
    const problems = (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`).join('; ');
    throw new UserError(text(`${file} 不符合程序参数格式：${problems}`, `${file} does not match the process-values schema: ${problems}`));
  }
  const policy = value as ProcessPolicy;
  for (const [name, f] of [['quorum', policy.meeting.quorum], ['passVotes', policy.meeting.passVotes]] as const) {
    if (f.numerator > f.denominator) throw new UserError(text(`${file} /meeting/${name}：分子不能大于分母`, `${file} /meeting/${name}: the numerator exceeds the denominator`));
  }
  return policy;
}

/** The data directory's own committee-policy.json when there is one, else the shipped file. */
export function loadProcessPolicy(dataDir?: string): { policy: ProcessPolicy; file: string } {
  if (dataDir !== undefined) {
    const own = join(dataDir, POLICY_FILE);
    try {
      return { policy: parseProcessPolicy(readFileSync(own, 'utf8'), own), file: own };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return { policy: parseProcessPolicy(readFileSync(SHIPPED_POLICY, 'utf8'), SHIPPED_POLICY), file: SHIPPED_POLICY };
}

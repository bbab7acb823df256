// Edits of an applicant record (or of one record inside a list) as the structured
// try-it form makes them: always a new object, so the store's shallow ref sees the
// change. "Not filled in" is written by leaving the fact out — never as 0, false or
// an empty text — because the engine (engine/canonical-applicant.ts) reads an absent
// optional fact as "not provided" and 0 as a value the applicant gave.
import type { FactDef } from '../../../../engine/index';

export type ApplicantRecord = Record<string, unknown>;

/** The record with `id` set to `value`, or without `id` when `value` is undefined. */
export function withValue(record: ApplicantRecord, id: string, value: unknown): ApplicantRecord {
  const next = { ...record };
  if (value === undefined) delete next[id];
  else next[id] = value;
  return next;
}

/** Whether a value counts as not filled in (what the form shows as 未填写). */
export function isUnfilled(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * An empty list (a set with nothing chosen, a list of records without rows) as written
 * back: `[]` for a required fact, where an empty list is the answer, and left out for an
 * optional one, which the canonical record reads as `[]` anyway.
 */
export function emptyList(fact: FactDef): unknown[] | undefined {
  return fact.required ? [] : undefined;
}

/** The range a number fact accepts, as shown beside its input: "0–50", "≥ 0", "≤ 40", or ''. */
export function rangeText(fact: FactDef): string {
  const { min, max } = fact;
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return '';
}

/** The records of a list fact as the form edits them: anything that is not a record is left as it is. */
export function recordsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export const isRecord = (value: unknown): value is ApplicantRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * How many required values the record still lacks: required facts not filled in, and
 * required fields of the records inside its lists and records (a list's rows count
 * only when the list has rows). Shown above the form, because the served studio
 * evaluates without the engine's applicant check (see live-engine.ts) and would
 * otherwise score an incomplete applicant without a word.
 */
export function missingRequired(facts: readonly FactDef[], record: ApplicantRecord): number {
  let missing = 0;
  for (const fact of facts) {
    const value = record[fact.id];
    if (fact.type === 'array') {
      if (fact.required && value === undefined) missing += 1;
      for (const row of recordsOf(value)) if (isRecord(row)) missing += missingRequired(fact.fields ?? [], row);
    } else if (fact.type === 'record' && isRecord(value)) {
      missing += missingRequired(fact.fields ?? [], value);
    } else if (fact.required && isUnfilled(value)) {
      missing += 1;
    }
  }
  return missing;
}

/** Why a value the record already holds (from a test case or pasted JSON) does not fit its fact's control. */
export type ValueProblem = 'type' | 'range' | 'integer' | 'option';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with `value` for `fact`, or null when it fits (or is not filled in).
 * The form shows such a value as it is, with the reason, instead of letting a control
 * silently clamp, round or drop it: the record must stay what the applicant gave.
 */
export function valueProblem(fact: FactDef, value: unknown): ValueProblem | null {
  if (isUnfilled(value)) return null;
  const codes = new Set((fact.options ?? []).map((o) => o.value));
  switch (fact.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'type';
      if (fact.type === 'integer' && !Number.isInteger(value)) return 'integer';
      if ((fact.min !== undefined && value < fact.min) || (fact.max !== undefined && value > fact.max)) return 'range';
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'type';
    case 'string':
      return typeof value === 'string' ? null : 'type';
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? null : 'type';
    case 'enum':
      if (typeof value !== 'string') return 'type';
      return codes.has(value) ? null : 'option';
    case 'set':
      if (!Array.isArray(value)) return 'type';
      return value.every((v) => typeof v === 'string' && codes.has(v)) ? null : 'option';
    case 'record':
      return isRecord(value) ? null : 'type';
    case 'array':
      return Array.isArray(value) && value.every(isRecord) ? null : 'type';
  }
}

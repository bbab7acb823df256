// The expert form's rules (pure, tested without a browser), the same as the
// server's (server/committee/expert-validation.ts): required fields, the term's end
// not before its start and at most the policy's years long (ending the day before
// the anniversary), each conflict naming an applicant or a unit and a reason.
import type { Expert, ExpertConflict, ExpertFields, ExpertPatch } from '../../api/experts.api';

export const SERIES = ['teacher', 'health', 'agriculture', 'animal-husbandry', 'veterinary', 'water', 'forestry'] as const;
export const LEVELS = ['deputy-senior', 'full-senior'] as const;

export interface ConflictRow {
  kind: 'unit' | 'applicant';
  target: string;
  reason: string;
}

export interface ExpertForm {
  name: string;
  series: string;
  level: string;
  unit: string;
  county: string;
  termStart: string;
  termEnd: string;
  conflicts: ConflictRow[];
}

export function emptyExpertForm(series = ''): ExpertForm {
  return { name: '', series, level: 'full-senior', unit: '', county: '', termStart: '', termEnd: '', conflicts: [] };
}

export function formOf(e: Expert): ExpertForm {
  return {
    name: e.name,
    series: e.series,
    level: e.level,
    unit: e.unit,
    county: e.county,
    termStart: e.termStart,
    termEnd: e.termEnd,
    conflicts: e.conflicts.map((c) => (c.applicantId !== undefined ? { kind: 'applicant', target: c.applicantId, reason: c.reason } : { kind: 'unit', target: c.unit ?? '', reason: c.reason })),
  };
}

/** The last day a term starting on `start` may end on: the day before the `years`-th anniversary. */
export function latestTermEnd(start: string, years: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return anniversary.toISOString().slice(0, 10);
}

export type FormErrors = Partial<Record<keyof ExpertForm, { key: string; params?: Record<string, unknown> }>>;

/** Field → message key under experts.form (with its parameters). */
export function validateExpertForm(f: ExpertForm, maxYears: number): FormErrors {
  const errors: FormErrors = {};
  for (const key of ['name', 'series', 'level', 'unit', 'county', 'termStart', 'termEnd'] as const) {
    if (f[key].trim() === '') errors[key] = { key: 'experts.form.required' };
  }
  if (!errors.termStart && !errors.termEnd) {
    if (f.termEnd < f.termStart) errors.termEnd = { key: 'experts.form.termOrder' };
    else {
      const latest = latestTermEnd(f.termStart, maxYears);
      if (f.termEnd > latest) errors.termEnd = { key: 'experts.form.termTooLong', params: { years: maxYears, latest } };
    }
  }
  if (f.conflicts.some((c) => c.target.trim() === '' || c.reason.trim() === '')) errors.conflicts = { key: 'experts.form.conflictIncomplete' };
  return errors;
}

function conflictsOf(rows: ConflictRow[]): ExpertConflict[] {
  return rows.map((c) => (c.kind === 'applicant' ? { applicantId: c.target.trim(), reason: c.reason.trim() } : { unit: c.target.trim(), reason: c.reason.trim() }));
}

export function createBody(f: ExpertForm): ExpertFields {
  return { name: f.name.trim(), series: f.series, level: f.level, unit: f.unit.trim(), county: f.county.trim(), termStart: f.termStart, termEnd: f.termEnd, conflicts: conflictsOf(f.conflicts) };
}

/** Only the fields that changed. */
export function patchBody(f: ExpertForm, before: Expert): ExpertPatch {
  const next = createBody(f);
  const patch: ExpertPatch = {};
  for (const key of ['name', 'series', 'level', 'unit', 'county', 'termStart', 'termEnd'] as const) if (next[key] !== before[key]) patch[key] = next[key];
  if (JSON.stringify(next.conflicts) !== JSON.stringify(before.conflicts)) patch.conflicts = next.conflicts;
  return patch;
}

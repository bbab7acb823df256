// Whom a new facts catalogue would turn away, counted over a run's own applicants
// file: the file is read with the draft's facts by the same readers and validators a
// run uses (a required column the file lacks refuses each row, not the file), and
// every refused row is counted once per field it has a problem with, and once per
// code. The rows the run itself skipped are not its applicants and are left out.
// A second reading, with the run's own version, counts who filled in a field the
// draft no longer reads (removed, or renamed and optional): nobody is refused for
// that, but what they wrote is silently dropped.
import type { Applicant, CompiledRuleset, Text } from '../../engine/index';
import { readApplicants } from '../io/read-applicants';
import { text } from '../io/text';
import type { BlobRef, BlobStore } from '../storage/index';
import type { UploadCheckLimits } from './check-upload';
import { withUploadFile } from './upload-file';

export interface RefusalCounts {
  /** The run's applicants: the file's applicant rows less those the run skipped. */
  applicants: number;
  /** Of them, how many the draft refuses. */
  refused: number;
  /** Refused applicants by the fact a problem names (each applicant once per fact), with the first such problem in words. */
  byField: Record<string, { rows: number; example: Text }>;
  /** Refused applicants by problem code (each applicant once per code). */
  byCode: Record<string, number>;
  /** Refused applicants whose problems name no fact (a duplicated id, a record too large). */
  other: number;
}

/** Applicants of the run (valid under its version) who filled in each path (`papers` or `papers.journal`). */
export type FilledCounts = Record<string, number>;

/** Main-sheet rows only: a side sheet's stray row is nobody's application. */
const applicantRow = (row: { sheet?: string | undefined }) => row.sheet === undefined;

/** Reads the upload with `draft`'s facts and counts who it refuses, and why. */
export function countRefusals(blobs: BlobStore, upload: BlobRef, draft: CompiledRuleset, limits: UploadCheckLimits, skippedRows: ReadonlySet<number>): Promise<RefusalCounts> {
  return withUploadFile(blobs, upload, async (path) => {
    const counts: RefusalCounts = { applicants: 0, refused: 0, byField: {}, byCode: {}, other: 0 };
    for await (const row of readApplicants(path, draft, { limits, missingColumns: 'rows', everyProblem: true })) {
      if (!applicantRow(row) || skippedRows.has(row.row)) continue;
      counts.applicants++;
      if (row.record) continue;
      counts.refused++;
      const errors = row.issues.filter((i) => i.severity === 'error');
      const fields = new Set<string>();
      for (const issue of errors) {
        if (issue.field === undefined || fields.has(issue.field)) continue;
        fields.add(issue.field);
        const entry = counts.byField[issue.field];
        if (entry) entry.rows++;
        else counts.byField[issue.field] = { rows: 1, example: text(issue.message.zh, issue.message.en ?? issue.message.zh) };
      }
      if (fields.size === 0) counts.other++;
      for (const code of new Set(errors.map((i) => i.code))) counts.byCode[code] = (counts.byCode[code] ?? 0) + 1;
    }
    return counts;
  });
}

/** Reads the upload as the run did (its own version) and counts, per path, the run's applicants who filled it in. */
export function countFilled(blobs: BlobStore, upload: BlobRef, runRules: CompiledRuleset, limits: UploadCheckLimits, skippedRows: ReadonlySet<number>, paths: readonly string[]): Promise<FilledCounts> {
  return withUploadFile(blobs, upload, async (path) => {
    const filled: FilledCounts = Object.fromEntries(paths.map((p) => [p, 0]));
    for await (const row of readApplicants(path, runRules, { limits })) {
      if (!applicantRow(row) || skippedRows.has(row.row) || !row.record) continue;
      for (const p of paths) if (provided(row.record, p.split('.'))) filled[p]!++;
    }
    return filled;
  });
}

/** Whether the record has a value at the path; inside a list of records, whether any record has one. Blank and empty lists are not values. */
function provided(value: Applicant | unknown, steps: readonly string[]): boolean {
  if (Array.isArray(value)) return value.some((item) => provided(item, steps));
  if (steps.length === 0) return value !== undefined && value !== null && value !== '';
  if (value === null || typeof value !== 'object') return false;
  return provided((value as Record<string, unknown>)[steps[0]!], steps.slice(1));
}

// Pass 1 of a batch run, for the API: every row of an uploaded file read with the
// CLI's readers and checked against the ruleset's facts. Every bad row is counted
// and named (skipped), never dropped; its problems are listed one entry each
// (located by row and column) up to limits.problems, and the rest counted per code
// and field. The valid records come back in file order for the run itself. A file
// beyond a reading limit stops the readers at once (LimitError).
import type { Applicant, CompiledRuleset, Text } from '../../engine/index';
import type { ReadLimits } from '../io/limits';
import { text } from '../io/text';
import { describeRowIssue, type ApplicantRow, type RowIssue } from '../io/applicant-row';
import { idFact, type MissingColumns } from '../io/column-map';
import { readApplicants } from '../io/read-applicants';
import type { BlobRef, BlobStore } from '../storage/index';
import { SLICE_MS, yieldToEventLoop } from './evaluate-sliced';
import { skippedRow, type SkippedRow } from './skipped-rows';
import { withUploadFile } from './upload-file';

export interface InvalidRow {
  /** The spreadsheet row (header = row 1), or the record's place in a JSON array (1-based). */
  row: number;
  applicantId?: string;
  /** The column heading of the field, in a spreadsheet (the fact's Chinese label, as in the templates). */
  column?: string;
  /** The fact concerned. */
  field?: string;
  /** JSON pointer into the record (JSON files), or into the fact for side sheets. */
  pointer?: string;
  /** A side sheet (xlsx) and its row, when the problem is there. */
  sheet?: string;
  sheetRow?: number;
  code: string;
  message: Text;
}

export interface ValidRecord {
  row: number;
  record: Applicant;
}

/** Every problem of the file counted, beyond those listed in `invalid`. */
export interface ProblemCounts {
  total: number;
  /** How many `invalid` lists (the first ones, in file order). */
  listed: number;
  /** total − listed: "and M more". */
  more: number;
  byCode: Record<string, number>;
  /** By fact; problems of no particular field are not counted here. */
  byField: Record<string, number>;
}

/** What reading an upload may cost, and how many problems are listed one by one (server/http/config.ts Limits). */
export type UploadCheckLimits = ReadLimits & { problems: number };

/** A skipped row keeps this many reasons; the rest are one more reason that counts them. */
export const REASONS_PER_SKIPPED_ROW = 5;

export interface CheckedUpload {
  /** Rows read (applicants, and side-sheet rows that belong to no applicant). */
  rows: number;
  valid: number;
  invalidRows: number;
  /** The first limits.problems problems, one entry each. */
  invalid: InvalidRow[];
  problems: ProblemCounts;
  /** The same invalid rows, one entry per row with the applicant's id and name: who a run of the valid rows only skips. */
  skipped: SkippedRow[];
  /** File-level notices (encoding converted, columns not read). */
  notices: Text[];
  records: ValidRecord[];
}

/**
 * Reads and checks the whole upload; a file that cannot be read at all throws the
 * reader's UserError, and a file beyond a limit its LimitError, naming the upload.
 * `missingColumns` 'rows': a required column the file lacks refuses each row, not the file.
 */
export function checkUpload(blobs: BlobStore, upload: BlobRef, compiled: CompiledRuleset, limits: UploadCheckLimits, missingColumns: MissingColumns = 'file'): Promise<CheckedUpload> {
  return withUploadFile(blobs, upload, async (path, localize) => {
    const problems: ProblemCounts = { total: 0, listed: 0, more: 0, byCode: {}, byField: {} };
    const checked: CheckedUpload = { rows: 0, valid: 0, invalidRows: 0, invalid: [], problems, skipped: [], notices: [], records: [] };
    const columnOf = columnHeadings(compiled);
    let until = performance.now() + SLICE_MS;
    for await (const row of readApplicants(path, compiled, { notice: (message) => checked.notices.push(localize(message)), limits, missingColumns })) {
      // Rows already in memory (a JSON file) come through microtasks only: let other requests in now and then.
      if (performance.now() > until) {
        await yieldToEventLoop();
        until = performance.now() + SLICE_MS;
      }
      checked.rows++;
      if (row.record) {
        checked.valid++;
        checked.records.push({ row: row.row, record: row.record });
        continue;
      }
      checked.invalidRows++;
      for (const issue of row.issues) {
        if (issue.severity !== 'error') continue;
        problems.total++;
        problems.byCode[issue.code] = (problems.byCode[issue.code] ?? 0) + 1;
        if (issue.field !== undefined) problems.byField[issue.field] = (problems.byField[issue.field] ?? 0) + 1;
        if (checked.invalid.length < limits.problems) checked.invalid.push(invalidRow(row, issue, columnOf));
      }
      checked.skipped.push(fewerReasons(skippedRow(row, row.issues, columnOf)));
    }
    problems.listed = checked.invalid.length;
    problems.more = problems.total - problems.listed;
    if (problems.more > 0) checked.notices.push(moreProblems(problems, columnOf));
    return checked;
  });
}

/** 「只列出前 1000 个问题，另有 2345 个未列出」 with the fields that have the most. */
function moreProblems(problems: ProblemCounts, columnOf: Map<string, string>): Text {
  const top = Object.entries(problems.byField)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  const zhTop = top.length > 0 ? `；问题最多的列：${top.map(([f, n]) => `「${columnOf.get(f) ?? f}」${n} 个`).join('、')}` : '';
  const enTop = top.length > 0 ? `; the columns with the most: ${top.map(([f, n]) => `"${columnOf.get(f) ?? f}" ${n}`).join(', ')}` : '';
  return text(
    `共 ${problems.total} 个问题，只列出前 ${problems.listed} 个，另有 ${problems.more} 个未列出${zhTop}`,
    `${problems.total} problems; the first ${problems.listed} are listed, and ${problems.more} more are not${enTop}`,
  );
}

/** A skipped row with many problems keeps the first few reasons and counts the others in one more. */
function fewerReasons(row: SkippedRow): SkippedRow {
  const more = row.reasons.length - REASONS_PER_SKIPPED_ROW;
  if (more <= 0) return row;
  const reasons = row.reasons.slice(0, REASONS_PER_SKIPPED_ROW);
  reasons.push({ code: 'MORE_PROBLEMS', message: text(`另有 ${more} 个问题未列出`, `and ${more} more problems`) });
  return { ...row, reasons };
}

function columnHeadings(compiled: CompiledRuleset): Map<string, string> {
  const { facts } = compiled.ruleset;
  const headings = new Map(facts.map((f) => [f.id, f.label.zh]));
  const id = idFact(facts);
  headings.set(id.id, id.label.zh);
  return headings;
}

function invalidRow(row: ApplicantRow, issue: RowIssue, columnOf: Map<string, string>): InvalidRow {
  const entry: InvalidRow = { row: row.row, code: issue.code, message: { zh: describeRowIssue(row, issue, 'zh'), en: describeRowIssue(row, issue, 'en') } };
  if (row.id !== undefined && row.id !== '') entry.applicantId = row.id;
  if (issue.field !== undefined) {
    entry.field = issue.field;
    const column = columnOf.get(issue.field);
    if (row.kind === 'row' && issue.sheet === undefined && column !== undefined) entry.column = column;
  }
  if (row.kind === 'record' || issue.sheet !== undefined) entry.pointer = issue.pointer;
  if (issue.sheet !== undefined) {
    entry.sheet = issue.sheet;
    if (issue.sheetRow !== undefined) entry.sheetRow = issue.sheetRow;
  }
  if (row.sheet !== undefined) entry.sheet = row.sheet;
  return entry;
}

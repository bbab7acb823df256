// Pass 1 of a batch run, for the API: every row of an uploaded file read with the
// CLI's readers and checked against the ruleset's facts. Every bad row is listed
// (one entry per problem, located by row and column), never dropped; the valid
// records come back in file order for the run itself.
import type { Applicant, CompiledRuleset, Text } from '../../engine/index';
import { describeRowIssue, type ApplicantRow, type RowIssue } from '../io/applicant-row';
import { idFact } from '../io/column-map';
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

export interface CheckedUpload {
  /** Rows read (applicants, and side-sheet rows that belong to no applicant). */
  rows: number;
  valid: number;
  invalidRows: number;
  invalid: InvalidRow[];
  /** The same invalid rows, one entry per row with the applicant's id and name: who a run of the valid rows only skips. */
  skipped: SkippedRow[];
  /** File-level notices (encoding converted, columns not read). */
  notices: Text[];
  records: ValidRecord[];
}

/** Reads and checks the whole upload; a file that cannot be read at all throws the reader's UserError, naming the upload. */
export function checkUpload(blobs: BlobStore, upload: BlobRef, compiled: CompiledRuleset): Promise<CheckedUpload> {
  return withUploadFile(blobs, upload, async (path, localize) => {
    const checked: CheckedUpload = { rows: 0, valid: 0, invalidRows: 0, invalid: [], skipped: [], notices: [], records: [] };
    const columnOf = columnHeadings(compiled);
    let until = performance.now() + SLICE_MS;
    for await (const row of readApplicants(path, compiled, { notice: (message) => checked.notices.push(localize(message)) })) {
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
      for (const issue of row.issues) if (issue.severity === 'error') checked.invalid.push(invalidRow(row, issue, columnOf));
      checked.skipped.push(skippedRow(row, row.issues, columnOf));
    }
    return checked;
  });
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

// Who a batch run left out. A run over the valid rows only (validRowsOnly) names
// every row it skipped — where it is, the applicant's id and name as written, and
// each reason with its field — so that a committee can tell the people concerned,
// not just count them. The list is kept as a blob the run record points at (lowdb
// stays small however many rows a file has), shown on the run page, and added to
// every download of the run as the sheet / section 未评审（已跳过）.
import type { Text } from '../../engine/index';
import type { ApplicantRow, RowIssue } from '../io/applicant-row';
import type { SummaryCell } from '../io/result-summary';
import { say } from '../io/text';

export interface SkipReason {
  code: string;
  /** The fact concerned, and its Chinese label (the column heading in a spreadsheet). */
  field?: string;
  column?: string;
  /** What is wrong, naming the field (and the side sheet's row when the problem is there); without the row, which has its own column. */
  message: Text;
}

export interface SkippedRow {
  /** The spreadsheet row (header = row 1), or the record's place in a JSON array (1-based). */
  row: number;
  /** Set for a side-sheet row that belongs to no applicant: `row` is that sheet's row. */
  sheet?: string;
  applicantId: string | null;
  name: string | null;
  reasons: SkipReason[];
}

/** The sheet of the .xlsx download and the section of the .csv download. */
export const SKIPPED_TITLE = '未评审（已跳过）';
export const SKIPPED_HEADERS = ['行号', '编号', '姓名', '原因'] as const;
export const SKIPPED_WIDTHS = [12, 14, 10, 100] as const;
/** GET /runs/:id lists at most this many; the downloads list every one. */
export const SKIPPED_SHOWN = 500;
/** The blob's name in the run record. */
export const SKIPPED_FILE = 'skipped-rows.json';

/** The skipped row an invalid applicant row becomes: its errors as reasons (warnings are not why it was skipped). */
export function skippedRow(row: ApplicantRow, issues: readonly RowIssue[], columnOf: ReadonlyMap<string, string>): SkippedRow {
  const skipped: SkippedRow = { row: row.row, applicantId: row.id !== undefined && row.id !== '' ? row.id : null, name: row.name ?? null, reasons: [] };
  if (row.sheet !== undefined) skipped.sheet = row.sheet;
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    const reason: SkipReason = { code: issue.code, message: reasonText(row, issue) };
    if (issue.field !== undefined) {
      reason.field = issue.field;
      const column = columnOf.get(issue.field);
      if (column !== undefined) reason.column = column;
    }
    skipped.reasons.push(reason);
  }
  return skipped;
}

/** The issue's own message, which names the field; a side sheet's row in front when the problem is there and the row is not that sheet's. */
function reasonText(row: ApplicantRow, issue: RowIssue): Text {
  if (issue.sheet === undefined || issue.sheet === row.sheet) return { zh: say(issue.message, 'zh'), en: say(issue.message, 'en') };
  return {
    zh: `工作表「${issue.sheet}」第 ${issue.sheetRow} 行，${say(issue.message, 'zh')}`,
    en: `Sheet "${issue.sheet}" row ${issue.sheetRow}: ${say(issue.message, 'en')}`,
  };
}

/** 第几行 as the downloads write it: the row number, or the side sheet and its row. */
export function skippedPlace(row: SkippedRow): SummaryCell {
  return row.sheet === undefined ? row.row : `工作表「${row.sheet}」第 ${row.row} 行`;
}

/** The reasons of one row in one cell: each message (naming its field), separated by 「；」. */
export function skippedReasons(row: SkippedRow): string {
  return row.reasons.map((r) => r.message.zh).join('；');
}

/** Header and one line per skipped row, as the downloads write them. */
export function skippedTable(rows: readonly SkippedRow[]): SummaryCell[][] {
  return [[...SKIPPED_HEADERS], ...rows.map((r) => [skippedPlace(r), r.applicantId, r.name, skippedReasons(r)])];
}

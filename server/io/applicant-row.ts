// One applicant as read from a file: where it was (the row a user sees in Excel,
// or the record's place in a JSON array), the record when it could be read, and
// every problem found — so a batch can list all bad rows before anything runs.
import type { Applicant, Issue, Lang, Text } from '../../engine/index';
import { say, text } from './text';

export interface RowIssue extends Issue {
  /** Set when the problem is in a side sheet (records of an array fact), with that sheet's row. */
  sheet?: string;
  sheetRow?: number;
}

export interface ApplicantRow {
  /** 1-based: the spreadsheet row (header = row 1), or the index in a JSON array + 1. */
  row: number;
  /** How to name `row` to a user: a spreadsheet row, or a record of a JSON file. */
  kind: 'row' | 'record';
  /** Set for a row of a side sheet that belongs to no applicant (it is reported, never evaluated). */
  sheet?: string;
  /** The applicant's id as written, when there is one (also for invalid rows, to name them). */
  id?: string;
  /** The applicant's name as written, kept on an invalid row (whose record is dropped) to say who was skipped. */
  name?: string;
  /** Present only when the row has no errors. */
  record?: Applicant;
  issues: RowIssue[];
  /** Side-sheet rows that supplied each array fact's records, in order (xlsx). */
  origins?: Record<string, Array<{ sheet: string; row: number }>>;
}

export const hasErrors = (issues: Issue[]) => issues.some((i) => i.severity === 'error');

export function rowLocation(row: ApplicantRow): Text {
  const id = row.id !== undefined && row.id !== '' ? row.id : undefined;
  const zhId = id ? `（编号 ${id}）` : '';
  const enId = id ? ` (ID ${id})` : '';
  return row.kind === 'row' ? text(`第 ${row.row} 行${zhId}`, `Row ${row.row}${enId}`) : text(`第 ${row.row} 条记录${zhId}`, `Record ${row.row}${enId}`);
}

/** `第 5 行（编号 A005），「基层工作年限」：应为整数，实际为 "五年"` */
export function describeRowIssue(row: ApplicantRow, issue: RowIssue, lang: Lang): string {
  const message = say(issue.message, lang);
  if (issue.sheet !== undefined) {
    const where =
      lang === 'en'
        ? `Sheet "${issue.sheet}" row ${issue.sheetRow}${row.id ? ` (ID ${row.id})` : ''}`
        : `工作表「${issue.sheet}」第 ${issue.sheetRow} 行${row.id ? `（编号 ${row.id}）` : ''}`;
    return lang === 'en' ? `${where}: ${message}` : `${where}，${message}`;
  }
  const where = say(rowLocation(row), lang);
  return lang === 'en' ? `${where}: ${message}` : `${where}，${message}`;
}

// Results turned into output text, a batch at a time: JSON text for each full
// result, or summary rows (CSV text, or cells for xlsx). Formatting happens where
// the evaluation happens — in a worker thread for big batches — so the thread that
// writes the file only concatenates.
import type { Applicant, EvaluationResult, Issue } from '../../engine/index';
import { neutraliseCell } from './csv-cell';
import { summaryRow, type SummaryCell, type SummaryColumn } from './result-summary';

export type OutputFormat = 'json' | 'csv' | 'xlsx';

/** A record of the batch that could not be evaluated (CONDITION_UNDECIDABLE): its place in the batch and why. */
export interface FailedRecord {
  index: number;
  issue: Issue;
}

export type FormattedBatch = (
  | { format: 'json'; texts: string[] }
  | { format: 'csv'; text: string }
  | { format: 'xlsx'; rows: SummaryCell[][] }
) & {
  /** Records left out of the output because they could not be evaluated; absent when there are none. */
  failed?: FailedRecord[];
};

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * The one CSV writer of every CSV the server and the CLI write (run results and
 * downloads, the quota export): CSV as RFC 4180 and Excel read it, CRLF line ends,
 * a field quoted when it holds a quote, comma or line break (or edge spaces Excel
 * would drop), quotes doubled; and every text cell a spreadsheet would run as a
 * formula prefixed with `'` (csv-cell.ts; numbers stay numbers).
 * Written here rather than with csv-stringify, which on this hot path (a summary
 * row per applicant) cost about 0.7 s per 100,000 rows, a fifth of the evaluation.
 */
export function csvText(rows: SummaryCell[][], bom = false): string {
  let out = bom ? '\uFEFF' : '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += ',';
      const cell = row[i];
      if (cell === null || cell === undefined) continue;
      const s = typeof cell === 'string' ? neutraliseCell(cell) : String(cell);
      out += NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    out += '\r\n';
  }
  return out;
}

export function formatBatch(
  format: OutputFormat,
  columns: SummaryColumn[],
  evaluated: Array<{ result: EvaluationResult; record: Applicant }>,
): FormattedBatch {
  if (format === 'json') return { format, texts: evaluated.map(({ result }) => JSON.stringify(result)) };
  const rows = evaluated.map(({ result, record }) => summaryRow(columns, result, record));
  return format === 'csv' ? { format, text: csvText(rows) } : { format, rows };
}

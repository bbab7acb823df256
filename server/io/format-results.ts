// Results turned into output text, a batch at a time: JSON text for each full
// result, or summary rows (CSV text, or cells for xlsx). Formatting happens where
// the evaluation happens — in a worker thread for big batches — so the thread that
// writes the file only concatenates.
import { stringify } from 'csv-stringify/sync';
import type { Applicant, EvaluationResult } from '../../engine/index';
import { summaryRow, type SummaryCell, type SummaryColumn } from './result-summary';

export type OutputFormat = 'json' | 'csv' | 'xlsx';

export type FormattedBatch =
  | { format: 'json'; texts: string[] }
  | { format: 'csv'; text: string }
  | { format: 'xlsx'; rows: SummaryCell[][] };

/** CSV for Excel: CRLF line ends. */
export function csvText(rows: SummaryCell[][], bom = false): string {
  return stringify(rows, { bom, record_delimiter: 'windows' });
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

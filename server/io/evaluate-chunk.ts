// One chunk of a CSV file (whole records, see csv-chunks) read, checked, evaluated
// and formatted in one go: the unit of work of a csv batch, the same on the main
// thread or in a worker. Only text crosses between threads — the chunk in, the
// formatted results out — never the records themselves.
//
// Row numbers are relative to the chunk; the main thread adds where the chunk
// starts. Whether an id repeats one in an earlier chunk is only known there, so the
// ids come back, and the place of each row's output so that a row can still be left
// out (--skip-invalid). Evaluation is speculative: the main thread writes the output
// only if the whole file turns out to be valid.
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import { evaluate } from '../../engine/evaluate';
import { applicantLimitIssue } from '../../engine/applicant';
import { canonicalApplicant } from '../../engine/canonical-applicant';
import type { CompiledRuleset } from '../../engine/compile';
import type { Applicant, EvaluationResult } from '../../engine/index';
import { hasErrors, type RowIssue } from './applicant-row';
import type { BatchSettings } from './batch-evaluator';
import { planColumns, type ColumnPlan } from './column-map';
import { csvText, type FormattedBatch } from './format-results';
import { nativeSha256 } from './native-sha256';
import { engineIssues } from './read-applicants';
import { parseRegularCsv, type RecordDelimiter } from './csv-chunks';
import { nonEmptyCells, rowWidth, type ReadLimits } from './limits';
import { buildRecord, isBlankRow } from './record-builder';
import { summaryColumns, summaryRow, type SummaryColumn } from './result-summary';
import { text } from './text';

export interface CsvTable {
  header: string[];
  delimiter: string;
  recordDelimiter: RecordDelimiter;
}

export interface ChunkRequest {
  text: string;
  table: CsvTable;
  /** False once the run is known to be refused: rows are still checked, to list them all. */
  evaluate: boolean;
  /** Each record's limits, checked here; the file's (rows, columns, cells) are the main thread's, from `widths` and `cells`. */
  limits: ReadLimits;
}

export interface ChunkResult {
  /** Set when csv-parse could not read the chunk; the caller reads the file the old way to say where. */
  malformed?: string;
  /** CSV records in the chunk, blank ones included (they count as rows). */
  records: number;
  /** For each non-blank row: its row within the chunk (1-based) and its id as written ('' if none). */
  rows: number[];
  ids: string[];
  /** For each non-blank row: its width (up to its last non-empty cell) and its non-empty cells. */
  widths: number[];
  cells: number[];
  /** Rows with errors, by their index in `rows`. */
  bad: Array<{ index: number; issues: RowIssue[] }>;
  /** Index in `rows` of each evaluated row, in order; `batch` holds their outputs in the same order. */
  evaluated: number[];
  batch: FormattedBatch | null;
  /** csv: where each evaluated row's text ends in `batch.text`. */
  ends?: number[];
}

export type ChunkEvaluator = (request: ChunkRequest) => ChunkResult;

export function chunkEvaluator(compiled: CompiledRuleset, settings: BatchSettings): ChunkEvaluator {
  // Summary tables show outcomes, failed criteria and hints, not explanation texts.
  const options = { asOf: settings.asOf, trace: settings.trace, lang: settings.lang, validate: false, sha256: nativeSha256, explain: settings.format === 'json' };
  const columns: SummaryColumn[] = settings.format === 'json' ? [] : summaryColumns(compiled, settings.lang);
  const { facts, derived } = compiled.ruleset;
  let planned: { key: string; plan: ColumnPlan } | undefined;
  return (request) => {
    const { table } = request;
    const key = JSON.stringify(table.header);
    if (planned?.key !== key) planned = { key, plan: planColumns(table.header, facts, { where: text('', ''), derived }) };
    const { plan } = planned;
    let records: string[][];
    try {
      records = parseRegularCsv(request.text, table.delimiter, table.recordDelimiter) ?? parse(request.text, {
        cast: false,
        delimiter: table.delimiter,
        record_delimiter: table.recordDelimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
      }) as string[][];
    } catch (err) {
      if (err instanceof CsvError) return { malformed: err.message, records: 0, rows: [], ids: [], widths: [], cells: [], bad: [], evaluated: [], batch: null };
      throw err;
    }
    const result: ChunkResult = { records: records.length, rows: [], ids: [], widths: [], cells: [], bad: [], evaluated: [], batch: null };
    const evaluated: Array<{ record: Applicant; result: EvaluationResult }> = [];
    for (let r = 0; r < records.length; r++) {
      const cells = records[r]!;
      if (isBlankRow(cells)) continue;
      const width = rowWidth(cells);
      const built = buildRecord(cells, plan);
      // As readApplicants: a record too big for the steps below is refused first, by its row.
      const tooLarge = applicantLimitIssue(built.record, request.limits.applicant);
      // The same canonical form readApplicants gives, so a chunked run hashes like any other.
      if (!tooLarge) built.record = canonicalApplicant(built.record, facts);
      const index = result.rows.length;
      result.rows.push(r + 1);
      result.ids.push(built.id ?? '');
      result.widths.push(width);
      result.cells.push(nonEmptyCells(cells, width));
      const issues: RowIssue[] = built.issues;
      if (tooLarge) issues.push(tooLarge);
      if (!hasErrors(issues)) issues.push(...engineIssues({ record: built.record }, compiled));
      if (hasErrors(issues)) {
        result.bad.push({ index, issues });
        continue;
      }
      if (!request.evaluate) continue;
      result.evaluated.push(index);
      evaluated.push({ record: built.record, result: evaluate(compiled, built.record, options) });
    }
    if (!request.evaluate) return result;
    if (settings.format === 'json') {
      result.batch = { format: 'json', texts: evaluated.map(({ result: r }) => JSON.stringify(r)) };
    } else {
      const rows = evaluated.map(({ record, result: r }) => summaryRow(columns, r, record));
      if (settings.format === 'xlsx') result.batch = { format: 'xlsx', rows };
      else {
        let out = '';
        const ends: number[] = [];
        for (const row of rows) {
          out += csvText([row]);
          ends.push(out.length);
        }
        result.batch = { format: 'csv', text: out };
        result.ends = ends;
      }
    }
    return result;
  };
}

/** The batch without the evaluated rows at `drop` (positions in `evaluated`): a row whose id repeats an earlier chunk's. */
export function withoutRows(result: ChunkResult, drop: Set<number>): FormattedBatch | null {
  const batch = result.batch;
  if (!batch || drop.size === 0) return batch;
  const keep = (_: unknown, k: number) => !drop.has(k);
  if (batch.format === 'json') return { format: 'json', texts: batch.texts.filter(keep) };
  if (batch.format === 'xlsx') return { format: 'xlsx', rows: batch.rows.filter(keep) };
  const ends = result.ends ?? [];
  let out = '';
  for (let k = 0; k < ends.length; k++) if (!drop.has(k)) out += batch.text.slice(k === 0 ? 0 : ends[k - 1], ends[k]);
  return { format: 'csv', text: out };
}

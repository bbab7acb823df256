// A batch: every applicant in a file evaluated against one compiled ruleset, the
// results streamed to stdout or a file in input order.
//
// Pass 1 reads and checks the whole file. If any row is invalid nothing is
// evaluated (unless the caller asked to skip invalid rows, which are then listed).
// Valid records from pass 1 are kept for pass 2 when there are not too many;
// beyond that the file is read a second time, so memory stays bounded.
// Pass 2 evaluates in batches — shared with worker threads when the file is big,
// since the engine is synchronous and one core would leave the others idle.
//
// A CSV file written to a file takes a faster road (evaluateCsvInChunks): one pass.
// The text is cut into chunks of whole records, and each chunk is read, checked,
// evaluated and formatted at once, by a worker or by this thread; the results go
// to the temporary output file in input order. Evaluation is speculative: if any
// row turns out invalid, the temporary file is deleted and nothing is written
// (the bad rows are listed exactly as in pass 1), unless invalid rows are skipped.
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { Applicant, CompiledRuleset, Lang, TraceMode } from '../../engine/index';
import { describeRowIssue, hasErrors, type ApplicantRow } from './applicant-row';
import { batchEvaluator, type BatchEvaluator, type BatchSettings } from './batch-evaluator';
import { planColumns, unknownColumnsNotice } from './column-map';
import { CsvChunker } from './csv-chunks';
import { decodedStream, detectEncoding } from './detect-encoding';
import { chunkEvaluator, withoutRows, type ChunkRequest, type ChunkResult, type CsvTable } from './evaluate-chunk';
import { startPool, type EvaluatorPool } from './evaluator-pool';
import { CLI_LIMITS } from '../http/config';
import { checkInputFile, displayPath, extensionOf } from './input-file';
import { TableBudget, type ReadLimits } from './limits';
import type { FormattedBatch } from './format-results';
import { checkDuplicateId, readApplicants } from './read-applicants';
import { detectDelimiter, ENCODING_NOTICE } from './read-csv-applicants';
import { isBlankRow } from './record-builder';
import { openFileOutput, openStreamOutput, outputFormatOf, type OpenedOutput } from './result-writer';
import { say, text } from './text';
import { UserError } from './user-error';

export interface EvaluateFileOptions {
  compiled: CompiledRuleset;
  /** Applicants: .json, .csv or .xlsx. */
  applicants: string;
  /** .json (full results), .csv or .xlsx (summary rows); without it, a JSON array on `stdout`. */
  out?: string | undefined;
  asOf: string;
  evaluator?: 'compiled' | 'reference' | undefined;
  /** Default: 'full' for JSON output, 'criteria' for a summary table. */
  trace?: TraceMode | undefined;
  lang?: Lang | undefined;
  /** Evaluate the valid rows and list the skipped ones, instead of refusing the whole file. */
  skipInvalid?: boolean | undefined;
  stdout?: Writable | undefined;
  /** Messages for the user (stderr in the CLI), one line each. */
  log?: ((line: string) => void) | undefined;
  /** Worker threads: 'auto' uses them for big files (default); 0 never. */
  workers?: 'auto' | 0 | undefined;
  /** CSV into a file in one pass, by chunks (default); false takes the two-pass road (tests compare them). */
  csvChunks?: boolean | undefined;
  /** What the file and each record may hold; default the command line's (server/http/config.ts CLI_LIMITS). */
  limits?: ReadLimits | undefined;
}

export interface EvaluateFileSummary {
  /** Applicants evaluated. */
  count: number;
  /** Invalid rows skipped (only with skipInvalid). */
  skipped: number;
  /** Valid rows the ruleset could not evaluate (CONDITION_UNDECIDABLE), each listed; not in the output. */
  failed: number;
  seconds: number;
}

/** Where a valid record was in the file, to name it if it cannot be evaluated. */
type RowPlace = Pick<ApplicantRow, 'row' | 'kind' | 'id'>;

interface Located {
  record: Applicant;
  place: RowPlace;
}

const placeOf = (row: ApplicantRow): RowPlace => ({ row: row.row, kind: row.kind, ...(row.id !== undefined ? { id: row.id } : {}) });

/** How many valid records pass 1 keeps for pass 2 (about 50 MB for typical records). */
const KEEP_RECORDS = 200_000;
/** Bad rows listed in full; beyond that they are counted. */
const LIST_BAD_ROWS = 1000;
const BATCH = 1000;
/** Below this many applicants, starting workers costs more than it saves. */
const WORKERS_FROM_RECORDS = 5000;
/** Files this big are likely to hold enough applicants to start the workers while pass 1 reads. */
const WORKERS_FROM_BYTES = 256 * 1024;

export async function evaluateFile(options: EvaluateFileOptions): Promise<EvaluateFileSummary> {
  const started = performance.now();
  const lang = options.lang ?? 'zh';
  const log = options.log ?? ((line: string) => void process.stderr.write(line + '\n'));
  const { compiled } = options;
  const format = options.out !== undefined ? outputFormatOf(options.out) : 'json';
  const settings: BatchSettings = {
    asOf: options.asOf,
    trace: options.trace ?? (format === 'json' ? 'full' : 'criteria'),
    lang,
    format,
    evaluator: options.evaluator ?? 'compiled',
  };
  const mayUseWorkers = options.workers !== 0 && settings.evaluator === 'compiled';
  const csvInput = ['csv', 'tsv', 'txt'].includes(extensionOf(options.applicants));
  let quietNotices = false;
  if (csvInput && options.out !== undefined && settings.evaluator === 'compiled' && options.csvChunks !== false) {
    const done = await evaluateCsvInChunks(options, options.out, settings, log, mayUseWorkers);
    if (done !== MALFORMED) return { ...done, failed: 0, seconds: (performance.now() - started) / 1000 };
    // csv-parse could not read a chunk: the two-pass road reads the file again and says where (notices were given).
    quietNotices = true;
  }
  let pool: EvaluatorPool | undefined;
  try {
    const bytes = (await stat(options.applicants).catch(() => null))?.size ?? 0;
    if (mayUseWorkers && bytes >= WORKERS_FROM_BYTES) pool = startPool(compiled.ruleset, settings);
    const checked = await checkFile(options, lang, log, quietNotices);
    if (checked.valid >= WORKERS_FROM_RECORDS && mayUseWorkers) pool ??= startPool(compiled.ruleset, settings);
    const local = await batchEvaluator(compiled, settings);
    const workers = pool && checked.valid >= WORKERS_FROM_RECORDS && (await pool.ready) ? pool : undefined;
    // Workers take a batch while they have room for it; otherwise this thread evaluates
    // it itself, so that it is not idle while they work and they are never starved.
    const room = (workers?.size ?? 0) * 2;
    const run: BatchEvaluator = (records) => (workers && workers.pending() < room ? workers.run(records) : local(records));

    const output: OpenedOutput = options.out !== undefined ? await openFileOutput(options.out, compiled, lang) : openStreamOutput(options.stdout ?? process.stdout);
    let count = 0;
    let failed = 0;
    try {
      const records = checked.kept ?? validRecords(options.applicants, compiled, options.limits ?? CLI_LIMITS);
      // Batches are evaluated concurrently but written strictly in input order.
      const inFlight: Array<{ pending: Promise<FormattedBatch>; places: RowPlace[] }> = [];
      const maxInFlight = room + 4;
      let batch: Applicant[] = [];
      let places: RowPlace[] = [];
      const send = async () => {
        const pending = run(batch);
        pending.catch(() => {}); // awaited below in order; a failure must not also surface as unhandled
        inFlight.push({ pending, places });
        count += batch.length;
        batch = [];
        places = [];
        while (inFlight.length >= maxInFlight) await write(inFlight.shift()!);
      };
      // Rows the ruleset could not evaluate are listed like invalid rows, and left out.
      const write = async (next: { pending: Promise<FormattedBatch>; places: RowPlace[] }) => {
        const formatted = await next.pending;
        for (const { index, issue } of formatted.failed ?? []) {
          failed++;
          count--;
          log(describeRowIssue({ ...next.places[index]!, issues: [] }, issue, lang));
        }
        await output.write(formatted);
      };
      for await (const { record, place } of records) {
        batch.push(record);
        places.push(place);
        if (batch.length === BATCH) await send();
      }
      if (batch.length > 0) await send();
      while (inFlight.length > 0) await write(inFlight.shift()!);
      await output.end();
    } catch (err) {
      await output.abort();
      throw err;
    }
    return { count, skipped: checked.bad, failed, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool?.close();
  }
}

interface Checked {
  valid: number;
  bad: number;
  /** The valid records in order, unless there were too many to keep. */
  kept: Located[] | null;
}

/** Pass 1: every row read and checked; bad rows listed; refuses the file unless skipping was asked for. */
async function checkFile(options: EvaluateFileOptions, lang: Lang, log: (line: string) => void, quietNotices = false): Promise<Checked> {
  const notice = (message: { zh: string; en?: string }) => (quietNotices ? undefined : log(say(message, lang)));
  let kept: Located[] | null = [];
  let valid = 0;
  let bad = 0;
  const listed: string[] = [];
  for await (const row of readApplicants(options.applicants, options.compiled, { notice, limits: options.limits ?? CLI_LIMITS })) {
    if (row.record) {
      valid++;
      if (kept && kept.length < KEEP_RECORDS) kept.push({ record: row.record, place: placeOf(row) });
      else kept = null;
      continue;
    }
    bad++;
    if (bad <= LIST_BAD_ROWS) listed.push(...describeRow(row, lang));
  }
  reportBadRows(bad, valid, listed, options, lang, log);
  return { valid, bad, kept };
}

/** Lists the bad rows; refuses the file unless skipping was asked for, or when nothing valid is left. */
function reportBadRows(bad: number, valid: number, listed: string[], options: EvaluateFileOptions, lang: Lang, log: (line: string) => void): void {
  if (bad > 0) {
    listed.forEach((line) => log(line));
    if (bad > LIST_BAD_ROWS) log(say(text(`……另有 ${bad - LIST_BAD_ROWS} 行有误，未逐一列出`, `... and ${bad - LIST_BAD_ROWS} more invalid rows not listed`), lang));
    if (!options.skipInvalid) {
      throw new UserError(
        text(
          `${bad} 行数据有误，未进行评审（修正后重试，或用 --skip-invalid 只评审有效的行）`,
          `${bad} invalid row(s); nothing was evaluated (fix them, or use --skip-invalid to evaluate only the valid rows)`,
        ),
      );
    }
    log(say(text(`已跳过以上 ${bad} 行有误的数据`, `Skipped the ${bad} invalid row(s) above`), lang));
  }
  if (valid === 0) throw new UserError(text('没有可评审的有效数据', 'No valid applicant to evaluate'));
}

/** Pass 2 for files too big to keep: read again, valid rows only (pass 1 listed the others). */
async function* validRecords(file: string, compiled: CompiledRuleset, limits: ReadLimits): AsyncGenerator<Located> {
  for await (const row of readApplicants(file, compiled, { limits })) if (row.record) yield { record: row.record, place: placeOf(row) };
}

function describeRow(row: ApplicantRow, lang: Lang): string[] {
  return row.issues.filter((i) => i.severity === 'error').map((i) => describeRowIssue(row, i, lang));
}

const MALFORMED = Symbol('malformed csv');
/** Characters of csv text per chunk (about 300 applicants of the biggest shipped ruleset). */
const CHUNK_CHARS = 128 * 1024;
const CSV_OPTIONS = { cast: false, relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

/** CSV → file in one pass, by chunks of whole records (see the header comment). */
async function evaluateCsvInChunks(
  options: EvaluateFileOptions,
  out: string,
  settings: BatchSettings,
  log: (line: string) => void,
  mayUseWorkers: boolean,
): Promise<Omit<EvaluateFileSummary, 'seconds' | 'failed'> | typeof MALFORMED> {
  const { compiled, applicants: file } = options;
  const { lang } = settings;
  const name = displayPath(file);
  const limits = options.limits ?? CLI_LIMITS;
  // The same checks as readCsvApplicants: rows are measured where a chunk is parsed, counted here in file order.
  const budget = new TableBudget(limits.upload, name);
  let dataRows = 0;
  const size = await checkInputFile(file);
  const pool = mayUseWorkers && size >= WORKERS_FROM_BYTES ? startPool(compiled.ruleset, settings) : undefined;
  let workersReady = false;
  void pool?.ready.then((ok) => (workersReady = ok));
  let output: OpenedOutput | undefined;
  try {
    const encoding = await detectEncoding(file);
    if (encoding !== 'utf8') log(say(text(`${name}：${ENCODING_NOTICE[encoding].zh}`, `${name}: ${ENCODING_NOTICE[encoding].en}`), lang));
    const delimiter = await detectDelimiter(file, encoding);
    const local = chunkEvaluator(compiled, settings);
    output = await openFileOutput(out, compiled, lang);
    const chunker = new CsvChunker(delimiter);
    let table: CsvTable | undefined;
    /** Rows (csv records, blank ones included) before the next chunk: the header's row and any before it. */
    let rowBase = 0;
    let rows = 0;
    let valid = 0;
    let bad = 0;
    let count = 0;
    let refused = false;
    const listed: string[] = [];
    const firstRowOf = new Map<string, number>();

    /** Blank lines before the header, and the header, a record at a time. */
    const header = (record: string): void => {
      const cells = (parse(record, { ...CSV_OPTIONS, delimiter, record_delimiter: chunker.recordDelimiter ?? '\n' }) as string[][])[0] ?? [];
      rowBase++;
      if (isBlankRow(cells)) return;
      budget.row(cells, { row: rowBase, dataRows: 0 });
      const where = text(name, name);
      const plan = planColumns(cells, compiled.ruleset.facts, { where, derived: compiled.ruleset.derived });
      if (plan.unknown.length > 0) log(say(unknownColumnsNotice(plan.unknown, { where, derived: compiled.ruleset.derived }), lang));
      table = { header: cells, delimiter, recordDelimiter: chunker.recordDelimiter ?? '\n' };
    };

    const consume = async (result: ChunkResult): Promise<void> => {
      if (result.malformed !== undefined) throw MALFORMED;
      const drop = new Set<number>();
      let b = 0;
      let e = 0;
      for (let i = 0; i < result.rows.length; i++) {
        const at = rowBase + result.rows[i]!;
        budget.counted({ row: at, dataRows: ++dataRows }, result.widths[i]!, result.cells[i]!);
        const id = result.ids[i]!;
        const evaluated = result.evaluated[e] === i;
        if (evaluated) e++;
        let issues = result.bad[b]?.index === i ? result.bad[b++]!.issues : undefined;
        if (id !== '') {
          if (!firstRowOf.has(id)) firstRowOf.set(id, at);
          else {
            const row: ApplicantRow = { row: at, kind: 'row', id, issues: issues ?? [] };
            checkDuplicateId(row, firstRowOf);
            issues = row.issues;
          }
        }
        if (issues && hasErrors(issues)) {
          bad++;
          if (bad <= LIST_BAD_ROWS) listed.push(...describeRow({ row: at, kind: 'row', id, issues }, lang));
          if (evaluated) drop.add(e - 1);
        } else valid++;
      }
      rows += result.rows.length;
      rowBase += result.records;
      if (bad > 0 && !options.skipInvalid) refused = true;
      if (refused || !result.batch) return;
      const batch = withoutRows(result, drop);
      count += result.evaluated.length - drop.size;
      if (batch) await output!.write(batch);
    };

    const room = (pool?.size ?? 0) * 2;
    const inFlight: Array<Promise<ChunkResult>> = [];
    const dispatch = async (chunk: string) => {
      const request: ChunkRequest = { text: chunk, table: table!, evaluate: !refused, limits };
      const pending = pool && workersReady && pool.pending() < room ? pool.runChunk(request) : Promise.resolve().then(() => local(request));
      pending.catch(() => {}); // awaited below in order
      inFlight.push(pending);
      // This thread works on a chunk itself when the workers have enough: results are taken as they come.
      while (inFlight.length > room + 1) await consume(await inFlight.shift()!);
    };

    for await (const piece of decodedStream(file, encoding) as AsyncIterable<string>) {
      chunker.push(piece);
      while (!table) {
        const record = chunker.takeOne();
        if (record === undefined) break;
        header(record);
      }
      if (!table) continue;
      for (let chunk = chunker.next(CHUNK_CHARS); chunk !== undefined; chunk = chunker.next(CHUNK_CHARS)) await dispatch(chunk);
    }
    const rest = chunker.end();
    if (!table && rest !== '') {
      // A header alone, without a line end after it.
      header(rest);
    } else if (rest !== '') await dispatch(rest);
    while (inFlight.length > 0) await consume(await inFlight.shift()!);
    if (!table) throw new UserError(text(`${name}：文件为空`, `${name}: the file is empty`));
    if (rows === 0) throw new UserError(text(`${name}：没有申报人数据`, `${name}: no applicant data`));
    reportBadRows(bad, valid, listed, options, lang, log);
    await output.end();
    return { count, skipped: bad };
  } catch (err) {
    await output?.abort();
    if (err === MALFORMED || err instanceof CsvError) return MALFORMED;
    throw err;
  } finally {
    await pool?.close();
  }
}

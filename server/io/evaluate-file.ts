// A batch: every applicant in a file evaluated against one compiled ruleset, the
// results streamed to stdout or a file in input order.
//
// Pass 1 reads and checks the whole file. If any row is invalid nothing is
// evaluated (unless the caller asked to skip invalid rows, which are then listed).
// Valid records from pass 1 are kept for pass 2 when there are not too many;
// beyond that the file is read a second time, so memory stays bounded.
// Pass 2 evaluates in batches — shared with worker threads when the file is big,
// since the engine is synchronous and one core would leave the others idle.
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Applicant, CompiledRuleset, Lang, TraceMode } from '../../engine/index';
import { describeRowIssue, type ApplicantRow } from './applicant-row';
import { batchEvaluator, type BatchEvaluator, type BatchSettings } from './batch-evaluator';
import { startPool, type EvaluatorPool } from './evaluator-pool';
import type { FormattedBatch } from './format-results';
import { readApplicants } from './read-applicants';
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
}

export interface EvaluateFileSummary {
  /** Applicants evaluated. */
  count: number;
  /** Invalid rows skipped (only with skipInvalid). */
  skipped: number;
  seconds: number;
}

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
  let pool: EvaluatorPool | undefined;
  try {
    const bytes = (await stat(options.applicants).catch(() => null))?.size ?? 0;
    if (mayUseWorkers && bytes >= WORKERS_FROM_BYTES) pool = startPool(compiled.ruleset, settings);
    const checked = await checkFile(options, lang, log);
    if (checked.valid >= WORKERS_FROM_RECORDS && mayUseWorkers) pool ??= startPool(compiled.ruleset, settings);
    const local = await batchEvaluator(compiled, settings);
    const workers = pool && checked.valid >= WORKERS_FROM_RECORDS && (await pool.ready) ? pool : undefined;
    // Workers take a batch while they have room for it; otherwise this thread evaluates
    // it itself, so that it is not idle while they work and they are never starved.
    const room = (workers?.size ?? 0) * 2;
    const run: BatchEvaluator = (records) => (workers && workers.pending() < room ? workers.run(records) : local(records));

    const output: OpenedOutput = options.out !== undefined ? await openFileOutput(options.out, compiled, lang) : openStreamOutput(options.stdout ?? process.stdout);
    let count = 0;
    try {
      const records = checked.kept ?? validRecords(options.applicants, compiled);
      // Batches are evaluated concurrently but written strictly in input order.
      const inFlight: Array<Promise<FormattedBatch>> = [];
      const maxInFlight = room + 4;
      let batch: Applicant[] = [];
      const send = async () => {
        const pending = run(batch);
        pending.catch(() => {}); // awaited below in order; a failure must not also surface as unhandled
        inFlight.push(pending);
        count += batch.length;
        batch = [];
        while (inFlight.length >= maxInFlight) await output.write(await inFlight.shift()!);
      };
      for await (const record of records) {
        batch.push(record);
        if (batch.length === BATCH) await send();
      }
      if (batch.length > 0) await send();
      while (inFlight.length > 0) await output.write(await inFlight.shift()!);
      await output.end();
    } catch (err) {
      await output.abort();
      throw err;
    }
    return { count, skipped: checked.bad, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool?.close();
  }
}

interface Checked {
  valid: number;
  bad: number;
  /** The valid records in order, unless there were too many to keep. */
  kept: Applicant[] | null;
}

/** Pass 1: every row read and checked; bad rows listed; refuses the file unless skipping was asked for. */
async function checkFile(options: EvaluateFileOptions, lang: Lang, log: (line: string) => void): Promise<Checked> {
  const notice = (message: { zh: string; en?: string }) => log(say(message, lang));
  let kept: Applicant[] | null = [];
  let valid = 0;
  let bad = 0;
  const listed: string[] = [];
  for await (const row of readApplicants(options.applicants, options.compiled, { notice })) {
    if (row.record) {
      valid++;
      if (kept && kept.length < KEEP_RECORDS) kept.push(row.record);
      else kept = null;
      continue;
    }
    bad++;
    if (bad <= LIST_BAD_ROWS) listed.push(...describeRow(row, lang));
  }
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
  return { valid, bad, kept };
}

/** Pass 2 for files too big to keep: read again, valid rows only (pass 1 listed the others). */
async function* validRecords(file: string, compiled: CompiledRuleset): AsyncGenerator<Applicant> {
  for await (const row of readApplicants(file, compiled)) if (row.record) yield row.record;
}

function describeRow(row: ApplicantRow, lang: Lang): string[] {
  return row.issues.filter((i) => i.severity === 'error').map((i) => describeRowIssue(row, i, lang));
}

// Batch runs for the API: start one over a checked upload and carry it out in
// the background (evaluate in slices on the worker pool, rank, store the results as blobs, finish the
// record, tell the listeners), read its stored results, find one applicant's
// record again for an on-demand explanation, and compare its outcomes with
// another version of the ruleset (impact analysis). Access checks and ruleset
// resolution belong to the HTTP layer; this takes compiled rulesets.
import { ENGINE_VERSION, type Applicant, type CompiledRuleset } from '../../engine/index';
import { type SummaryCell } from '../io/result-summary';
import { UserError } from '../io/user-error';
import type { BlobRef, RulesetVersionRecord, RunRecord, Store } from '../storage/index';
import type { RulesetRef } from '../work/tasks';
import type { WorkPool } from '../work/work-pool';
import type { MissingColumns } from '../io/column-map';
import type { CheckedUpload, InvalidRow, UploadCheckLimits } from './check-upload';
import { rankRows, RANKING_RULE, type RankedRow } from './ranked-results';
import { storeRunOutputs, type RunSummaryFile } from './run-outputs';
import { RunEvents } from './run-events';
import { SKIPPED_FILE, type SkippedRow } from './skipped-rows';

export interface RunServiceOptions {
  now: () => string;
  logError: (err: unknown) => void;
  /** Where reading uploads and evaluating happen: worker threads, never the event loop. */
  work: WorkPool;
  /** What reading an upload may cost (config limits.upload, limits.applicant, limits.problems). */
  uploadLimits: UploadCheckLimits;
}

/** Who heavy work is for (admission per user) and the signal that cancels it (its client went away). */
export interface WorkFor {
  owner: string;
  signal?: AbortSignal | undefined;
  /** Part of work already accepted: queued whatever the per-user limit. */
  background?: boolean;
}

/** Records evaluated per task: a few tens of milliseconds of a thread, small messages. */
const SLICE_RECORDS = 1000;

export interface StartRun {
  version: RulesetVersionRecord;
  compiled: CompiledRuleset;
  asOf: string;
  upload: BlobRef;
  checked: CheckedUpload;
  actor: string;
}

export interface ImpactReport {
  base: { version: number; hash: string };
  target: { version: number; hash: string };
  /** `refused`: applicants of the run whose rows the target version refuses (not compared; the first of their problems in `invalid`). */
  counts: { total: number; becameEligible: number; becameIneligible: number; passedChanged: number; scoreChanged: number; refused: number };
  changes: Array<{ applicantId: string; name: string | null; eligible: [boolean, boolean]; passed: [boolean, boolean]; score: [number, number]; delta: number }>;
  /** Applicants of the run whose rows the target version refuses: not compared. */
  invalid: InvalidRow[];
}

/** Progress events at most this often: enough for a progress bar, not a flood. */
const PROGRESS_EVERY_MS = 100;
const CACHED_SUMMARIES = 8;
const CACHED_RECORD_SETS = 4;
const CACHED_SKIPPED = 8;

const idOf = (record: Applicant) => (record.id === undefined || record.id === null ? '' : String(record.id));
const round = (n: number) => Math.round(n * 1e6) / 1e6;

function remember<K, V>(cache: Map<K, V>, key: K, value: V, max: number): V {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > max) cache.delete(cache.keys().next().value!);
  return value;
}

export class RunService {
  readonly events = new RunEvents();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly summaries = new Map<string, RunSummaryFile>();
  private readonly skippedLists = new Map<string, SkippedRow[]>();
  /** Valid records by id, per input file and ruleset: what one applicant's explanation re-evaluates. */
  private readonly recordSets = new Map<string, Map<string, Applicant>>();

  constructor(
    private readonly store: Store,
    private readonly options: RunServiceOptions,
  ) {}

  /**
   * Reads and checks every row of an upload on a worker thread (check-upload.ts); `records`: the valid records come back too;
   * `missingColumns` 'rows': a required column the file lacks refuses each row instead of the file.
   */
  async checkUpload(upload: BlobRef, compiled: CompiledRuleset, rulesetHash: string, work: WorkFor & { records: boolean; missingColumns?: MissingColumns }): Promise<CheckedUpload> {
    // A copy the thread takes over (transferred): the store's own buffer is never detached.
    const bytes = new Uint8Array(await this.store.blobs.get(upload.hash));
    return this.options.work.run(
      'checkUpload',
      { bytes, upload: { hash: upload.hash, name: upload.name }, rules: { key: rulesetHash, ruleset: compiled.ruleset }, records: work.records, limits: this.options.uploadLimits, missingColumns: work.missingColumns ?? 'file' },
      { owner: work.owner, signal: work.signal, background: work.background ?? false, transfer: [bytes.buffer as ArrayBuffer] },
    );
  }

  /** Records the run (status running) and carries it out in the background. */
  async start(run: StartRun): Promise<RunRecord> {
    const { version, compiled, asOf, upload, checked, actor } = run;
    // Who is left out is kept before anything runs, with the run it belongs to.
    const skippedRows = checked.skipped.length > 0 ? { hash: await this.store.blobs.put(JSON.stringify(checked.skipped)), name: SKIPPED_FILE } : undefined;
    const record = await this.store.runs.start(
      { rulesetId: version.id, version: version.version, asOf, input: upload, engineVersion: ENGINE_VERSION, skipped: checked.invalidRows, ...(skippedRows ? { skippedRows } : {}) },
      { actor, at: this.options.now() },
    );
    if (skippedRows) remember(this.skippedLists, skippedRows.hash, checked.skipped, CACHED_SKIPPED);
    const records = checked.records.map((r) => r.record);
    remember(this.recordSets, `${upload.hash}|${version.hash}`, new Map(records.map((r) => [idOf(r), r])), CACHED_RECORD_SETS);
    this.events.publish(record.id, { event: 'progress', data: { done: 0, total: records.length } });
    const work = this.execute(record, compiled, records, checked).finally(() => this.inFlight.delete(record.id));
    this.inFlight.set(record.id, work);
    return record;
  }

  /**
   * A stored run still marked running that this process is not carrying out was
   * cut short by a restart (one process writes a store): it is closed as failed
   * on first sight, so nobody waits for it forever.
   */
  async settle(run: RunRecord): Promise<RunRecord> {
    if (run.status !== 'running' || this.inFlight.has(run.id)) return run;
    const message = 'The run was interrupted (the server stopped); start it again';
    try {
      return await this.store.runs.finish(run.id, { status: 'failed', error: message }, { actor: 'system', at: this.options.now() });
    } catch (err) {
      const now = this.store.runs.get(run.id);
      if (now && now.status !== 'running') return now; // another request closed it first
      throw err;
    }
  }

  /** Resolves when every run this service started has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  private async execute(run: RunRecord, compiled: CompiledRuleset, records: Applicant[], checked: CheckedUpload): Promise<void> {
    const act = () => ({ actor: run.startedBy, at: this.options.now() });
    try {
      const rows: RankedRow[] = [];
      const cells: SummaryCell[][] = [];
      const rules: RulesetRef = { key: run.rulesetHash, ruleset: compiled.ruleset };
      let lastProgress = performance.now();
      // One slice at a time on the pool: a run leaves the other threads to everyone else.
      for (let i = 0; i < records.length; i += SLICE_RECORDS) {
        const slice = records.slice(i, i + SLICE_RECORDS);
        const done = await this.options.work.run('evaluateRows', { rules, records: slice, asOf: run.asOf }, { owner: run.startedBy, background: true });
        for (const row of done.rows) rows.push(row);
        for (const row of done.cells) cells.push(row);
        const total = records.length;
        const count = Math.min(i + SLICE_RECORDS, total);
        if (count < total && performance.now() - lastProgress < PROGRESS_EVERY_MS) continue;
        lastProgress = performance.now();
        this.events.publish(run.id, { event: 'progress', data: { done: count, total } });
      }
      const order = rankRows(rows);
      const summary: RunSummaryFile = {
        format: 1,
        ruleset: { id: run.rulesetId, version: run.version, hash: run.rulesetHash },
        engineVersion: ENGINE_VERSION,
        asOf: run.asOf,
        input: run.input,
        ranking: RANKING_RULE,
        categories: compiled.categories.map((c) => ({ id: c.def.id, title: c.def.title })),
        rows,
      };
      const outputs = await storeRunOutputs(this.store.blobs, compiled, summary, order.map((i) => cells[i]!));
      remember(this.summaries, outputs.results.hash, summary, CACHED_SUMMARIES);
      const counts = {
        rows: checked.rows,
        evaluated: rows.length,
        skipped: checked.invalidRows,
        ranked: rows.filter((r) => r.rank !== null).length,
        eligible: rows.filter((r) => r.eligible).length,
        vetoed: rows.filter((r) => r.vetoed).length,
        passed: rows.filter((r) => r.passed).length,
      };
      await this.store.runs.finish(run.id, { status: 'completed', results: outputs.results, downloads: outputs.downloads, summary: counts }, act());
      this.events.publish(run.id, { event: 'completed', data: { summary: counts } });
    } catch (err) {
      if (!(err instanceof UserError)) this.options.logError(err);
      const message = err instanceof UserError ? (err.text.en ?? err.text.zh) : 'The run failed with an internal error';
      try {
        await this.store.runs.finish(run.id, { status: 'failed', error: message }, act());
      } catch (finishErr) {
        this.options.logError(finishErr);
      }
      this.events.publish(run.id, { event: 'failed', data: { message } });
    }
  }

  /** The ranked summary of a completed run. */
  async summary(run: RunRecord): Promise<RunSummaryFile | undefined> {
    if (!run.results) return undefined;
    const cached = this.summaries.get(run.results.hash);
    if (cached) return cached;
    const parsed = JSON.parse((await this.store.blobs.get(run.results.hash)).toString('utf8')) as RunSummaryFile;
    return remember(this.summaries, run.results.hash, parsed, CACHED_SUMMARIES);
  }

  /** The rows the run skipped (validRowsOnly), in file order; empty when none were. Do not modify. */
  async skippedRows(run: RunRecord): Promise<readonly SkippedRow[]> {
    if (!run.skippedRows) return [];
    const cached = this.skippedLists.get(run.skippedRows.hash);
    if (cached) return cached;
    const parsed = JSON.parse((await this.store.blobs.get(run.skippedRows.hash)).toString('utf8')) as SkippedRow[];
    return remember(this.skippedLists, run.skippedRows.hash, parsed, CACHED_SKIPPED);
  }

  /** The record of one applicant as the run read it (same input, same ruleset), to re-evaluate on demand. */
  async applicantRecord(run: RunRecord, compiled: CompiledRuleset, applicantId: string): Promise<Applicant | undefined> {
    return (await this.applicantRecords(run, compiled)).get(applicantId);
  }

  /** Every valid record of the run by applicant id, read once per input and ruleset (quota tie-breaks read their facts). Do not modify. */
  async applicantRecords(run: RunRecord, compiled: CompiledRuleset): Promise<ReadonlyMap<string, Applicant>> {
    const key = `${run.input.hash}|${run.rulesetHash}`;
    const cached = this.recordSets.get(key);
    if (cached) return cached;
    // Read once for the run's later questions, not for one client: never refused for its owner's load.
    const checked = await this.checkUpload(run.input, compiled, run.rulesetHash, { owner: run.startedBy, background: true, records: true });
    return remember(this.recordSets, key, new Map(checked.records.map((r) => [idOf(r.record), r.record])), CACHED_RECORD_SETS);
  }

  /** The run's applicants against another version: who changes eligibility, outcome or score, by how much. */
  async impact(run: RunRecord, base: RunSummaryFile, target: { record: RulesetVersionRecord; compiled: CompiledRuleset }, work: WorkFor): Promise<ImpactReport> {
    const baseById = new Map(base.rows.map((r) => [r.applicantId, r]));
    // A column the other version requires and the file lacks (a new required fact, a renamed one) refuses
    // each applicant, who is then named below as refused, instead of failing the whole analysis.
    const checked = await this.checkUpload(run.input, target.compiled, target.record.hash, { ...work, records: true, missingColumns: 'rows' });
    const compared = checked.records.map((r) => r.record).filter((r) => baseById.has(idOf(r)));
    const comparedIds = new Set(compared.map(idOf));
    const changes: ImpactReport['changes'] = [];
    const counts = { total: compared.length, becameEligible: 0, becameIneligible: 0, passedChanged: 0, scoreChanged: 0, refused: baseById.size - compared.length };
    const rules: RulesetRef = { key: target.record.hash, ruleset: target.compiled.ruleset };
    for (let i = 0; i < compared.length; i += SLICE_RECORDS) {
      const slice = compared.slice(i, i + SLICE_RECORDS);
      const outcomes = await this.options.work.run('evaluateOutcomes', { rules, records: slice, asOf: run.asOf }, { owner: work.owner, signal: work.signal, background: true });
      outcomes.forEach((after, j) => {
        const before = baseById.get(idOf(slice[j]!))!;
        const delta = round(after.score - before.score);
        if (!before.eligible && after.eligible) counts.becameEligible++;
        if (before.eligible && !after.eligible) counts.becameIneligible++;
        if (before.passed !== after.passed) counts.passedChanged++;
        if (delta !== 0) counts.scoreChanged++;
        if (before.eligible === after.eligible && before.passed === after.passed && delta === 0) return;
        changes.push({
          applicantId: before.applicantId,
          name: before.name,
          eligible: [before.eligible, after.eligible],
          passed: [before.passed, after.passed],
          score: [before.score, after.score],
          delta,
        });
      });
    }
    changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.applicantId < b.applicantId ? -1 : a.applicantId > b.applicantId ? 1 : 0));
    const invalid = checked.invalid.filter((i) => i.applicantId !== undefined && baseById.has(i.applicantId) && !comparedIds.has(i.applicantId));
    return {
      base: { version: run.version, hash: run.rulesetHash },
      target: { version: target.record.version, hash: target.record.hash },
      counts,
      changes,
      invalid,
    };
  }
}

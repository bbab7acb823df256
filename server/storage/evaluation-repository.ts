// Stored evaluations: every single evaluation keeps its applicant and its result
// as blobs of canonical JSON, so a replay can re-run exactly that input and compare
// bytes. The record holds only addresses, the ruleset reference and the verdict; it
// is appended to evaluations.jsonl (evaluation-log.ts) and read into memory at open,
// and lowdb keeps only the committed count. The applicant is stored as evaluated,
// never normalised: its address is then the result's own inputHash, and a replay
// reproduces that hash too.
import { canonicalJson } from '../../engine/index';
import { text } from '../io/text';
import { sha256Address } from './blob-store';
import type { Committer } from './committer';
import { StorageError } from './errors';
import type { EvaluationLog } from './evaluation-log';
import type { Act, BlobStore, EvaluationPage, EvaluationRecord, EvaluationRepository, NewEvaluation } from './types';
import { requireAct } from './validate';

const target = (id: string, version: number) => `ruleset:${id}@${version}`;

const numberOf = (id: string) => Number(id.slice('eval-'.length));

export class LowEvaluationRepository implements EvaluationRepository {
  /**
   * In id order: first those of stores written before the log existed (still in
   * db.json, read only), then the log's lines. The last one may be uncommitted while
   * its commit is being written, or after that write failed: readers see only ids up to committed().
   */
  readonly #records: EvaluationRecord[];
  /** Complete lines in the log file, committed or not. */
  #lines: number;
  /** The file may hold more than #lines (an append that failed part way). */
  #dirty = false;

  private constructor(
    private readonly committer: Committer,
    private readonly blobs: BlobStore,
    private readonly log: EvaluationLog,
    records: EvaluationRecord[],
    lines: number,
  ) {
    this.#records = records;
    this.#lines = lines;
  }

  static async open(committer: Committer, blobs: BlobStore, log: EvaluationLog): Promise<LowEvaluationRepository> {
    const { evaluations: legacy = [], evaluationCount = 0 } = committer.data;
    const lines = await log.committed(evaluationCount);
    const records = [...legacy];
    for (const line of lines) {
      try {
        records.push(JSON.parse(line) as EvaluationRecord);
      } catch {
        // an altered line: that record reads as absent, the others still open
      }
    }
    return new LowEvaluationRepository(committer, blobs, log, records, lines.length);
  }

  /** How many records are committed (the highest id's number): db.json's count, plus the legacy ones. */
  #committed(data = this.committer.data): number {
    return (data.evaluations?.length ?? 0) + (data.evaluationCount ?? 0);
  }

  #visible(): EvaluationRecord[] {
    const committed = this.#committed();
    const last = this.#records.at(-1);
    return last && numberOf(last.id) > committed ? this.#records.filter((e) => numberOf(e.id) <= committed) : this.#records;
  }

  async record({ applicant, result, series, pinned }: NewEvaluation, act: Act): Promise<EvaluationRecord> {
    requireAct(act);
    const { ruleset } = result;
    const inputBytes = canonicalJson(applicant);
    if (sha256Address(inputBytes) !== result.inputHash) {
      throw new StorageError('INVALID_ARGUMENT', text('评审结果不是由这份申报人数据得出的（输入哈希不符）', 'The result was not computed from this applicant (input hash differs)'), { field: 'applicant', inputHash: result.inputHash });
    }
    // Blobs first: a crash before the commit leaves an unreferenced blob, never a record pointing at nothing.
    const input = await this.blobs.put(inputBytes);
    const stored = await this.blobs.put(canonicalJson(result));
    return this.committer.commit(async (data) => {
      const version = data.rulesets.find((r) => r.id === ruleset.id && r.version === ruleset.version);
      if (!version) throw new StorageError('NOT_FOUND', text(`找不到规则集 ${ruleset.id} v${ruleset.version}`, `No ruleset ${ruleset.id} v${ruleset.version}`), { id: ruleset.id, version: ruleset.version });
      if (version.hash !== ruleset.hash) {
        throw new StorageError('INVALID_ARGUMENT', text(`评审结果中的规则集哈希与 ${ruleset.id} v${ruleset.version} 不符`, `The result's ruleset hash is not that of ${ruleset.id} v${ruleset.version}`), { field: 'result', expected: version.hash, actual: ruleset.hash });
      }
      const committed = this.#committed(data);
      const id = `eval-${String(committed + 1).padStart(6, '0')}`;
      const { eligible, vetoed, score, passed } = result;
      const record: EvaluationRecord = {
        id,
        rulesetId: ruleset.id,
        version: ruleset.version,
        rulesetHash: ruleset.hash,
        extends: ruleset.extends.map(({ id: parent, version: v, hash }) => ({ id: parent, version: v, hash })),
        series: series ?? null,
        asOf: result.asOf,
        pinned,
        engineVersion: result.engine.version,
        inputHash: result.inputHash,
        applicantId: result.applicantId,
        outcome: { eligible, vetoed, score, passed },
        by: act.actor,
        at: act.at,
        input,
        result: stored,
      };
      await this.#append(record, committed);
      data.evaluationCount = (data.evaluationCount ?? 0) + 1;
      // The log names the input by its hash and never holds the applicant's data.
      return {
        result: record,
        audit: { at: act.at, actor: act.actor, action: 'evaluation.run', target: target(ruleset.id, ruleset.version), details: { evaluation: id, hash: ruleset.hash, pinned, asOf: result.asOf, inputHash: result.inputHash, result: stored, eligible, vetoed, score, passed } },
      };
    });
  }

  /**
   * Runs inside the commit, before lowdb's write (see evaluation-log.ts). What an
   * earlier commit left beyond the committed records (its write failed, or its append
   * was torn) is cut first, so the log never repeats an id nor glues two lines together.
   */
  async #append(record: EvaluationRecord, committed: number): Promise<void> {
    while (this.#records.length > 0 && numberOf(this.#records.at(-1)!.id) > committed) {
      this.#records.pop();
      this.#lines--;
      this.#dirty = true;
    }
    if (this.#dirty) await this.log.committed(this.#lines);
    this.#dirty = true;
    await this.log.append(JSON.stringify(record));
    this.#records.push(record);
    this.#lines++;
    this.#dirty = false;
  }

  get(id: string): EvaluationRecord | undefined {
    const found = this.#visible().find((e) => e.id === id);
    return found && structuredClone(found);
  }

  list(filter: { rulesetId?: string; series?: string; offset?: number; limit?: number } = {}): EvaluationPage {
    const { rulesetId, series, offset = 0, limit = 50 } = filter;
    const matching = this.#visible().filter((e) => (rulesetId === undefined || e.rulesetId === rulesetId) && (series === undefined || e.series === series));
    const newestFirst = matching.reverse();
    return { total: matching.length, items: structuredClone(newestFirst.slice(offset, offset + limit)) };
  }
}

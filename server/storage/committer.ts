// Every change goes through commit(): one at a time (a queue), on a copy of the
// metadata (a change that throws leaves nothing behind), with its audit entry
// chained to the head in the same lowdb write. See audit-chain.ts for the order
// of the two writes and how a crash between them is rolled forward.
import type { Low } from 'lowdb';
import { chainEntry, EMPTY_HEAD, type AuditHead, type Journal } from './audit-chain';
import type { AuditEntry, AuditInput, CalendarYearRecord, EvaluationRecord, ExpertRecord, HolderRecord, QuotaRecord, ReviewSession, RulesetVersionRecord, RunRecord, UploadRecord, UserRecord } from './types';

/** What lowdb holds. Small by design: no rule content, no files, no log entries. */
export interface StoreData {
  format: 1;
  users: UserRecord[];
  rulesets: RulesetVersionRecord[];
  runs: RunRecord[];
  /** Absent in stores written before uploads were recorded. */
  uploads?: UploadRecord[];
  /**
   * Only in stores written before evaluation records moved to evaluations.jsonl: read
   * as the first records, never written again (see evaluation-repository.ts).
   */
  evaluations?: EvaluationRecord[];
  /** Committed lines of evaluations.jsonl: written with the audit entry, this is an evaluation's commit. */
  evaluationCount?: number;
  /** The committee process; absent in stores written before it (read as empty). */
  quotas?: QuotaRecord[];
  experts?: ExpertRecord[];
  holders?: HolderRecord[];
  calendar?: CalendarYearRecord[];
  sessions?: ReviewSession[];
  auditHead: AuditHead;
}

/** The StoreData lists a RecordCollection keeps. */
export type CollectionName = 'quotas' | 'experts' | 'holders' | 'calendar';

export function emptyData(): StoreData {
  return { format: 1, users: [], rulesets: [], runs: [], uploads: [], evaluationCount: 0, auditHead: EMPTY_HEAD };
}

export type Change<T> = (data: StoreData) => { result: T; audit: AuditInput } | Promise<{ result: T; audit: AuditInput }>;

export class Committer {
  #queue: Promise<unknown> = Promise.resolve();
  #journalSeq: number | undefined;

  constructor(
    private readonly db: Low<StoreData>,
    private readonly journal: Journal,
  ) {}

  /** The committed metadata. Read-only to callers: repositories hand out copies. */
  get data(): StoreData {
    return this.db.data;
  }

  async commit<T>(change: Change<T>): Promise<T> {
    return (await this.commitWithEntry(change)).result;
  }

  /** commit(), also handing back the audit entry it appended. */
  commitWithEntry<T>(change: Change<T>): Promise<{ result: T; entry: AuditEntry }> {
    return this.#serial(async () => {
      await this.#rollForward();
      const draft = structuredClone(this.db.data);
      const { result, audit } = await change(draft);
      const entry = chainEntry(audit, draft.auditHead);
      draft.auditHead = { seq: entry.seq, hash: entry.hash, entry };
      const before = this.db.data;
      this.db.data = draft;
      try {
        await this.db.write();
      } catch (err) {
        this.db.data = before;
        throw err;
      }
      await this.#append(entry).catch(() => undefined); // committed: the next commit or open appends it
      return { result: structuredClone(result), entry: structuredClone(entry) };
    });
  }

  /** Runs `fn` between commits (a consistent view of log and head). */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      await this.#rollForward();
      return fn();
    });
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #append(entry: AuditEntry): Promise<void> {
    await this.journal.append(JSON.stringify(entry));
    this.#journalSeq = entry.seq;
  }

  /** Appends the head's entry if the log is exactly one behind (a crash after the commit, before the append). */
  async #rollForward(): Promise<void> {
    const head = this.db.data.auditHead;
    if (this.#journalSeq === head.seq) return;
    const last = await this.journal.lastLine();
    let seq = 0;
    if (last !== undefined) {
      try {
        seq = (JSON.parse(last) as AuditEntry).seq;
      } catch {
        return; // not ours to repair: verify() reports it
      }
    }
    if (seq === head.seq - 1 && head.entry) await this.#append(head.entry);
    else this.#journalSeq = seq;
  }
}

// openStore: the lowdb implementation of the repositories, on disk or in memory.
//
// On disk (`{ dataDir }`):
//   <dataDir>/db.json          lowdb: users, ruleset index, runs, evaluation count, audit head
//   <dataDir>/audit.jsonl      the audit entries
//   <dataDir>/evaluations.jsonl the evaluation records (evaluation-log.ts)
//   <dataDir>/blobs/sha256/…   rule content, uploads, results, evaluated inputs (content-addressed)
// lowdb's JSONFile writes through steno, which writes `.db.json.tmp` and renames
// it over db.json (node_modules/steno/lib/index.js, Writer#write): a killed
// process leaves the old or the new file, never half of one. steno does not
// fsync, so a power cut may lose the last write but not corrupt the file.
// One process writes a data directory at a time (writes are queued in-process only).
//
// In memory (`{ memory: true }`): lowdb's Memory adapter, blobs and log in memory
// too, unless `dataDir` is also given (then only the metadata is in memory). The
// evaluation records go with the metadata: their committed count lives in lowdb,
// and opening a file against a count of 0 would cut it.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { EMPTY_HEAD, FileJournal, MemoryJournal, verifyChain, type Journal } from './audit-chain';
import { UserReplay } from './audit-users';
import { FileBlobStore, MemoryBlobStore } from './blob-store';
import { Committer, emptyData, type StoreData } from './committer';
import { EVALUATIONS_FILE, FileEvaluationLog, MemoryEvaluationLog } from './evaluation-log';
import { LowEvaluationRepository } from './evaluation-repository';
import { LowRecordCollection } from './record-collection';
import { LowReviewSessionRepository } from './review-session-repository';
import { LowRulesetRepository } from './ruleset-repository';
import { LowRunRepository } from './run-repository';
import { SignIns } from './sign-ins';
import type { AuditAnchor, AuditEntry, AuditInput, AuditLog, AuditVerification, BlobStore, CalendarYearRecord, ExpertRecord, HolderRecord, QuotaRecord, RulesetRepository, Store } from './types';
import { LowUserRepository } from './user-repository';
import { requireAct } from './validate';

export type StoreOptions = { dataDir: string; memory?: false } | { memory: true; dataDir?: string };

export const DB_FILE = 'db.json';
export const AUDIT_FILE = 'audit.jsonl';

export async function openStore(options: StoreOptions): Promise<Store> {
  const { dataDir } = options;
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const db = new Low<StoreData>(options.memory || dataDir === undefined ? new Memory<StoreData>() : new JSONFile<StoreData>(join(dataDir, DB_FILE)), emptyData());
  await db.read();
  let blobs: BlobStore;
  let journal: Journal;
  if (dataDir === undefined) {
    blobs = new MemoryBlobStore();
    journal = new MemoryJournal();
  } else {
    const files = new FileBlobStore(dataDir);
    await files.sweep();
    blobs = files;
    journal = new FileJournal(join(dataDir, AUDIT_FILE));
  }
  const committer = new Committer(db, journal);
  await committer.serial(async () => undefined); // roll a crashed append forward before anyone reads
  const evaluationLog = options.memory || dataDir === undefined ? new MemoryEvaluationLog() : new FileEvaluationLog(join(dataDir, EVALUATIONS_FILE));
  const evaluations = await LowEvaluationRepository.open(committer, blobs, evaluationLog);
  // Sign-in sessions go with the metadata: a file beside db.json, or memory.
  const signIns = await SignIns.open(options.memory ? undefined : dataDir);
  return {
    rulesets: new LowRulesetRepository(committer, blobs),
    users: new LowUserRepository(committer),
    runs: new LowRunRepository(committer),
    evaluations,
    quotas: new LowRecordCollection<QuotaRecord>(committer, { name: 'quotas', kind: 'quota', key: quotaKey }),
    experts: new LowRecordCollection<ExpertRecord>(committer, { name: 'experts', kind: 'expert', key: (e) => e.id }),
    holders: new LowRecordCollection<HolderRecord>(committer, { name: 'holders', kind: 'holder', key: (h) => h.id }),
    calendar: new LowRecordCollection<CalendarYearRecord>(committer, { name: 'calendar', kind: 'calendar', key: (c) => String(c.year) }),
    sessions: new LowReviewSessionRepository(committer),
    audit: new LowAuditLog(committer, journal),
    blobs,
    signIns,
    close: async () => {
      await signIns.flush();
      await committer.serial(async () => undefined);
    },
  };
}

/** The key of a quota row: one unit's posts for one series and level. */
export function quotaKey(quota: Pick<QuotaRecord, 'unit' | 'series' | 'level'>): string {
  return `${quota.unit}|${quota.series}|${quota.level}`;
}

class LowAuditLog implements AuditLog {
  constructor(
    private readonly committer: Committer,
    private readonly journal: Journal,
  ) {}

  async record(entry: AuditInput): Promise<AuditEntry> {
    requireAct(entry);
    return (await this.committer.commitWithEntry(() => ({ result: undefined, audit: entry }))).entry;
  }

  head(): { seq: number; hash: string } {
    const { seq, hash } = this.committer.data.auditHead;
    return { seq, hash };
  }

  verify(anchor?: AuditAnchor): Promise<AuditVerification> {
    return this.committer.serial(() => verifyLog(this.journal.lines(), this.committer.data, anchor));
  }

  exportJsonl() {
    return this.journal.stream();
  }
}

/**
 * The rulesets of a data directory as they are on disk, read without opening it for
 * writing: no sweep of temp blobs, no roll-forward of the audit log, since a server
 * may be running on it. The metadata is a snapshot in memory; what `pingshen export`
 * reads. Undefined when there is no store there.
 */
export async function readRulesetsOf(dataDir: string): Promise<RulesetRepository | undefined> {
  let data: StoreData;
  try {
    data = JSON.parse(await readFile(join(dataDir, DB_FILE), 'utf8')) as StoreData;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const snapshot = new Committer(new Low<StoreData>(new Memory<StoreData>(), { ...emptyData(), ...data }), new MemoryJournal());
  return new LowRulesetRepository(snapshot, new FileBlobStore(dataDir));
}

/**
 * The administrator's calendar years of a data directory, read without opening it for
 * writing (a server may be running on it): what `pingshen workdays --data-dir` adds to
 * the shipped calendar. Undefined when there is no store there.
 */
export async function readCalendarOf(dataDir: string): Promise<CalendarYearRecord[] | undefined> {
  try {
    return (JSON.parse(await readFile(join(dataDir, DB_FILE), 'utf8')) as StoreData).calendar ?? [];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Verifies a data directory without opening it for writing (nothing is repaired,
 * nothing swept): what `pingshen audit verify` runs. Undefined when there is no store there.
 */
export async function verifyDataDir(dataDir: string, anchor?: AuditAnchor): Promise<AuditVerification | undefined> {
  let data: Partial<StoreData>;
  try {
    data = JSON.parse(await readFile(join(dataDir, DB_FILE), 'utf8')) as Partial<StoreData>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return verifyLog(new FileJournal(join(dataDir, AUDIT_FILE)).lines(), data, anchor);
}

/** The chain against the head, then the users the log's entries made against those in the metadata. */
async function verifyLog(lines: AsyncIterable<string>, data: Partial<Pick<StoreData, 'auditHead' | 'users'>>, anchor?: AuditAnchor): Promise<AuditVerification> {
  const users = new UserReplay();
  const chain = await verifyChain(lines, data.auditHead ?? EMPTY_HEAD, { anchor, onEntry: (entry) => users.apply(entry) });
  if (!chain.ok) return chain;
  const mismatches = users.compare(data.users ?? []);
  return mismatches.length === 0 ? chain : { ...chain, ok: false, reason: 'users', users: mismatches };
}

// The repository interface the server stands on. Only these types leave
// server/storage; lowdb stays behind them, so a server database can replace it.
// Every method that changes something takes the acting user and the time (`at`,
// ISO 8601) and appends its own audit entry: no caller can forget the trail.
import type { Readable } from 'node:stream';
import type { Applicant, EvaluationResult, Ruleset, RulesetStatus } from '../../engine/index';

export type Role = 'admin' | 'official' | 'committee' | 'auditor';

export interface UserRecord {
  username: string;
  displayName: string;
  role: Role;
  /** Department official: the department whose rulesets they edit. */
  department?: string;
  /** Committee member: the series of their committee. */
  series?: string;
  /** Opaque to storage (the auth layer hashes); never written to the audit log. */
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt?: string;
}

export type NewUser = Omit<UserRecord, 'createdAt' | 'updatedAt' | 'lastLoginAt' | 'disabled'> & { disabled?: boolean };
export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'role' | 'department' | 'series' | 'passwordHash' | 'disabled'>>;

/** Who does something, and when. */
export interface Act {
  actor: string;
  at: string;
}

export type LifecycleAction = 'save' | 'submit' | 'approve' | 'reject' | 'publish' | 'retire';

export interface LifecycleEvent {
  action: LifecycleAction;
  by: string;
  at: string;
  comment?: string;
}

/** One immutable version in the ruleset index; its rule content is the blob `hash` names. */
export interface RulesetVersionRecord {
  id: string;
  version: number;
  department: string;
  title: Ruleset['title'];
  status: RulesetStatus;
  author: string;
  savedAt: string;
  note: string;
  /** The version this one was edited from (same id), or null for a fresh start. */
  basedOn: number | null;
  /** `sha256:<hex>` of the canonical rule content (engine rulesetHash); also its blob address. */
  hash: string;
  /**
   * Blob of the same rule content as its author wrote it (key order kept, lifecycle
   * fields removed): what a ruleset file is written from. Absent on versions saved
   * before it was kept; their files come from the canonical blob (keys sorted).
   */
  document?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  approvals: Array<{ by: string; at: string }>;
  history: LifecycleEvent[];
}

export interface SaveDraftInput {
  ruleset: Ruleset;
  author: string;
  note: string;
  basedOn: { id: string; version: number } | null;
  at: string;
}

export interface RulesetRepository {
  /** A new immutable version (latest + 1), status draft. VERSION_CONFLICT if `basedOn` is not the latest. */
  saveDraft(input: SaveDraftInput): Promise<RulesetVersionRecord>;
  submit(id: string, version: number, act: Act): Promise<RulesetVersionRecord>;
  /** SELF_APPROVAL when the actor is the version's author. */
  approve(id: string, version: number, act: Act): Promise<RulesetVersionRecord>;
  /** Back to draft, with the reason. */
  reject(id: string, version: number, act: Act & { comment: string }): Promise<RulesetVersionRecord>;
  publish(id: string, version: number, act: Act & { effectiveFrom: string; effectiveTo?: string }): Promise<RulesetVersionRecord>;
  retire(id: string, version: number, act: Act & { effectiveTo?: string }): Promise<RulesetVersionRecord>;
  /** Ruleset ids with their latest version record. */
  list(filter?: { department?: string }): RulesetVersionRecord[];
  versions(id: string): RulesetVersionRecord[];
  get(id: string, version: number): RulesetVersionRecord | undefined;
  latest(id: string): RulesetVersionRecord | undefined;
  /** The ruleset as saved, with its lifecycle fields (status, effective dates) from the index. */
  content(id: string, version: number): Promise<Ruleset>;
}

export interface UserRepository {
  create(user: NewUser, act: Act): Promise<UserRecord>;
  update(username: string, patch: UserPatch, act: Act): Promise<UserRecord>;
  get(username: string): UserRecord | undefined;
  list(): UserRecord[];
  /** Audits a login attempt (successful or not); a success also stamps lastLoginAt. */
  recordLogin(username: string, outcome: { ok: boolean; at: string; from?: string }): Promise<void>;
}

export type RunStatus = 'running' | 'completed' | 'failed';

/** A file kept as a blob: its address and the name to give it. */
export interface BlobRef {
  hash: string;
  name: string;
}

export interface RunRecord {
  id: string;
  rulesetId: string;
  version: number;
  rulesetHash: string;
  asOf: string;
  startedBy: string;
  startedAt: string;
  /** The uploaded applicants file: blob hash and the name it was uploaded under. */
  input: BlobRef;
  /** The engine that evaluated (results replay only under the same engine version). */
  engineVersion?: string;
  /** Invalid rows left out because the caller asked to run the valid rows only. */
  skipped?: number;
  status: RunStatus;
  finishedAt?: string;
  /** Results file blob. */
  results?: BlobRef;
  /** The same results as files to download, by format (e.g. xlsx, csv). */
  downloads?: Record<string, BlobRef>;
  summary?: Record<string, number>;
  error?: string;
}

/** The ruleset version must exist; the run records its hash. */
export interface RunStart {
  rulesetId: string;
  version: number;
  asOf: string;
  input: BlobRef;
  engineVersion?: string;
  skipped?: number;
}

export interface RunFinish {
  status: 'completed' | 'failed';
  results?: BlobRef;
  downloads?: Record<string, BlobRef>;
  summary?: Record<string, number>;
  error?: string;
}

/** An uploaded applicants file: the bytes are the blob `hash` names; this is what is known about them. */
export interface UploadRecord {
  hash: string;
  /** The file name it was last uploaded under (its extension says the format). */
  name: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface RunRepository {
  start(run: RunStart, act: Act): Promise<RunRecord>;
  finish(id: string, outcome: RunFinish, act: Act): Promise<RunRecord>;
  get(id: string): RunRecord | undefined;
  list(filter?: { rulesetId?: string }): RunRecord[];
  /** Registers (or renames) an upload whose bytes are already a blob; audited as upload.store (never the content). */
  recordUpload(upload: Pick<UploadRecord, 'hash' | 'name' | 'size'>, act: Act): Promise<UploadRecord>;
  upload(hash: string): UploadRecord | undefined;
  uploads(): UploadRecord[];
}

/** The verdict of one evaluation, as its result states it. */
export interface EvaluationOutcome {
  eligible: boolean;
  vetoed: boolean;
  score: number;
  passed: boolean;
}

/**
 * One stored evaluation (POST /evaluations). The applicant and the result are
 * blobs holding their canonical JSON; this record (a few hundred bytes) is a line of
 * evaluations.jsonl, everything else is read from the blobs.
 */
export interface EvaluationRecord {
  /** `eval-000001`, in the order they were made. */
  id: string;
  rulesetId: string;
  version: number;
  /** The version's own content hash, as the result names it. */
  rulesetHash: string;
  /** The versions it extends, nearest first, with their hashes (the result's `ruleset.extends`). */
  extends: Array<{ id: string; version: number; hash: string }>;
  /** The ruleset's series (committee members read their own series' evaluations), null when it has none. */
  series: string | null;
  asOf: string;
  /** True when the caller named the version, false when it was the one in force on `asOf`. */
  pinned: boolean;
  engineVersion: string;
  /** The result's inputHash. */
  inputHash: string;
  /**
   * The result's applicantId, so that lists name whom a record is about without
   * reading each result blob; absent in records stored before it was kept.
   */
  applicantId?: string | null;
  outcome: EvaluationOutcome;
  by: string;
  at: string;
  /** Blob of the applicant's canonical JSON, exactly as evaluated (so its address equals `inputHash`). */
  input: string;
  /** Blob of the result's canonical JSON: its address is the result hash a replay compares with. */
  result: string;
}

/** What the repository records; everything else in the record is read from the result. */
export interface NewEvaluation {
  applicant: Applicant;
  result: EvaluationResult;
  series?: string | undefined;
  pinned: boolean;
}

export interface EvaluationPage {
  /** How many match the filter (before offset and limit). */
  total: number;
  /** Newest first. */
  items: EvaluationRecord[];
}

export interface EvaluationRepository {
  /**
   * Stores the applicant and the result as blobs and appends the record (its own
   * append-only index, not the lowdb document), audited as evaluation.run with its id. The result must name a stored version with its hash and must have
   * been computed from this applicant (INVALID_ARGUMENT otherwise; NOT_FOUND without the version).
   */
  record(evaluation: NewEvaluation, act: Act): Promise<EvaluationRecord>;
  get(id: string): EvaluationRecord | undefined;
  list(filter?: { rulesetId?: string; series?: string; offset?: number; limit?: number }): EvaluationPage;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditInput = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

export interface AuditVerification {
  ok: boolean;
  /** Entries read from the log. */
  entries: number;
  /** seq of the first entry that does not link (or that is missing / should not be there). */
  brokenAt?: number;
  reason?: 'unreadable' | 'seq' | 'prevHash' | 'hash' | 'missing' | 'extra' | 'head';
}

export interface AuditLog {
  /** For events that change no metadata (a login, an export). */
  record(entry: AuditInput): Promise<AuditEntry>;
  head(): { seq: number; hash: string };
  verify(): Promise<AuditVerification>;
  /** Every entry, one JSON object per line. */
  exportJsonl(): Readable;
}

export interface BlobStore {
  /** Stores bytes under their sha256; returns `sha256:<hex>`. Storing the same bytes again changes nothing. */
  put(data: string | Uint8Array): Promise<string>;
  /**
   * The bytes, checked against their hash (BLOB_CORRUPT if they differ; NOT_FOUND if absent).
   * `verify: false` hands back whatever is stored, unchecked: only to show how an altered file now differs.
   */
  get(hash: string, options?: { verify?: boolean }): Promise<Buffer>;
  has(hash: string): Promise<boolean>;
}

export interface Store {
  rulesets: RulesetRepository;
  users: UserRepository;
  runs: RunRepository;
  evaluations: EvaluationRepository;
  audit: AuditLog;
  blobs: BlobStore;
  close(): Promise<void>;
}

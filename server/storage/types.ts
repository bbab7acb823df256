import type { UserMismatch } from './audit-users';
// The repository interface the server stands on. Only these types leave
// server/storage; lowdb stays behind them, so a server database can replace it.
// Every method that changes something takes the acting user and the time (`at`,
// ISO 8601) and appends its own audit entry: no caller can forget the trail.
import type { Readable } from 'node:stream';
import type { Applicant, EvaluationResult, Ruleset, RulesetStatus, Text } from '../../engine/index';

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
  approvals: Array<{ by: string; at: string; comment?: string }>;
  history: LifecycleEvent[];
}

export interface SaveDraftInput {
  ruleset: Ruleset;
  author: string;
  note: string;
  basedOn: { id: string; version: number } | null;
  at: string;
  /** The date a new ruleset is meant to take effect (YYYY-MM-DD), kept on the draft's record; publishing sets the real one. */
  effectiveFrom?: string;
}

export interface RulesetRepository {
  /** A new immutable version (latest + 1), status draft. VERSION_CONFLICT if `basedOn` is not the latest. */
  saveDraft(input: SaveDraftInput): Promise<RulesetVersionRecord>;
  submit(id: string, version: number, act: Act): Promise<RulesetVersionRecord>;
  /** SELF_APPROVAL when the actor is the version's author; the comment, if any, is kept with the approval and in the history. */
  approve(id: string, version: number, act: Act & { comment?: string }): Promise<RulesetVersionRecord>;
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
}

/** A sign-in session as kept (server/storage/sign-ins.ts): never the token, only its sha256. */
export interface SignInRecord {
  /** sha256 (hex) of the random token the cookie holds. */
  tokenHash: string;
  username: string;
  /** ISO 8601. */
  createdAt: string;
  /** Milliseconds since the epoch: the absolute end, and the last request (for the idle timeout). */
  expiresAt: number;
  lastSeenAt: number;
  /** The client address it was opened from. */
  from?: string;
}

/** Sign-in sessions, kept across restarts; written beside db.json, never audited one by one. */
export interface SignInRepository {
  /** Written before it resolves. */
  add(record: SignInRecord): Promise<void>;
  get(tokenHash: string): SignInRecord | undefined;
  list(username?: string): SignInRecord[];
  /** Marks the session used at `at` (ms); written lazily. */
  touch(tokenHash: string, at: number): void;
  /** Removes these sessions (written before it resolves); how many there were. */
  remove(tokenHashes: readonly string[]): Promise<number>;
  /** When the user last signed in (ISO 8601), kept after their sessions end. */
  lastSignIn(username: string): string | undefined;
  /** Writes what is only in memory (the last-used times). */
  flush(): Promise<void>;
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
  /** Who those rows were (row, applicant id, name, reasons): a JSON blob, so the record stays small however many. */
  skippedRows?: BlobRef;
  status: RunStatus;
  finishedAt?: string;
  /** Results file blob. */
  results?: BlobRef;
  /** The same results as files to download, by format (e.g. xlsx, csv). */
  downloads?: Record<string, BlobRef>;
  summary?: Record<string, number>;
  error?: string;
  /** The audit chain's head as the run ended (before its own entry): an anchor for `audit verify --anchor`. */
  auditHead?: AuditAnchor;
}

/** The ruleset version must exist; the run records its hash. */
export interface RunStart {
  rulesetId: string;
  version: number;
  asOf: string;
  input: BlobRef;
  engineVersion?: string;
  skipped?: number;
  skippedRows?: BlobRef;
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
  /**
   * Registers (or renames) an upload whose bytes are already a blob; audited as upload.store (never the content).
   * One record per uploader and hash: the same file uploaded by two users is two records, each user's own.
   */
  recordUpload(upload: Pick<UploadRecord, 'hash' | 'name' | 'size'>, act: Act): Promise<UploadRecord>;
  /** The record of that uploader, or (without one) the latest record of the hash. */
  upload(hash: string, uploadedBy?: string): UploadRecord | undefined;
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
  reason?: 'unreadable' | 'seq' | 'prevHash' | 'hash' | 'missing' | 'extra' | 'head' | 'anchor' | 'anchorBeyond' | 'users';
  /** With reason `users`: where db.json's users differ from what the audited actions made them. */
  users?: UserMismatch[];
  /** The last entry is committed (db.json's head holds it) but not yet in the log: the next start appends it. */
  pending?: boolean;
}

/** A point of the audit chain (seq and that entry's hash), copied out of the server so a later verify can prove the log still extends it. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export interface AuditLog {
  /** For events that change no metadata (a login, an export). */
  record(entry: AuditInput): Promise<AuditEntry>;
  head(): { seq: number; hash: string };
  /** The chain, an optional anchor it must still extend, and db.json's users against the log's user entries. */
  verify(anchor?: AuditAnchor): Promise<AuditVerification>;
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
  /** Keyed `unit|series|level`. */
  quotas: RecordCollection<QuotaRecord>;
  /** Keyed by id. */
  experts: RecordCollection<ExpertRecord>;
  /** Keyed by id. */
  holders: RecordCollection<HolderRecord>;
  /** Keyed by the year (as a string). */
  calendar: RecordCollection<CalendarYearRecord>;
  sessions: ReviewSessionRepository;
  audit: AuditLog;
  blobs: BlobStore;
  signIns: SignInRepository;
  close(): Promise<void>;
}

// ── The committee process (issue 6): quotas, experts, review sessions, title holders,
// the working-day calendar. Policy values (sizes, fractions, days) are not here: they
// live in rules/process/committee-policy.json (server/committee/process-policy.ts).

/** 核定的定向岗位职数: approved directional posts of one unit for one series and level. */
export interface QuotaRecord {
  unit: string;
  series: string;
  /** The title level the posts are for: deputy-senior or full-senior. */
  level: string;
  /** Approved posts, an integer ≥ 0. */
  posts: number;
  note?: string;
  updatedBy: string;
  updatedAt: string;
}

/** One expert of the pool (专家库). */
export interface ExpertRecord {
  /** `exp-0001`, in the order they were added. */
  id: string;
  name: string;
  series: string;
  /** The expert's own title level (deputy-senior or full-senior). */
  level: string;
  unit: string;
  county: string;
  /** Term of office, dates YYYY-MM-DD; at most the policy's term length (3 years). */
  termStart: string;
  termEnd: string;
  /** Standing conflicts (回避) the expert declared: applicant ids or units they must not judge. */
  conflicts: Array<{ applicantId?: string; unit?: string; reason: string }>;
  disabled: boolean;
  updatedBy: string;
  updatedAt: string;
}

/** 取得定向职称人员: someone who holds a directional title, and where they are appointed. */
export interface HolderRecord {
  /** `holder-0001`. */
  id: string;
  name: string;
  series: string;
  level: string;
  /** The level held before the directional title (what they revert to in a non-participating unit). */
  priorLevel: string;
  unit: string;
  /** The prefecture the unit is in (e.g. 巴音郭楞蒙古自治州). */
  prefecture: string;
  /** The qualification document (资格文件) and its date of issue. */
  documentNo: string;
  documentDate: string;
  /** Date appointed to the post (聘任); absent while not yet appointed. */
  appointedAt?: string;
  /** The review session and applicant the title came from, when Pingshen ran it. */
  sessionId?: string;
  applicantId?: string;
  updatedBy: string;
  updatedAt: string;
}

/** One day of the holiday calendar: a holiday (休) on a weekday, or a weekend day that is worked (班). */
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  /** What it is, e.g. 国庆节, 古尔邦节, 国庆节调休上班. */
  name: string;
}

/** One year of the calendar as the administrator entered it (shipped years come from rules/process/). */
export interface CalendarYearRecord {
  year: number;
  days: CalendarDay[];
  /** Where the dates come from (e.g. the State Council notice). */
  source: string;
  updatedBy: string;
  updatedAt: string;
}

export type SessionStatus = 'preparing' | 'drawn' | 'meeting' | 'voted' | 'publicity' | 'finalised';

/** An applicant before the committee: from the session's batch run, recommended within their unit's quota. */
export interface SessionCandidate {
  applicantId: string;
  name: string | null;
  unit: string | null;
  /** Rank and score in the batch run (before the committee's items). */
  rank: number | null;
  score: number;
}

/**
 * A review session (评审会) of one series' committee at one level: the batch run it
 * judges, the members drawn, the meeting, the publicity period and the filing.
 * Each stage adds its record; see server/committee/ for the rules of each.
 */
export interface ReviewSession {
  /** `session-0001`. */
  id: string;
  title: string;
  series: string;
  level: string;
  year: number;
  /** The batch run whose applicants it judges, and the ruleset version of that run. */
  runId: string;
  rulesetId: string;
  version: number;
  rulesetHash: string;
  asOf: string;
  /** Series committee (default minimum 25 members) or specialty committee (11). */
  committeeKind: 'series' | 'specialty';
  candidates: SessionCandidate[];
  /** The quota rows the candidates were chosen with, as they were then. */
  quotas: Array<Pick<QuotaRecord, 'unit' | 'posts'>>;
  status: SessionStatus;
  /** Stage records, each owned by its module in server/committee/. */
  draw?: SessionDraw;
  meeting?: SessionMeeting;
  publicity?: SessionPublicity;
  finalisedAt?: string;
  filing?: { package: BlobRef; manifestHash: string; builtBy: string; builtAt: string };
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One eligible expert as the draw recorded it: the pool the seed shuffled, and what poolHash covers. */
export interface DrawPoolEntry {
  id: string;
  name: string;
  level: string;
  unit: string;
  county: string;
  termStart: string;
  termEnd: string;
}

/** The members drawn for a session (server/committee/expert-draw.ts): replayable from the seed and the pool. */
export interface SessionDraw {
  /** How the seed becomes the order (server/committee/seeded-random.ts documents it), e.g. hmac-sha256-ctr/v1+fisher-yates/v1. */
  algorithm: string;
  /** The random seed (hex), recorded so anyone can replay the draw. */
  seed: string;
  /** How many members were asked for, and the policy values then in force (minimum, odd number). */
  requested: number;
  minimum: number;
  odd: boolean;
  /** The meeting date the experts' terms had to cover. */
  meetingOn: string;
  /** The eligible experts, sorted by id: the list the seed shuffled. */
  pool: DrawPoolEntry[];
  /** sha256 of the canonical JSON of `pool`. */
  poolHash: string;
  /** In draw order: the first `members.length` of the shuffled pool. */
  members: Array<{ expertId: string; name: string; unit: string }>;
  /** Experts of the series left out, each with why (回避: own unit, declared conflict; term; disabled). */
  excluded: Array<{ expertId: string; name: string; unit: string; codes: string[]; reason: string; text: Text }>;
  /** Conflicts declared for this session when drawing. */
  sessionConflicts: Array<{ expertId: string; applicantId?: string; unit?: string; reason: string }>;
  /** Fewer members than the minimum, drawn because the administrator accepted it (the warning says so). */
  acceptedBelowMinimum: boolean;
  warnings: Text[];
  drawnBy: string;
  drawnAt: string;
}

/** One candidate's outcome at the meeting (server/committee/meeting.ts). */
export interface MeetingResult {
  applicantId: string;
  name: string | null;
  unit: string | null;
  /** The committee's scores entered into the ruleset's committee items, by fact id (reviewReport, …). */
  committeeScores: Record<string, number>;
  /** The total after re-evaluation with those scores; the result's own pass verdict (engine `passed`). */
  score: number;
  scorePassed: boolean;
  /** The engine result's parts behind scorePassed, and the ruleset's pass mark (null without one); absent in results recorded before they were kept. */
  eligible?: boolean;
  vetoed?: boolean;
  passMark?: number | null;
  votes: { yes: number; no: number; abstain: number };
  /**
   * The verdict under the meeting's pass rule (server/committee/meeting.ts verdict):
   * the engine's result passed and the yes votes reach the fraction. Written when
   * entered and restated at closing; readers ask verdict(), not this field (in a
   * meeting recorded before the pass rule was data it held the vote alone).
   */
  passed: boolean;
  /** The score in the batch run, before the committee's values replaced the filed ones. */
  runScore?: number;
  /**
   * Who entered the scores and when (the clerk at the meeting). For a ruleset without
   * committee items, when the ballot recorded the run record's evaluation.
   */
  scoredBy?: string;
  scoredAt?: string;
  /** When the tally was entered: absent until the ballot (votes are 0 and passed false until then). */
  votedBy?: string;
  votedAt?: string;
  /** Yes votes the tally needed (the pass fraction of the base it counts). */
  yesNeeded?: number;
}

/** The review meeting (server/committee/meeting.ts). */
export interface SessionMeeting {
  heldOn: string;
  /** Expert ids of the members present (the others are absent and cannot vote). */
  present: string[];
  quorumMet: boolean;
  /** The policy fractions used (snapshot of committee-policy.json then). */
  quorum: { numerator: number; denominator: number; of: 'members' | 'present' };
  passVotes: { numerator: number; denominator: number; of: 'members' | 'present' };
  /**
   * The pass rule used (committee-policy.json meeting.passRule then), recorded with the
   * attendance and at closing. Absent in a meeting recorded before the rule was data,
   * which is read with the policy's rule (server/committee/meeting.ts meetingPassRule).
   */
  passRule?: { requires: Array<'enginePassed' | 'passVotes'> };
  results: MeetingResult[];
  /** Set when the tallies are closed; nothing changes after. */
  closedAt?: string;
  closedBy?: string;
  /** Members drawn when attendance was taken, and the attendance the quorum needed. */
  members?: number;
  quorumNeeded?: number;
  /** Who recorded the attendance and when. */
  attendanceBy?: string;
  attendanceAt?: string;
}

/** The publicity period (server/committee/publicity.ts). */
export interface SessionPublicity {
  start: string;
  /** The day on which the last required working day falls. */
  end: string;
  /** The policy value used (committee-policy.json publicity.workingDays then). */
  workingDays: number;
  /** The working days counted, start to end (the explanation of `end`). */
  counted: string[];
  /** The calendar years the count went through, and whose they were (shipped file or administrator). */
  calendar: Array<{ year: number; origin: 'shipped' | 'admin'; source: string }>;
  /** Applicant ids on the publicity list (the candidates who passed). */
  listed: string[];
  startedBy: string;
  startedAt: string;
}

export type NewReviewSession = Omit<ReviewSession, 'id' | 'status' | 'createdBy' | 'createdAt' | 'updatedAt'>;

/** A keyed list of records, each change audited: quotas, experts, holders, calendar years. */
export interface RecordCollection<T> {
  list(): T[];
  get(key: string): T | undefined;
  /** Adds or replaces by key; audited as `<kind>.put` with the record. */
  put(record: Omit<T, 'updatedBy' | 'updatedAt'>, act: Act): Promise<T>;
  /** Adds or replaces many in one commit (an import); audited once as `<kind>.import` with the keys and `source`. */
  putMany(records: Array<Omit<T, 'updatedBy' | 'updatedAt'>>, act: Act & { source: string }): Promise<T[]>;
  /** NOT_FOUND when absent; audited as `<kind>.remove`. */
  remove(key: string, act: Act): Promise<void>;
}

export interface ReviewSessionRepository {
  create(session: NewReviewSession, act: Act): Promise<ReviewSession>;
  get(id: string): ReviewSession | undefined;
  list(filter?: { series?: string }): ReviewSession[];
  /**
   * Changes one session in one commit, audited as `session.<action>` with the details
   * `change` returns. `change` works on a copy and may throw (nothing is kept).
   */
  change(id: string, action: string, change: (session: ReviewSession) => Record<string, unknown>, act: Act): Promise<ReviewSession>;
}

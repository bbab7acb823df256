// Batch runs (server/http/uploads.routes.ts, runs.routes.ts): upload an applicants
// file, check it against the ruleset (every bad row), start a run, follow it over
// Server-Sent Events, page through the ranked results, explain one applicant,
// download the ranking and compare the run with another version of the ruleset.
import type { EvaluationResult } from '../../../engine/index';
import type { LocalText } from './http';
import { API_BASE, apiUrl, http } from './http';

export interface Upload {
  hash: string;
  name: string;
  size: number;
  format: 'xlsx' | 'csv' | 'json' | null;
}

export interface StoredUpload extends Upload {
  uploadedBy: string;
  uploadedAt: string;
}

export interface InvalidRow {
  /** The spreadsheet row (header = row 1), or the record's place in a JSON array (1-based). */
  row: number;
  applicantId?: string;
  /** The column heading (the fact's Chinese label). */
  column?: string;
  field?: string;
  pointer?: string;
  sheet?: string;
  sheetRow?: number;
  code: string;
  message: LocalText;
}

export interface RunRequest {
  rulesetId: string;
  /** Pinned version; absent = the published version in force on asOf. */
  version?: number;
  asOf: string;
  upload: string;
}

export interface CheckReport {
  ruleset: { id: string; version: number; hash: string };
  upload: { hash: string; name: string };
  rows: number;
  valid: number;
  invalidRows: number;
  invalid: InvalidRow[];
  notices: LocalText[];
}

export type RunStatus = 'running' | 'completed' | 'failed';

export interface RunCounts {
  rows?: number;
  evaluated?: number;
  skipped?: number;
  ranked?: number;
  eligible?: number;
  vetoed?: number;
  passed?: number;
}

export interface Run {
  id: string;
  rulesetId: string;
  version: number;
  rulesetHash: string;
  asOf: string;
  startedBy: string;
  startedAt: string;
  input: { hash: string; name: string };
  engineVersion?: string;
  skipped?: number;
  /** Who was skipped (validRowsOnly): the list GET /runs/:id answers beside the run. */
  skippedRows?: { hash: string; name: string };
  status: RunStatus;
  finishedAt?: string;
  downloads?: Record<string, { hash: string; name: string }>;
  summary?: RunCounts;
  error?: string;
  /** The audit chain's head as the run ended (seq:hash), to copy out as an anchor. */
  auditHead?: { seq: number; hash: string };
}

/** One row a run of the valid rows only left out, and why (each reason names its field). */
export interface SkippedRow {
  /** The spreadsheet row (header = row 1), or the record's place in a JSON array (1-based). */
  row: number;
  /** A side sheet's row that belongs to no applicant: that sheet. */
  sheet?: string;
  applicantId: string | null;
  name: string | null;
  reasons: Array<{ code: string; field?: string; column?: string; message: LocalText }>;
}

/** The first rows (at most 500) and how many there are; the downloads list every one. */
export interface SkippedRows {
  total: number;
  rows: SkippedRow[];
}

export interface RankedRow {
  rank: number | null;
  applicantId: string;
  name: string | null;
  unit: string | null;
  /** Present when the ruleset has a `county` fact. */
  county?: string | null;
  /** Present when the ruleset has a `postLevel` fact (township, county, prefecture). */
  postLevel?: string | null;
  eligible: boolean;
  vetoed: boolean;
  score: number;
  passed: boolean;
  categories: Record<string, number>;
  failedCriteria: string[];
  vetoes: string[];
  /** Within the unit's approved directional posts (按岗推荐), as the quota table is now. */
  quota?: QuotaMark;
}

export interface QuotaMark {
  /** The unit's approved posts for the run's series × level (0 without a quota row). */
  posts: number;
  /** Place among the unit's contenders (eligible, not vetoed) in the tie-break order; null for the others. */
  position: number | null;
  recommended: boolean;
}

/** How the marks were made: whose quotas, the tie-break order, how many recommended and over quota. */
export interface QuotaInfo {
  series: string;
  level: string;
  /** Quota rows of the series × level. */
  units: number;
  rule: string;
  tieBreak: Array<{ by: string; order: 'asc' | 'desc' }>;
  recommended: number;
  overQuota: number;
}

export const RESULT_FILTERS = ['eligible', 'ineligible', 'vetoed', 'passed', 'recommended', 'overQuota'] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

export type ResultSort = 'rank' | 'score' | 'applicantId' | 'name' | 'unit' | 'county' | 'postLevel';

export interface ResultsQuery {
  offset?: number;
  limit?: number;
  q?: string;
  filter?: ResultFilter;
  /** Server-side, over every matching row; ties keep the ranking. */
  sort?: ResultSort;
  order?: 'asc' | 'desc';
}

export interface ResultsPage {
  total: number;
  offset: number;
  limit: number;
  rows: RankedRow[];
  ranking: string;
  categories: Array<{ id: string; title: LocalText | { zh: string; en?: string } }>;
  quota?: QuotaInfo;
}

export interface ImpactReport {
  base: { version: number; hash: string };
  target: { version: number; hash: string };
  /** refused: applicants of the run the other version refuses (not compared). */
  counts: { total: number; becameEligible: number; becameIneligible: number; passedChanged: number; scoreChanged: number; refused?: number };
  changes: Array<{ applicantId: string; name: string | null; eligible: [boolean, boolean]; passed: [boolean, boolean]; score: [number, number]; delta: number }>;
  invalid: InvalidRow[];
}

export type RunEvent =
  | { event: 'progress'; data: { done: number; total: number } }
  | { event: 'completed'; data: { summary: RunCounts } }
  | { event: 'failed'; data: { message: string } };

const runPath = (id: string) => `/runs/${encodeURIComponent(id)}`;

export const runsApi = {
  upload: (file: Blob, name: string) => http.upload<Upload>('/uploads', file, { name }),
  uploads: () => http.get<{ uploads: StoredUpload[] }>('/uploads'),
  check: (body: RunRequest) => http.post<CheckReport>('/runs/check', body),
  start: (body: RunRequest & { validRowsOnly?: boolean }) => http.post<{ run: Run }>('/runs', body),
  list: (rulesetId?: string) => http.get<{ runs: Run[] }>('/runs', { rulesetId }),
  get: (id: string) => http.get<{ run: Run; skippedRows?: SkippedRows }>(runPath(id)),
  results: (id: string, query: ResultsQuery = {}, signal?: AbortSignal) => http.get<ResultsPage>(`${runPath(id)}/results`, { ...query }, signal),
  applicant: (id: string, applicantId: string) => http.get<EvaluationResult>(`${runPath(id)}/results/${encodeURIComponent(applicantId)}`),
  impact: (id: string, version: number) => http.post<ImpactReport>(`${runPath(id)}/impact`, { version }),
  /** A link, not a fetch: the browser downloads the file with the session cookie. */
  downloadUrl: (id: string, format: 'xlsx' | 'csv') => apiUrl(`${runPath(id)}/download`, { format }),
  eventsUrl: (id: string) => `${API_BASE}${runPath(id)}/events`,
};

export interface RunFollower {
  close: () => void;
}

/**
 * Follows a run's events until it ends. EventSource reconnects on its own after a
 * dropped connection; the server answers a late client with the final event, so a
 * reconnect never misses the outcome.
 */
export function followRun(
  id: string,
  handlers: { progress: (p: { done: number; total: number }) => void; completed: (summary: RunCounts) => void; failed: (message: string) => void },
  create: (url: string) => EventSource = (url) => new EventSource(url, { withCredentials: true }),
): RunFollower {
  const source = create(runsApi.eventsUrl(id));
  let ended = false;
  const end = () => {
    ended = true;
    source.close();
  };
  const data = <T>(e: Event): T => JSON.parse((e as MessageEvent<string>).data) as T;
  source.addEventListener('progress', (e) => handlers.progress(data(e)));
  source.addEventListener('completed', (e) => {
    end();
    handlers.completed(data<{ summary: RunCounts }>(e).summary);
  });
  source.addEventListener('failed', (e) => {
    // A named `failed` event carries data; a bare connection error does not and is left to EventSource's retry.
    if (!(e instanceof MessageEvent)) return;
    end();
    handlers.failed(data<{ message: string }>(e).message);
  });
  return { close: () => (ended ? undefined : end()) };
}

// Rulesets, their versions and lifecycle (server/http/rulesets.routes.ts).
import type { DiffEntry, Ruleset, RulesetStatus, TestCaseResult } from '../../../engine/index';
import type { LocalText } from './http';
import { apiUrl, http } from './http';

export interface RulesetSummary {
  id: string;
  department: string;
  series: string | null;
  /** deputy-senior, full-senior; null for a common policy. */
  level: string | null;
  title: Ruleset['title'];
  latest: number;
  versions: Array<{ version: number; status: RulesetStatus; effectiveFrom: string | null; effectiveTo: string | null }>;
}

export interface VersionRecord {
  id: string;
  version: number;
  department: string;
  title: Ruleset['title'];
  status: RulesetStatus;
  author: string;
  savedAt: string;
  note: string;
  basedOn: number | null;
  hash: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  approvals: Array<{ by: string; at: string; comment?: string }>;
  history: Array<{ action: string; by: string; at: string; comment?: string }>;
}

export interface EngineIssue {
  code: string;
  severity: 'error' | 'warning';
  pointer: string;
  message: LocalText;
}

export const rulesetsApi = {
  list: (filter: { department?: string; series?: string; status?: string } = {}) => http.get<{ rulesets: RulesetSummary[] }>('/rulesets', filter),
  /** With `people`: the display names of the users the records name. */
  versions: (id: string) => http.get<{ versions: VersionRecord[]; people?: Record<string, string> }>(`/rulesets/${encodeURIComponent(id)}/versions`),
  version: (id: string, version: number) => http.get<{ record: VersionRecord; ruleset: Ruleset }>(`/rulesets/${encodeURIComponent(id)}/versions/${version}`),
};

export type { DiffEntry } from '../../../engine/index';

/** A version's embedded test cases as POST …/versions/:version/tests answers them (engine `runEmbeddedTests`). */
export interface EmbeddedTestRun {
  id: string;
  version: number;
  hash: string;
  passed: number;
  failed: number;
  cases: TestCaseResult[];
}

const versionPath = (id: string, version: number) => `/rulesets/${encodeURIComponent(id)}/versions/${version}`;

/** The lifecycle steps and reading aids beyond listing (same routes file). */
export const rulesetLifecycleApi = {
  diff: (id: string, from: number, to: number) => http.get<{ id: string; from: number; to: number; entries: DiffEntry[] }>(`/rulesets/${encodeURIComponent(id)}/diff`, { from, to }),
  submit: (id: string, version: number) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/submit`, {}),
  /** The comment is optional; it reaches the author like a rejection's reason. */
  approve: (id: string, version: number, comment?: string) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/approve`, comment ? { comment } : {}),
  reject: (id: string, version: number, comment: string) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/reject`, { comment }),
  publish: (id: string, version: number, dates: { effectiveFrom: string; effectiveTo?: string }) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/publish`, dates),
  retire: (id: string, version: number, dates: { effectiveTo?: string } = {}) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/retire`, dates),
  /** A link, not a fetch: the browser downloads the file with the session cookie. */
  fileUrl: (id: string, version: number) => apiUrl(`${versionPath(id, version)}/file`),
  runTests: (id: string, version: number) => http.post<EmbeddedTestRun>(`${versionPath(id, version)}/tests`, {}),
};

/** What POST /rulesets takes: a new ruleset from scratch, or a copy of a stored version (`copyFrom`). */
export interface NewRuleset {
  id: string;
  title: { zh: string; en?: string };
  department: string;
  series: string;
  level: string;
  effectiveFrom?: string;
  extends?: string;
  copyFrom?: { id: string; version: number };
  note?: string;
}

/** New rulesets: version 1 as a draft of the caller's department (ruleset-create.routes.ts, ruleset-files.routes.ts). */
export const rulesetCreateApi = {
  /** ALREADY_EXISTS when the id is taken, FORBIDDEN for another department. */
  create: (body: NewRuleset) => http.post<{ record: VersionRecord; warnings: EngineIssue[] }>('/rulesets', body),
  /** A rule file as version 1 of a new id (never a next version of an existing one). */
  importAsNew: (ruleset: Ruleset, note?: string) => http.post<{ record: VersionRecord; warnings: EngineIssue[] }>('/rulesets/import', { ruleset, asNew: true, ...(note ? { note } : {}) }),
};

/** Saving and checking drafts (the ruleset editor). */
export const rulesetDraftApi = {
  /** A new draft version; VERSION_CONFLICT when `basedOn` is not the latest, RULESET_INVALID with the engine's issues. */
  save: (id: string, body: { ruleset: Ruleset; basedOn: number | null; note: string }) =>
    http.post<{ record: VersionRecord; warnings: EngineIssue[] }>(`/rulesets/${encodeURIComponent(id)}/versions`, body),
  /** The checks of a save plus the embedded tests, on unsaved content: RULESET_INVALID carries the issues. */
  check: (ruleset: Ruleset) => http.post<{ warnings?: EngineIssue[] }>('/rulesets/tests', { ruleset }),
};

// Rulesets, their versions and lifecycle (server/http/rulesets.routes.ts).
import type { DiffEntry, Ruleset, RulesetStatus } from '../../../engine/index';
import type { LocalText } from './http';
import { apiUrl, http } from './http';

export interface RulesetSummary {
  id: string;
  department: string;
  series: string | null;
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
  approvals: Array<{ by: string; at: string }>;
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
  versions: (id: string) => http.get<{ versions: VersionRecord[] }>(`/rulesets/${encodeURIComponent(id)}/versions`),
  version: (id: string, version: number) => http.get<{ record: VersionRecord; ruleset: Ruleset }>(`/rulesets/${encodeURIComponent(id)}/versions/${version}`),
};

export type { DiffEntry } from '../../../engine/index';

/** Outcome of a version's embedded test cases, as the server reports it (shape kept loose: the route is new). */
export interface EmbeddedTestResult {
  id: string;
  title: string | LocalText;
  passed: boolean;
  failures: string[];
}

const versionPath = (id: string, version: number) => `/rulesets/${encodeURIComponent(id)}/versions/${version}`;

/** The lifecycle steps and reading aids beyond listing (same routes file). */
export const rulesetLifecycleApi = {
  diff: (id: string, from: number, to: number) => http.get<{ id: string; from: number; to: number; entries: DiffEntry[] }>(`/rulesets/${encodeURIComponent(id)}/diff`, { from, to }),
  submit: (id: string, version: number) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/submit`, {}),
  approve: (id: string, version: number) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/approve`, {}),
  reject: (id: string, version: number, comment: string) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/reject`, { comment }),
  publish: (id: string, version: number, dates: { effectiveFrom: string; effectiveTo?: string }) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/publish`, dates),
  retire: (id: string, version: number, dates: { effectiveTo?: string } = {}) => http.post<{ record: VersionRecord }>(`${versionPath(id, version)}/retire`, dates),
  /** A link, not a fetch: the browser downloads the file with the session cookie. */
  fileUrl: (id: string, version: number) => apiUrl(`${versionPath(id, version)}/file`),
  runTests: async (id: string, version: number): Promise<EmbeddedTestResult[]> => normalizeTestRun(await http.post<unknown>(`${versionPath(id, version)}/tests`, {})),
};

/** Accepts `{ results: [...] }`, `{ tests: [...] }` or a bare array, whichever the route answers. */
export function normalizeTestRun(body: unknown): EmbeddedTestResult[] {
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? ((body as { results?: unknown; tests?: unknown; cases?: unknown }).results ?? (body as { tests?: unknown }).tests ?? (body as { cases?: unknown }).cases) : undefined;
  if (!Array.isArray(list)) return [];
  return list.map((raw: Record<string, unknown>) => ({
    id: String(raw.id ?? ''),
    title: (raw.title as EmbeddedTestResult['title'] | undefined) ?? String(raw.id ?? ''),
    passed: raw.passed === true,
    failures: Array.isArray(raw.failures) ? raw.failures.map(String) : [],
  }));
}

/**
 * Which optional routes this server has, read from its OpenAPI document: the export
 * and test routes arrive in a later server build, and a button that can only 404 helps nobody.
 */
export async function rulesetCapabilities(): Promise<{ file: boolean; tests: boolean }> {
  try {
    const doc = await http.get<{ paths?: Record<string, Record<string, unknown>> }>('/openapi.json');
    const paths = Object.entries(doc.paths ?? {});
    const has = (suffix: string, method: string) => paths.some(([path, ops]) => path.endsWith(suffix) && method in ops);
    return { file: has('/rulesets/{id}/versions/{version}/file', 'get'), tests: has('/rulesets/{id}/versions/{version}/tests', 'post') };
  } catch {
    return { file: false, tests: false };
  }
}

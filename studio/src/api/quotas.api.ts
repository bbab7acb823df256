// The quota table (核定的定向岗位职数) on the server: list with totals, set and
// remove one row, import a file (every bad row listed, or the valid rows only),
// the export / template link, and a batch run summarised per unit.
import { apiUrl, http, type LocalText } from './http';

export interface Quota {
  unit: string;
  series: string;
  level: string;
  posts: number;
  note?: string;
  updatedBy: string;
  updatedAt: string;
}

export interface QuotaTotal {
  series: string;
  level: string;
  units: number;
  posts: number;
}

export interface QuotaRowIssue {
  /** The spreadsheet row (header = row 1). */
  row: number;
  column?: string;
  field?: string;
  code: string;
  message: LocalText;
}

export interface QuotaImportReport {
  rows: number;
  valid: number;
  invalidRows: number;
  invalid: QuotaRowIssue[];
  notices: LocalText[];
}

export interface QuotaUnitSummary {
  unit: string | null;
  posts: number;
  hasQuota: boolean;
  applicants: number;
  contenders: number;
  recommended: number;
  overQuota: number;
  recommendedIds: string[];
}

export interface RunQuotaSummary {
  run: { id: string; rulesetId: string; version: number };
  series: string;
  level: string;
  tieBreak: Array<{ by: string; order: 'asc' | 'desc' }>;
  rule: string;
  units: QuotaUnitSummary[];
  totals: { units: number; posts: number; applicants: number; contenders: number; recommended: number; overQuota: number };
}

export type QuotaInput = Pick<Quota, 'unit' | 'series' | 'level' | 'posts'> & { note?: string };

export const quotasApi = {
  list: (filter: { series?: string; level?: string } = {}) => http.get<{ quotas: Quota[]; totals: QuotaTotal[] }>('/quotas', filter),
  put: (quota: QuotaInput) => http.put<{ quota: Quota }>('/quotas', quota),
  /** The row's key goes in the query (http.delete takes a path only). */
  remove: (key: Pick<Quota, 'unit' | 'series' | 'level'>) => http.delete<void>(`/quotas?${new URLSearchParams({ unit: key.unit, series: key.series, level: key.level }).toString()}`),
  import: (file: Blob, name: string, validRowsOnly = false) =>
    http.upload<QuotaImportReport & { imported: number; quotas: Quota[] }>('/quotas/import', file, { name, ...(validRowsOnly ? { validRowsOnly: 'true' } : {}) }),
  /** A link, not a fetch: the browser downloads the file with the session cookie (no rows: the template). */
  exportUrl: (format: 'xlsx' | 'csv', filter: { series?: string; level?: string } = {}) => apiUrl('/quotas/export', { format, ...filter }),
  forRun: (runId: string) => http.get<RunQuotaSummary>(`/quotas/runs/${encodeURIComponent(runId)}`),
};


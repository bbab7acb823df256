// The expert pool (server/http/experts.routes.ts): list, add, edit or disable, and
// import a spreadsheet (every bad row listed by the server).
import type { LocalText } from './http';
import { http } from './http';
import type { InvalidRow } from './runs.api';

export type TermStatus = 'active' | 'expired' | 'future';

export interface ExpertConflict {
  applicantId?: string;
  unit?: string;
  reason: string;
}

export interface ExpertFields {
  name: string;
  series: string;
  level: string;
  unit: string;
  county: string;
  termStart: string;
  termEnd: string;
  conflicts: ExpertConflict[];
}

export interface Expert extends ExpertFields {
  id: string;
  disabled: boolean;
  /** On the server's today (China time). */
  termStatus: TermStatus;
  updatedBy: string;
  updatedAt: string;
}

export type ExpertPatch = Partial<ExpertFields> & { disabled?: boolean };

export interface ExpertList {
  experts: Expert[];
  today: string;
  /** The policy's longest term (committee-policy.json expertTermMaxYears). */
  termMaxYears: number;
}

export interface ExpertImportResult {
  rows: number;
  valid: number;
  invalidRows: number;
  invalid: InvalidRow[];
  notices: LocalText[];
  added: number;
  updated: number;
  experts: Expert[];
}

export const expertsApi = {
  list: (series?: string) => http.get<ExpertList>('/experts', { series }),
  create: (fields: ExpertFields) => http.post<{ expert: Expert }>('/experts', fields),
  update: (id: string, patch: ExpertPatch) => http.patch<{ expert: Expert }>(`/experts/${encodeURIComponent(id)}`, patch),
  /** ROWS_INVALID (422, details.invalid) when a row is bad, unless `validRowsOnly`. */
  import: (file: Blob, name: string, validRowsOnly = false) => http.upload<ExpertImportResult>('/experts/import', file, { name, validRowsOnly: validRowsOnly ? 'true' : undefined }),
};

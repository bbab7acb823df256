// Directional title holders (server/http/holders.routes.ts): the appointment deadline
// and where the title holds by the directional-use ruleset in force today.
import type { EvaluationResult } from '../../../engine/result';
import { http } from './http';

export type AppointmentState = 'appointed' | 'pending' | 'overdue';
export type Validity = 'valid' | 'reverts' | 'void';

export interface AppointmentStatus {
  deadline: string;
  deadlineMonths: number;
  state: AppointmentState;
  onTime?: boolean;
  daysLate?: number;
  daysLeft?: number;
}

export interface HolderValidity {
  validity: Validity;
  /** The level the holder is appointed at in this post (the prior level unless valid). */
  effectiveLevel: string;
  failed: Array<{ id: string; title: string; explanation: string }>;
  ruleset: { id: string; version: number; hash: string };
  asOf: string;
}

export interface HolderFields {
  name: string;
  series: string;
  level: string;
  priorLevel: string;
  unit: string;
  prefecture: string;
  documentNo: string;
  documentDate: string;
  appointedAt?: string;
}

export interface Holder extends HolderFields {
  id: string;
  sessionId?: string;
  applicantId?: string;
  updatedBy: string;
  updatedAt: string;
  appointment: AppointmentStatus;
  /** Null when no directional-use version is in force today. */
  validity: HolderValidity | null;
}

export interface HolderList {
  holders: Holder[];
  today: string;
  deadlineMonths: number;
  counts: Record<'all' | AppointmentState, number>;
  rulesInForce: boolean;
}

export interface HolderDetail {
  holder: Holder;
  result: EvaluationResult | null;
}

export type HolderPatch = Partial<Omit<HolderFields, 'appointedAt'>> & { appointedAt?: string | null };

export interface ImportOverrides {
  [applicantId: string]: { priorLevel?: string; unit?: string; prefecture?: string };
}

export interface ImportAnswer {
  created: Holder[];
  existing: Array<{ applicantId: string; holderId: string }>;
}

/** What an import needs to be told (the details of its VALIDATION_FAILED answer). */
export interface MissingForImport {
  applicantId: string;
  name: string | null;
  fields: Array<'priorLevel' | 'unit'>;
}

const path = (id: string) => `/holders/${encodeURIComponent(id)}`;

export const holdersApi = {
  list: (query: { status?: AppointmentState; series?: string } = {}) => http.get<HolderList>('/holders', query),
  get: (id: string) => http.get<HolderDetail>(path(id)),
  create: (fields: HolderFields) => http.post<HolderDetail>('/holders', fields),
  update: (id: string, patch: HolderPatch) => http.patch<HolderDetail>(path(id), patch),
  fromSession: (sessionId: string, body: { documentNo: string; documentDate: string; prefecture?: string; overrides?: ImportOverrides }) =>
    http.post<ImportAnswer>(`/holders/from-session/${encodeURIComponent(sessionId)}`, body),
};

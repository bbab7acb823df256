// Stored single evaluations (server/http/evaluations.routes.ts): the records, newest
// first; one record with the result exactly as it was answered; and a replay, which
// evaluates the stored input again against the stored version and compares bytes.
import type { EvaluationResult } from '../../../engine/index';
import { http } from './http';

/** The verdict as the result stated it, copied into the record so a list needs no result blob. */
export interface EvaluationOutcome {
  eligible: boolean;
  vetoed: boolean;
  score: number;
  passed: boolean;
}

export interface EvaluationRecord {
  id: string;
  rulesetId: string;
  version: number;
  rulesetHash: string;
  extends: Array<{ id: string; version: number; hash: string }>;
  series: string | null;
  asOf: string;
  pinned: boolean;
  engineVersion: string;
  inputHash: string;
  /** Absent in records stored before the server kept it. */
  applicantId?: string | null;
  outcome: EvaluationOutcome;
  by: string;
  at: string;
  /** Blob address of the applicant's canonical JSON (equals inputHash). */
  input: string;
  /** Blob address of the result's canonical JSON: the hash a replay compares with. */
  result: string;
}

export interface EvaluationPage {
  evaluations: EvaluationRecord[];
  total: number;
  offset: number;
  limit: number;
}

export interface ReplayOutcome {
  /** The replay's bytes equal the stored result's bytes. */
  identical: boolean;
  /** `resultHash` of the stored bytes as they are now; `recordedHash` as answered at the time; `intact` when they agree. */
  original: { resultHash: string; recordedHash: string; intact: boolean };
  replay: { resultHash: string };
  /** JSON pointer of the first difference (canonical key order); '' is the root. Only when not identical. */
  firstDifference?: string;
  result: EvaluationResult;
}

const path = (id: string) => `/evaluations/${encodeURIComponent(id)}`;

export const evaluationsApi = {
  list: (query: { rulesetId?: string; offset?: number; limit?: number } = {}) => http.get<EvaluationPage>('/evaluations', query),
  get: (id: string) => http.get<{ record: EvaluationRecord; result: EvaluationResult }>(path(id)),
  // The route takes an empty object as its body (it refuses any field).
  replay: (id: string) => http.post<ReplayOutcome>(`${path(id)}/replay`, {}),
};

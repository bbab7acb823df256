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

/** A stored file that no longer matches the address the record gives it. */
export interface BlobMismatch {
  /** The result as answered, the applicant as evaluated, or a rule file of a version the evaluation used. */
  blob: 'result' | 'input' | 'ruleset';
  rulesetId?: string;
  version?: number;
  /** The address recorded at the time. */
  expected: string;
  /** The hash of what is there now; null when the file is gone. */
  actual: string | null;
}

export interface ReplayOutcome {
  /** The replay's bytes equal the stored result's bytes. */
  identical: boolean;
  /** Every stored file the record names still matches its hash (`mismatches` is empty). */
  intact: boolean;
  mismatches: BlobMismatch[];
  /** `resultHash` of the stored bytes as they are now (null: gone); `recordedHash` as answered at the time; `intact` when they agree. */
  original: { resultHash: string | null; recordedHash: string; intact: boolean };
  /** null when the stored input or a rule file was altered: nothing could be evaluated again. */
  replay: { resultHash: string } | null;
  /** JSON pointer of the first difference (canonical key order); '' is the root. Only when not identical and replayed. */
  firstDifference?: string;
  result?: EvaluationResult;
}

const path = (id: string) => `/evaluations/${encodeURIComponent(id)}`;

export const evaluationsApi = {
  list: (query: { rulesetId?: string; offset?: number; limit?: number } = {}) => http.get<EvaluationPage>('/evaluations', query),
  get: (id: string) => http.get<{ record: EvaluationRecord; result: EvaluationResult }>(path(id)),
  // The route takes an empty object as its body (it refuses any field).
  replay: (id: string) => http.post<ReplayOutcome>(`${path(id)}/replay`, {}),
};

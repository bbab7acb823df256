// Stored single evaluations (server/http/evaluations.routes.ts): the record and the
// result exactly as it was answered, for the printable explanation.
import type { EvaluationResult } from '../../../engine/index';
import { http } from './http';

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
  by: string;
  at: string;
}

export const evaluationsApi = {
  get: (id: string) => http.get<{ record: EvaluationRecord; result: EvaluationResult }>(`/evaluations/${encodeURIComponent(id)}`),
};

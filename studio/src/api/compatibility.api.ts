// What a draft's facts would break for existing applicant files
// (server/http/ruleset-compatibility.routes.ts), asked before saving and submitting.
import type { BreakingChange, Ruleset } from '../../../engine/index';
import type { LocalText } from './http';
import { http } from './http';

export interface CompatibilityChange extends BreakingChange {
  /** The latest run's applicants it would refuse, or (effect 'ignored') whose data would no longer be read; null without a run. */
  affected: number | null;
  impact: LocalText | null;
}

export interface CompatibilityReport {
  base: { version: number; hash: string; effectiveFrom: string | null; inForce: boolean } | null;
  run: {
    id: string;
    version: number;
    asOf: string;
    finishedAt: string | null;
    file: string;
    applicants: number;
    refused: number;
    reasons: Array<{ field: string | null; label: LocalText | null; count: number; example: LocalText | null }>;
  } | null;
  changes: CompatibilityChange[];
}

export const compatibilityApi = {
  check: (id: string, ruleset: Ruleset) => http.post<CompatibilityReport>(`/rulesets/${encodeURIComponent(id)}/compatibility`, { ruleset }),
};

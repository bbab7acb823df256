// Rulesets, their versions and lifecycle (server/http/rulesets.routes.ts).
import type { Ruleset, RulesetStatus } from '../../../engine/index';
import type { LocalText } from './http';
import { http } from './http';

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

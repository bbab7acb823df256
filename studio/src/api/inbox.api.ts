// 待我处理 (server/http/ruleset-inbox.routes.ts): the signed-in administrator's or
// official's own work on rulesets.
import type { Ruleset, RulesetStatus } from '../../../engine/index';
import { http } from './http';

/** username → display name, for the users a response names. */
export type People = Record<string, string>;

export interface InboxItem {
  kind: 'submitted' | 'approved' | 'returned';
  id: string;
  version: number;
  department: string;
  title: Ruleset['title'];
  status: RulesetStatus;
  author: string;
  savedAt: string;
  note: string;
  /** When it reached the state that put it here. */
  since: string;
  /** For `returned`: the version sent back, by whom, when and why. */
  returned?: { version: number; by: string; at: string; comment: string };
}

export const inboxApi = {
  list: () => http.get<{ items: InboxItem[]; people: People }>('/rulesets/inbox'),
};

// Review sessions: created from a batch run, then changed stage by stage (draw,
// meeting, publicity, filing) by the rules in server/committee/, each change one
// commit with its audit entry. The repository knows no stage's rules: it keeps the
// record, numbers it and audits what the stage says it did.
import { text } from '../io/text';
import type { Committer } from './committer';
import { StorageError } from './errors';
import type { Act, NewReviewSession, ReviewSession, ReviewSessionRepository } from './types';
import { requireAct, requireDate, requireText } from './validate';

const target = (id: string) => `session:${id}`;

export class LowReviewSessionRepository implements ReviewSessionRepository {
  constructor(private readonly committer: Committer) {}

  async create(session: NewReviewSession, act: Act): Promise<ReviewSession> {
    requireAct(act);
    requireText(session.title, 'title', text('评审会需要名称', 'A review session needs a title'));
    requireDate(session.asOf, 'asOf');
    return this.committer.commit((data) => {
      const sessions = (data.sessions ??= []);
      const id = `session-${String(sessions.length + 1).padStart(4, '0')}`;
      const record: ReviewSession = { ...structuredClone(session), id, status: 'preparing', createdBy: act.actor, createdAt: act.at, updatedAt: act.at };
      sessions.push(record);
      const { title, series, level, year, runId, rulesetId, version, rulesetHash, committeeKind, candidates, quotas } = record;
      return {
        result: record,
        audit: { at: act.at, actor: act.actor, action: 'session.create', target: target(id), details: { title, series, level, year, runId, ruleset: `${rulesetId}@${version}`, rulesetHash, committeeKind, candidates: candidates.map((c) => c.applicantId), quotas } },
      };
    });
  }

  get(id: string): ReviewSession | undefined {
    const found = this.committer.data.sessions?.find((s) => s.id === id);
    return found && structuredClone(found);
  }

  list(filter: { series?: string } = {}): ReviewSession[] {
    return structuredClone((this.committer.data.sessions ?? []).filter((s) => filter.series === undefined || s.series === filter.series));
  }

  async change(id: string, action: string, change: (session: ReviewSession) => Record<string, unknown>, act: Act): Promise<ReviewSession> {
    requireAct(act);
    return this.committer.commit((data) => {
      const session = data.sessions?.find((s) => s.id === id);
      if (!session) throw new StorageError('NOT_FOUND', text(`找不到评审会 ${id}`, `No review session ${id}`), { id });
      const details = change(session);
      session.updatedAt = act.at;
      return { result: session, audit: { at: act.at, actor: act.actor, action: `session.${action}`, target: target(id), details } };
    });
  }
}

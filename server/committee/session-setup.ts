// A review session (评审会) is set up from one completed batch run: its series and
// level are the run ruleset's, its candidates the run's applicants recommended
// within their unit's approved posts (按岗推荐, server/committee/run-quota.ts) in the
// run's ranking order, and it keeps a snapshot of the quota rows used, since the
// quota table may change later and a session must still say whom it judged and why.
//
// A run with nobody recommended (no quota rows for its series and level, or no
// contender within one) gives no session: refused with INVALID_TRANSITION (409),
// details.reason NO_RECOMMENDED, saying which of the two it is.
import type { Text } from '../../engine/index';
import type { AppContext } from '../http/context';
import { HttpError } from '../http/errors';
import { text } from '../io/text';
import type { NewReviewSession, RunRecord } from '../storage/index';
import { rankWithinQuotas, type RunQuotaRanking } from './run-quota';
import { levelLabel, seriesLabel } from './series-labels';

export type CommitteeKind = NewReviewSession['committeeKind'];

export interface SessionOptions {
  title?: string | undefined;
  committeeKind?: CommitteeKind | undefined;
}

/** 2026年度中小学教师副高级双定向评审会 */
export function defaultSessionTitle(year: number, series: string, level: string): string {
  return `${year}年度${seriesLabel(series)}${levelLabel(level)}双定向评审会`;
}

function nobodyRecommended(run: RunRecord, ranking: RunQuotaRanking): HttpError {
  const contenders = ranking.rows.filter((r) => r.quota.position !== null).length;
  const posts = ranking.quotas.reduce((n, q) => n + q.posts, 0);
  const why: Text =
    posts === 0
      ? text(
          `${seriesLabel(ranking.series)}${levelLabel(ranking.level)}没有核定的定向岗位职数，批次 ${run.id} 无人可推荐（请先录入岗位职数）`,
          `No approved posts for ${ranking.series} ${ranking.level}: nobody in run ${run.id} can be recommended (enter the quotas first)`,
        )
      : text(
          `批次 ${run.id} 中没有人在所在单位的岗位职数内（符合条件的 ${contenders} 人）`,
          `Nobody in run ${run.id} falls within their unit's posts (${contenders} contender(s))`,
        );
  return new HttpError('INVALID_TRANSITION', why, { reason: 'NO_RECOMMENDED', runId: run.id, series: ranking.series, level: ranking.level, contenders, units: ranking.quotas.length, posts });
}

/** The session a run's quota ranking gives (pure). */
export function sessionFromRanking(run: RunRecord, ranking: RunQuotaRanking, options: SessionOptions = {}): NewReviewSession {
  if (!ranking.series || !ranking.level) {
    throw new HttpError(
      'INVALID_ARGUMENT',
      { zh: `批次 ${run.id} 的规则集 ${run.rulesetId} 没有系列或级别，不能组织评审会`, en: `Run ${run.id}'s ruleset ${run.rulesetId} has no series or level: no review session` },
      { runId: run.id, rulesetId: run.rulesetId },
    );
  }
  const candidates = ranking.rows
    .filter((r) => r.quota.recommended)
    .map((r) => ({ applicantId: r.applicantId, name: r.name, unit: r.unit, rank: r.rank, score: r.score }));
  if (candidates.length === 0) throw nobodyRecommended(run, ranking);
  const year = Number(run.asOf.slice(0, 4));
  const title = options.title?.trim() || defaultSessionTitle(year, ranking.series, ranking.level);
  return {
    title,
    series: ranking.series,
    level: ranking.level,
    year,
    runId: run.id,
    rulesetId: run.rulesetId,
    version: run.version,
    rulesetHash: run.rulesetHash,
    asOf: run.asOf,
    committeeKind: options.committeeKind ?? 'series',
    candidates,
    quotas: ranking.quotas.map((q) => ({ unit: q.unit, posts: q.posts })),
  };
}

/** The session of a completed run (RUN_NOT_FINISHED otherwise), with the quota table as it is now. */
export async function sessionFromRun(ctx: Pick<AppContext, 'store' | 'policy' | 'runService' | 'resolver'>, run: RunRecord, options: SessionOptions = {}): Promise<NewReviewSession> {
  return sessionFromRanking(run, await rankWithinQuotas(ctx, run), options);
}

// A batch run's ranking with the quota marks (按岗推荐): the run's stored summary,
// the quota rows of its ruleset's series × level as they are now, the policy's
// tie-break order and, when a tie-break key names a fact, the run's applicant
// records. Quotas are editable, so the marks are computed when read, once per
// run + quota rows + tie-break order (cached by that key), never stored with the run.
// The ordering itself is server/committee/quota-ranking.ts.
import type { Applicant } from '../../engine/index';
import type { AppContext } from '../http/context';
import { HttpError } from '../http/errors';
import { UserError } from '../io/user-error';
import type { RankedRow } from '../runs/ranked-results';
import type { QuotaRecord, RunRecord } from '../storage/index';
import type { ProcessPolicy } from './process-policy';
import { markQuotas, quotaRuleText, type QuotaMark } from './quota-ranking';

export type { QuotaMark } from './quota-ranking';
export type QuotaRankedRow = RankedRow & { quota: QuotaMark };

export interface RunQuotaRanking {
  series: string;
  level: string;
  /** In the run's ranking order, every row present (over quota and non-contenders too). Shared: do not modify. */
  rows: QuotaRankedRow[];
  /** The quota rows of the series × level that were used. */
  quotas: QuotaRecord[];
  tieBreak: ProcessPolicy['quotaTieBreak'];
  /** The rule in words (tie-break keys, missing values, the final applicantId key). */
  rule: string;
}

type Ctx = Pick<AppContext, 'store' | 'policy' | 'runService' | 'resolver'>;

const CACHED = 16;
const caches = new WeakMap<object, Map<string, RunQuotaRanking>>();

/**
 * Whether the order within some unit can reach a key that names a fact: reading a
 * run's records again costs a pass over its file, so it is skipped when the keys
 * before the first fact key already decide (usually: no two contenders of one unit
 * share a score).
 */
function needsFacts(tieBreak: ProcessPolicy['quotaTieBreak'], rows: readonly RankedRow[]): boolean {
  const firstFact = tieBreak.findIndex((k) => k.by !== 'score' && k.by !== 'applicantId');
  if (firstFact < 0) return false;
  const before = tieBreak.slice(0, firstFact);
  if (before.some((k) => k.by === 'applicantId')) return false;
  if (before.length === 0) return true;
  // Only score keys before it: facts matter when two contenders of a unit tie on the score.
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.eligible || r.vetoed || r.unit === null) continue;
    const key = `${r.unit.trim()}|${r.score}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

export async function rankWithinQuotas(ctx: Ctx, run: RunRecord): Promise<RunQuotaRanking> {
  const version = ctx.store.rulesets.get(run.rulesetId, run.version);
  if (!version || version.hash !== run.rulesetHash) {
    throw new HttpError('NOT_FOUND', { zh: `规则集 ${run.rulesetId} v${run.version} 不在存储中`, en: `Ruleset ${run.rulesetId} v${run.version} is not in the store` }, { rulesetId: run.rulesetId, version: run.version });
  }
  const summary = await ctx.runService.summary(run);
  if (run.status !== 'completed' || !summary || !run.results) {
    throw new HttpError('RUN_NOT_FINISHED', { zh: `批次 ${run.id} 没有完成（${run.status}）`, en: `Run ${run.id} has not completed (${run.status})` }, { id: run.id, status: run.status });
  }
  const ruleset = await ctx.resolver.source.content(version);
  const series = ruleset.series ?? '';
  const level = ruleset.level ?? '';
  const quotas = ctx.store.quotas.list().filter((q) => q.series === series && q.level === level);
  const tieBreak = ctx.policy.quotaTieBreak.map((k) => ({ by: k.by, order: k.order }));

  const key = JSON.stringify([run.id, run.results.hash, series, level, quotas.map((q) => [q.unit, q.posts]), tieBreak]);
  let cache = caches.get(ctx.runService);
  if (!cache) caches.set(ctx.runService, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;

  let records: ReadonlyMap<string, Applicant> = new Map();
  if (needsFacts(tieBreak, summary.rows)) {
    try {
      records = await ctx.runService.applicantRecords(run, await ctx.resolver.compile(version));
    } catch (err) {
      if (err instanceof UserError) throw new HttpError('UPLOAD_UNREADABLE', err.text, { upload: run.input.hash });
      throw err;
    }
  }
  const marks = markQuotas(summary.rows, (id) => records.get(id), quotas, tieBreak);
  const result: RunQuotaRanking = {
    series,
    level,
    rows: summary.rows.map((row, i) => ({ ...row, quota: marks[i]! })),
    quotas,
    tieBreak,
    rule: quotaRuleText(tieBreak),
  };
  cache.set(key, result);
  if (cache.size > CACHED) cache.delete(cache.keys().next().value!);
  return result;
}

// The ranked summary of a batch run, one small row per applicant: what a committee
// sorts, filters and pages through, without the full traces (a full result is
// re-evaluated on demand, see run-service.ts).
//
// Ranking: applicants who are eligible and not vetoed come first, by score
// descending, ties broken by applicant id (code-unit order, so the order never
// depends on a locale); they are ranked 1, 2, 3… The others follow, never dropped,
// in the same order (score descending, then id), with rank null.
import type { Applicant, EvaluationResult } from '../../engine/index';

export interface RankedRow {
  rank: number | null;
  applicantId: string;
  name: string | null;
  unit: string | null;
  county?: string | null;
  /** The post's level (township, county, prefecture…) when the ruleset asks for it: the grassroots breakdown. */
  postLevel?: string | null;
  eligible: boolean;
  vetoed: boolean;
  score: number;
  passed: boolean;
  /** Points per scoring category, by category id. */
  categories: Record<string, number>;
  /** Ids of the applicable criteria not met, and of the vetoes triggered. */
  failedCriteria: string[];
  vetoes: string[];
}

export const RANKING_RULE =
  'eligible and not vetoed first, by score descending, ties by applicantId (code-unit order), ranked 1..n; the others after in the same order, rank null';

const textOf = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));

/** Where an applicant works, as far as the ruleset records it: the columns of the county and post-level breakdowns. */
export interface PlaceFacts {
  county: boolean;
  postLevel: boolean;
}

export function placeFacts(facts: ReadonlyArray<{ id: string }>): PlaceFacts {
  return { county: facts.some((f) => f.id === 'county'), postLevel: facts.some((f) => f.id === 'postLevel') };
}

export function rankedRow(result: EvaluationResult, record: Applicant, places: PlaceFacts): RankedRow {
  const row: RankedRow = {
    rank: null,
    applicantId: result.applicantId ?? textOf(record.id) ?? '',
    name: textOf(record.name),
    unit: textOf(record.unitName ?? record.unit),
    eligible: result.eligible,
    vetoed: result.vetoed,
    score: result.score,
    passed: result.passed,
    categories: Object.fromEntries(result.categories.map((c) => [c.id, c.points])),
    failedCriteria: result.criteria.filter((c) => c.applicable && !c.passed).map((c) => c.id),
    vetoes: result.vetoes.filter((v) => v.triggered).map((v) => v.id),
  };
  if (places.county) row.county = textOf(record.county);
  if (places.postLevel) row.postLevel = textOf(record.postLevel);
  return row;
}

const contender = (r: Pick<RankedRow, 'eligible' | 'vetoed'>) => r.eligible && !r.vetoed;
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareRanked(a: RankedRow, b: RankedRow): number {
  return Number(contender(b)) - Number(contender(a)) || b.score - a.score || byId(a.applicantId, b.applicantId);
}

/** Sorts in place by the ranking rule and numbers the contenders; returns the permutation (index in input order of each ranked row). */
export function rankRows(rows: RankedRow[]): number[] {
  const order = rows.map((_, i) => i).sort((i, j) => compareRanked(rows[i]!, rows[j]!));
  const sorted = order.map((i) => rows[i]!);
  let rank = 0;
  for (const row of sorted) row.rank = contender(row) ? ++rank : null;
  rows.splice(0, rows.length, ...sorted);
  return order;
}

export const RESULT_FILTERS = ['eligible', 'ineligible', 'vetoed', 'passed', 'recommended', 'overQuota'] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

/** A row with its unit-quota mark (server/committee/run-quota.ts), when the caller computed one. */
type MaybeMarked = RankedRow & { quota?: { posts: number; position: number | null; recommended: boolean } };

const FILTER: Record<ResultFilter, (r: MaybeMarked) => boolean> = {
  eligible: (r) => r.eligible,
  ineligible: (r) => !r.eligible,
  vetoed: (r) => r.vetoed,
  passed: (r) => r.passed,
  /** Within the unit's approved posts. */
  recommended: (r) => r.quota?.recommended === true,
  /** Contenders of their unit beyond its posts (a unit without posts included): listed, not recommended. */
  overQuota: (r) => r.quota !== undefined && r.quota.position !== null && !r.quota.recommended,
};

export const RESULT_SORTS = ['rank', 'score', 'applicantId', 'name', 'unit', 'county', 'postLevel'] as const;
export type ResultSort = (typeof RESULT_SORTS)[number];

export interface PageQuery {
  offset: number;
  limit: number;
  q?: string | undefined;
  filter?: ResultFilter | undefined;
  /** Default: the ranking (rank order, then everyone else in the same order). */
  sort?: ResultSort | undefined;
  order?: 'asc' | 'desc' | undefined;
}

const collator = new Intl.Collator('zh-CN-u-co-pinyin');

/** Compares by one column; missing values last in either order. Ties keep the ranking order (the sort is stable). */
function byColumn(sort: Exclude<ResultSort, 'rank'>, order: 'asc' | 'desc'): (a: RankedRow, b: RankedRow) => number {
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => {
    const [x, y] = [a[sort], b[sort]];
    if (x === undefined || x === null || y === undefined || y === null) return Number(x === undefined || x === null) - Number(y === undefined || y === null);
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
  };
}

/** One page of rows, in ranked order or sorted by a column; `q` matches id, name or unit (case-insensitive substring). */
export function pageOf<R extends MaybeMarked>(rows: readonly R[], query: PageQuery): { total: number; offset: number; limit: number; rows: R[] } {
  const q = query.q?.trim().toLowerCase();
  const keep = (r: R) =>
    (query.filter === undefined || FILTER[query.filter](r)) &&
    (!q || [r.applicantId, r.name, r.unit].some((s) => s !== null && s.toLowerCase().includes(q)));
  const matching = rows.filter(keep);
  if (query.sort !== undefined && query.sort !== 'rank') matching.sort(byColumn(query.sort, query.order ?? 'asc'));
  else if (query.order === 'desc') matching.reverse();
  return { total: matching.length, offset: query.offset, limit: query.limit, rows: matching.slice(query.offset, query.offset + query.limit) };
}

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

export function rankedRow(result: EvaluationResult, record: Applicant, hasCounty: boolean): RankedRow {
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
  if (hasCounty) row.county = textOf(record.county);
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

export const RESULT_FILTERS = ['eligible', 'ineligible', 'vetoed', 'passed'] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

const FILTER: Record<ResultFilter, (r: RankedRow) => boolean> = {
  eligible: (r) => r.eligible,
  ineligible: (r) => !r.eligible,
  vetoed: (r) => r.vetoed,
  passed: (r) => r.passed,
};

export interface PageQuery {
  offset: number;
  limit: number;
  q?: string | undefined;
  filter?: ResultFilter | undefined;
}

/** One page of rows in ranked order; `q` matches id, name or unit (case-insensitive substring). */
export function pageOf(rows: readonly RankedRow[], query: PageQuery): { total: number; offset: number; limit: number; rows: RankedRow[] } {
  const q = query.q?.trim().toLowerCase();
  const keep = (r: RankedRow) =>
    (query.filter === undefined || FILTER[query.filter](r)) &&
    (!q || [r.applicantId, r.name, r.unit].some((s) => s !== null && s.toLowerCase().includes(q)));
  const matching = rows.filter(keep);
  return { total: matching.length, offset: query.offset, limit: query.limit, rows: matching.slice(query.offset, query.offset + query.limit) };
}

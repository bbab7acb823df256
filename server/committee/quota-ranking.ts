// 按岗推荐、总量控制: which applicants of a batch run fall within their unit's
// approved directional posts (核定的定向岗位职数). Pure: rows of the run's ranking,
// the applicants' facts, the quota rows and the tie-break order in; one mark per
// row out, in the same order. Nobody is dropped: applicants over their unit's
// posts, and those who are not contenders (ineligible or vetoed), keep their row
// and get a mark that says so.
//
// Within one unit the contenders (eligible, not vetoed) are ordered by the policy's
// tie-break keys (rules/process/committee-policy.json `quotaTieBreak`, shipped:
// score desc, grassrootsYears desc, currentTitleDate asc, applicantId asc). A key
// names `score`, `applicantId` or any fact id of the applicant record. A missing
// value (absent, null, empty text) sorts after every present value whatever the
// direction. applicantId ascending is always applied last, so the order is total
// and never depends on the input order or a locale.
import type { RankedRow } from '../runs/ranked-results';
import type { QuotaRecord } from '../storage/types';

export interface QuotaMark {
  /** Posts approved for the applicant's unit for the run ruleset's series × level; 0 when the unit has none. */
  posts: number;
  /** 1-based place among the unit's contenders (eligible, not vetoed) in the tie-break order; null for the others. */
  position: number | null;
  /** Within the unit's posts. Non-contenders are never recommended. */
  recommended: boolean;
}

export interface TieBreakKey {
  by: string;
  order: 'asc' | 'desc';
}

type Row = Pick<RankedRow, 'applicantId' | 'unit' | 'eligible' | 'vetoed' | 'score'>;
type Facts = (applicantId: string) => Readonly<Record<string, unknown>> | undefined;

/** The keys actually applied: the policy's, then applicantId ascending (ids are unique, so the order is total). */
export function effectiveTieBreak(tieBreak: readonly TieBreakKey[]): TieBreakKey[] {
  const keys = tieBreak.map((k) => ({ by: k.by, order: k.order }));
  // Once an applicantId key has been applied nothing after it can decide, so adding
  // the final key is only needed when the policy has none.
  if (!keys.some((k) => k.by === 'applicantId')) keys.push({ by: 'applicantId', order: 'asc' });
  return keys;
}

/** The rule in words, recorded with every quota result (so a reader knows how ties were decided). */
export function quotaRuleText(tieBreak: readonly TieBreakKey[]): string {
  const keys = effectiveTieBreak(tieBreak)
    .map((k) => `${k.by} ${k.order === 'asc' ? 'ascending' : 'descending'}`)
    .join(', ');
  return (
    `per unit: contenders (eligible and not vetoed) ordered by ${keys} (missing values last; text in code-unit order; applicantId ascending is added as the final key when the order has no applicantId, so it is total); ` +
    `positions 1..posts of the unit's approved posts for the series and level are recommended, the rest over quota (listed, not dropped); ` +
    `a unit without a quota row has 0 posts; ineligible or vetoed applicants are never recommended`
  );
}

const isMissing = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Numbers by value, everything else by its text in code-unit order (ISO dates compare as dates). */
function compareValues(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  const [a, b] = [String(x), String(y)];
  return a < b ? -1 : a > b ? 1 : 0;
}

function valueOf(row: Row, key: string, facts: Facts): unknown {
  if (key === 'score') return row.score;
  if (key === 'applicantId') return row.applicantId;
  return facts(row.applicantId)?.[key];
}

/** The tie-break comparator: negative when `a` comes first. */
export function tieBreakComparator(tieBreak: readonly TieBreakKey[], facts: Facts): (a: Row, b: Row) => number {
  const keys = effectiveTieBreak(tieBreak);
  return (a, b) => {
    for (const { by, order } of keys) {
      const [x, y] = [valueOf(a, by, facts), valueOf(b, by, facts)];
      const [mx, my] = [isMissing(x), isMissing(y)];
      if (mx || my) {
        if (mx !== my) return mx ? 1 : -1;
        continue;
      }
      const c = compareValues(x, y);
      if (c !== 0) return order === 'asc' ? c : -c;
    }
    return 0;
  };
}

/** The unit an applicant is counted under: the row's unit as written, trimmed; null when it has none. */
export const unitKey = (unit: string | null | undefined): string | null => {
  const u = unit?.trim();
  return u ? u : null;
};

/**
 * One mark per row, in the rows' order. `quotas` are the rows of the run's series
 * and level (other rows are ignored by the caller's choice, not checked here);
 * units match by their trimmed name.
 */
export function markQuotas(
  rows: readonly Row[],
  facts: Facts,
  quotas: ReadonlyArray<Pick<QuotaRecord, 'unit' | 'posts'>>,
  tieBreak: readonly TieBreakKey[],
): QuotaMark[] {
  const posts = new Map<string, number>();
  for (const q of quotas) {
    const unit = unitKey(q.unit);
    if (unit !== null) posts.set(unit, q.posts);
  }
  const postsOf = (row: Row) => {
    const unit = unitKey(row.unit);
    return unit === null ? 0 : (posts.get(unit) ?? 0);
  };

  const byUnit = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const unit = unitKey(row.unit);
    if (unit === null || !row.eligible || row.vetoed) return;
    let list = byUnit.get(unit);
    if (!list) byUnit.set(unit, (list = []));
    list.push(i);
  });

  const marks: QuotaMark[] = rows.map((row) => ({ posts: postsOf(row), position: null, recommended: false }));
  const compare = tieBreakComparator(tieBreak, facts);
  for (const indices of byUnit.values()) {
    indices.sort((i, j) => compare(rows[i]!, rows[j]!));
    indices.forEach((i, place) => {
      const mark = marks[i]!;
      mark.position = place + 1;
      mark.recommended = mark.position <= mark.posts;
    });
  }
  return marks;
}

// What the charts show, computed apart from ECharts so it can be tested: the score
// distribution in bands, and the outcome per county (or per unit when the ruleset has
// no county fact).
import type { RankedRow } from '../../api/runs.api';

export interface Band {
  label: string;
  from: number;
  ranked: number;
  others: number;
}

/** Score bands of `width` points from 0 to the highest score; contenders (ranked) and the others apart. */
export function scoreBands(rows: RankedRow[], width = 5): Band[] {
  if (rows.length === 0) return [];
  const max = Math.max(...rows.map((r) => r.score), 0);
  const count = Math.max(1, Math.floor(max / width) + 1);
  const bands: Band[] = Array.from({ length: count }, (_, i) => ({ label: `${i * width}–${(i + 1) * width}`, from: i * width, ranked: 0, others: 0 }));
  for (const r of rows) {
    const band = bands[Math.min(count - 1, Math.max(0, Math.floor(r.score / width)))]!;
    if (r.rank !== null) band.ranked++;
    else band.others++;
  }
  return bands;
}

export interface AreaCount {
  key: string;
  total: number;
  eligible: number;
  passed: number;
}

/** Applicants, eligible and passed per county (by code), most applicants first. */
export function byArea(rows: RankedRow[], keyOf: (r: RankedRow) => string | null | undefined): AreaCount[] {
  const areas = new Map<string, AreaCount>();
  for (const r of rows) {
    const key = keyOf(r) ?? '';
    const area = areas.get(key) ?? { key, total: 0, eligible: 0, passed: 0 };
    area.total++;
    if (r.eligible && !r.vetoed) area.eligible++;
    if (r.passed) area.passed++;
    areas.set(key, area);
  }
  return [...areas.values()].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
}

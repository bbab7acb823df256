// Spans between dates: the largest whole number n of months (years) with start + n ≤ end,
// months added the way the Civil Code counts periods (民法典 第二百零二条: a period whose end
// month has no corresponding day ends on that month's last day). An end before the start is
// negative, never 0. Checked on the examples of issue 11 and against a brute force that walks
// month by month with its own calendar (Date.UTC), over many date pairs.
import { describe, expect, it } from 'vitest';
import { addMonths, monthsBetween, parseDate, yearsBetween, type YMD } from '../../engine/dates';
import { Rng } from '../../server/samples/prng';

const d = (text: string): YMD => {
  const parsed = parseDate(text);
  if (!parsed) throw new Error(`bad date ${text}`);
  return parsed;
};
const fmt = (x: YMD) => `${String(x.y).padStart(4, '0')}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;

describe('addMonths: the end month has no such day → its last day', () => {
  it.each([
    ['2024-03-31', 6, '2024-09-30'],
    ['2020-02-29', 60, '2025-02-28'],
    ['2020-02-29', 48, '2024-02-29'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-15', 2, '2024-03-15'],
    ['2024-12-31', 2, '2025-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-01-10', -13, '2022-12-10'],
    ['2016-06-10', 0, '2016-06-10'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(fmt(addMonths(d(from), months))).toBe(to);
  });
});

describe('monthsBetween and yearsBetween at the boundaries', () => {
  it.each([
    // from, to, whole years, whole months
    ['2019-09-01', '2024-08-31', 4, 59],
    ['2019-09-01', '2024-09-01', 5, 60],
    ['2020-02-29', '2025-02-28', 5, 60],
    ['2020-02-29', '2025-02-27', 4, 59],
    ['2020-02-29', '2021-02-28', 1, 12],
    ['2024-03-31', '2024-09-30', 0, 6],
    ['2024-03-31', '2024-09-29', 0, 5],
    ['2024-01-31', '2024-02-29', 0, 1],
    ['2024-01-31', '2024-02-28', 0, 0],
    ['2016-08-19', '2016-08-19', 0, 0],
  ])('%s → %s: %i years, %i months', (from, to, years, months) => {
    expect(yearsBetween(d(from), d(to))).toBe(years);
    expect(monthsBetween(d(from), d(to))).toBe(months);
  });

  it.each([
    // An end before the start is negative, never 0: the day before the title is not "since the title".
    ['2016-06-10', '2016-05-20', -1, -1],
    ['2016-08-19', '2016-08-18', -1, -1],
    ['2016-08-19', '2015-08-19', -1, -12],
    ['2016-08-19', '2015-08-18', -2, -13],
    ['2025-10-01', '2024-09-30', -2, -13],
    ['2024-03-31', '2024-02-29', -1, -1],
    ['2024-03-31', '2024-02-28', -1, -2],
  ])('backwards %s → %s: %i years, %i months', (from, to, years, months) => {
    expect(yearsBetween(d(from), d(to))).toBe(years);
    expect(monthsBetween(d(from), d(to))).toBe(months);
  });

  it('a span is ≥ 0 exactly when the end is on or after the start', () => {
    expect(monthsBetween(d('2016-08-19'), d('2016-08-18'))).toBeLessThan(0);
    expect(monthsBetween(d('2016-08-19'), d('2016-08-19'))).toBe(0);
    expect(monthsBetween(d('2016-08-19'), d('2016-08-20'))).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// Brute force, independent of engine/dates.ts: its own month arithmetic on Date.UTC, and
// the definition itself — walk n upwards from far below while start + (n + 1) periods ≤ end.

const utc = (x: YMD) => Date.UTC(x.y, x.m - 1, x.d);

function plusMonthsUtc(x: YMD, n: number): number {
  const first = new Date(Date.UTC(x.y, x.m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(x.d, lastDay));
}

function bruteSpan(from: YMD, to: YMD, monthsPerPeriod: number): number {
  const end = utc(to);
  const days = Math.abs(end - utc(from)) / 86_400_000;
  let n = -Math.ceil(days / 28 / monthsPerPeriod) - 2;
  if (plusMonthsUtc(from, n * monthsPerPeriod) > end) throw new Error('brute force started too high');
  while (plusMonthsUtc(from, (n + 1) * monthsPerPeriod) <= end) n++;
  return n;
}

function randomDate(rng: Rng): YMD {
  const y = rng.int(1990, 2035);
  const m = rng.int(1, 12);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  // Month ends and 29 February are where the definitions could part, so favour them.
  const dd = rng.chance(0.35) ? rng.int(Math.max(1, last - 3), last) : rng.int(1, last);
  return { y, m, d: dd };
}

/** An end near a whole number of months or years from the start, or anywhere. */
function nearbyEnd(rng: Rng, from: YMD): YMD {
  if (rng.chance(0.2)) return randomDate(rng);
  const months = rng.chance(0.5) ? 12 * rng.int(-12, 12) : rng.int(-40, 40);
  const t = new Date(plusMonthsUtc(from, months) + rng.int(-3, 3) * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

describe('property: the span is the largest n with start + n periods ≤ end', () => {
  const rng = new Rng(20240930);
  const pairs: Array<[YMD, YMD]> = [];
  for (let i = 0; i < 20_000; i++) {
    const from = randomDate(rng);
    pairs.push([from, nearbyEnd(rng, from)]);
  }
  // Every pair of days around 29 February 2024 and the month ends of 2023–2025.
  const around = ['2023-01-28', '2024-01-31', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-31', '2025-02-28', '2025-03-01'];
  for (const a of around) for (const b of around) pairs.push([d(a), d(b)]);

  it('months', () => {
    const wrong = pairs.filter(([a, b]) => monthsBetween(a, b) !== bruteSpan(a, b, 1));
    expect(wrong.map(([a, b]) => `${fmt(a)} → ${fmt(b)}: ${monthsBetween(a, b)} vs ${bruteSpan(a, b, 1)}`)).toEqual([]);
  });

  it('years', () => {
    const wrong = pairs.filter(([a, b]) => yearsBetween(a, b) !== bruteSpan(a, b, 12));
    expect(wrong.map(([a, b]) => `${fmt(a)} → ${fmt(b)}: ${yearsBetween(a, b)} vs ${bruteSpan(a, b, 12)}`)).toEqual([]);
  });

  it('negative exactly when the end is before the start, and start + n periods ≤ end < start + (n + 1)', () => {
    for (const [a, b] of pairs) {
      const n = monthsBetween(a, b);
      expect(n < 0).toBe(utc(b) < utc(a));
      expect(utc(addMonths(a, n))).toBeLessThanOrEqual(utc(b));
      expect(utc(addMonths(a, n + 1))).toBeGreaterThan(utc(b));
    }
  });
});

// Calendar dates as 'YYYY-MM-DD' strings. No clock: the evaluation date is always
// passed in, so a result never depends on when it was computed.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export function parseDate(text: unknown): YMD | null {
  if (typeof text !== 'string') return null;
  const match = DATE.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isValidDate(text: unknown): boolean {
  return parseDate(text) !== null;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * `date` plus `months` calendar months (negative goes back). Where the target month has no
 * such day, the period ends on that month's last day, as the Civil Code counts periods
 * (民法典 第二百零二条): 2024-03-31 + 6 → 2024-09-30, 2020-02-29 + 60 → 2025-02-28.
 */
export function addMonths(date: YMD, months: number): YMD {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/**
 * Completed months from `from` to `to`: the largest whole n with addMonths(from, n) ≤ to.
 * An end before the start gives a negative number, never 0 (2016-06-10 → 2016-05-20 is -1),
 * so "on or after the title date" is exactly `monthsBetween(title, date) >= 0`.
 *
 * addMonths(from, n) rises strictly with n and, for n = m0 (the distance between the two
 * year-months), lands in `to`'s month; every smaller n lands in an earlier month and every
 * larger one in a later month. So n is m0 when that candidate is on or before `to`, else m0 − 1.
 */
export function monthsBetween(from: YMD, to: YMD): number {
  const m0 = (to.y - from.y) * 12 + (to.m - from.m);
  return compare(addMonths(from, m0), to) <= 0 ? m0 : m0 - 1;
}

/**
 * Completed years (任职满 N 年 counts whole years only): the largest whole n with
 * from + n years ≤ to. A year is twelve months, so since addMonths rises with n this is
 * floor(monthsBetween / 12) — floor, not truncation, so that a backward span stays negative.
 * 2020-02-29 + 5 years falls on 2025-02-28, so on that day five years are complete.
 */
export function yearsBetween(from: YMD, to: YMD): number {
  return Math.floor(monthsBetween(from, to) / 12);
}

export function compare(a: YMD, b: YMD): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

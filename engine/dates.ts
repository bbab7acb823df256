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
 * Completed months from `from` to `to` (negative when `to` is earlier).
 * A month completes on the same day of the month: 2024-01-31 → 2024-02-29 is 0 months.
 */
export function monthsBetween(from: YMD, to: YMD): number {
  const sign = compare(from, to) <= 0 ? 1 : -1;
  const [a, b] = sign === 1 ? [from, to] : [to, from];
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (b.d < a.d) months -= 1;
  return sign * months;
}

/** Completed years: 任职满 N 年 counts whole years only. */
export function yearsBetween(from: YMD, to: YMD): number {
  return Math.trunc(monthsBetween(from, to) / 12);
}

export function compare(a: YMD, b: YMD): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

// Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone can shift a day.

export function toUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The same day `years` years earlier (29 Feb falls back to 28 Feb), then `days` days earlier. */
export function yearsDaysBefore(date: string, years: number, days = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  const at = new Date(Date.UTC(year, m - 1, day));
  at.setUTCDate(at.getUTCDate() - days);
  return fromUtc(at);
}

export function monthsDaysBefore(date: string, months: number, days = 0): string {
  const at = toUtc(date);
  const target = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  target.setUTCDate(target.getUTCDate() - days);
  return fromUtc(target);
}

/** A date uniformly between `from` and `to` (inclusive), given a uniform number in [0, 1). */
export function dateBetween(from: string, to: string, u: number): string {
  const a = toUtc(from).getTime();
  const b = toUtc(to).getTime();
  const days = Math.max(0, Math.round((b - a) / 86_400_000));
  return fromUtc(new Date(a + Math.floor(u * (days + 1)) * 86_400_000));
}

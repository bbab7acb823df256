// The appointment deadline of a title holder (四(二)3: appointed to the post within
// N months of the qualification document; N is the process value
// appointment.deadlineMonths, 2 by default). Pure: "today" is passed in, as the date
// in China time of the server clock (chinaToday, china-date.ts), so a test can stand on any day.
import { compare, parseDate, type YMD } from '../../engine/dates';

export type AppointmentState = 'appointed' | 'pending' | 'overdue';

export interface AppointmentStatus {
  /** The last day on which an appointment is on time (YYYY-MM-DD). */
  deadline: string;
  /** The months the deadline was computed with (the policy value then in force). */
  deadlineMonths: number;
  state: AppointmentState;
  /** appointed: whether on or before the deadline. */
  onTime?: boolean;
  /** appointed late: days after the deadline; overdue: days past it as of today. */
  daysLate?: number;
  /** pending: days until the deadline (0 on the deadline itself). */
  daysLeft?: number;
}

const DAY_MS = 86_400_000;

function ymd(text: string, what: string): YMD {
  const d = parseDate(text);
  if (!d) throw new RangeError(`${what} must be a valid YYYY-MM-DD date, got ${JSON.stringify(text)}`);
  return d;
}

function format(d: YMD): string {
  return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const x = ymd(a, 'from');
  const y = ymd(b, 'to');
  return Math.round((Date.UTC(y.y, y.m - 1, y.d) - Date.UTC(x.y, x.m - 1, x.d)) / DAY_MS);
}

/**
 * `date` plus `months` calendar months, the day clamped to the end of a shorter month:
 * 2024-12-31 + 2 → 2025-02-28, 2023-12-31 + 2 → 2024-02-29, 2024-01-15 + 2 → 2024-03-15.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const d = ymd(date, 'date');
  const index = d.y * 12 + (d.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return format({ y, m, d: Math.min(d.d, daysInMonth(y, m)) });
}

/** The appointment deadline: the document date plus the policy's months. */
export function appointmentDeadline(documentDate: string, deadlineMonths: number): string {
  return addMonths(documentDate, deadlineMonths);
}

/**
 * Where a holder stands: appointed (on time, or late by so many days); pending while
 * today is on or before the deadline (days left; 0 on the deadline); overdue from the
 * day after the deadline (days overdue).
 */
export function appointmentStatus(
  holder: { documentDate: string; appointedAt?: string | undefined },
  today: string,
  deadlineMonths: number,
): AppointmentStatus {
  const deadline = appointmentDeadline(holder.documentDate, deadlineMonths);
  if (holder.appointedAt !== undefined) {
    const late = daysBetween(deadline, holder.appointedAt);
    return late > 0
      ? { deadline, deadlineMonths, state: 'appointed', onTime: false, daysLate: late }
      : { deadline, deadlineMonths, state: 'appointed', onTime: true };
  }
  const left = daysBetween(ymdText(today), deadline);
  return left >= 0 ? { deadline, deadlineMonths, state: 'pending', daysLeft: left } : { deadline, deadlineMonths, state: 'overdue', daysLate: -left };
}

function ymdText(text: string): string {
  return format(ymd(text, 'today'));
}

/** Whether a is before b (both YYYY-MM-DD). */
export function isBefore(a: string, b: string): boolean {
  return compare(ymd(a, 'a'), ymd(b, 'b')) < 0;
}

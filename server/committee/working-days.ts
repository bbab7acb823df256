// Working days (工作日) for the publicity period: Monday to Friday unless the calendar
// lists the day as a holiday (法定节假日, 新疆肉孜节/古尔邦节), and Saturday or Sunday
// only when the calendar lists it as a worked day (调休上班). Pure: the years come in
// as data (rules/process/holidays.json and the administrator's years, merged by
// calendar-source.ts). A date in a year the calendar does not hold is refused with
// CALENDAR_NOT_COVERED — holidays move every year, so a weekday guess for an unknown
// year would silently shorten a publicity period.
//
// Checking a year (checkCalendarYear): a date that is not a real date, outside its
// year or listed twice, and a 'workday' on a Monday–Friday (a worked day that is
// already a working day: almost always a mistyped date) are errors. A 'holiday' on a
// Saturday or Sunday is accepted: the State Council notices list whole blocks
// (e.g. 10/1–10/7) and the file copies them so it reads like the notice; such a day
// changes nothing in the count.
import type { Text } from '../../engine/index';
import { parseDate } from '../../engine/dates';
import type { CalendarDay } from '../storage/types';

/** One year of the calendar: the days that differ from the Monday–Friday rule. */
export interface CalendarYear {
  year: number;
  /** Where the dates come from and how sure they are. */
  source: string;
  days: CalendarDay[];
}

export type CalendarErrorCode = 'CALENDAR_NOT_COVERED' | 'INVALID_ARGUMENT';

/** A date the calendar cannot answer for (CALENDAR_NOT_COVERED) or an argument that is not a date or a count. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly text: Text;
  readonly details: Record<string, unknown>;
  constructor(code: CalendarErrorCode, message: Text, details: Record<string, unknown> = {}) {
    super(message.en ?? message.zh);
    this.name = 'CalendarError';
    this.code = code;
    this.text = message;
    this.details = details;
  }
}

export type CalendarIssueCode = 'DATE_INVALID' | 'DATE_OUTSIDE_YEAR' | 'DATE_DUPLICATE' | 'WORKDAY_ON_WEEKDAY' | 'NAME_EMPTY';

/** A problem in one year's list; `index` is the day's place in `days`, `pointer` its JSON pointer in the year. */
export interface CalendarIssue {
  year: number;
  index: number;
  pointer: string;
  code: CalendarIssueCode;
  message: Text;
}

/** What the calendar says about one date. */
export interface DayInfo {
  date: string;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  working: boolean;
  /** Set when the calendar lists the date. */
  kind?: CalendarDay['kind'];
  name?: string;
}

/** A count of working days and how it went: the days counted, and the days passed over with why. */
export interface WorkingDayCount {
  from: string;
  days: number;
  /** The date on which the last counted working day falls. */
  date: string;
  counted: string[];
  skipped: Array<{ date: string; reason: 'weekend' | 'holiday'; name?: string }>;
}

export const MAX_COUNT = 1000;
const DAY_MS = 86_400_000;
const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function weekdayName(weekday: number): Text {
  return { zh: WEEKDAY_ZH[weekday]!, en: WEEKDAY_EN[weekday]! };
}

/** `date` plus `days` calendar days (dates are YYYY-MM-DD; UTC arithmetic, so no time zone shifts a day). */
export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

const isWeekend = (weekday: number) => weekday === 0 || weekday === 6;

const DATE_WORDS = { date: { zh: '日期', en: 'The date' }, from: { zh: '起始日期', en: 'The start date' }, to: { zh: '结束日期', en: 'The end date' } } as const;

function requireDate(date: unknown, what: keyof typeof DATE_WORDS): string {
  if (parseDate(date) === null) {
    const word = DATE_WORDS[what];
    throw new CalendarError('INVALID_ARGUMENT', { zh: `${word.zh}不是有效的日期（YYYY-MM-DD）：${String(date)}`, en: `${word.en} is not a valid date (YYYY-MM-DD): ${String(date)}` }, { [what]: date });
  }
  return date as string;
}

/** Every problem of one year's list (empty when it may be used). */
export function checkCalendarYear(year: CalendarYear): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const seen = new Map<string, number>();
  year.days.forEach((day, index) => {
    const at = (field: string) => `/days/${index}/${field}`;
    const add = (code: CalendarIssueCode, field: string, zh: string, en: string) => issues.push({ year: year.year, index, pointer: at(field), code, message: { zh: `${year.year} 年第 ${index + 1} 条：${zh}`, en: `${year.year}, entry ${index + 1}: ${en}` } });
    if (typeof day.name !== 'string' || day.name.trim() === '') add('NAME_EMPTY', 'name', '缺少名称（如“国庆节”“国庆节调休上班”）', 'the name is missing (e.g. 国庆节, 国庆节调休上班)');
    const parsed = parseDate(day.date);
    if (!parsed) {
      add('DATE_INVALID', 'date', `“${String(day.date)}”不是有效的日期`, `"${String(day.date)}" is not a valid date`);
      return;
    }
    if (parsed.y !== year.year) add('DATE_OUTSIDE_YEAR', 'date', `${day.date} 不在 ${year.year} 年内`, `${day.date} is not in ${year.year}`);
    const first = seen.get(day.date);
    if (first !== undefined) add('DATE_DUPLICATE', 'date', `${day.date} 与第 ${first + 1} 条重复`, `${day.date} is listed twice (also entry ${first + 1})`);
    else seen.set(day.date, index);
    const weekday = weekdayOf(day.date);
    if (day.kind === 'workday' && !isWeekend(weekday)) {
      add('WORKDAY_ON_WEEKDAY', 'kind', `${day.date} 是${WEEKDAY_ZH[weekday]}，本来就是工作日，不能标为调休上班（日期是否有误？）`, `${day.date} is a ${WEEKDAY_EN[weekday]}, already a working day: it cannot be a worked weekend day (is the date right?)`);
    }
  });
  return issues;
}

export class WorkingDayCalendar {
  readonly #years: Map<number, Map<string, CalendarDay>>;

  /** The years to count with; a year with problems is refused (INVALID_ARGUMENT listing them). A year given twice: the last wins. */
  constructor(years: readonly CalendarYear[]) {
    this.#years = new Map();
    for (const year of years) {
      const issues = checkCalendarYear(year);
      if (issues.length > 0) {
        throw new CalendarError('INVALID_ARGUMENT', { zh: issues.map((i) => i.message.zh).join('；'), en: issues.map((i) => i.message.en ?? i.message.zh).join('; ') }, { year: year.year, issues });
      }
      this.#years.set(year.year, new Map(year.days.map((d) => [d.date, d])));
    }
  }

  /** The years covered, ascending. */
  years(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.#years.has(year);
  }

  /** What the calendar says about `date`; CALENDAR_NOT_COVERED for a year it does not hold. */
  day(date: string): DayInfo {
    requireDate(date, 'date');
    const year = Number(date.slice(0, 4));
    const listed = this.#years.get(year);
    if (!listed) throw notCovered(year, this.years());
    const weekday = weekdayOf(date);
    const entry = listed.get(date);
    const working = entry ? entry.kind === 'workday' : !isWeekend(weekday);
    return entry ? { date, weekday, working, kind: entry.kind, name: entry.name } : { date, weekday, working };
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  /**
   * The date on which the n-th working day falls, counting `from` itself when it is a
   * working day (from a Friday, 1 → that Friday, 2 → the next working day).
   */
  nthWorkingDay(from: string, n: number): string {
    return this.count(from, n).date;
  }

  /** nthWorkingDay with the days counted and those passed over, for an explanation. */
  count(from: string, n: number): WorkingDayCount {
    requireDate(from, 'from');
    if (!Number.isInteger(n) || n < 1 || n > MAX_COUNT) {
      throw new CalendarError('INVALID_ARGUMENT', { zh: `工作日数必须是 1 到 ${MAX_COUNT} 之间的整数，实际为 ${n}`, en: `The number of working days must be an integer from 1 to ${MAX_COUNT}, got ${n}` }, { days: n });
    }
    const counted: string[] = [];
    const skipped: WorkingDayCount['skipped'] = [];
    let date = from;
    for (;;) {
      const info = this.day(date);
      if (info.working) {
        counted.push(date);
        if (counted.length === n) return { from, days: n, date, counted, skipped };
      } else if (info.kind === 'holiday') skipped.push({ date, reason: 'holiday', name: info.name! });
      else skipped.push({ date, reason: 'weekend' });
      date = addDays(date, 1);
    }
  }

  /** The working days from `from` to `to`, both included (none when `to` is before `from`). */
  workingDaysBetween(from: string, to: string): string[] {
    requireDate(from, 'from');
    requireDate(to, 'to');
    const days: string[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) if (this.isWorkingDay(date)) days.push(date);
    return days;
  }
}

function notCovered(year: number, covered: number[]): CalendarError {
  const list = covered.length > 0 ? covered.join('、') : '无';
  const listEn = covered.length > 0 ? covered.join(', ') : 'none';
  return new CalendarError(
    'CALENDAR_NOT_COVERED',
    {
      zh: `工作日历中没有 ${year} 年的节假日安排（已有：${list}），不能推算工作日；请管理员在“工作日历”中添加 ${year} 年`,
      en: `The working-day calendar has no holidays for ${year} (covered: ${listEn}), so working days cannot be counted; an administrator adds ${year} on the calendar page`,
    },
    { year, covered },
  );
}

// The working-day calendar in force: the years shipped in rules/process/holidays.json,
// each replaced by the year an administrator stored (store.calendar, keyed by the year)
// and extended by the years only the administrator has. Removing an administrator's
// year brings the shipped one back. Calendar files (the shipped one, or one given to
// the CLI with --calendar) are checked against rules/process/holidays.schema.json and
// then year by year (working-days.ts checkCalendarYear): a bad file is refused whole,
// naming the file and the JSON pointer of every problem.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { text } from '../io/text';
import { UserError } from '../io/user-error';
import { projectPath } from '../project-root';
import type { CalendarYearRecord, RecordCollection } from '../storage/types';
import { checkCalendarYear, WorkingDayCalendar, type CalendarYear } from './working-days';

export const SHIPPED_CALENDAR = projectPath('rules', 'process', 'holidays.json');
const SCHEMA_FILE = projectPath('rules', 'process', 'holidays.schema.json');

/** A year as it is in force, and whose it is. */
export interface CalendarYearInForce extends CalendarYear {
  /** shipped: rules/process/holidays.json; admin: stored by an administrator (replacing a shipped year when `replacesShipped`). */
  origin: 'shipped' | 'admin';
  replacesShipped: boolean;
  updatedBy?: string;
  updatedAt?: string;
}

type Check = ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
let validator: Check | undefined;

function validateFile(): Check {
  if (!validator) validator = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>) as Check;
  return validator;
}

/** Parses and checks a calendar file (holidays.json format); UserError naming the file and every problem. */
export function parseCalendarFile(source: string, file: string): CalendarYear[] {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    throw new UserError(text(`${file} 不是有效的 JSON：${(err as Error).message}`, `${file} is not valid JSON: ${(err as Error).message}`));
  }
  const check = validateFile();
  if (!check(value)) {
    const problems = (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`).join('; ');
    throw new UserError(text(`${file} 不符合工作日历格式：${problems}`, `${file} does not match the calendar schema: ${problems}`));
  }
  const years = (value as { years: CalendarYear[] }).years.map(({ year, source: from, days }) => ({ year, source: from, days }));
  const problems: string[] = [];
  const problemsEn: string[] = [];
  const seen = new Set<number>();
  years.forEach((year, i) => {
    if (seen.has(year.year)) {
      problems.push(`/years/${i}/year ${year.year} 年重复`);
      problemsEn.push(`/years/${i}/year ${year.year} is listed twice`);
    }
    seen.add(year.year);
    for (const issue of checkCalendarYear(year)) {
      problems.push(`/years/${i}${issue.pointer} ${issue.message.zh}`);
      problemsEn.push(`/years/${i}${issue.pointer} ${issue.message.en ?? issue.message.zh}`);
    }
  });
  if (problems.length > 0) throw new UserError(text(`${file}：${problems.join('；')}`, `${file}: ${problemsEn.join('; ')}`));
  return years;
}

let shipped: CalendarYear[] | undefined;

/** rules/process/holidays.json, read once. */
export function shippedCalendarYears(): CalendarYear[] {
  shipped ??= parseCalendarFile(readFileSync(SHIPPED_CALENDAR, 'utf8'), SHIPPED_CALENDAR);
  return structuredClone(shipped);
}

/** The years in force, ascending: the administrator's years over the shipped ones. */
export function calendarYearsInForce(stored: Pick<RecordCollection<CalendarYearRecord>, 'list'>, shippedYears: CalendarYear[] = shippedCalendarYears()): CalendarYearInForce[] {
  const byYear = new Map<number, CalendarYearInForce>();
  for (const y of shippedYears) byYear.set(y.year, { year: y.year, source: y.source, days: y.days, origin: 'shipped', replacesShipped: false });
  for (const r of stored.list()) {
    byYear.set(r.year, { year: r.year, source: r.source, days: r.days, origin: 'admin', replacesShipped: shippedYears.some((y) => y.year === r.year), updatedBy: r.updatedBy, updatedAt: r.updatedAt });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The calendar to count with, and the years it is made of (a stage records which years and whose). */
export function calendarInForce(stored: Pick<RecordCollection<CalendarYearRecord>, 'list'>): { calendar: WorkingDayCalendar; years: CalendarYearInForce[] } {
  const years = calendarYearsInForce(stored);
  return { calendar: new WorkingDayCalendar(years), years };
}

// The working-day calendar (server/http/calendar.routes.ts): the years in force with
// their holidays and worked weekend days, working-day counts, and the administrator's
// own years.
import { http } from './http';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarYear {
  year: number;
  source: string;
  days: CalendarDay[];
  /** shipped: rules/process/holidays.json; admin: stored by an administrator. */
  origin: 'shipped' | 'admin';
  /** An administrator's year that stands in for a shipped one (deleting it brings the shipped one back). */
  replacesShipped: boolean;
  updatedBy?: string;
  updatedAt?: string;
}

export interface CalendarView {
  years: CalendarYear[];
  covered: number[];
  /** The policy's publicity period in working days (the counter's default). */
  publicityWorkingDays: number;
}

export interface WorkdayCount {
  from: string;
  days: number;
  /** The date on which the last counted working day falls. */
  date: string;
  counted: string[];
  skipped: Array<{ date: string; reason: 'weekend' | 'holiday'; name?: string }>;
}

export const calendarApi = {
  get: () => http.get<CalendarView>('/calendar'),
  /** `days` omitted: the policy's publicity days. */
  workdays: (from: string, days?: number) => http.get<WorkdayCount>('/calendar/workdays', { from, days }),
  putYear: (year: number, body: { source: string; days: CalendarDay[] }) => http.put<{ year: CalendarYear }>(`/calendar/years/${year}`, body),
  deleteYear: (year: number) => http.delete<{ year: CalendarYear | null }>(`/calendar/years/${year}`),
};

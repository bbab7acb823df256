// The working-day count behind the 5-working-day publicity period: China's holidays,
// worked weekend days and Xinjiang's festivals from the shipped calendar; an unknown
// year refused, never guessed; an administrator's year added or replacing one.
import { describe, expect, it } from 'vitest';
import { calendarYearsInForce, parseCalendarFile, shippedCalendarYears } from '../../../server/committee/calendar-source';
import { CalendarError, checkCalendarYear, WorkingDayCalendar, type CalendarYear } from '../../../server/committee/working-days';
import type { CalendarYearRecord } from '../../../server/storage/types';

const shipped = new WorkingDayCalendar(shippedCalendarYears());

function thrown(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CalendarError) return err;
    throw err;
  }
  throw new Error('expected a CalendarError');
}

describe('the shipped calendar (rules/process/holidays.json)', () => {
  it('covers 2024–2026, every year valid, each saying where it comes from', () => {
    const years = shippedCalendarYears();
    expect(years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    for (const y of years) {
      expect(checkCalendarYear(y)).toEqual([]);
      // Where it comes from, in the official's words: the notices, not a file path of ours.
      expect(y.source).toContain('国务院办公厅');
      expect(y.source).not.toMatch(/\.md\b|\.\.\//);
    }
    expect(years.find((y) => y.year === 2026)!.source).toContain('可信度中');
    expect(years.find((y) => y.year === 2025)!.source).toContain('可信度高');
  });

  it('knows a holiday, a worked Saturday, a plain weekend and a plain weekday', () => {
    expect(shipped.isWorkingDay('2026-10-01')).toBe(false); // 国庆节, a Thursday
    expect(shipped.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 国庆节调休上班
    expect(shipped.day('2026-10-10')).toMatchObject({ weekday: 6, kind: 'workday', name: '国庆节调休上班' });
    expect(shipped.isWorkingDay('2026-10-11')).toBe(false); // Sunday
    expect(shipped.isWorkingDay('2026-10-12')).toBe(true); // Monday
    expect(shipped.isWorkingDay('2024-04-10')).toBe(false); // 肉孜节, a Wednesday
  });
});

describe('nthWorkingDay: the date on which the n-th working day falls, the start day counted', () => {
  it('2026-09-30 + 5 runs across 国庆: 9/30, 10/8, 10/9, 10/10 (a worked Saturday), 10/12', () => {
    const count = shipped.count('2026-09-30', 5);
    expect(count.date).toBe('2026-10-12');
    expect(count.counted).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
    expect(count.skipped.filter((s) => s.reason === 'holiday').map((s) => s.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(count.skipped.find((s) => s.date === '2026-10-11')).toEqual({ date: '2026-10-11', reason: 'weekend' });
    expect(shipped.nthWorkingDay('2026-09-30', 5)).toBe('2026-10-12');
  });

  it('2024 国庆: from Friday 9/27 the worked Sunday 9/29 counts, then 10/8… with the worked Saturday 10/12', () => {
    // 9/27 Fri, 9/29 Sun (worked), 10/1–7 off, 10/8 Tue, 10/9 Wed → 5th on 10/9
    expect(shipped.count('2024-09-27', 5).counted).toEqual(['2024-09-27', '2024-09-29', '2024-09-30', '2024-10-08', '2024-10-09']);
    // 10/8–10/11 Tue–Fri, 10/12 Saturday worked
    expect(shipped.nthWorkingDay('2024-10-08', 5)).toBe('2024-10-12');
  });

  it('2025 国庆 and 中秋 (10/1–8): 9/30 + 5 → 10/9, 10/10, 10/11 (worked Saturday), 10/13', () => {
    expect(shipped.count('2025-09-30', 5).counted).toEqual(['2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13']);
    expect(shipped.nthWorkingDay('2025-09-26', 3)).toBe('2025-09-29'); // Fri 9/26, Sun 9/28 (worked), Mon 9/29
  });

  it('a Saturday that is a working day is counted (2026-02-28, 春节调休上班)', () => {
    // Wed 2/25, Thu 2/26, Fri 2/27, Sat 2/28 (worked), Mon 3/2
    expect(shipped.count('2026-02-25', 5).counted).toEqual(['2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-02']);
  });

  it('古尔邦节 is skipped: 2026-05-27–31 and 2025-06-06–10', () => {
    // 2026: Tue 5/26, then 5/27–5/31 off, Mon 6/1…
    expect(shipped.count('2026-05-26', 5).counted).toEqual(['2026-05-26', '2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04']);
    expect(shipped.day('2026-05-28')).toMatchObject({ working: false, kind: 'holiday', name: '古尔邦节' });
    // 2025: Thu 6/5, then 6/6–6/10 off (Fri–Tue), Wed 6/11…
    expect(shipped.count('2025-06-05', 5).counted).toEqual(['2025-06-05', '2025-06-11', '2025-06-12', '2025-06-13', '2025-06-16']);
  });

  it('a start on a holiday or a weekend is not counted: the count begins on the next working day', () => {
    expect(shipped.count('2026-10-01', 1).date).toBe('2026-10-08');
    expect(shipped.nthWorkingDay('2026-11-07', 1)).toBe('2026-11-09'); // Saturday → Monday
    expect(shipped.nthWorkingDay('2026-11-06', 1)).toBe('2026-11-06'); // a Friday counts itself
    expect(shipped.nthWorkingDay('2026-11-06', 2)).toBe('2026-11-09');
  });

  it('lists the working days between two dates for an explanation', () => {
    expect(shipped.workingDaysBetween('2026-09-30', '2026-10-12')).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
    expect(shipped.workingDaysBetween('2026-10-12', '2026-10-01')).toEqual([]);
  });

  it('a period running into a year the calendar does not cover → CALENDAR_NOT_COVERED naming the year; never a weekday guess', () => {
    const err = thrown(() => shipped.nthWorkingDay('2026-12-29', 5));
    expect(err.code).toBe('CALENDAR_NOT_COVERED');
    expect(err.details).toMatchObject({ year: 2027, covered: [2024, 2025, 2026] });
    expect(err.text.zh).toContain('2027 年');
    expect(err.text.en).toContain('2027');
    expect(thrown(() => shipped.isWorkingDay('2023-06-01')).code).toBe('CALENDAR_NOT_COVERED');
    expect(thrown(() => shipped.nthWorkingDay('2026-02-30', 1)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => shipped.nthWorkingDay('2026-03-02', 0)).code).toBe('INVALID_ARGUMENT');
  });

  it('an administrator adds 2027: the same count then works; a stored year replaces the shipped one', () => {
    const y2027: CalendarYearRecord = {
      year: 2027,
      source: '国务院办公厅 2027 年通知（测试）',
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-02', kind: 'holiday', name: '元旦' },
        { date: '2027-01-03', kind: 'holiday', name: '元旦' },
      ],
      updatedBy: 'admin',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    const years = calendarYearsInForce({ list: () => [y2027] });
    expect(years.map((y) => [y.year, y.origin])).toEqual([[2024, 'shipped'], [2025, 'shipped'], [2026, 'shipped'], [2027, 'admin']]);
    // Tue 12/29, Wed 12/30, Thu 12/31, (1/1 Fri off, weekend), Mon 1/4, Tue 1/5
    expect(new WorkingDayCalendar(years).nthWorkingDay('2026-12-29', 5)).toBe('2027-01-05');

    // An administrator's 2026 without 国庆: 10/1 becomes a working day.
    const own2026 = { ...y2027, year: 2026, source: '管理员版本', days: [{ date: '2026-01-01', kind: 'holiday' as const, name: '元旦' }] };
    const replaced = calendarYearsInForce({ list: () => [own2026] });
    expect(replaced.find((y) => y.year === 2026)).toMatchObject({ origin: 'admin', replacesShipped: true });
    expect(new WorkingDayCalendar(replaced).isWorkingDay('2026-10-01')).toBe(true);
  });
});

describe('checking a year', () => {
  const year = (days: CalendarYear['days']): CalendarYear => ({ year: 2027, source: 'x', days });

  it('a date outside the year, a date twice, a worked weekday and an empty name are errors, each located', () => {
    const issues = checkCalendarYear(
      year([
        { date: '2026-12-31', kind: 'holiday', name: '元旦' },
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-04', kind: 'workday', name: '调休' },
        { date: '2027-02-30', kind: 'holiday', name: '春节' },
        { date: '2027-03-01', kind: 'holiday', name: ' ' },
      ]),
    );
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/days/0/date', 'DATE_OUTSIDE_YEAR'],
      ['/days/2/date', 'DATE_DUPLICATE'],
      ['/days/3/kind', 'WORKDAY_ON_WEEKDAY'],
      ['/days/4/date', 'DATE_INVALID'],
      ['/days/5/name', 'NAME_EMPTY'],
    ]);
    expect(issues[2]!.message.zh).toContain('星期一');
    expect(() => new WorkingDayCalendar([year([{ date: '2027-01-04', kind: 'workday', name: '调休' }])])).toThrow(CalendarError);
  });

  it('a holiday on a weekend is accepted (the notice lists whole blocks) and changes nothing', () => {
    expect(checkCalendarYear(year([{ date: '2027-01-02', kind: 'holiday', name: '元旦' }]))).toEqual([]);
  });

  it('a calendar file is refused whole with the JSON pointer of each problem', () => {
    const bad = JSON.stringify({ years: [{ year: 2027, source: 's', days: [{ date: '2027-01-04', kind: 'workday', name: '调休' }] }] });
    expect(() => parseCalendarFile(bad, 'my.json')).toThrow(/my\.json.*\/years\/0\/days\/0\/kind/);
    expect(() => parseCalendarFile('{"years":[{"year":2027}]}', 'my.json')).toThrow(/my\.json/);
    expect(() => parseCalendarFile('nope', 'my.json')).toThrow(/not valid JSON/);
  });
});

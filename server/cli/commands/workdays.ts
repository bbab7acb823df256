// `pingshen workdays --from YYYY-MM-DD --days N [--explain] [--data-dir <dir>] [--calendar <file>]`:
// prints the date on which the N-th working day falls, counting the start day when it
// is a working day, with the shipped calendar (rules/process/holidays.json), the years
// an administrator stored in a data directory (--data-dir: the calendar the server
// counts with) and the years of --calendar (same format; a later source replaces a year). One line,
// so a script can use it; --explain adds each day of the period and why it counts or
// not. A year the calendar does not hold is an error (exit 1), never a guess.
import { readFile } from 'node:fs/promises';
import { isValidDate } from '../../../engine/dates';
import { calendarYearsInForce, parseCalendarFile, shippedCalendarYears } from '../../committee/calendar-source';
import { CalendarError, MAX_COUNT, WorkingDayCalendar, weekdayName, type CalendarYear } from '../../committee/working-days';
import { text } from '../../io/text';
import { UserError, usageError } from '../../io/user-error';
import { readCalendarOf } from '../../storage/index';
import { parseCommandArgs, required, type Cli } from '../cli';

export const workdaysUsage = text(
  'pingshen workdays --from <YYYY-MM-DD> --days <N> [--explain] [--data-dir <目录>] [--calendar <文件>]\n  输出第 N 个工作日所在的日期（起始日若是工作日则计为第 1 天），按法定节假日、调休上班日和新疆民族节日计算（rules/process/holidays.json）。\n  --explain 逐日列出计入和跳过的日子；--data-dir 加上管理员在该数据目录中维护的年份（与服务器所用日历一致）；--calendar 从文件（holidays.json 的格式）补充或替换年份。日历没有的年份不推算，报错退出。',
  'pingshen workdays --from <YYYY-MM-DD> --days <N> [--explain] [--data-dir <dir>] [--calendar <file>]\n  Prints the date on which the N-th working day falls (the start day counts as day 1 when it is a working day), with China\'s public holidays, worked weekend days and Xinjiang\'s festivals (rules/process/holidays.json).\n  --explain lists every day of the period, counted or skipped; --data-dir adds the years an administrator keeps in that data directory (the calendar the server counts with); --calendar adds or replaces years from a file in the holidays.json format. A year the calendar does not hold is an error, never guessed.',
);

async function extraYears(file: string): Promise<CalendarYear[]> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(text(`找不到日历文件 ${file}`, `No calendar file ${file}`));
    throw err;
  }
  return parseCalendarFile(source, file);
}

export async function workdaysCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { from: { type: 'string' }, days: { type: 'string' }, explain: { type: 'boolean' }, calendar: { type: 'string' }, 'data-dir': { type: 'string' } });
  if (values.help) return cli.out(cli.say(workdaysUsage)), 0;
  if (positionals.length > 0) throw usageError(text(`多余的参数：${positionals.join(' ')}`, `Unexpected argument: ${positionals.join(' ')}`));
  const from = required(values.from, '--from', text('起始日期', 'start date'));
  if (!isValidDate(from)) throw usageError(text(`--from 必须是有效的日期 YYYY-MM-DD，实际为 "${from}"`, `--from must be a valid date YYYY-MM-DD, got "${from}"`));
  const daysText = required(values.days, '--days', text('工作日数', 'working days'));
  const days = /^[1-9][0-9]*$/.test(daysText) ? Number(daysText) : NaN;
  if (!(days <= MAX_COUNT)) throw usageError(text(`--days 必须是 1 到 ${MAX_COUNT} 之间的整数，实际为 "${daysText}"`, `--days must be an integer from 1 to ${MAX_COUNT}, got "${daysText}"`));

  let inForce: CalendarYear[] = shippedCalendarYears();
  const dataDir = values['data-dir'];
  if (dataDir !== undefined) {
    const stored = await readCalendarOf(dataDir);
    if (!stored) throw new UserError(text(`${dataDir} 中没有评审数据（找不到 db.json）`, `No Pingshen data in ${dataDir} (no db.json)`));
    inForce = calendarYearsInForce({ list: () => stored }, inForce);
  }
  const years = new Map(inForce.map((y) => [y.year, y]));
  if (values.calendar !== undefined) for (const y of await extraYears(values.calendar)) years.set(y.year, y);
  let calendar: WorkingDayCalendar;
  let count;
  try {
    calendar = new WorkingDayCalendar([...years.values()]);
    count = calendar.count(from, days);
  } catch (err) {
    if (err instanceof CalendarError) throw new UserError(err.text);
    throw err;
  }
  cli.out(count.date);
  if (values.explain) {
    const skipped = new Map(count.skipped.map((s) => [s.date, s]));
    const all = [...count.counted, ...count.skipped.map((s) => s.date)].sort();
    for (const date of all) {
      const weekday = cli.say(weekdayName(new Date(`${date}T00:00:00Z`).getUTCDay()));
      const skip = skipped.get(date);
      if (!skip) {
        const n = count.counted.indexOf(date) + 1;
        const worked = calendar.day(date).kind === 'workday' ? `（${calendar.day(date).name}）` : '';
        cli.out(cli.say(text(`${date} ${weekday}  ✓ 第 ${n} 个工作日${worked}`, `${date} ${weekday}  ✓ working day ${n}${worked && ` (${calendar.day(date).name})`}`)));
      } else if (skip.reason === 'holiday') cli.out(cli.say(text(`${date} ${weekday}  — ${skip.name}（放假）`, `${date} ${weekday}  — ${skip.name} (day off)`)));
      else cli.out(cli.say(text(`${date} ${weekday}  — 周末`, `${date} ${weekday}  — weekend`)));
    }
  }
  return 0;
}

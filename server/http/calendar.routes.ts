// /calendar: the working-day calendar (holidays, worked weekends, Xinjiang festivals)
// and working-day counts. Everyone signed in reads it and counts with it (the
// publicity period is counted with it); administrators store a year — a new one, or
// their own version of a shipped one — and drop it again (the shipped year comes
// back). Every change is audited by the collection (calendar.put, calendar.remove).
import { Router } from 'express';
import { calendarInForce, calendarYearsInForce, shippedCalendarYears } from '../committee/calendar-source';
import { checkCalendarYear, MAX_COUNT, type CalendarYear } from '../committee/working-days';
import type { CalendarDay } from '../storage/index';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { date, list, nullable, object, ok, time } from './openapi-responses';
import { stageError } from './publicity.routes';
import { allow, authenticate, currentUser } from './roles';
import { validate, type Schema } from './validate-request';

const yearParams: Schema = { type: 'object', properties: { year: { type: 'string', pattern: '^(20[0-9]{2}|2100)$' } } };
const workdaysQuery: Schema = {
  type: 'object',
  required: ['from'],
  additionalProperties: false,
  properties: { from: { type: 'string', format: 'date' }, days: { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$', description: `1 to ${MAX_COUNT}` } },
};
const daySchema: Schema = {
  type: 'object',
  required: ['date', 'kind', 'name'],
  additionalProperties: false,
  properties: { date: { type: 'string', format: 'date' }, kind: { enum: ['holiday', 'workday'] }, name: { type: 'string', minLength: 1, maxLength: 50 } },
};
const yearBody: Schema = {
  type: 'object',
  required: ['source', 'days'],
  additionalProperties: false,
  properties: { source: { type: 'string', minLength: 1, maxLength: 1000 }, days: { type: 'array', maxItems: 366, items: daySchema } },
};

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, config, policy } = ctx;
  router.use(authenticate(ctx));

  const view = () => {
    const years = calendarYearsInForce(store.calendar);
    return { years, covered: years.map((y) => y.year), publicityWorkingDays: policy.publicity.workingDays };
  };

  router.get('/', allow('admin', 'official', 'committee', 'auditor'), (_req, res) => {
    res.json(view());
  });

  router.get('/workdays', allow('admin', 'official', 'committee', 'auditor'), validate({ query: workdaysQuery }), (req, res) => {
    const { from, days } = req.query as { from: string; days?: string };
    try {
      const { calendar } = calendarInForce(store.calendar);
      res.json(calendar.count(from, days === undefined ? policy.publicity.workingDays : Number(days)));
    } catch (err) {
      throw stageError(err);
    }
  });

  router.put('/years/:year', allow('admin'), validate({ params: yearParams, body: yearBody }), async (req, res) => {
    const year = Number(req.params.year);
    const { source, days } = req.body as { source: string; days: CalendarDay[] };
    const record: CalendarYear = { year, source: source.trim(), days: [...days].map((d) => ({ date: d.date, kind: d.kind, name: d.name.trim() })).sort((a, b) => a.date.localeCompare(b.date)) };
    // Sorted first, so each problem names the row the administrator sees in the sorted table.
    const issues = checkCalendarYear(record);
    if (issues.length > 0) {
      throw new HttpError(
        'VALIDATION_FAILED',
        { zh: issues.map((i) => i.message.zh).join('；'), en: issues.map((i) => i.message.en ?? i.message.zh).join('; ') },
        { issues: issues.map((i) => ({ in: 'body', pointer: i.pointer, keyword: i.code, message: i.message.en ?? i.message.zh, text: i.message, date: record.days[i.index]?.date })) },
      );
    }
    await store.calendar.put(record, { actor: currentUser(res).username, at: config.now() });
    res.json({ year: view().years.find((y) => y.year === year) });
  });

  router.delete('/years/:year', allow('admin'), validate({ params: yearParams }), async (req, res) => {
    const key = req.params.year as string;
    if (!store.calendar.get(key)) {
      const shipped = shippedCalendarYears().some((y) => String(y.year) === key);
      throw new HttpError(
        'NOT_FOUND',
        shipped
          ? { zh: `${key} 年是随系统提供的年份，没有管理员保存的版本可删除`, en: `${key} is a shipped year: there is no administrator's version to delete` }
          : { zh: `工作日历中没有管理员保存的 ${key} 年`, en: `No administrator's year ${key} in the calendar` },
        { year: Number(key), shipped },
      );
    }
    await store.calendar.remove(key, { actor: currentUser(res).username, at: config.now() });
    res.json({ year: view().years.find((y) => String(y.year) === key) ?? null });
  });
  return router;
}

const day = object(['date', 'kind', 'name'], { date, kind: { enum: ['holiday', 'workday'] }, name: { type: 'string' } });
const yearSchema = object(['year', 'source', 'days', 'origin', 'replacesShipped'], {
  year: { type: 'integer' },
  source: { type: 'string' },
  days: list(day),
  origin: { enum: ['shipped', 'admin'] },
  replacesShipped: { type: 'boolean' },
  updatedBy: { type: 'string' },
  updatedAt: time,
});

export const calendarResource: CommitteeResource = {
  mount: '/calendar',
  router,
  routes: [
    { method: 'get', path: '/calendar', summary: 'The working-day calendar in force: each year with its holidays and worked weekend days, and whose it is (origin shipped|admin)', roles: ['admin', 'official', 'committee', 'auditor'] },
    { method: 'get', path: '/calendar/workdays', summary: "The date of the N-th working day ?from&days (default: the policy's publicity days), the start day counted when a working day → { date, counted, skipped }; CALENDAR_NOT_COVERED for a year the calendar lacks", roles: ['admin', 'official', 'committee', 'auditor'] },
    { method: 'put', path: '/calendar/years/{year}', summary: "Store a year { source, days: [{ date, kind: holiday|workday, name }] } (a new year, or the administrator's version of a shipped one); audited", roles: ['admin'] },
    { method: 'delete', path: '/calendar/years/{year}', summary: "Drop the administrator's year (a shipped year comes back) → { year: the year now in force or null }; audited", roles: ['admin'] },
  ],
  responses: {
    'get /calendar': ok(object(['years', 'covered', 'publicityWorkingDays'], { years: list(yearSchema), covered: list({ type: 'integer' }), publicityWorkingDays: { type: 'integer' } })),
    'get /calendar/workdays': ok(
      object(['from', 'days', 'date', 'counted', 'skipped'], {
        from: date,
        days: { type: 'integer', minimum: 1 },
        date,
        counted: list(date),
        skipped: list(object(['date', 'reason'], { date, reason: { enum: ['weekend', 'holiday'] }, name: { type: 'string' } })),
      }),
    ),
    'put /calendar/years/{year}': ok(object(['year'], { year: yearSchema })),
    'delete /calendar/years/{year}': ok(object(['year'], { year: nullable(yearSchema) })),
  },
};

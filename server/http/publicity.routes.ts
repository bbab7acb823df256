// /sessions/:id/publicity…: the publicity period and list (公示), and finalising a
// session once the period is over. Administrators start the publicity and finalise;
// the list is read by administrators, the session's own committee and auditors. The
// period's end is counted with the working-day calendar in force and the policy's
// number of working days, both recorded on the session (the calendar years used and
// whose they were), so a later change of either never moves a past period.
import { Router, type Response } from 'express';
import { chinaToday } from '../committee/china-date';
import { calendarInForce } from '../committee/calendar-source';
import { checkFinalise, finaliseFrom, planPublicity, publicityRows, publicityWorkbook, PublicityError } from '../committee/publicity';
import { CalendarError } from '../committee/working-days';
import type { ReviewSession } from '../storage/index';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { date, list, nullable, object, ok, time } from './openapi-responses';
import { allow, authenticate, currentUser, requireSeries } from './roles';
import { validate, type Schema } from './validate-request';

export const sessionParams: Schema = { type: 'object', properties: { id: { type: 'string', pattern: '^session-[0-9]{4,}$' } } };
const startBody: Schema = { type: 'object', required: ['start'], additionalProperties: false, properties: { start: { type: 'string', format: 'date' } } };
const listQuery: Schema = { type: 'object', additionalProperties: false, properties: { format: { enum: ['json', 'xlsx'] } } };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The session, if this user may see it (committee members: their own series only). */
export function visibleSession(ctx: AppContext, res: Response, id: string): ReviewSession {
  const session = ctx.store.sessions.get(id);
  if (!session) throw new HttpError('NOT_FOUND', { zh: `没有评审会 ${id}`, en: `No review session ${id}` }, { id });
  const user = currentUser(res);
  if (user.role === 'committee') requireSeries(user, session.series);
  return session;
}

/** The stage's and the calendar's own errors as the API's. */
export function stageError(err: unknown): unknown {
  if (err instanceof PublicityError || err instanceof CalendarError) return new HttpError(err.code, err.text, err.details);
  return err;
}

/** Today in China time (Asia/Shanghai) by the server clock: the day a period is over is a Chinese calendar day. */
export const todayOf = (ctx: AppContext): string => chinaToday(ctx.config.now());

function publicityView(session: ReviewSession) {
  const { publicity } = session;
  return publicity ? { ...publicity, finaliseFrom: finaliseFrom(publicity) } : null;
}

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, config, policy } = ctx;
  router.use(authenticate(ctx));

  router.post('/:id/publicity', allow('admin'), validate({ params: sessionParams, body: startBody }), async (req, res) => {
    const user = currentUser(res);
    const id = req.params.id as string;
    visibleSession(ctx, res, id);
    const { start } = req.body as { start: string };
    const at = config.now();
    const today = chinaToday(at);
    let session: ReviewSession;
    try {
      const { calendar, years } = calendarInForce(store.calendar);
      session = await store.sessions.change(
        id,
        'publicity',
        (s) => {
          const planned = planPublicity(s, start, today, calendar, years, policy.publicity.workingDays, policy.meeting.passRule);
          s.publicity = { ...planned, startedBy: user.username, startedAt: at };
          s.status = 'publicity';
          return { start: planned.start, end: planned.end, today, heldOn: s.meeting!.heldOn, workingDays: planned.workingDays, counted: planned.counted, calendar: planned.calendar.map((y) => ({ year: y.year, origin: y.origin })), listed: planned.listed };
        },
        { actor: user.username, at },
      );
    } catch (err) {
      throw stageError(err);
    }
    res.json({ session, publicity: publicityView(session) });
  });

  router.get('/:id/publicity/list', allow('admin', 'committee', 'auditor'), validate({ params: sessionParams, query: listQuery }), async (req, res) => {
    const session = visibleSession(ctx, res, req.params.id as string);
    if (!session.publicity) {
      throw new HttpError('INVALID_TRANSITION', { zh: `评审会 ${session.id} 尚未开始公示`, en: `Review session ${session.id} has not started its publicity` }, { id: session.id, status: session.status });
    }
    if (req.query.format === 'xlsx') {
      const bytes = await publicityWorkbook(session);
      res.attachment(`${session.id}-公示名单.xlsx`);
      res.set('Content-Type', XLSX);
      res.send(bytes);
      return;
    }
    res.json({
      session: { id: session.id, title: session.title, series: session.series, level: session.level, year: session.year, status: session.status, finalisedAt: session.finalisedAt ?? null },
      publicity: publicityView(session),
      rows: publicityRows(session),
    });
  });

  router.post('/:id/finalise', allow('admin'), validate({ params: sessionParams }), async (_req, res) => {
    const user = currentUser(res);
    const id = _req.params.id as string;
    visibleSession(ctx, res, id);
    const at = config.now();
    const today = chinaToday(at);
    let session: ReviewSession;
    try {
      session = await store.sessions.change(
        id,
        'finalise',
        (s) => {
          checkFinalise(s, today);
          s.status = 'finalised';
          s.finalisedAt = at;
          const { start, end, workingDays, listed } = s.publicity!;
          return { today, start, end, workingDays, heldOn: s.meeting?.heldOn ?? null, listed };
        },
        { actor: user.username, at },
      );
    } catch (err) {
      throw stageError(err);
    }
    res.json({ session });
  });
  return router;
}

const calendarYearUsed = object(['year', 'origin', 'source'], { year: { type: 'integer' }, origin: { enum: ['shipped', 'admin'] }, source: { type: 'string' } });
export const publicitySchema = object(['start', 'end', 'workingDays', 'counted', 'calendar', 'listed', 'startedBy', 'startedAt', 'finaliseFrom'], {
  start: date,
  end: date,
  workingDays: { type: 'integer', minimum: 1 },
  counted: list(date),
  calendar: list(calendarYearUsed),
  listed: list({ type: 'string' }),
  startedBy: { type: 'string' },
  startedAt: time,
  finaliseFrom: date,
});
const sessionShape = object(['id', 'status'], { id: { type: 'string' }, status: { enum: ['preparing', 'drawn', 'meeting', 'voted', 'publicity', 'finalised'] }, finalisedAt: time });
const rowSchema = object(['no', 'applicantId', 'name', 'unit', 'series', 'level', 'score', 'yes', 'present', 'start', 'end'], {
  no: { type: 'integer', minimum: 1 },
  applicantId: { type: 'string' },
  name: nullable({ type: 'string' }),
  unit: nullable({ type: 'string' }),
  series: { type: 'string' },
  level: { type: 'string' },
  score: { type: 'number' },
  yes: { type: 'integer' },
  present: { type: 'integer' },
  start: date,
  end: date,
});

export const publicityResource: CommitteeResource = {
  mount: '/sessions',
  router,
  routes: [
    { method: 'post', path: '/sessions/{id}/publicity', summary: "Start the publicity { start }: the meeting's tallies closed (voted); start no earlier than today in China time (PUBLICITY_START_PAST) nor the meeting; end = the date of the policy's N-th working day counted from start (start included when a working day); lists the applicants who passed both parts of the pass rule → status publicity", roles: ['admin'] },
    { method: 'get', path: '/sessions/{id}/publicity/list', summary: 'The publicity list (公示名单) ?format=json|xlsx: 序号, 姓名, 单位, 系列, 级别, 评审得分, 表决 (同意/出席), 公示期 (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
    { method: 'post', path: '/sessions/{id}/finalise', summary: 'Finalise the results: from the day after the publicity period ends (China time), else PUBLICITY_NOT_OVER { end, today, from } → status finalised; the audit entry records the period (start, end), the meeting date and today', roles: ['admin'] },
  ],
  responses: {
    'post /sessions/{id}/publicity': ok(object(['session', 'publicity'], { session: sessionShape, publicity: publicitySchema })),
    'get /sessions/{id}/publicity/list': ok(
      object(['session', 'publicity', 'rows'], {
        session: object(['id', 'title', 'series', 'level', 'status'], { id: { type: 'string' }, title: { type: 'string' }, series: { type: 'string' }, level: { type: 'string' }, status: { type: 'string' }, finalisedAt: nullable(time) }),
        publicity: publicitySchema,
        rows: list(rowSchema),
      }),
      'JSON, or with format=xlsx the list as a workbook (attachment <id>-公示名单.xlsx)',
    ),
    'post /sessions/{id}/finalise': ok(object(['session'], { session: sessionShape })),
  },
};

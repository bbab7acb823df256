// /holders: directional title holders (取得定向职称人员) after the review. Each holder
// is shown with the appointment deadline (四(二)3: document date + the process value
// appointment.deadlineMonths; overdue from the day after) and where the title holds
// (二(二), 四(二)1: the engine's verdict with the `directional-use` ruleset in force
// today — valid, void outside southern Xinjiang, or appointed at the prior level in a
// non-participating unit). Administrators record holders by hand or from a finalised
// review session, record the appointment and moves; auditors read.
import { Router, type Response } from 'express';
import { parseDate } from '../../engine/dates';
import type { Applicant, CompiledRuleset } from '../../engine/index';
import { chinaToday } from '../committee/china-date';
import { passedApplicants } from '../committee/meeting';
import { appointmentStatus, isBefore, type AppointmentState, type AppointmentStatus } from '../committee/appointment';
import { LEVEL_IDS, SERIES_IDS } from '../committee/series-labels';
import {
  NoDirectionalUseRules,
  directionalUseInForce,
  judgeHolder,
  participatingUnits,
  type DirectionalUseRules,
  type TitleValidity,
} from '../committee/title-validity';
import type { Act, HolderRecord, ReviewSession } from '../storage/index';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { created, date, list, nullable, object, ok, ref, time } from './openapi-responses';
import { allow, authenticate, currentUser } from './roles';
import { validate, type Schema } from './validate-request';

/** Levels a holder may have held before the directional title, lowest first (the directional-use facts' options). */
export const PRIOR_LEVELS = ['none', 'junior', 'intermediate', 'deputy-senior'] as const;
const RANK: Record<string, number> = { none: 0, junior: 1, intermediate: 2, 'deputy-senior': 3, 'full-senior': 4 };

/**
 * The prefecture a holder imported from a session is recorded in unless the request
 * says otherwise: Pingshen serves Bayingolin's committees, whose applicants work there
 * (a holder outside it is entered or corrected by hand).
 */
export const HOME_PREFECTURE = '巴音郭楞蒙古自治州';

const STATES: AppointmentState[] = ['overdue', 'pending', 'appointed'];
const shortText = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' });
const fields = {
  name: shortText(40),
  series: { enum: [...SERIES_IDS] },
  level: { enum: [...LEVEL_IDS] },
  priorLevel: { enum: [...PRIOR_LEVELS] },
  unit: shortText(100),
  prefecture: shortText(40),
  documentNo: shortText(60),
  documentDate: { type: 'string', format: 'date' },
};
const createBody: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'series', 'level', 'priorLevel', 'unit', 'prefecture', 'documentNo', 'documentDate'],
  properties: { ...fields, appointedAt: { type: 'string', format: 'date' } },
};
const patchBody: Schema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...fields, appointedAt: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] } },
};
const listQuery: Schema = { type: 'object', additionalProperties: false, properties: { status: { enum: STATES }, series: { enum: [...SERIES_IDS] } } };
const idParams: Schema = { type: 'object', properties: { id: { type: 'string', pattern: '^holder-[0-9]{4,}$' } } };
const sessionParams: Schema = { type: 'object', properties: { sessionId: { type: 'string', pattern: '^session-[0-9]{4,}$' } } };
const importBody: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['documentNo', 'documentDate'],
  properties: {
    documentNo: fields.documentNo,
    documentDate: fields.documentDate,
    prefecture: fields.prefecture,
    /** What the run's records do not say, by applicant id (the answer to a MISSING list). */
    overrides: {
      type: 'object',
      maxProperties: 1000,
      additionalProperties: { type: 'object', additionalProperties: false, minProperties: 1, properties: { priorLevel: fields.priorLevel, unit: fields.unit, prefecture: fields.prefecture } },
    },
  },
};

type HolderInput = Omit<HolderRecord, 'id' | 'updatedBy' | 'updatedAt'>;

export interface HolderView extends HolderRecord {
  appointment: AppointmentStatus;
  /** Null when no directional-use version is in force today (nothing is guessed). */
  validity: Omit<TitleValidity, 'result'> | null;
}

function invalid(pointer: string, zh: string, en: string): HttpError {
  return new HttpError('VALIDATION_FAILED', { zh, en }, { issues: [{ in: 'body', pointer, keyword: 'holder', message: en }] });
}

/** What JSON Schema cannot say: real calendar dates, none in the future, appointment after the document, prior level below the title. */
function checkHolder(h: HolderInput, today: string): void {
  for (const key of ['documentDate', 'appointedAt'] as const) {
    const value = h[key];
    if (value === undefined) continue;
    if (!parseDate(value)) throw invalid(`/${key}`, `${value} 不是有效日期`, `${value} is not a calendar date`);
    if (isBefore(today, value)) throw invalid(`/${key}`, `${value} 晚于今天（${today}）`, `${value} is after today (${today})`);
  }
  if (h.appointedAt !== undefined && isBefore(h.appointedAt, h.documentDate)) {
    throw invalid('/appointedAt', `聘任日期 ${h.appointedAt} 早于资格文件日期 ${h.documentDate}`, `Appointed ${h.appointedAt}, before the document of ${h.documentDate}`);
  }
  if (RANK[h.priorLevel]! >= RANK[h.level]!) {
    throw invalid('/priorLevel', `原层级应低于定向职称层级（${h.level}）`, `The prior level must be below the title level (${h.level})`);
  }
}

function trimmed(h: HolderInput): HolderInput {
  const out = { ...h, name: h.name.trim(), unit: h.unit.trim(), prefecture: h.prefecture.trim(), documentNo: h.documentNo.trim() };
  if (out.appointedAt === undefined) delete out.appointedAt;
  return out;
}

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, policy } = ctx;
  const rules: DirectionalUseRules = { inForce: (id, asOf) => ctx.resolver.source.inForce(id, asOf), compile: (r) => ctx.resolver.compile(r) };
  router.use(authenticate(ctx));

  // Holder writes one at a time: ids are numbered from the list, and an import must
  // see the holders an earlier import made (idempotent), which a queued commit would not yet show.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const today = () => chinaToday(ctx.config.now());
  const act = (res: Response): Act => ({ actor: currentUser(res).username, at: ctx.config.now() });
  const months = () => policy.appointment.deadlineMonths;

  /** The directional-use version in force today, or null; a judge for many holders with one compile and one quota read. */
  const judge = async (asOf: string): Promise<((h: HolderRecord) => TitleValidity) | null> => {
    let compiled: CompiledRuleset;
    try {
      compiled = await directionalUseInForce(rules, asOf);
    } catch (err) {
      if (err instanceof NoDirectionalUseRules) return null;
      throw err;
    }
    const participating = participatingUnits(store.quotas.list());
    return (h) => judgeHolder(compiled, h, participating, asOf);
  };

  const view = (h: HolderRecord, day: string, judged: TitleValidity | null): HolderView => {
    const { result: _full, ...validity } = judged ?? ({} as TitleValidity);
    return { ...h, appointment: appointmentStatus(h, day, months()), validity: judged ? validity : null };
  };

  const holderOf = (id: string): HolderRecord => {
    const h = store.holders.get(id);
    if (!h) throw new HttpError('NOT_FOUND', { zh: `没有定向职称人员 ${id}`, en: `No title holder ${id}` }, { id });
    return h;
  };

  const nextIds = (count: number): string[] => {
    const max = store.holders.list().reduce((m, h) => Math.max(m, Number(/^holder-(\d+)$/.exec(h.id)?.[1] ?? 0)), 0);
    return Array.from({ length: count }, (_, i) => `holder-${String(max + i + 1).padStart(4, '0')}`);
  };

  /** One holder with the engine's full result (null, like its validity, when no directional-use version is in force today). */
  const detail = async (h: HolderRecord) => {
    const day = today();
    const judged = await judge(day);
    const validity = judged ? judged(h) : null;
    return { holder: view(h, day, validity), result: validity ? validity.result : null };
  };

  router.get('/', allow('admin', 'auditor'), validate({ query: listQuery }), async (req, res) => {
    const { status, series } = req.query as { status?: AppointmentState; series?: string };
    const day = today();
    const judged = await judge(day);
    const all = store.holders.list().filter((h) => series === undefined || h.series === series).map((h) => view(h, day, judged ? judged(h) : null));
    const counts = { all: all.length, overdue: 0, pending: 0, appointed: 0 };
    for (const h of all) counts[h.appointment.state]++;
    const holders = status === undefined ? all : all.filter((h) => h.appointment.state === status);
    res.json({ holders, today: day, deadlineMonths: months(), counts, rulesInForce: judged !== null });
  });

  router.get('/:id', allow('admin', 'auditor'), validate({ params: idParams }), async (req, res) => {
    res.json(await detail(holderOf(req.params.id as string)));
  });

  router.post('/', allow('admin'), validate({ body: createBody }), async (req, res) => {
    const input = trimmed(req.body as HolderInput);
    checkHolder(input, today());
    const stored = await serial(async () => {
      const [id] = nextIds(1);
      return store.holders.put({ ...input, id: id! }, act(res));
    });
    res.status(201).json(await detail(stored));
  });

  router.patch('/:id', allow('admin'), validate({ params: idParams, body: patchBody }), async (req, res) => {
    const change = req.body as Partial<HolderInput> & { appointedAt?: string | null };
    const day = today();
    const { before, after } = await serial(async () => {
      const before = holderOf(req.params.id as string);
      const { updatedBy: _by, updatedAt: _at, ...current } = before;
      const merged = { ...current, ...change } as HolderInput & { id: string; appointedAt?: string | null };
      if (merged.appointedAt === null) delete merged.appointedAt;
      const next = { ...trimmed(merged as HolderInput), id: before.id };
      checkHolder(next, day);
      return { before, after: await store.holders.put(next, act(res)) };
    });
    const out = await detail(after);
    // A move (another unit or prefecture) is recorded with the verdict it led to, so
    // the audit log says why a holder's level changed, and under which rule version.
    const validity = out.holder.validity;
    if (before.unit !== after.unit || before.prefecture !== after.prefecture) {
      await store.audit.record({
        ...act(res),
        action: 'holder.move',
        target: `holder:${after.id}`,
        details: {
          from: { unit: before.unit, prefecture: before.prefecture },
          to: { unit: after.unit, prefecture: after.prefecture },
          validity: validity?.validity ?? null,
          effectiveLevel: validity?.effectiveLevel ?? null,
          ruleset: validity?.ruleset ?? null,
          asOf: day,
        },
      });
    }
    res.json(out);
  });

  router.post('/from-session/:sessionId', allow('admin'), validate({ params: sessionParams, body: importBody }), async (req, res) => {
    const body = req.body as { documentNo: string; documentDate: string; prefecture?: string; overrides?: Record<string, { priorLevel?: string; unit?: string; prefecture?: string }> };
    const sessionId = req.params.sessionId as string;
    const session = store.sessions.get(sessionId);
    if (!session) throw new HttpError('NOT_FOUND', { zh: `找不到评审会 ${sessionId}`, en: `No review session ${sessionId}` }, { id: sessionId });
    if (session.status !== 'finalised') {
      throw new HttpError('INVALID_TRANSITION', { zh: `评审会 ${sessionId} 尚未确定结果（${session.status}），不能登记定向职称人员`, en: `Session ${sessionId} is not finalised (${session.status}): no holders yet` }, { id: sessionId, status: session.status });
    }
    const day = today();
    const { created: made, existing } = await serial(async () => {
      const already = new Map(store.holders.list().filter((h) => h.sessionId === sessionId && h.applicantId !== undefined).map((h) => [h.applicantId!, h.id]));
      // Who passed both parts of the pass rule (meeting.ts verdict), nobody else.
      const passedIds = new Set(passedApplicants(session, policy.meeting.passRule));
      const passed = (session.meeting?.results ?? []).filter((r) => passedIds.has(r.applicantId));
      const existing = passed.filter((r) => already.has(r.applicantId)).map((r) => ({ applicantId: r.applicantId, holderId: already.get(r.applicantId)! }));
      const fresh = passed.filter((r) => !already.has(r.applicantId));
      const records = await applicantRecords(ctx, session, fresh.map((r) => r.applicantId));
      const inputs: HolderInput[] = [];
      const missing: Array<{ applicantId: string; name: string | null; fields: string[] }> = [];
      for (const r of fresh) {
        const own = body.overrides?.[r.applicantId] ?? {};
        const record = records.get(r.applicantId);
        const candidate = session.candidates.find((c) => c.applicantId === r.applicantId);
        const priorLevel = own.priorLevel ?? priorLevelOf(record, session.level);
        const unit = own.unit ?? r.unit ?? candidate?.unit ?? textFact(record, 'unitName');
        const gaps = [...(priorLevel === undefined ? ['priorLevel'] : []), ...(unit === undefined ? ['unit'] : [])];
        if (gaps.length > 0) {
          missing.push({ applicantId: r.applicantId, name: r.name ?? candidate?.name ?? null, fields: gaps });
          continue;
        }
        inputs.push(
          trimmed({
            name: r.name ?? candidate?.name ?? textFact(record, 'name') ?? r.applicantId,
            series: session.series,
            level: session.level,
            priorLevel: priorLevel!,
            unit: unit!,
            prefecture: own.prefecture ?? body.prefecture ?? HOME_PREFECTURE,
            documentNo: body.documentNo,
            documentDate: body.documentDate,
            sessionId,
            applicantId: r.applicantId,
          }),
        );
      }
      if (missing.length > 0) {
        throw new HttpError(
          'VALIDATION_FAILED',
          { zh: `${missing.length} 名通过人员缺少原层级或单位，请补充后再导入（未导入任何人）`, en: `${missing.length} passed candidate(s) lack a prior level or unit; give them in overrides (nothing was imported)` },
          { missing, issues: missing.map((m) => ({ in: 'body', pointer: `/overrides/${m.applicantId}`, keyword: 'required', message: `needs ${m.fields.join(', ')}` })) },
        );
      }
      for (const [i, input] of inputs.entries()) {
        try {
          checkHolder(input, day);
        } catch (err) {
          if (err instanceof HttpError) throw new HttpError(err.code, { zh: `${input.name}：${(err.details.text as { zh: string }).zh}`, en: `${input.applicantId}: ${err.message}` }, { ...err.details, applicantId: fresh[i]!.applicantId });
          throw err;
        }
      }
      if (inputs.length === 0) return { created: [] as HolderRecord[], existing };
      const ids = nextIds(inputs.length);
      const created = await store.holders.putMany(
        inputs.map((h, i) => ({ ...h, id: ids[i]! })),
        { ...act(res), source: `${sessionId} ${body.documentNo} ${body.documentDate}` },
      );
      return { created, existing };
    });
    const judged = await judge(day);
    res.json({ created: made.map((h) => view(h, day, judged ? judged(h) : null)), existing });
  });

  return router;
}

/** The run's records of these applicants, when the run and its input can still be read (else none: the caller asks). */
async function applicantRecords(ctx: AppContext, session: ReviewSession, ids: string[]): Promise<Map<string, Applicant>> {
  const out = new Map<string, Applicant>();
  if (ids.length === 0) return out;
  const run = ctx.store.runs.get(session.runId);
  const version = ctx.store.rulesets.get(session.rulesetId, session.version);
  if (!run || !version) return out;
  try {
    const compiled = await ctx.resolver.compile(version);
    for (const id of ids) {
      const record = await ctx.runService.applicantRecord(run, compiled, id);
      if (record) out.set(id, record);
    }
  } catch {
    // The run's input is gone or unreadable: the prior levels are asked for instead.
  }
  return out;
}

/** The level held before this title: the applicant's current title in the run (bz-common's currentTitle), when it is below the session's level. */
function priorLevelOf(record: Applicant | undefined, level: string): string | undefined {
  const current = record?.currentTitle;
  if (typeof current !== 'string' || !(PRIOR_LEVELS as readonly string[]).includes(current)) return undefined;
  return RANK[current]! < RANK[level]! ? current : undefined;
}

function textFact(record: Applicant | undefined, id: string): string | undefined {
  const v = record?.[id];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

// ── OpenAPI
const appointment = object(['deadline', 'deadlineMonths', 'state'], {
  deadline: date,
  deadlineMonths: { type: 'integer' },
  state: { enum: STATES },
  onTime: { type: 'boolean' },
  daysLate: { type: 'integer' },
  daysLeft: { type: 'integer' },
});
const validity = object(['validity', 'effectiveLevel', 'failed', 'ruleset', 'asOf'], {
  validity: { enum: ['valid', 'reverts', 'void'] },
  effectiveLevel: { type: 'string' },
  failed: list(object(['id', 'title', 'explanation'], { id: { type: 'string' }, title: { type: 'string' }, explanation: { type: 'string' } })),
  ruleset: object(['id', 'version', 'hash'], { id: { type: 'string' }, version: { type: 'integer' }, hash: { type: 'string' } }),
  asOf: date,
});
const holder = object(['id', 'name', 'series', 'level', 'priorLevel', 'unit', 'prefecture', 'documentNo', 'documentDate', 'updatedBy', 'updatedAt', 'appointment', 'validity'], {
  id: { type: 'string', pattern: '^holder-[0-9]{4,}$' },
  name: { type: 'string' },
  series: { type: 'string' },
  level: { type: 'string' },
  priorLevel: { type: 'string' },
  unit: { type: 'string' },
  prefecture: { type: 'string' },
  documentNo: { type: 'string' },
  documentDate: date,
  appointedAt: date,
  sessionId: { type: 'string' },
  applicantId: { type: 'string' },
  updatedBy: { type: 'string' },
  updatedAt: time,
  appointment,
  validity: nullable(validity),
});
const detailSchema = object(['holder', 'result'], { holder, result: nullable(ref('EvaluationResult')) });

export const holdersResource: CommitteeResource = {
  mount: '/holders',
  router,
  routes: [
    { method: 'get', path: '/holders', summary: 'Title holders with the appointment deadline and where the title holds (?status=overdue|pending|appointed&series)', roles: ['admin', 'auditor'] },
    { method: 'get', path: '/holders/{id}', summary: "One holder with the directional-use engine result in force today", roles: ['admin', 'auditor'] },
    { method: 'post', path: '/holders', summary: 'Record a holder { name, series, level, priorLevel, unit, prefecture, documentNo, documentDate, appointedAt? }', roles: ['admin'] },
    { method: 'patch', path: '/holders/{id}', summary: 'Record the appointment (appointedAt) or a move (unit, prefecture: audited, validity recomputed), or correct a field', roles: ['admin'] },
    { method: 'post', path: '/holders/from-session/{sessionId}', summary: "A finalised session's passed candidates become holders { documentNo, documentDate, prefecture?, overrides? } (idempotent)", roles: ['admin'] },
  ],
  responses: {
    'get /holders': ok(
      object(['holders', 'today', 'deadlineMonths', 'counts', 'rulesInForce'], {
        holders: list(holder),
        today: date,
        deadlineMonths: { type: 'integer' },
        counts: object(['all', 'overdue', 'pending', 'appointed'], { all: { type: 'integer' }, overdue: { type: 'integer' }, pending: { type: 'integer' }, appointed: { type: 'integer' } }),
        rulesInForce: { type: 'boolean' },
      }),
    ),
    'get /holders/{id}': ok(detailSchema),
    'post /holders': created(detailSchema),
    'patch /holders/{id}': ok(detailSchema),
    'post /holders/from-session/{sessionId}': ok(
      object(['created', 'existing'], { created: list(holder), existing: list(object(['applicantId', 'holderId'], { applicantId: { type: 'string' }, holderId: { type: 'string' } })) }),
      'The holders created now, and those an earlier import already made',
    ),
  },
};

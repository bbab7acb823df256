// /experts: the expert pool (专家库) the HR bureau keeps, from which review sessions
// draw their members. Administrators add, edit, disable and import experts;
// auditors read. Committee members do not see the pool: who could be drawn is not
// theirs to know before the draw. There is no hard delete — past draws name
// experts by id — so an expert who leaves is disabled. Every change is audited
// (expert.put, expert.import) by the collection.
import { Router } from 'express';
import { chinaToday } from '../committee/china-date';
import { mergeImport, nextExpertIds, readExperts } from '../committee/expert-import';
import { checkExpert, termStatus, type ExpertFields, type ExpertIssue } from '../committee/expert-validation';
import { UserError } from '../io/user-error';
import type { ExpertRecord } from '../storage/index';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { rawFileBody } from './raw-body';
import { created, date, list, object, ok, ref, text as textSchema, time } from './openapi-responses';
import { allow, authenticate, currentUser } from './roles';
import { validate, type Schema } from './validate-request';

const conflictSchema: Schema = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: {
    applicantId: { type: 'string', minLength: 1, maxLength: 64 },
    unit: { type: 'string', minLength: 1, maxLength: 100 },
    reason: { type: 'string', minLength: 1, maxLength: 200 },
  },
};
const fieldSchemas: Record<keyof ExpertFields, Schema> = {
  name: { type: 'string', minLength: 1, maxLength: 50 },
  series: { type: 'string', minLength: 1, maxLength: 40 },
  level: { type: 'string', minLength: 1, maxLength: 40 },
  unit: { type: 'string', minLength: 1, maxLength: 100 },
  county: { type: 'string', minLength: 1, maxLength: 50 },
  termStart: { type: 'string', format: 'date' },
  termEnd: { type: 'string', format: 'date' },
  conflicts: { type: 'array', maxItems: 100, items: conflictSchema },
};
const createBody: Schema = {
  type: 'object',
  required: ['name', 'series', 'level', 'unit', 'county', 'termStart', 'termEnd'],
  additionalProperties: false,
  properties: fieldSchemas,
};
const patchBody: Schema = { type: 'object', minProperties: 1, additionalProperties: false, properties: { ...fieldSchemas, disabled: { type: 'boolean' } } };
const idParams: Schema = { type: 'object', properties: { id: { type: 'string', pattern: '^exp-[0-9]{4,}$' } } };
const listQuery: Schema = { type: 'object', additionalProperties: false, properties: { series: { type: 'string', maxLength: 40 } } };
const importQuery: Schema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 255 }, validRowsOnly: { enum: ['true', 'false'] } },
};

export type ExpertView = ExpertRecord & { termStatus: ReturnType<typeof termStatus> };

const view = (expert: ExpertRecord, today: string): ExpertView => ({ ...expert, termStatus: termStatus(expert, today) });

/** The form's problems as VALIDATION_FAILED, each with the JSON pointer of its field. */
function invalidExpert(issues: ExpertIssue[]): HttpError {
  const found = issues.map((i) => ({
    in: 'body',
    pointer: i.index !== undefined ? `/${i.field}/${i.index}` : `/${i.field}`,
    keyword: i.code,
    message: i.message.en ?? i.message.zh,
    text: i.message,
  }));
  return new HttpError('VALIDATION_FAILED', { zh: issues.map((i) => i.message.zh).join('；'), en: issues.map((i) => i.message.en ?? i.message.zh).join('; ') }, { issues: found });
}

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, config, policy } = ctx;
  const act = (username: string) => ({ actor: username, at: config.now() });
  const today = () => chinaToday(config.now());
  const maxYears = () => policy.committee.expertTermMaxYears;

  // Ids are assigned from the pool as it is; one change at a time, so two requests never take the same id.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const rawBody = rawFileBody(config.uploadLimit);

  const found = (id: string): ExpertRecord => {
    const expert = store.experts.get(id);
    if (!expert) throw new HttpError('NOT_FOUND', { zh: `专家库中没有 ${id}`, en: `No expert ${id} in the pool` }, { id });
    return expert;
  };

  router.use(authenticate(ctx));

  router.get('/', allow('admin', 'auditor'), validate({ query: listQuery }), (req, res) => {
    const { series } = req.query as { series?: string };
    const on = today();
    const experts = store.experts.list().filter((e) => series === undefined || e.series === series);
    res.json({ experts: experts.map((e) => view(e, on)), today: on, termMaxYears: maxYears() });
  });

  router.post('/', allow('admin'), validate({ body: createBody }), async (req, res) => {
    const body = req.body as Omit<ExpertFields, 'conflicts'> & { conflicts?: ExpertFields['conflicts'] };
    const fields: ExpertFields = { ...body, name: body.name.trim(), unit: body.unit.trim(), county: body.county.trim(), conflicts: body.conflicts ?? [] };
    const issues = checkExpert(fields, maxYears());
    if (issues.length > 0) throw invalidExpert(issues);
    const user = currentUser(res);
    const expert = await serial(() => store.experts.put({ ...fields, id: nextExpertIds(store.experts.list(), 1)[0]!, disabled: false }, act(user.username)));
    res.status(201).json({ expert: view(expert, today()) });
  });

  router.patch('/:id', allow('admin'), validate({ params: idParams, body: patchBody }), async (req, res) => {
    const user = currentUser(res);
    const id = req.params.id as string;
    const change = req.body as Partial<ExpertFields> & { disabled?: boolean };
    const expert = await serial(async () => {
      const { updatedBy: _by, updatedAt: _at, ...current } = found(id);
      const next = { ...current, ...change, id };
      const issues = checkExpert(next, maxYears());
      if (issues.length > 0) throw invalidExpert(issues);
      return store.experts.put(next, act(user.username));
    });
    res.json({ expert: view(expert, today()) });
  });

  router.post('/import', allow('admin'), validate({ query: importQuery }), rawBody, async (req, res) => {
    const name = (req.query.name as string).split(/[\\/]/).pop()!.trim();
    const validRowsOnly = req.query.validRowsOnly === 'true';
    if (!Buffer.isBuffer(req.body)) {
      throw new HttpError('VALIDATION_FAILED', { zh: '请以 application/octet-stream 发送文件内容', en: 'Send the file as the request body with Content-Type application/octet-stream' }, { issues: [{ in: 'headers', pointer: '/content-type', message: 'must be application/octet-stream' }] });
    }
    let check;
    try {
      check = await readExperts(req.body, name, maxYears());
    } catch (err) {
      if (err instanceof UserError) throw new HttpError(/\.(xlsx|csv)$/i.test(name) ? 'UPLOAD_UNREADABLE' : 'UNSUPPORTED_FILE', err.text, { name });
      throw err;
    }
    const { rows, valid, invalidRows, invalid, notices } = check;
    if (invalidRows > 0 && !validRowsOnly) {
      throw new HttpError(
        'ROWS_INVALID',
        { zh: `${invalidRows} 行数据有误，未导入（修正后重新导入，或只导入有效的行）`, en: `${invalidRows} invalid row(s); nothing was imported (fix the file, or import the valid rows only)` },
        { rows, valid, invalidRows, invalid, notices },
      );
    }
    if (valid === 0) throw new HttpError('NO_VALID_ROWS', { zh: `${name}：没有可导入的专家`, en: `${name}: no valid expert to import` }, { rows, invalid });
    const user = currentUser(res);
    const result = await serial(async () => {
      const merged = mergeImport(store.experts.list(), check.experts);
      const stored = await store.experts.putMany(merged.records, { ...act(user.username), source: name });
      return { ...merged, stored };
    });
    const on = today();
    res.json({ rows, valid, invalidRows, invalid, notices, added: result.added, updated: result.updated, experts: result.stored.map((e) => view(e, on)) });
  });

  return router;
}

const expertSchema: Schema = object(['id', 'name', 'series', 'level', 'unit', 'county', 'termStart', 'termEnd', 'conflicts', 'disabled', 'termStatus', 'updatedBy', 'updatedAt'], {
  id: { type: 'string', pattern: '^exp-[0-9]{4,}$' },
  name: { type: 'string' },
  series: { type: 'string' },
  level: { type: 'string' },
  unit: { type: 'string' },
  county: { type: 'string' },
  termStart: date,
  termEnd: date,
  conflicts: list(object(['reason'], { applicantId: { type: 'string' }, unit: { type: 'string' }, reason: { type: 'string' } })),
  disabled: { type: 'boolean' },
  termStatus: { enum: ['active', 'expired', 'future'] },
  updatedBy: { type: 'string' },
  updatedAt: time,
});
const expertOnly = object(['expert'], { expert: expertSchema });

export const expertsResource: CommitteeResource = {
  mount: '/experts',
  router,
  routes: [
    { method: 'get', path: '/experts', summary: 'The expert pool (?series=), each with its term status on today\'s date in China', roles: ['admin', 'auditor'] },
    { method: 'post', path: '/experts', summary: 'Add an expert { name, series, level, unit, county, termStart, termEnd, conflicts? }; the id is assigned (exp-0001…); the term at most committee-policy expertTermMaxYears', roles: ['admin'] },
    { method: 'patch', path: '/experts/{id}', summary: 'Edit an expert\'s fields or disable them { disabled: true } (no deletion: past draws name them)', roles: ['admin'] },
    { method: 'post', path: '/experts/import', summary: 'Import experts from a raw .xlsx/.csv body (?name=, &validRowsOnly=true); columns 姓名/系列/职称级别/单位/所在县市/任期开始/任期结束/回避; every bad row listed; same name+series+unit updates in place', roles: ['admin'] },
  ],
  responses: {
    'get /experts': ok(object(['experts', 'today', 'termMaxYears'], { experts: list(expertSchema), today: date, termMaxYears: { type: 'integer' } })),
    'post /experts': created(expertOnly),
    'patch /experts/{id}': ok(expertOnly),
    'post /experts/import': ok(
      object(['rows', 'valid', 'invalidRows', 'invalid', 'notices', 'added', 'updated', 'experts'], {
        rows: { type: 'integer' },
        valid: { type: 'integer' },
        invalidRows: { type: 'integer' },
        invalid: list(ref('InvalidRow')),
        notices: list(textSchema),
        added: { type: 'integer' },
        updated: { type: 'integer' },
        experts: list(expertSchema),
      }),
    ),
  },
};

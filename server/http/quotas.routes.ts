// /quotas: approved directional posts (核定的定向岗位职数) per unit × series × level.
// Administrators keep the table (one row at a time, or an .xlsx/.csv import: every
// bad row listed, nothing stored unless only the valid rows are asked for — the
// contract of POST /runs); everyone of the committee process reads it (committee
// members: their own series). The export is the import format, so it doubles as
// the template. GET /quotas/runs/{runId}: a batch run's ranking summarised per
// unit — posts, contenders, recommended, over quota (server/committee/run-quota.ts).
import { Router, type Response } from 'express';
import { quotaFileName, writeQuotaTable } from '../committee/quota-export';
import { QUOTA_FORMATS, quotaFormat, readQuotaTable, type QuotaFormat, type QuotaTable } from '../committee/quota-import';
import { unitKey } from '../committee/quota-ranking';
import { rankWithinQuotas } from '../committee/run-quota';
import { LEVEL_IDS, SERIES_IDS } from '../committee/series-labels';
import { UserError } from '../io/user-error';
import { quotaKey, type QuotaRecord, type RunRecord } from '../storage/index';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { rawFileBody } from './raw-body';
import { created, list, noContent, nullable, object, ok, ref, text as textSchema, time, type ResponseSpec } from './openapi-responses';
import type { RouteDoc } from './openapi';
import { allow, authenticate, currentUser, requireSeries } from './roles';
import { validate } from './validate-request';

const series = { enum: [...SERIES_IDS] };
const level = { enum: [...LEVEL_IDS] };
const unit = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' };
const listQuery = { type: 'object', additionalProperties: false, properties: { series, level } };
const keyQuery = { type: 'object', required: ['unit', 'series', 'level'], additionalProperties: false, properties: { unit, series, level } };
const putBody = {
  type: 'object',
  required: ['unit', 'series', 'level', 'posts'],
  additionalProperties: false,
  properties: { unit, series, level, posts: { type: 'integer', minimum: 0, maximum: 100000 }, note: { type: 'string', maxLength: 500 } },
};
const importQuery = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 255 }, validRowsOnly: { enum: ['true', 'false'] } },
};
const exportQuery = { type: 'object', required: ['format'], additionalProperties: false, properties: { format: { enum: [...QUOTA_FORMATS] }, series, level } };
const runParams = { type: 'object', properties: { runId: { type: 'string', pattern: '^run-[0-9]{6,}$' } } };

const CONTENT_TYPE: Record<QuotaFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Committee members read their own series only: a series they name must be theirs, and none means theirs. */
function seriesFilter(res: Response, asked: string | undefined): string | undefined {
  const user = currentUser(res);
  if (user.role !== 'committee') return asked;
  requireSeries(user, asked ?? user.series);
  return user.series;
}

/** Per series × level: how many units and posts (the totals the studio shows). */
function totals(quotas: QuotaRecord[]) {
  const by = new Map<string, { series: string; level: string; units: number; posts: number }>();
  for (const q of quotas) {
    const key = `${q.series}|${q.level}`;
    const t = by.get(key) ?? { series: q.series, level: q.level, units: 0, posts: 0 };
    t.units++;
    t.posts += q.posts;
    by.set(key, t);
  }
  return [...by.values()];
}

const tableView = (table: QuotaTable) => ({ rows: table.rows, valid: table.valid, invalidRows: table.invalidRows, invalid: table.invalid, notices: table.notices });
const fileName = (raw: string) => raw.split(/[\\/]/).pop()!.trim();

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const rawBody = rawFileBody(config.uploadLimit);
  router.use(authenticate(ctx));

  const listed = (res: Response, query: { series?: string; level?: string }) => {
    const wanted = seriesFilter(res, query.series);
    return store.quotas.list().filter((q) => (wanted === undefined || q.series === wanted) && (query.level === undefined || q.level === query.level));
  };

  router.get('/', allow('admin', 'committee', 'auditor'), validate({ query: listQuery }), (req, res) => {
    const quotas = listed(res, req.query as { series?: string; level?: string });
    res.json({ quotas, totals: totals(quotas) });
  });

  router.put('/', allow('admin'), validate({ body: putBody }), async (req, res) => {
    const body = req.body as { unit: string; series: string; level: string; posts: number; note?: string };
    const quota = { unit: body.unit.trim(), series: body.series, level: body.level, posts: body.posts, ...(body.note?.trim() ? { note: body.note.trim() } : {}) };
    const stored = await store.quotas.put(quota, { actor: currentUser(res).username, at: config.now() });
    res.json({ quota: stored });
  });

  router.delete('/', allow('admin'), validate({ query: keyQuery }), async (req, res) => {
    const { unit: u, series: s, level: l } = req.query as { unit: string; series: string; level: string };
    const key = quotaKey({ unit: u.trim(), series: s, level: l });
    if (!store.quotas.get(key)) {
      throw new HttpError('NOT_FOUND', { zh: `没有「${u.trim()}」${s} ${l} 的核定职数`, en: `No approved posts for ${u.trim()}, ${s}, ${l}` }, { unit: u.trim(), series: s, level: l });
    }
    await store.quotas.remove(key, { actor: currentUser(res).username, at: config.now() });
    res.status(204).end();
  });

  router.post('/import', allow('admin'), validate({ query: importQuery }), (req, _res, next) => {
    const name = fileName(req.query.name as string);
    if (!quotaFormat(name)) {
      throw new HttpError('UNSUPPORTED_FILE', { zh: `${name}：不支持的文件类型，请上传 .xlsx 或 .csv 文件`, en: `${name}: unsupported file type; upload a .xlsx or .csv file` }, { name, extensions: QUOTA_FORMATS });
    }
    next();
  }, rawBody, async (req, res) => {
    const name = fileName(req.query.name as string);
    if (!Buffer.isBuffer(req.body)) {
      throw new HttpError('VALIDATION_FAILED', { zh: '请以 application/octet-stream 发送文件内容', en: 'Send the file as the request body with Content-Type application/octet-stream' }, { issues: [{ in: 'headers', pointer: '/content-type', message: 'must be application/octet-stream' }] });
    }
    if (req.body.length === 0) throw new HttpError('UPLOAD_UNREADABLE', { zh: `${name}：文件为空`, en: `${name}: the file is empty` }, { name });
    let table: QuotaTable;
    try {
      table = await readQuotaTable(req.body, name);
    } catch (err) {
      if (err instanceof UserError) throw new HttpError('UPLOAD_UNREADABLE', err.text, { name });
      throw err;
    }
    if (table.invalid.length > 0 && req.query.validRowsOnly !== 'true') {
      throw new HttpError(
        'ROWS_INVALID',
        { zh: `${table.invalidRows || table.invalid.length} 行数据有误，未导入（修正后重新上传，或只导入有效的行）`, en: `${table.invalidRows || table.invalid.length} invalid row(s); nothing was imported (fix the file, or import the valid rows only)` },
        tableView(table),
      );
    }
    if (table.valid === 0) throw new HttpError('NO_VALID_ROWS', { zh: `${name}：没有可导入的有效行`, en: `${name}: no valid row to import` }, tableView(table));
    // Rows of the file replace the same unit × series × level; other rows of the table stay.
    const stored = await store.quotas.putMany(
      table.quotas.map(({ row: _row, ...q }) => q),
      { actor: currentUser(res).username, at: config.now(), source: name },
    );
    res.status(201).json({ ...tableView(table), imported: stored.length, quotas: stored });
  });

  router.get('/export', allow('admin', 'committee', 'auditor'), validate({ query: exportQuery }), async (req, res) => {
    const { format, ...query } = req.query as { format: QuotaFormat; series?: string; level?: string };
    const bytes = await writeQuotaTable(listed(res, query), format);
    res.attachment(quotaFileName(format));
    res.set('Content-Type', CONTENT_TYPE[format]);
    res.send(bytes);
  });

  router.get('/runs/:runId', allow('admin', 'committee', 'auditor'), validate({ params: runParams }), async (req, res) => {
    const id = req.params.runId as string;
    const found = store.runs.get(id);
    if (!found) throw new HttpError('NOT_FOUND', { zh: `没有批次 ${id}`, en: `No run ${id}` }, { id });
    const user = currentUser(res);
    if (user.role === 'committee') {
      const version = store.rulesets.get(found.rulesetId, found.version);
      requireSeries(user, version && (await ctx.resolver.source.series(version)));
    }
    const run: RunRecord = await ctx.runService.settle(found);
    const marked = await rankWithinQuotas(ctx, run);
    res.json({ run: { id: run.id, rulesetId: run.rulesetId, version: run.version }, series: marked.series, level: marked.level, tieBreak: marked.tieBreak, rule: marked.rule, ...byUnit(marked) });
  });
  return router;
}

interface UnitSummary {
  unit: string | null;
  /** Approved posts; 0 and hasQuota false when the unit has no quota row. */
  posts: number;
  hasQuota: boolean;
  applicants: number;
  contenders: number;
  recommended: number;
  overQuota: number;
  /** Ids of the recommended, in their place order. */
  recommendedIds: string[];
}

const collator = new Intl.Collator('zh-CN-u-co-pinyin');

/** Every unit of the run's applicants and of the quota rows, by unit name; totals over all. */
function byUnit(marked: Awaited<ReturnType<typeof rankWithinQuotas>>) {
  const units = new Map<string | null, UnitSummary>();
  const entry = (name: string | null) => {
    let u = units.get(name);
    if (!u) units.set(name, (u = { unit: name, posts: 0, hasQuota: false, applicants: 0, contenders: 0, recommended: 0, overQuota: 0, recommendedIds: [] }));
    return u;
  };
  for (const q of marked.quotas) Object.assign(entry(unitKey(q.unit)), { posts: q.posts, hasQuota: true });
  const places: Array<[string, number]> = [];
  for (const row of marked.rows) {
    const u = entry(unitKey(row.unit));
    u.applicants++;
    if (row.quota.position === null) continue;
    u.contenders++;
    if (row.quota.recommended) {
      u.recommended++;
      places.push([row.applicantId, row.quota.position]);
    } else u.overQuota++;
  }
  const placeOf = new Map(places);
  for (const row of marked.rows) if (row.quota.recommended) entry(unitKey(row.unit)).recommendedIds.push(row.applicantId);
  for (const u of units.values()) u.recommendedIds.sort((a, b) => placeOf.get(a)! - placeOf.get(b)!);
  const list = [...units.values()].sort((a, b) => (a.unit === null ? 1 : b.unit === null ? -1 : collator.compare(a.unit, b.unit)));
  const sum = (k: 'posts' | 'applicants' | 'contenders' | 'recommended' | 'overQuota') => list.reduce((n, u) => n + u[k], 0);
  return {
    units: list,
    totals: { units: list.length, posts: sum('posts'), applicants: sum('applicants'), contenders: sum('contenders'), recommended: sum('recommended'), overQuota: sum('overQuota') },
  };
}

const READERS = ['admin', 'committee', 'auditor'] as const;
const routes: RouteDoc[] = [
  { method: 'get', path: '/quotas', summary: 'Approved directional posts ?series&level, with totals per series × level (committee: own series)', roles: [...READERS] },
  { method: 'put', path: '/quotas', summary: 'Set one unit\'s posts { unit, series, level, posts, note? } (added or replaced)', roles: ['admin'] },
  { method: 'delete', path: '/quotas', summary: 'Remove one row ?unit&series&level', roles: ['admin'] },
  { method: 'post', path: '/quotas/import', summary: 'Import an .xlsx/.csv quota table as the raw body ?name&validRowsOnly: every bad row listed (ROWS_INVALID) unless only the valid rows are asked for; rows replace the same unit × series × level', roles: ['admin'] },
  { method: 'get', path: '/quotas/export', summary: 'The quota table as a file in the import format (also the template) ?format=xlsx|csv&series&level (committee: own series)', roles: [...READERS] },
  { method: 'get', path: '/quotas/runs/{runId}', summary: "A batch run's ranking within the quotas of its series × level, per unit: posts, contenders, recommended, over quota (committee: own series)", roles: [...READERS] },
];

const quotaSchema = object(['unit', 'series', 'level', 'posts', 'updatedBy', 'updatedAt'], {
  unit: { type: 'string' },
  series: { type: 'string' },
  level: { type: 'string' },
  posts: { type: 'integer', minimum: 0 },
  note: { type: 'string' },
  updatedBy: { type: 'string' },
  updatedAt: time,
});
const importReport = {
  rows: { type: 'integer' },
  valid: { type: 'integer' },
  invalidRows: { type: 'integer' },
  invalid: list(ref('InvalidRow')),
  notices: list(textSchema),
};
const count = { type: 'integer', minimum: 0 };
const responses: Record<string, ResponseSpec> = {
  'get /quotas': ok(object(['quotas', 'totals'], { quotas: list(quotaSchema), totals: list(object(['series', 'level', 'units', 'posts'], { series: { type: 'string' }, level: { type: 'string' }, units: count, posts: count })) })),
  'put /quotas': ok(object(['quota'], { quota: quotaSchema }), 'Added or replaced'),
  'delete /quotas': noContent,
  'post /quotas/import': created(object(['rows', 'valid', 'invalidRows', 'invalid', 'notices', 'imported', 'quotas'], { ...importReport, imported: count, quotas: list(quotaSchema) })),
  'get /quotas/export': { status: 200, description: 'The quota table (.xlsx or .csv, UTF-8 with BOM)', contentType: 'application/octet-stream' },
  'get /quotas/runs/{runId}': ok(
    object(['run', 'series', 'level', 'tieBreak', 'rule', 'units', 'totals'], {
      run: object(['id', 'rulesetId', 'version'], { id: { type: 'string' }, rulesetId: { type: 'string' }, version: { type: 'integer' } }),
      series: { type: 'string' },
      level: { type: 'string' },
      tieBreak: list(object(['by', 'order'], { by: { type: 'string' }, order: { enum: ['asc', 'desc'] } })),
      rule: { type: 'string' },
      units: list(
        object(['unit', 'posts', 'hasQuota', 'applicants', 'contenders', 'recommended', 'overQuota', 'recommendedIds'], {
          unit: nullable({ type: 'string' }),
          posts: count,
          hasQuota: { type: 'boolean' },
          applicants: count,
          contenders: count,
          recommended: count,
          overQuota: count,
          recommendedIds: list({ type: 'string' }),
        }),
      ),
      totals: object(['units', 'posts', 'applicants', 'contenders', 'recommended', 'overQuota'], { units: count, posts: count, applicants: count, contenders: count, recommended: count, overQuota: count }),
    }),
  ),
};

export const quotasResource: CommitteeResource = { mount: '/quotas', router, routes, responses };

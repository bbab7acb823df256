// /runs: batch runs over an uploaded applicants file. Check the file against the
// ruleset first (every bad row listed), start a run (refused while any row is
// invalid, unless only the valid rows are to run), follow its progress as
// Server-Sent Events, page through the ranked results, explain one applicant
// (re-evaluated on demand: same ruleset hash + same input ⇒ the same output),
// mark who falls within their unit's approved posts (按岗推荐, computed when read),
// download the ranking as .xlsx or .csv (with the 单位推荐 column, and who was skipped), and compare the run with another version
// of the ruleset (impact analysis). Administrators: everything; committee members:
// their own series; auditors: read only.
import { Router, type Response } from 'express';
import { evaluate } from '../../engine/index';
import { LimitError } from '../io/limits';
import { UserError } from '../io/user-error';
import { rankWithinQuotas, type RunQuotaRanking } from '../committee/run-quota';
import { summaryColumns } from '../io/result-summary';
import type { CheckedUpload } from '../runs/check-upload';
import { csvWithQuota, xlsxWithQuota } from '../runs/quota-downloads';
import { RESULT_FILTERS, RESULT_SORTS, pageOf, type ResultFilter, type ResultSort } from '../runs/ranked-results';
import { finalEvent, isFinal, type RunEvent } from '../runs/run-events';
import { SKIPPED_SHOWN } from '../runs/skipped-rows';
import type { CompiledRuleset } from '../../engine/index';
import type { RunRecord, UploadRecord, UserRecord } from '../storage/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { allow, authenticate, currentUser, requireSeries } from './roles';
import { visibleUpload } from './uploads.routes';
import { singleEvaluationOptions, type ResolvedVersion } from './ruleset-resolver';
import { withRequestWork } from './heavy-work';
import { validate } from './validate-request';

const hash = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' };
const runBody = (extra: Record<string, unknown>) => ({
  type: 'object',
  required: ['rulesetId', 'asOf', 'upload'],
  additionalProperties: false,
  properties: {
    rulesetId: { type: 'string', minLength: 1, maxLength: 100 },
    version: { type: 'integer', minimum: 1 },
    asOf: { type: 'string', format: 'date' },
    upload: hash,
    ...extra,
  },
});
const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^run-[0-9]{6,}$' } } };
const listQuery = { type: 'object', additionalProperties: false, properties: { rulesetId: { type: 'string', maxLength: 100 } } };
const resultsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    offset: { type: 'string', pattern: '^(0|[1-9][0-9]{0,8})$' },
    limit: { type: 'string', pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$' },
    q: { type: 'string', maxLength: 100 },
    filter: { enum: [...RESULT_FILTERS] },
    sort: { enum: [...RESULT_SORTS] },
    order: { enum: ['asc', 'desc'] },
  },
};
const downloadQuery = { type: 'object', required: ['format'], additionalProperties: false, properties: { format: { enum: ['xlsx', 'csv'] } } };
const impactBody = { type: 'object', required: ['version'], additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } };

const CONTENT_TYPE: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
const HEARTBEAT_MS = 15_000;

interface RunRequest {
  rulesetId: string;
  version?: number;
  asOf: string;
  upload: string;
  validRowsOnly?: boolean;
}

/**
 * A reader's error as the API's: a file beyond a reading limit is UPLOAD_TOO_LARGE with
 * the limit, its value, what was found and where (row, column, sheet, zip part); any
 * other is UPLOAD_UNREADABLE with the reader's message.
 */
function uploadError(err: UserError, upload: { hash: string; name: string }): HttpError {
  if (err instanceof LimitError) return new HttpError('UPLOAD_TOO_LARGE', err.text, { upload: upload.hash, name: upload.name, ...err.details });
  return new HttpError('UPLOAD_UNREADABLE', err.text, { upload: upload.hash, name: upload.name });
}

/** Every row read and checked on the worker pool; the reader's own message (not xlsx, empty, a required column missing…) as the API's error. */
async function readUpload(ctx: AppContext, res: Response, upload: UploadRecord, resolved: ResolvedVersion, records: boolean): Promise<CheckedUpload> {
  try {
    return await withRequestWork(res, (work) => ctx.runService.checkUpload(upload, resolved.compiled, resolved.record.hash, { ...work, records }));
  } catch (err) {
    if (err instanceof UserError) throw uploadError(err, upload);
    throw err;
  }
}

/** What the results page says about the quota marks: whose quotas, by which rule, how many recommended and over. */
function quotaInfo(marked: RunQuotaRanking) {
  let recommended = 0;
  let overQuota = 0;
  for (const r of marked.rows) {
    if (r.quota.recommended) recommended++;
    else if (r.quota.position !== null) overQuota++;
  }
  return { series: marked.series, level: marked.level, units: marked.quotas.length, rule: marked.rule, tieBreak: marked.tieBreak, recommended, overQuota };
}

export function runsRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const { resolver, runService: service } = ctx;
  router.use(authenticate(ctx));

  /** The upload, if this user may use it (uploads.routes.ts: their own, their committee's, the samples); NOT_FOUND otherwise. */
  const uploadOf = (user: UserRecord, hashOf: string): UploadRecord => visibleUpload(store, user, hashOf);

  /** Resolves the ruleset as POST /evaluations does, then reads and checks every row of the upload (`records`: keep the valid ones, to run). */
  const prepare = async (res: Response, body: RunRequest, records: boolean) => {
    const resolved = await resolver.resolve(currentUser(res), body);
    const upload = uploadOf(currentUser(res), body.upload);
    return { resolved, upload, checked: await readUpload(ctx, res, upload, resolved, records) };
  };

  const seriesOf = async (run: RunRecord): Promise<string | undefined> => {
    const version = store.rulesets.get(run.rulesetId, run.version);
    return version && resolver.source.series(version);
  };

  /** The run, if this user may read it (committee members: their own series). A run this process no longer carries out is closed as failed. */
  const visibleRun = async (res: Response, id: string): Promise<RunRecord> => {
    const run = store.runs.get(id);
    if (!run) throw new HttpError('NOT_FOUND', { zh: `没有批次 ${id}`, en: `No run ${id}` }, { id });
    const user = currentUser(res);
    if (user.role === 'committee') requireSeries(user, await seriesOf(run));
    return service.settle(run);
  };

  const completed = (run: RunRecord): RunRecord => {
    if (run.status !== 'completed') {
      throw new HttpError('RUN_NOT_FINISHED', { zh: `批次 ${run.id} 没有完成（${run.status}）`, en: `Run ${run.id} has not completed (${run.status})` }, { id: run.id, status: run.status });
    }
    return run;
  };

  const summaryOf = async (run: RunRecord) => {
    const summary = await service.summary(completed(run));
    if (!summary) throw new HttpError('RUN_NOT_FINISHED', { zh: `批次 ${run.id} 没有结果`, en: `Run ${run.id} has no results` }, { id: run.id, status: run.status });
    return summary;
  };

  router.get('/', allow('admin', 'committee', 'auditor'), validate({ query: listQuery }), async (req, res) => {
    const user = currentUser(res);
    const { rulesetId } = req.query as { rulesetId?: string };
    const runs: RunRecord[] = [];
    for (const run of store.runs.list(rulesetId !== undefined ? { rulesetId } : {})) {
      if (user.role === 'committee' && (await seriesOf(run)) !== user.series) continue;
      runs.push(run);
    }
    res.json({ runs: runs.reverse() });
  });

  router.post('/check', allow('admin', 'committee'), validate({ body: runBody({}) }), async (req, res) => {
    const { resolved, upload, checked } = await prepare(res, req.body as RunRequest, false);
    const { record } = resolved;
    res.json({
      ruleset: { id: record.id, version: record.version, hash: record.hash },
      upload: { hash: upload.hash, name: upload.name },
      rows: checked.rows,
      valid: checked.valid,
      invalidRows: checked.invalidRows,
      invalid: checked.invalid,
      notices: checked.notices,
    });
  });

  router.post('/', allow('admin', 'committee'), validate({ body: runBody({ validRowsOnly: { type: 'boolean' } }) }), async (req, res) => {
    const body = req.body as RunRequest;
    const user = currentUser(res);
    const { resolved, upload, checked } = await prepare(res, body, true);
    if (checked.invalidRows > 0 && body.validRowsOnly !== true) {
      throw new HttpError(
        'ROWS_INVALID',
        { zh: `${checked.invalidRows} 行数据有误，未进行评审（修正后重新上传，或只评审有效的行）`, en: `${checked.invalidRows} invalid row(s); nothing was run (fix the file, or run the valid rows only)` },
        { rows: checked.rows, valid: checked.valid, invalidRows: checked.invalidRows, invalid: checked.invalid },
      );
    }
    if (checked.valid === 0) throw new HttpError('NO_VALID_ROWS', { zh: `${upload.name}：没有可评审的有效数据`, en: `${upload.name}: no valid applicant to evaluate` }, { rows: checked.rows });
    const run = await service.start({ version: resolved.record, compiled: resolved.compiled, asOf: body.asOf, upload: { hash: upload.hash, name: upload.name }, checked, actor: user.username });
    res.status(202).json({ run });
  });

  // A run of the valid rows only says who it skipped: the first SKIPPED_SHOWN rows here, every one in the downloads.
  router.get('/:id', allow('admin', 'committee', 'auditor'), validate({ params: idParams }), async (req, res) => {
    const run = await visibleRun(res, req.params.id as string);
    if (!run.skippedRows) {
      res.json({ run });
      return;
    }
    const skipped = await service.skippedRows(run);
    res.json({ run, skippedRows: { total: skipped.length, rows: skipped.slice(0, SKIPPED_SHOWN) } });
  });

  router.get('/:id/events', allow('admin', 'committee', 'auditor'), validate({ params: idParams }), async (req, res) => {
    const run = await visibleRun(res, req.params.id as string);
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    const send = (e: RunEvent) => res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
    const ended = finalEvent(run);
    if (ended) {
      send(ended);
      res.end();
      return;
    }
    let heartbeat: NodeJS.Timeout | undefined;
    const close = () => {
      unsubscribe();
      clearInterval(heartbeat);
    };
    const unsubscribe = service.events.subscribe(run.id, (e) => {
      send(e);
      if (isFinal(e)) {
        close();
        res.end();
      }
    });
    // The run may have ended between reading its record and listening to it.
    const now = store.runs.get(run.id);
    const endedMeanwhile = now && finalEvent(now);
    if (endedMeanwhile) {
      close();
      send(endedMeanwhile);
      res.end();
      return;
    }
    const latest = service.events.latest(run.id);
    if (latest) send(latest);
    heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', close);
  });

  // The ranking with each applicant's unit-quota mark (按岗推荐), computed when read:
  // quotas may change after the run. rankWithinQuotas caches by run + quota rows +
  // tie-break order, so paging does not recompute.
  router.get('/:id/results', allow('admin', 'committee', 'auditor'), validate({ params: idParams, query: resultsQuery }), async (req, res) => {
    const run = await visibleRun(res, req.params.id as string);
    const summary = await summaryOf(run);
    const marked = await rankWithinQuotas(ctx, run);
    const { offset, limit, q, filter, sort, order } = req.query as { offset?: string; limit?: string; q?: string; filter?: ResultFilter; sort?: ResultSort; order?: 'asc' | 'desc' };
    const page = pageOf(marked.rows, { offset: Number(offset ?? 0), limit: Number(limit ?? 50), q, filter, sort, order });
    res.json({ ...page, ranking: summary.ranking, categories: summary.categories, quota: quotaInfo(marked) });
  });

  router.get('/:id/results/:applicantId', allow('admin', 'committee', 'auditor'), validate({ params: idParams }), async (req, res) => {
    const run = await visibleRun(res, req.params.id as string);
    const summary = await summaryOf(run);
    const applicantId = req.params.applicantId as string;
    const missing = () => new HttpError('NOT_FOUND', { zh: `批次 ${run.id} 中没有申报人 ${applicantId}`, en: `No applicant ${applicantId} in run ${run.id}` }, { id: run.id, applicantId });
    if (!summary.rows.some((r) => r.applicantId === applicantId)) throw missing();
    const version = store.rulesets.get(run.rulesetId, run.version);
    if (!version || version.hash !== run.rulesetHash) throw new HttpError('NOT_FOUND', { zh: `规则集 ${run.rulesetId} v${run.version} 不在存储中`, en: `Ruleset ${run.rulesetId} v${run.version} is not in the store` }, { rulesetId: run.rulesetId, version: run.version });
    const compiled = await resolver.compile(version);
    let record;
    try {
      record = await service.applicantRecord(run, compiled, applicantId);
    } catch (err) {
      if (err instanceof UserError) throw uploadError(err, run.input);
      throw err;
    }
    if (!record) throw missing();
    res.json(evaluate(compiled, record, singleEvaluationOptions(run.asOf)));
  });

  // The stored file with the 单位推荐 column of the quota table as it is now; made once per marks (cached with them).
  const markedFiles = new WeakMap<RunQuotaRanking, Partial<Record<'xlsx' | 'csv', Buffer>>>();
  router.get('/:id/download', allow('admin', 'committee', 'auditor'), validate({ params: idParams, query: downloadQuery }), async (req, res) => {
    const run = completed(await visibleRun(res, req.params.id as string));
    const format = req.query.format as 'xlsx' | 'csv';
    const file = run.downloads?.[format];
    if (!file) throw new HttpError('NOT_FOUND', { zh: `批次 ${run.id} 没有 ${format} 文件`, en: `Run ${run.id} has no ${format} file` }, { id: run.id, format });
    const marked = await rankWithinQuotas(ctx, run);
    let files = markedFiles.get(marked);
    if (!files) markedFiles.set(marked, (files = {}));
    let bytes = files[format];
    if (!bytes) {
      const stored = await store.blobs.get(file.hash);
      const marks = marked.rows.map((r) => r.quota);
      const skipped = await service.skippedRows(run);
      if (format === 'csv') bytes = csvWithQuota(stored, marks, skipped);
      else {
        const version = store.rulesets.get(run.rulesetId, run.version);
        const widths = [6, ...(version ? summaryColumns(await resolver.compile(version), 'zh').map((c) => c.width) : [])];
        bytes = await xlsxWithQuota(stored, marks, widths, skipped);
      }
      files[format] = bytes;
    }
    res.attachment(file.name);
    res.set('Content-Type', CONTENT_TYPE[format]!);
    res.send(bytes);
  });

  router.post('/:id/impact', allow('admin', 'committee'), validate({ params: idParams, body: impactBody }), async (req, res) => {
    const user = currentUser(res);
    const run = await visibleRun(res, req.params.id as string);
    const base = await summaryOf(run);
    const target = await resolver.resolve(user, { rulesetId: run.rulesetId, version: (req.body as { version: number }).version, asOf: run.asOf });
    let report;
    try {
      report = await withRequestWork(res, (work) => service.impact(run, base, target, work));
    } catch (err) {
      if (err instanceof UserError) throw uploadError(err, run.input);
      throw err;
    }
    await store.audit.record({
      at: config.now(),
      actor: user.username,
      action: 'run.impact',
      target: `run:${run.id}`,
      details: { base: report.base, target: report.target, counts: report.counts },
    });
    res.json(report);
  });
  return router;
}

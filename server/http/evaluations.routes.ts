// /evaluations: one applicant against the ruleset in force on `asOf` (or a
// pinned version; see ruleset-resolver.ts, shared with batch runs). Answers the
// engine's result, and stores it: the applicant and the result as blobs, a record
// (audited as evaluation.run by the repository, with the input's hash, never the
// applicant's data) that can be listed, read back and replayed.
import { Router, type Response } from 'express';
import { applicantLimitIssue, canonicalApplicant, evaluate, PingshenError, type Applicant } from '../../engine/index';
import type { EvaluationRecord } from '../storage/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { replayEvaluation } from './evaluation-replay';
import { allow, authenticate, currentUser, requireSeries } from './roles';
import { singleEvaluationOptions } from './ruleset-resolver';
import { validate } from './validate-request';

const evaluationBody = {
  type: 'object',
  required: ['rulesetId', 'asOf', 'applicant'],
  additionalProperties: false,
  properties: {
    rulesetId: { type: 'string', minLength: 1, maxLength: 100 },
    version: { type: 'integer', minimum: 1 },
    asOf: { type: 'string', format: 'date' },
    applicant: { type: 'object' },
  },
};

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rulesetId: { type: 'string', maxLength: 100 },
    offset: { type: 'string', pattern: '^(0|[1-9][0-9]{0,8})$' },
    limit: { type: 'string', pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$' },
  },
};
const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^eval-[0-9]{6,}$' } } };
const empty = { type: 'object', additionalProperties: false, properties: {} };

export function evaluationsRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const { resolver } = ctx;
  router.use(authenticate(ctx));

  router.post('/', allow('admin', 'committee'), validate({ body: evaluationBody }), async (req, res) => {
    const { rulesetId, version, asOf, applicant: given } = req.body as { rulesetId: string; version?: number; asOf: string; applicant: Applicant };
    const user = currentUser(res);
    // Too deep or too big for what reads it recursively: refused before anything walks it.
    const tooLarge = applicantLimitIssue(given, config.limits.applicant, '/applicant');
    if (tooLarge) throw new PingshenError('APPLICANT_TOO_LARGE', tooLarge.message.en ?? tooLarge.message.zh, [tooLarge]);
    const { ruleset, compiled } = await resolver.resolve(user, { rulesetId, version, asOf });
    // The canonical record (as every file reader gives it) is what is evaluated, hashed and stored.
    const applicant = canonicalApplicant(given, compiled.ruleset.facts);
    const result = evaluate(compiled, applicant, singleEvaluationOptions(asOf));
    const stored = await store.evaluations.record({ applicant, result, series: ruleset.series, pinned: version !== undefined }, { actor: user.username, at: config.now() });
    // The body stays the engine's result (clients depend on it); where it is kept goes in the headers.
    res.location(`${req.baseUrl}/${stored.id}`);
    res.setHeader('X-Evaluation-Id', stored.id);
    res.json(result);
  });

  router.get('/', allow('admin', 'auditor', 'committee'), validate({ query: listQuery }), (req, res) => {
    const { rulesetId, offset, limit } = req.query as { rulesetId?: string; offset?: string; limit?: string };
    const user = currentUser(res);
    const page = { offset: Number(offset ?? 0), limit: Number(limit ?? 50) };
    const { total, items } = store.evaluations.list({
      ...(rulesetId !== undefined ? { rulesetId } : {}),
      // Committee members see their own series only; a member without one sees nothing.
      ...(user.role === 'committee' ? { series: user.series ?? '' } : {}),
      ...page,
    });
    res.json({ evaluations: items, total, ...page });
  });

  /** The record, if this user may read it (committee members: their own series). */
  const readable = (res: Response, id: string): EvaluationRecord => {
    const record = store.evaluations.get(id);
    if (!record) throw new HttpError('NOT_FOUND', { zh: `没有评审记录 ${id}`, en: `No evaluation ${id}` }, { id });
    const user = currentUser(res);
    if (user.role === 'committee') requireSeries(user, record.series ?? undefined);
    return record;
  };

  router.get('/:id', allow('admin', 'auditor', 'committee'), validate({ params: idParams }), async (req, res) => {
    const record = readable(res, req.params.id as string);
    res.json({ record, result: JSON.parse((await store.blobs.get(record.result)).toString('utf8')) as unknown });
  });

  router.post('/:id/replay', allow('admin', 'auditor', 'committee'), validate({ params: idParams, body: empty }), async (req, res) => {
    const record = readable(res, req.params.id as string);
    const outcome = await replayEvaluation(store, resolver, record);
    await store.audit.record({
      at: config.now(),
      actor: currentUser(res).username,
      action: 'evaluation.replay',
      target: `evaluation:${record.id}`,
      details: {
        identical: outcome.identical,
        intact: outcome.intact,
        mismatches: outcome.mismatches,
        original: outcome.original,
        replay: outcome.replay,
        ...(outcome.firstDifference !== undefined ? { firstDifference: outcome.firstDifference } : {}),
      },
    });
    res.json(outcome);
  });
  return router;
}

// POST /evaluations: one applicant against the ruleset in force on `asOf` (or a
// pinned version; see ruleset-resolver.ts, shared with batch runs). Answers the
// engine's result; the audit log records who ran what (the input's hash, never
// the applicant's data).
import { Router } from 'express';
import { evaluate, type Applicant } from '../../engine/index';
import type { AppContext } from './context';
import { allow, authenticate, currentUser } from './roles';
import { RulesetResolver, singleEvaluationOptions } from './ruleset-resolver';
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

export function evaluationsRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const resolver = new RulesetResolver(store);
  router.use(authenticate(ctx));

  router.post('/', allow('admin', 'committee'), validate({ body: evaluationBody }), async (req, res) => {
    const { rulesetId, version, asOf, applicant } = req.body as { rulesetId: string; version?: number; asOf: string; applicant: Applicant };
    const user = currentUser(res);
    const { record, compiled } = await resolver.resolve(user, { rulesetId, version, asOf });
    const result = evaluate(compiled, applicant, singleEvaluationOptions(asOf));
    await store.audit.record({
      at: config.now(),
      actor: user.username,
      action: 'evaluation.run',
      target: `ruleset:${record.id}@${record.version}`,
      details: { hash: record.hash, pinned: version !== undefined, asOf, inputHash: result.inputHash, eligible: result.eligible, vetoed: result.vetoed, score: result.score, passed: result.passed },
    });
    res.json(result);
  });
  return router;
}

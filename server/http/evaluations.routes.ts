// POST /evaluations: one applicant against the ruleset in force on `asOf` (or a
// pinned version), its `extends` chain resolved through the store. Answers the
// engine's result; the audit log records who ran what (the input's hash, never
// the applicant's data).
import { Router } from 'express';
import { compileRuleset, evaluate, resolveExtends, type Applicant, type CompiledRuleset } from '../../engine/index';
import { nativeSha256 } from '../io/native-sha256';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { RulesetSource } from './ruleset-source';
import { allow, authenticate, currentUser, requireSeries } from './roles';
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
  const source = new RulesetSource(store);
  // A version's content and the versions it extends never change, so its compiled
  // form is kept by content hash (the engine's own cache is keyed by object).
  const compiled = new Map<string, CompiledRuleset>();
  const MAX_COMPILED = 64;
  router.use(authenticate(ctx));

  router.post('/', allow('admin', 'committee'), validate({ body: evaluationBody }), async (req, res) => {
    const { rulesetId, version, asOf, applicant } = req.body as { rulesetId: string; version?: number; asOf: string; applicant: Applicant };
    const record = version !== undefined ? store.rulesets.get(rulesetId, version) : await source.inForce(rulesetId, asOf);
    if (!record) {
      if (version !== undefined) throw new HttpError('NOT_FOUND', { zh: `规则集 ${rulesetId} 没有版本 v${version}`, en: `No version ${version} of ruleset ${rulesetId}` }, { rulesetId, version });
      throw new HttpError('NO_VERSION_IN_FORCE', { zh: `规则集 ${rulesetId} 在 ${asOf} 没有生效的已发布版本`, en: `No published version of ${rulesetId} is in force on ${asOf}` }, { rulesetId, asOf });
    }
    const ruleset = await source.content(record);
    const user = currentUser(res);
    requireSeries(user, ruleset.series);
    // Committee results must trace to a version that went through approval.
    if (user.role !== 'admin' && record.status !== 'published' && record.status !== 'retired') {
      throw new HttpError('VERSION_NOT_PUBLISHED', { zh: `规则集 ${record.id} 的 v${record.version} 尚未发布（${record.status}）`, en: `Version ${record.version} of ${record.id} is ${record.status}, not published` }, { rulesetId: record.id, version: record.version, status: record.status });
    }
    let rules = compiled.get(record.hash);
    if (!rules) {
      rules = compileRuleset(resolveExtends(ruleset, await source.lookupFor(ruleset)));
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
      compiled.set(record.hash, rules);
    }
    const result = evaluate(rules, applicant, { asOf, sha256: nativeSha256 });
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

// Embedded test cases over HTTP: a stored version's cases (everyone signed in: every
// role reads every version), or the cases of content not saved yet, as the studio
// edits it (administrators, officials of its department). `extends` resolves
// through the store in both cases.
import { Router } from 'express';
import type { Ruleset, TestCaseResult } from '../../engine/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { checkRuleset, enforceRulesetLimits } from './ruleset-checks';
import { runHeavy } from './heavy-work';
import { RulesetSource } from './ruleset-source';
import { allow, authenticate, requireDepartment, currentUser } from './roles';
import { idParam, version } from './rulesets.routes';
import { validate } from './validate-request';

const empty = { type: 'object', additionalProperties: false, properties: {} };
const unsavedBody = { type: 'object', required: ['ruleset'], additionalProperties: false, properties: { ruleset: { type: 'object' } } };

function summary(cases: TestCaseResult[]) {
  const failed = cases.filter((c) => !c.passed).length;
  return { passed: cases.length - failed, failed, cases };
}

export function rulesetTestsRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const source = new RulesetSource(store, config.limits.ruleset);
  router.use(authenticate(ctx));

  // A stored version was checked when it was saved: only its cases run (on the worker pool).
  router.post('/:id/versions/:version/tests', validate({ params: { type: 'object', properties: { id: idParam, version } }, body: empty }), async (req, res) => {
    const id = req.params.id as string;
    const record = store.rulesets.get(id, Number(req.params.version));
    if (!record) throw new HttpError('NOT_FOUND', { zh: `规则集 ${id} 没有版本 v${req.params.version}`, en: `No version ${req.params.version} of ruleset ${id}` }, { id, version: Number(req.params.version) });
    const ruleset = await source.content(record);
    const ancestors = [...(await source.ancestors(ruleset))];
    const { cases } = await runHeavy(ctx, res, 'checkRuleset', { ruleset, ancestors, check: false, tests: true });
    res.json({ id: record.id, version: record.version, hash: record.hash, ...summary(cases ?? []) });
  });

  router.post('/tests', allow('admin', 'official'), validate({ body: unsavedBody }), async (req, res) => {
    const { ruleset } = req.body as { ruleset: Ruleset };
    const user = currentUser(res);
    if (typeof ruleset.department === 'string') requireDepartment(user, ruleset.department);
    enforceRulesetLimits(ruleset, config.limits.ruleset);
    // Schema, lint and the cases in one task: the content crosses to the worker once.
    const { warnings, cases } = await checkRuleset(ctx, res, ruleset, source, { zh: '未运行测试', en: 'tests not run' }, { tests: true });
    // An official may only try content of their own department; content naming none failed the check above.
    requireDepartment(user, ruleset.department);
    res.json({ ...summary(cases ?? []), warnings });
  });
  return router;
}

// POST /rulesets/:id/compatibility { ruleset }: before a draft is saved or submitted,
// what its facts catalogue would break — against the version in force (a new
// required fact, a removed option, a narrowed range, a renamed label, a removed
// fact…) and over the applicants of the ruleset's latest completed run, read with the
// draft's facts on the worker pool: how many it would refuse, and why. Administrators
// and the officials of the ruleset's department; only counts and reasons are
// answered, never who (officials do not read runs).
import { Router, type Response } from 'express';
import type { Ruleset } from '../../engine/index';
import { chinaToday } from '../committee/china-date';
import { LimitError } from '../io/limits';
import { UserError } from '../io/user-error';
import { compatibilityReport } from '../runs/compatibility-report';
import type { RulesetVersionRecord, RunRecord } from '../storage/index';
import type { CompatibilityInput } from '../work/tasks';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { runHeavy } from './heavy-work';
import { checkRuleset, enforceRulesetLimits } from './ruleset-checks';
import { allow, authenticate, currentUser, requireDepartment } from './roles';
import { idParam } from './rulesets.routes';
import { validate } from './validate-request';

const body = { type: 'object', required: ['ruleset'], additionalProperties: false, properties: { ruleset: { type: 'object' } } };
const NOT_CHECKED = { zh: '未检查兼容性', en: 'compatibility not checked' };

export function rulesetCompatibilityRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config, resolver } = ctx;
  const { source } = resolver;
  router.use(authenticate(ctx));

  /** The published version in force today (China's calendar), else the latest published one. */
  const baseOf = async (id: string): Promise<{ record: RulesetVersionRecord; inForce: boolean } | null> => {
    const inForce = await source.inForce(id, chinaToday(config.now()));
    if (inForce) return { record: inForce, inForce: true };
    const published = store.rulesets.versions(id).filter((v) => v.status === 'published');
    const latest = published.at(-1);
    return latest ? { record: latest, inForce: false } : null;
  };

  /** The latest completed run of the ruleset (any version), if its version is still in the store. */
  const latestRun = (id: string): RunRecord | null => {
    const runs = store.runs.list({ rulesetId: id }).filter((r) => r.status === 'completed' && store.rulesets.get(r.rulesetId, r.version) !== undefined);
    return runs.at(-1) ?? null;
  };

  const runInput = async (run: RunRecord): Promise<NonNullable<CompatibilityInput['run']>> => {
    const version = store.rulesets.get(run.rulesetId, run.version)!;
    const compiled = await resolver.compile(version);
    const skipped = run.skippedRows ? await ctx.runService.skippedRows(run) : [];
    // A copy the thread takes over: the store's own buffer is never detached.
    const bytes = new Uint8Array(await store.blobs.get(run.input.hash));
    return {
      bytes,
      upload: run.input,
      limits: { upload: config.limits.upload, applicant: config.limits.applicant, problems: config.limits.problems },
      skippedRows: skipped.filter((s) => s.sheet === undefined).map((s) => s.row),
      rules: { key: run.rulesetHash, ruleset: compiled.ruleset },
    };
  };

  router.post('/:id/compatibility', allow('admin', 'official'), validate({ params: { type: 'object', properties: { id: idParam } }, body }), async (req, res: Response) => {
    const id = req.params.id as string;
    const { ruleset } = req.body as { ruleset: Ruleset };
    const user = currentUser(res);
    if (ruleset.id !== id) {
      throw new HttpError('VALIDATION_FAILED', { zh: `规则集的 id ${String(ruleset.id)} 与地址中的 ${id} 不符`, en: `The ruleset's id ${String(ruleset.id)} is not ${id}` }, { issues: [{ in: 'body', pointer: '/ruleset/id', message: `must be ${id}` }] });
    }
    const latest = store.rulesets.latest(id);
    if (!latest) throw new HttpError('NOT_FOUND', { zh: `没有规则集 ${id}`, en: `No ruleset ${id}` }, { id });
    requireDepartment(user, latest.department);
    if (typeof ruleset.department === 'string') requireDepartment(user, ruleset.department);
    enforceRulesetLimits(ruleset, config.limits.ruleset);
    // Content the schema or lint refuses could not be saved anyway; its facts are not compared.
    await checkRuleset(ctx, res, ruleset, source, NOT_CHECKED);

    const base = await baseOf(id);
    const run = latestRun(id);
    const input: CompatibilityInput = {
      draft: ruleset,
      ancestors: [...(await source.ancestors(ruleset))],
      base: base ? (await resolver.compile(base.record)).ruleset.facts : null,
      run: run ? await runInput(run) : null,
    };
    let output;
    try {
      output = await runHeavy(ctx, res, 'compatibility', input, input.run ? [input.run.bytes.buffer as ArrayBuffer] : []);
    } catch (err) {
      if (err instanceof UserError && run) {
        const code = err instanceof LimitError ? 'UPLOAD_TOO_LARGE' : 'UPLOAD_UNREADABLE';
        throw new HttpError(code, err.text, { upload: run.input.hash, name: run.input.name, run: run.id, ...(err instanceof LimitError ? err.details : {}) });
      }
      throw err;
    }
    res.json(compatibilityReport(output, base, run));
  });
  return router;
}

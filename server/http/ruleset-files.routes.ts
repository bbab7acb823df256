// Ruleset files: any version as a file of the rules/ layout (what a department
// keeps in git), and a file brought back in as a new draft — of a new ruleset, or
// the next version of an existing one, based on its latest. Both are audited.
import { Router } from 'express';
import type { Ruleset } from '../../engine/index';
import { jsonChunks } from '../io/json-chunks';
import { rulesetFileContent, rulesetFileName } from '../rules/ruleset-file';
import { measureRuleset } from '../rules/ruleset-limits';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { checkRuleset, enforceRulesetLimits, NOT_SAVED } from './ruleset-checks';
import { sendChunks } from './send-chunks';
import { RulesetSource } from './ruleset-source';
import { allow, authenticate, currentUser, requireDepartment } from './roles';
import { idParam, version } from './rulesets.routes';
import { validate } from './validate-request';

const importBody = {
  type: 'object',
  required: ['ruleset'],
  additionalProperties: false,
  properties: { ruleset: { type: 'object' }, note: { type: 'string', maxLength: 2000 }, asNew: { type: 'boolean' } },
};

export function rulesetFilesRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const source = new RulesetSource(store, config.limits.ruleset);
  router.use(authenticate(ctx));

  // The file as the rules/ layout keeps it (two-space indent), or compact JSON when the
  // indented text would pass rulesetFilePrettyMaxBytes (deep documents grow with every
  // level); either way written in chunks as the client takes them, never built whole.
  router.get('/:id/versions/:version/file', validate({ params: { type: 'object', properties: { id: idParam, version } } }), async (req, res) => {
    const id = req.params.id as string;
    const record = store.rulesets.get(id, Number(req.params.version));
    if (!record) throw new HttpError('NOT_FOUND', { zh: `规则集 ${id} 没有版本 v${req.params.version}`, en: `No version ${req.params.version} of ruleset ${id}` }, { id, version: Number(req.params.version) });
    const file = rulesetFileContent(await source.content(record));
    const { measure } = measureRuleset(file);
    const pretty = measure.prettyBytes + 1 <= config.rulesetFilePrettyMaxBytes;
    await store.audit.record({ at: config.now(), actor: currentUser(res).username, action: 'ruleset.export', target: `ruleset:${record.id}@${record.version}`, details: { hash: record.hash, status: record.status } });
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${rulesetFileName(record)}"`);
    res.setHeader('Content-Length', String((pretty ? measure.prettyBytes : measure.compactBytes) + 1));
    await sendChunks(res, (function* () {
      yield* jsonChunks(file, pretty ? 2 : 0);
      yield '\n';
    })());
  });

  // The file's own version number, status and dates are not taken: an import is a draft, numbered by the store.
  router.post('/import', allow('admin', 'official'), validate({ body: importBody }), async (req, res) => {
    const { ruleset, note, asNew } = req.body as { ruleset: Ruleset; note?: string; asNew?: boolean };
    const user = currentUser(res);
    const latest = typeof ruleset.id === 'string' ? store.rulesets.latest(ruleset.id) : undefined;
    // Imported as a new ruleset (the studio's 导入规则文件): never a next version of an id that exists.
    if (asNew && latest) {
      throw new HttpError('ALREADY_EXISTS', { zh: `规则集标识 ${latest.id} 已被使用（${latest.title.zh}），请换一个`, en: `The ruleset id ${latest.id} is taken (${latest.title.en ?? latest.title.zh}); choose another` }, { id: latest.id, department: latest.department });
    }
    if (latest) requireDepartment(user, latest.department);
    if (typeof ruleset.department === 'string') requireDepartment(user, ruleset.department);
    enforceRulesetLimits(ruleset, config.limits.ruleset);
    const { warnings } = await checkRuleset(ctx, res, ruleset, source, NOT_SAVED);
    const at = config.now();
    const saved = await store.rulesets.saveDraft({
      ruleset,
      author: user.username,
      note: note ?? '',
      basedOn: latest ? { id: latest.id, version: latest.version } : null,
      at,
    });
    await store.audit.record({ at, actor: user.username, action: 'ruleset.import', target: `ruleset:${saved.id}@${saved.version}`, details: { hash: saved.hash, basedOn: saved.basedOn, fileVersion: ruleset.version, ...(asNew ? { asNew: true } : {}) } });
    res.status(201).json({ record: saved, warnings });
  });
  return router;
}

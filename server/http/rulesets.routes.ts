// /rulesets: list and read (every role), save drafts and submit (administrators,
// officials of the ruleset's department), approve / reject / publish / retire
// (administrators), diff two versions. Lifecycle rules themselves (who may move
// a version from where to where, self-approval) are enforced by the repository.
import { Router, type Response } from 'express';
import { diffRulesets, type Ruleset } from '../../engine/index';
import type { RulesetVersionRecord } from '../storage/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { peopleOf } from './people';
import { checkRuleset, enforceRulesetLimits, NOT_SAVED } from './ruleset-checks';
import { RulesetSource } from './ruleset-source';
import { allow, authenticate, currentUser, requireDepartment } from './roles';
import { validate } from './validate-request';

const STATUSES = ['draft', 'submitted', 'approved', 'published', 'retired'];
export const version = { type: 'string', pattern: '^[1-9][0-9]{0,8}$' };
export const idParam = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,99}$' };
const date = { type: 'string', format: 'date' };

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { department: { type: 'string' }, series: { type: 'string' }, status: { enum: STATUSES } },
};
const saveBody = {
  type: 'object',
  required: ['ruleset', 'basedOn'],
  additionalProperties: false,
  properties: {
    ruleset: { type: 'object' },
    basedOn: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
    note: { type: 'string', maxLength: 2000 },
  },
};
const diffQuery = { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: version, to: version } };
const empty = { type: 'object', additionalProperties: false, properties: {} };
// A comment is optional on approval, required on rejection: both reach the author.
const approveBody = { type: 'object', additionalProperties: false, properties: { comment: { type: 'string', maxLength: 2000 } } };
const rejectBody = { type: 'object', required: ['comment'], additionalProperties: false, properties: { comment: { type: 'string', minLength: 1, maxLength: 2000 } } };
const publishBody = { type: 'object', required: ['effectiveFrom'], additionalProperties: false, properties: { effectiveFrom: date, effectiveTo: date } };
const retireBody = { type: 'object', additionalProperties: false, properties: { effectiveTo: date } };

export function rulesetsRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const source = new RulesetSource(store, config.limits.ruleset);
  const act = (res: Response) => ({ actor: currentUser(res).username, at: config.now() });

  const record = (id: string, v: string | number): RulesetVersionRecord => {
    const found = store.rulesets.get(id, Number(v));
    if (!found) throw new HttpError('NOT_FOUND', { zh: `规则集 ${id} 没有版本 v${v}`, en: `No version ${v} of ruleset ${id}` }, { id, version: Number(v) });
    return found;
  };

  router.use(authenticate(ctx));

  router.get('/', validate({ query: listQuery }), async (req, res) => {
    const { department, series, status } = req.query as { department?: string; series?: string; status?: string };
    const items = [];
    for (const latest of store.rulesets.list(department !== undefined ? { department } : {})) {
      const versions = store.rulesets.versions(latest.id);
      if (status !== undefined && !versions.some((v) => v.status === status)) continue;
      // Only top-level fields are read: a version over the limits still has its line in the list.
      const content = await source.content(latest, { check: false });
      const rulesetSeries = content.series;
      if (series !== undefined && rulesetSeries !== series) continue;
      items.push({
        id: latest.id,
        department: latest.department,
        series: rulesetSeries ?? null,
        level: content.level ?? null,
        title: latest.title,
        latest: latest.version,
        versions: versions.map((v) => ({ version: v.version, status: v.status, effectiveFrom: v.effectiveFrom ?? null, effectiveTo: v.effectiveTo ?? null })),
      });
    }
    res.json({ rulesets: items });
  });

  router.get('/:id/versions', validate({ params: { type: 'object', properties: { id: idParam } } }), (req, res) => {
    const versions = store.rulesets.versions(req.params.id as string);
    if (versions.length === 0) throw new HttpError('NOT_FOUND', { zh: `没有规则集 ${req.params.id}`, en: `No ruleset ${req.params.id}` }, { id: req.params.id });
    res.json({ versions, people: peopleOf(store, versions) });
  });

  router.get('/:id/versions/:version', validate({ params: { type: 'object', properties: { id: idParam, version } } }), async (req, res) => {
    const found = record(req.params.id as string, req.params.version as string);
    res.json({ record: found, ruleset: await source.content(found) });
  });

  router.get('/:id/diff', validate({ query: diffQuery }), async (req, res) => {
    const id = req.params.id as string;
    const from = record(id, req.query.from as string);
    const to = record(id, req.query.to as string);
    const [before, after] = [await source.content(from), await source.content(to)];
    // Inherited facts read by their labels, not their ids.
    const context = [...(await source.ancestors(before)).values(), ...(await source.ancestors(after)).values()];
    res.json({ id, from: from.version, to: to.version, entries: diffRulesets(before, after, context) });
  });

  router.post('/:id/versions', allow('admin', 'official'), validate({ body: saveBody, params: { type: 'object', properties: { id: idParam } } }), async (req, res) => {
    const id = req.params.id as string;
    const { ruleset, basedOn, note } = req.body as { ruleset: Ruleset; basedOn: number | null; note?: string };
    const user = currentUser(res);
    if (ruleset.id !== id) {
      throw new HttpError('VALIDATION_FAILED', { zh: `规则集的 id ${String(ruleset.id)} 与地址中的 ${id} 不符`, en: `The ruleset's id ${String(ruleset.id)} is not ${id}` }, { issues: [{ in: 'body', pointer: '/ruleset/id', message: `must be ${id}` }] });
    }
    const latest = store.rulesets.latest(id);
    if (latest) requireDepartment(user, latest.department);
    if (typeof ruleset.department === 'string') requireDepartment(user, ruleset.department);
    enforceRulesetLimits(ruleset, config.limits.ruleset);
    const { warnings: issues } = await checkRuleset(ctx, res, ruleset, source, NOT_SAVED);
    const saved = await store.rulesets.saveDraft({
      ruleset,
      author: user.username,
      note: note ?? '',
      basedOn: basedOn === null ? null : { id, version: basedOn },
      at: config.now(),
    });
    res.status(201).json({ record: saved, warnings: issues });
  });

  // The content a VERSION_CONFLICT kept (details.unsaved), so the editor can merge it.
  router.get('/:id/unsaved/:hash', allow('admin', 'official'), validate({ params: { type: 'object', properties: { id: idParam, hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } } } }), async (req, res) => {
    const id = req.params.id as string;
    const latest = store.rulesets.latest(id);
    if (!latest) throw new HttpError('NOT_FOUND', { zh: `没有规则集 ${id}`, en: `No ruleset ${id}` }, { id });
    requireDepartment(currentUser(res), latest.department);
    const missing = new HttpError('NOT_FOUND', { zh: `规则集 ${id} 没有未保存的内容 ${req.params.hash}`, en: `No unsaved content ${req.params.hash} for ${id}` }, { id, hash: req.params.hash });
    if (!(await store.blobs.has(req.params.hash as string))) throw missing;
    let content: unknown;
    try {
      content = JSON.parse((await store.blobs.get(req.params.hash as string)).toString('utf8'));
    } catch {
      throw missing;
    }
    if (typeof content !== 'object' || content === null || (content as { id?: unknown }).id !== id) throw missing;
    res.json({ ruleset: content });
  });

  const versionParams = validate({ params: { type: 'object', properties: { id: idParam, version } } });

  router.post('/:id/versions/:version/submit', allow('admin', 'official'), versionParams, validate({ body: empty }), async (req, res) => {
    const found = record(req.params.id as string, req.params.version as string);
    requireDepartment(currentUser(res), found.department);
    res.json({ record: await store.rulesets.submit(found.id, found.version, act(res)) });
  });

  router.post('/:id/versions/:version/approve', allow('admin'), versionParams, validate({ body: approveBody }), async (req, res) => {
    const found = record(req.params.id as string, req.params.version as string);
    const { comment } = req.body as { comment?: string };
    res.json({ record: await store.rulesets.approve(found.id, found.version, { ...act(res), ...(comment !== undefined ? { comment } : {}) }) });
  });

  router.post('/:id/versions/:version/reject', allow('admin'), versionParams, validate({ body: rejectBody }), async (req, res) => {
    const found = record(req.params.id as string, req.params.version as string);
    res.json({ record: await store.rulesets.reject(found.id, found.version, { ...act(res), comment: (req.body as { comment: string }).comment }) });
  });

  router.post('/:id/versions/:version/publish', allow('admin'), versionParams, validate({ body: publishBody }), async (req, res) => {
    const found = record(req.params.id as string, req.params.version as string);
    const { effectiveFrom, effectiveTo } = req.body as { effectiveFrom: string; effectiveTo?: string };
    res.json({ record: await store.rulesets.publish(found.id, found.version, { ...act(res), effectiveFrom, ...(effectiveTo !== undefined ? { effectiveTo } : {}) }) });
  });

  router.post('/:id/versions/:version/retire', allow('admin'), versionParams, validate({ body: retireBody }), async (req, res) => {
    const found = record(req.params.id as string, req.params.version as string);
    const { effectiveTo } = req.body as { effectiveTo?: string };
    res.json({ record: await store.rulesets.retire(found.id, found.version, { ...act(res), ...(effectiveTo !== undefined ? { effectiveTo } : {}) }) });
  });
  return router;
}

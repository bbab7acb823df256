// A new ruleset: version 1 as a draft of the caller's department, either from
// scratch (the smallest document the schema and lint accept, with the ruleset it
// extends) or as a copy of any stored version under a new id, title and department.
// Officials create only in their own department; an id is never taken twice.
import { Router } from 'express';
import { LIFECYCLE_FIELDS, type Ruleset, type Text } from '../../engine/index';
import { StorageError } from '../storage/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { checkRuleset, enforceRulesetLimits, NOT_SAVED } from './ruleset-checks';
import { RulesetSource } from './ruleset-source';
import { allow, authenticate, currentUser, requireDepartment } from './roles';
import { validate } from './validate-request';

// The rule format's own patterns (engine/schema/ruleset.schema.json: slug, text, extends), so a
// body that passes here makes a document that passes the schema.
const slug = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 };
const text = {
  type: 'object',
  required: ['zh'],
  additionalProperties: false,
  properties: { zh: { type: 'string', minLength: 1, maxLength: 500 }, en: { type: 'string', minLength: 1, maxLength: 500 } },
};
const createBody = {
  type: 'object',
  required: ['id', 'title', 'department', 'series', 'level'],
  additionalProperties: false,
  properties: {
    id: slug,
    title: text,
    department: slug,
    series: slug,
    level: slug,
    effectiveFrom: { type: 'string', format: 'date' },
    extends: { type: 'string', pattern: '^[a-z][a-z0-9-]*@[1-9][0-9]*$', maxLength: 80 },
    copyFrom: {
      type: 'object',
      required: ['id', 'version'],
      additionalProperties: false,
      properties: { id: slug, version: { type: 'integer', minimum: 1 } },
    },
    note: { type: 'string', maxLength: 2000 },
  },
};

interface CreateBody {
  id: string;
  title: Text;
  department: string;
  series: string;
  level: string;
  effectiveFrom?: string;
  extends?: string;
  copyFrom?: { id: string; version: number };
  note?: string;
}

export function rulesetCreateRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const source = new RulesetSource(store, config.limits.ruleset);
  router.use(authenticate(ctx));

  router.post('/', allow('admin', 'official'), validate({ body: createBody }), async (req, res) => {
    const body = req.body as CreateBody;
    const user = currentUser(res);
    requireDepartment(user, body.department);
    const taken = () => {
      const latest = store.rulesets.latest(body.id);
      return new HttpError(
        'ALREADY_EXISTS',
        { zh: `规则集标识 ${body.id} 已被使用（${latest?.title.zh ?? body.id}），请换一个`, en: `The ruleset id ${body.id} is taken (${latest?.title.en ?? latest?.title.zh ?? body.id}); choose another` },
        { id: body.id, department: latest?.department ?? null },
      );
    };
    if (store.rulesets.latest(body.id)) throw taken();

    let copied: { id: string; version: number; hash: string; status: string } | null = null;
    let ruleset: Ruleset;
    if (body.copyFrom) {
      const { id, version } = body.copyFrom;
      const record = store.rulesets.get(id, version);
      if (!record) throw new HttpError('NOT_FOUND', { zh: `规则集 ${id} 没有版本 v${version}`, en: `No version ${version} of ruleset ${id}` }, { id, version });
      const content = await source.content(record);
      copied = { id, version, hash: record.hash, status: record.status };
      // Everything of the copied version but who it is: id, title, department, series and level are the new ruleset's.
      const copy = { ...content, id: body.id, version: 1, title: body.title, department: body.department, series: body.series, level: body.level } as Ruleset;
      for (const field of LIFECYCLE_FIELDS) delete (copy as Partial<Ruleset>)[field];
      if (body.extends !== undefined) copy.extends = body.extends;
      ruleset = copy;
    } else {
      ruleset = {
        id: body.id,
        version: 1,
        title: body.title,
        department: body.department,
        series: body.series,
        level: body.level,
        ...(body.extends !== undefined ? { extends: body.extends } : {}),
        basis: [],
        facts: [],
      };
    }

    enforceRulesetLimits(ruleset, config.limits.ruleset);
    const { warnings } = await checkRuleset(ctx, res, ruleset, source, NOT_SAVED);
    const at = config.now();
    const note = body.note ?? (copied ? `复制自 ${copied.id} v${copied.version}` : '新建规则集');
    let saved;
    try {
      saved = await store.rulesets.saveDraft({ ruleset, author: user.username, note, basedOn: null, at, ...(body.effectiveFrom !== undefined ? { effectiveFrom: body.effectiveFrom } : {}) });
    } catch (err) {
      // Created by someone else between the check above and this commit.
      if (err instanceof StorageError && err.code === 'VERSION_CONFLICT') throw taken();
      throw err;
    }
    await store.audit.record({
      at,
      actor: user.username,
      action: 'ruleset.create',
      target: `ruleset:${saved.id}@${saved.version}`,
      details: { hash: saved.hash, department: saved.department, extends: ruleset.extends ?? null, copyFrom: copied, effectiveFrom: body.effectiveFrom ?? null },
    });
    res.status(201).json({ record: saved, warnings });
  });
  return router;
}

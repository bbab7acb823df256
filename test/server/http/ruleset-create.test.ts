// POST /rulesets: a new ruleset as version 1, a draft of the caller's department —
// from scratch (the smallest document schema and lint accept) or a copy of any
// stored version under a new id; 403 for another department, 409 for a taken id;
// audited with the source. And POST /rulesets/import with asNew, the studio's
// "import as a new ruleset".
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintRuleset, lookupIn, validateRuleset, type Ruleset } from '../../../engine/index';
import { setup, RULES_DIR } from './helpers';
import { HEALTH } from './runs-support';

type Ctx = Awaited<ReturnType<typeof setup>>;

async function lastAudit(ctx: Ctx, action: string) {
  let text = '';
  for await (const chunk of ctx.store.audit.exportJsonl()) text += chunk;
  const entries = text.trim().split('\n').map((l) => JSON.parse(l) as { action: string; actor: string; target: string; details: Record<string, unknown> });
  return entries.filter((e) => e.action === action).at(-1);
}

const scratch = { id: 'health-nursing-senior', title: { zh: '巴州护理副高级', en: 'Nursing deputy senior' }, department: 'health', series: 'health', level: 'deputy-senior', effectiveFrom: '2026-03-01', extends: 'bz-common@1' };

describe('POST /rulesets', () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
  });

  it('from scratch: version 1, a draft of the official’s department, a minimal document that passes the schema and lint; audited', async () => {
    const res = await ctx.agents['health-official']!.post('/api/v1/rulesets').send(scratch);
    expect(res.status).toBe(201);
    expect(res.body.record).toMatchObject({ id: scratch.id, version: 1, status: 'draft', department: 'health', basedOn: null, author: 'health-official', effectiveFrom: '2026-03-01', title: scratch.title });
    expect(res.body.warnings).toEqual(expect.any(Array));

    const { body } = await ctx.agents['health-official']!.get(`/api/v1/rulesets/${scratch.id}/versions/1`);
    const ruleset = body.ruleset as Ruleset;
    expect(ruleset).toMatchObject({ id: scratch.id, version: 1, title: scratch.title, department: 'health', series: 'health', level: 'deputy-senior', extends: 'bz-common@1', basis: [], facts: [] });
    const common = (await ctx.agents.admin!.get('/api/v1/rulesets/bz-common/versions/1')).body.ruleset as Ruleset;
    expect(validateRuleset(ruleset)).toEqual([]);
    expect(lintRuleset(ruleset, { lookup: lookupIn([common]) }).filter((i) => i.severity === 'error')).toEqual([]);

    const audit = await lastAudit(ctx, 'ruleset.create');
    expect(audit).toMatchObject({ actor: 'health-official', target: `ruleset:${scratch.id}@1`, details: { hash: res.body.record.hash, department: 'health', extends: 'bz-common@1', copyFrom: null, effectiveFrom: '2026-03-01' } });
    // The list shows it, with the planned date on the draft and nothing in force.
    const list = (await ctx.agents.auditor!.get('/api/v1/rulesets')).body.rulesets as Array<{ id: string; series: string; level: string; versions: unknown[] }>;
    expect(list.find((r) => r.id === scratch.id)).toMatchObject({ series: 'health', level: 'deputy-senior', versions: [{ version: 1, status: 'draft', effectiveFrom: '2026-03-01', effectiveTo: null }] });
  });

  it('a copy takes the copied version’s content with the new id, title and department, keeps everything else, and audits the source', async () => {
    const source = (await ctx.agents.admin!.get(`/api/v1/rulesets/${HEALTH}/versions/1`)).body.ruleset as Ruleset;
    const res = await ctx.agents['health-official']!.post('/api/v1/rulesets').send({ id: 'health-deputy-senior-2026', title: { zh: '卫生副高级（2026）' }, department: 'health', series: source.series, level: source.level, copyFrom: { id: HEALTH, version: 1 } });
    expect(res.status).toBe(201);
    expect(res.body.record).toMatchObject({ id: 'health-deputy-senior-2026', version: 1, status: 'draft', note: `复制自 ${HEALTH} v1` });
    expect(res.body.record.effectiveFrom).toBeUndefined();

    const copy = (await ctx.agents.auditor!.get('/api/v1/rulesets/health-deputy-senior-2026/versions/1')).body.ruleset as Ruleset;
    const strip = (r: Ruleset) => {
      const { id: _id, title: _title, status: _s, effectiveFrom: _f, effectiveTo: _t, ...rest } = r;
      return rest;
    };
    expect(copy.title).toEqual({ zh: '卫生副高级（2026）' });
    expect(strip(copy)).toEqual(strip(source));
    // Same key order as the source: the file reads like the one it was copied from.
    expect(Object.keys(strip(copy))).toEqual(Object.keys(strip(source)));
    expect(copy.status).toBe('draft');

    const audit = await lastAudit(ctx, 'ruleset.create');
    expect(audit).toMatchObject({ target: 'ruleset:health-deputy-senior-2026@1', details: { copyFrom: { id: HEALTH, version: 1, hash: ctx.store.rulesets.get(HEALTH, 1)!.hash, status: 'published' }, extends: source.extends } });
    expect((await lastAudit(ctx, 'ruleset.save'))?.target).toBe('ruleset:health-deputy-senior-2026@1');
  });

  it('an official may copy another department’s ruleset into their own, never create in another department (403)', async () => {
    const copied = await ctx.agents['health-official']!.post('/api/v1/rulesets').send({ id: 'health-from-teacher', title: { zh: '借鉴教师规则' }, department: 'health', series: 'health', level: 'deputy-senior', copyFrom: { id: 'teacher-deputy-senior', version: 1 } });
    expect(copied.status).toBe(201);
    expect(copied.body.record.department).toBe('health');

    const other = await ctx.agents['health-official']!.post('/api/v1/rulesets').send({ ...scratch, id: 'teacher-new', department: 'education', series: 'teacher' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    expect(ctx.store.rulesets.latest('teacher-new')).toBeUndefined();
    // Administrators create in any department.
    const admin = await ctx.agents.admin!.post('/api/v1/rulesets').send({ ...scratch, id: 'teacher-new', department: 'education', series: 'teacher' });
    expect(admin.status).toBe(201);
    expect(admin.body.record).toMatchObject({ department: 'education', author: 'admin' });
  });

  it('a taken id is 409 ALREADY_EXISTS, naming the id, and nothing is saved', async () => {
    const before = ctx.store.rulesets.versions(HEALTH).length;
    const res = await ctx.agents['health-official']!.post('/api/v1/rulesets').send({ ...scratch, id: HEALTH });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'ALREADY_EXISTS', details: { id: HEALTH, department: 'health' } });
    expect(res.body.details.text.zh).toContain(HEALTH);
    expect(ctx.store.rulesets.versions(HEALTH)).toHaveLength(before);
  });

  it('refuses what cannot make a valid ruleset: a bad id, a missing field, an unknown copy source, a missing parent', async () => {
    const official = ctx.agents['health-official']!;
    const badId = await official.post('/api/v1/rulesets').send({ ...scratch, id: 'Health_New' });
    expect(badId.status).toBe(400);
    expect(badId.body.details.issues[0]).toMatchObject({ in: 'body', pointer: '/id' });
    expect((await official.post('/api/v1/rulesets').send({ id: 'x-1', title: { zh: 'x' }, department: 'health', series: 'health' })).status).toBe(400);
    const unknown = await official.post('/api/v1/rulesets').send({ ...scratch, id: 'health-copy-x', copyFrom: { id: HEALTH, version: 9 } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const orphan = await official.post('/api/v1/rulesets').send({ ...scratch, id: 'health-orphan', extends: 'no-such@1' });
    expect(orphan.status).toBe(422);
    expect(orphan.body.code).toBe('RULESET_INVALID');
    expect(ctx.store.rulesets.latest('health-orphan')).toBeUndefined();
  });

  it('committee members and auditors may not create rulesets', async () => {
    for (const who of ['health-committee', 'auditor']) {
      const res = await ctx.agents[who]!.post('/api/v1/rulesets').send({ ...scratch, id: `by-${who}` });
      expect(res.status).toBe(403);
    }
  });
});

describe('POST /rulesets/import with asNew', () => {
  let ctx: Ctx;
  let file: Record<string, unknown>;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    file = JSON.parse(await readFile(join(RULES_DIR, 'health', HEALTH, 'v1.json'), 'utf8')) as Record<string, unknown>;
  });

  it('imports a file under a new id as version 1; an id that exists is ALREADY_EXISTS, not a next version', async () => {
    const taken = await ctx.agents['health-official']!.post('/api/v1/rulesets/import').send({ ruleset: file, asNew: true });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'ALREADY_EXISTS', details: { id: HEALTH } });
    expect(ctx.store.rulesets.versions(HEALTH)).toHaveLength(1);

    const res = await ctx.agents['health-official']!.post('/api/v1/rulesets/import').send({ ruleset: { ...file, id: 'health-imported-new' }, asNew: true });
    expect(res.status).toBe(201);
    expect(res.body.record).toMatchObject({ id: 'health-imported-new', version: 1, basedOn: null, status: 'draft' });
    expect(await lastAudit(ctx, 'ruleset.import')).toMatchObject({ target: 'ruleset:health-imported-new@1', details: { asNew: true } });
  });
});

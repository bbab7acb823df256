import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../engine/index';
import { setup } from './helpers';

const ID = 'health-deputy-senior';
const original = JSON.parse(readFileSync(new URL(`../../../rules/health/${ID}/v1.json`, import.meta.url), 'utf8')) as Ruleset;
const revised = (suffix: string): Ruleset => ({ ...structuredClone(original), title: { ...original.title, zh: original.title.zh + suffix } });

describe('rulesets', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
  });

  it('lists the seeded rulesets and filters by department, series and status', async () => {
    const all = await ctx.agents.auditor!.get('/api/v1/rulesets');
    expect(all.status).toBe(200);
    // 14 series rulesets, the common policy and the two rules after the title (定向使用).
    expect(all.body.rulesets).toHaveLength(17);
    const hrss = await ctx.agents.auditor!.get('/api/v1/rulesets?department=hrss');
    expect(hrss.body.rulesets.map((r: { id: string }) => r.id).sort()).toEqual(['bz-common', 'directional-use', 'general-title-basis']);
    const health = await ctx.agents.auditor!.get('/api/v1/rulesets?department=health');
    expect(health.body.rulesets.map((r: { id: string }) => r.id).sort()).toEqual(['health-deputy-senior', 'health-full-senior']);
    const teacher = await ctx.agents.auditor!.get('/api/v1/rulesets?series=teacher');
    expect(teacher.body.rulesets).toHaveLength(2);
    expect(teacher.body.rulesets[0]).toMatchObject({ department: 'education', series: 'teacher', versions: [{ version: 1, status: 'published', effectiveFrom: '2024-08-20' }] });
    expect((await ctx.agents.auditor!.get('/api/v1/rulesets?status=draft')).body.rulesets).toEqual([]);
    const bad = await ctx.agents.auditor!.get('/api/v1/rulesets?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues[0]).toMatchObject({ in: 'query', pointer: '/status' });
  });

  it('reads one version with its record and content', async () => {
    const res = await ctx.agents['health-committee']!.get(`/api/v1/rulesets/${ID}/versions/1`);
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({ id: ID, version: 1, status: 'published', author: 'system', effectiveFrom: '2024-08-20' });
    expect(res.body.ruleset).toMatchObject({ id: ID, version: 1, status: 'published', series: 'health' });
    expect((await ctx.agents.auditor!.get(`/api/v1/rulesets/${ID}/versions/9`)).body.code).toBe('NOT_FOUND');
  });

  it('saves drafts as new versions; a stale basedOn is a 409 naming the latest, and the content is kept', async () => {
    const first = await ctx.agents['health-official']!.post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: revised('（修订）'), basedOn: 1, note: 'title' });
    expect(first.status).toBe(201);
    expect(first.body.record).toMatchObject({ id: ID, version: 2, status: 'draft', author: 'health-official', basedOn: 1 });
    const stale = await ctx.agents['health-official']!.post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: revised('（另一修订）'), basedOn: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.details.latest).toMatchObject({ version: 2, author: 'health-official' });
    const kept = JSON.parse((await ctx.store.blobs.get(stale.body.details.unsaved)).toString('utf8'));
    expect(kept.title.zh).toContain('（另一修订）');
    const fetched = await ctx.agents['health-official']!.get(`/api/v1/rulesets/${ID}/unsaved/${stale.body.details.unsaved}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.ruleset).toEqual(kept);
    expect((await ctx.agents['edu-official']!.get(`/api/v1/rulesets/${ID}/unsaved/${stale.body.details.unsaved}`)).status).toBe(403);
    expect((await ctx.agents['health-official']!.get(`/api/v1/rulesets/health-full-senior/unsaved/${stale.body.details.unsaved}`)).body.code).toBe('NOT_FOUND');
    expect(ctx.store.rulesets.versions(ID)).toHaveLength(2);
  });

  it('refuses an invalid ruleset with the engine issues (pointer, code, zh/en) and saves nothing', async () => {
    const broken = revised('') as unknown as Record<string, unknown>;
    delete broken.title;
    const res = await ctx.agents.admin!.post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: broken, basedOn: 2 });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RULESET_INVALID');
    expect(res.body.details.issues[0]).toMatchObject({ code: 'SCHEMA', severity: 'error', message: { zh: expect.any(String), en: expect.any(String) } });
    expect(typeof res.body.details.issues[0].pointer).toBe('string');

    const undeclared = revised('');
    undeclared.criteria = [...(undeclared.criteria ?? [])];
    undeclared.criteria[0] = { ...undeclared.criteria[0]!, conditions: { all: [{ fact: 'noSuchFact', operator: 'equal', value: 1 }] } };
    const lint = await ctx.agents.admin!.post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: undeclared, basedOn: 2 });
    expect(lint.status).toBe(422);
    expect(lint.body.details.issues.map((i: { code: string }) => i.code)).toContain('UNDECLARED_FACT');
    expect(ctx.store.rulesets.versions(ID)).toHaveLength(2);
  });

  it('lets department officials change only their own department', async () => {
    const other = await ctx.agents['edu-official']!.post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: revised('x'), basedOn: 2 });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    const moved = await ctx.agents['edu-official']!.post('/api/v1/rulesets/new-health/versions').send({ ruleset: { ...revised('x'), id: 'new-health' }, basedOn: null });
    expect(moved.status).toBe(403);
    expect((await ctx.agents['edu-official']!.post(`/api/v1/rulesets/${ID}/versions/2/submit`).send({})).status).toBe(403);
    const mismatch = await ctx.agents['health-official']!.post('/api/v1/rulesets/other-id/versions').send({ ruleset: revised('x'), basedOn: null });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.details.issues[0].pointer).toBe('/ruleset/id');
  });

  it('diffs two versions with the engine lines', async () => {
    const res = await ctx.agents.auditor!.get(`/api/v1/rulesets/${ID}/diff?from=1&to=2`);
    expect(res.status).toBe(200);
    expect(res.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'changed', target: 'ruleset', field: 'title', text: { zh: expect.stringContaining('（修订）'), en: expect.any(String) } })]));
  });

  it('runs the lifecycle: submit → approve (not the author) → publish → retire', async () => {
    const admin = ctx.agents.admin!;
    expect((await ctx.agents['health-official']!.post(`/api/v1/rulesets/${ID}/versions/2/submit`).send({})).body.record.status).toBe('submitted');
    expect((await admin.post(`/api/v1/rulesets/${ID}/versions/2/approve`).send({})).body.record.status).toBe('approved');
    const published = await admin.post(`/api/v1/rulesets/${ID}/versions/2/publish`).send({ effectiveFrom: '2025-01-01' });
    expect(published.body.record).toMatchObject({ status: 'published', effectiveFrom: '2025-01-01' });
    const again = await admin.post(`/api/v1/rulesets/${ID}/versions/2/approve`).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('IMMUTABLE_VERSION');

    // the administrator's own draft needs another administrator's approval
    const own = await admin.post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: revised('（三）'), basedOn: 2 });
    expect(own.body.record.version).toBe(3);
    await admin.post(`/api/v1/rulesets/${ID}/versions/3/submit`).send({});
    const self = await admin.post(`/api/v1/rulesets/${ID}/versions/3/approve`).send({});
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_APPROVAL');
    expect((await ctx.agents.admin2!.post(`/api/v1/rulesets/${ID}/versions/3/approve`).send({})).status).toBe(200);
    const reject = await ctx.agents.admin2!.post(`/api/v1/rulesets/${ID}/versions/3/reject`).send({ comment: '再议' });
    expect(reject.body.record.status).toBe('draft');
    const early = await admin.post(`/api/v1/rulesets/${ID}/versions/3/publish`).send({ effectiveFrom: '2026-01-01' });
    expect(early.body.code).toBe('INVALID_TRANSITION');
    const badDate = await admin.post(`/api/v1/rulesets/${ID}/versions/2/retire`).send({ effectiveTo: '2025-02-30' });
    expect(badDate.status).toBe(400);
    const retired = await admin.post(`/api/v1/rulesets/${ID}/versions/2/retire`).send({ effectiveTo: '2025-12-31' });
    expect(retired.body.record).toMatchObject({ status: 'retired', effectiveTo: '2025-12-31' });
  });
});

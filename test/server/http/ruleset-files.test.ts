// Ruleset files over HTTP: a version downloads as the file rules/ holds, byte for
// byte; a file imports as a new draft (a new id, or the next version of an existing
// one based on its latest), checked like a save; both audited.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setup, RULES_DIR } from './helpers';
import { HEALTH } from './runs-support';

const SHIPPED = join(RULES_DIR, 'health', HEALTH, 'v1.json');

async function lastAudit(ctx: Awaited<ReturnType<typeof setup>>) {
  let text = '';
  for await (const chunk of ctx.store.audit.exportJsonl()) text += chunk;
  return JSON.parse(text.trim().split('\n').at(-1)!) as { action: string; actor: string; target: string; details: Record<string, unknown> };
}

const asText = (res: { body: unknown; text?: string }) => res.text ?? '';

describe('ruleset files', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let shipped: string;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    shipped = await readFile(SHIPPED, 'utf8');
  });

  it('a shipped version downloads byte for byte as the file in rules/, as an attachment; audited', async () => {
    const res = await ctx.agents['edu-committee']!.get(`/api/v1/rulesets/${HEALTH}/versions/1/file`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="v1.json"');
    expect(asText(res)).toBe(shipped);
    expect(await lastAudit(ctx)).toMatchObject({ action: 'ruleset.export', actor: 'edu-committee', target: `ruleset:${HEALTH}@1`, details: { hash: ctx.store.rulesets.get(HEALTH, 1)!.hash, status: 'published' } });
    const common = await ctx.agents.auditor!.get('/api/v1/rulesets/bz-common/versions/1/file').buffer(true);
    expect(asText(common)).toBe(await readFile(join(RULES_DIR, 'hrss', 'bz-common', 'v1.json'), 'utf8'));
  });

  it('an unknown version is NOT_FOUND', async () => {
    const res = await ctx.agents.admin!.get(`/api/v1/rulesets/${HEALTH}/versions/9/file`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('a file of an existing id imports as its next draft, based on the latest, and exports back in the same key order', async () => {
    const file = JSON.parse(shipped) as Record<string, unknown>;
    const res = await ctx.agents['health-official']!.post('/api/v1/rulesets/import').send({ ruleset: file, note: '从文件导入' });
    expect(res.status).toBe(201);
    expect(res.body.record).toMatchObject({ id: HEALTH, version: 2, status: 'draft', basedOn: 1, author: 'health-official', note: '从文件导入', hash: expect.not.stringMatching(ctx.store.rulesets.get(HEALTH, 1)!.hash) });
    expect(res.body.warnings).toEqual(expect.any(Array));
    expect(await lastAudit(ctx)).toMatchObject({ action: 'ruleset.import', actor: 'health-official', target: `ruleset:${HEALTH}@2`, details: { basedOn: 1, fileVersion: 1, hash: res.body.record.hash } });

    const exported = await ctx.agents.admin!.get(`/api/v1/rulesets/${HEALTH}/versions/2/file`).buffer(true);
    const expected = shipped.replace('"version": 1,', '"version": 2,').replace('"status": "published",', '"status": "draft",').replace(/\n {2}"effectiveFrom": "[^"]+",/, '');
    expect(asText(exported)).toBe(expected);
  });

  it('a file of a new id imports as version 1 of a new ruleset (administrators)', async () => {
    const file = { ...(JSON.parse(shipped) as Record<string, unknown>), id: 'health-imported', version: 7 };
    const res = await ctx.agents.admin!.post('/api/v1/rulesets/import').send({ ruleset: file });
    expect(res.status).toBe(201);
    expect(res.body.record).toMatchObject({ id: 'health-imported', version: 1, basedOn: null, department: 'health', note: '' });
  });

  it("refuses an official another department's file, and committee members and auditors altogether", async () => {
    const file = JSON.parse(shipped) as Record<string, unknown>;
    const other = await ctx.agents['edu-official']!.post('/api/v1/rulesets/import').send({ ruleset: file });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    // The id exists in health: an official cannot take it over by naming their own department.
    const moved = await ctx.agents['edu-official']!.post('/api/v1/rulesets/import').send({ ruleset: { ...file, department: 'education' } });
    expect(moved.status).toBe(403);
    expect((await ctx.agents['health-committee']!.post('/api/v1/rulesets/import').send({ ruleset: file })).status).toBe(403);
    expect((await ctx.agents.auditor!.post('/api/v1/rulesets/import').send({ ruleset: file })).status).toBe(403);
    expect(ctx.store.rulesets.latest(HEALTH)!.version).toBe(2);
  });

  it('refuses an invalid file with the engine issues and their pointers; nothing is saved', async () => {
    const file = JSON.parse(shipped) as { criteria: Array<Record<string, unknown>>; facts: unknown };
    file.criteria[0]!.conditions = { all: [{ fact: 'noSuchFact', operator: 'greaterThan', value: 1 }] };
    const res = await ctx.agents['health-official']!.post('/api/v1/rulesets/import').send({ ruleset: file });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RULESET_INVALID');
    expect(res.body.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'UNDECLARED_FACT', pointer: expect.stringMatching(/^\/criteria\/0\/conditions/) })]));
    expect(res.body.details.text.zh).toContain('未保存');
    const schema = await ctx.agents.admin!.post('/api/v1/rulesets/import').send({ ruleset: { id: 'bare', department: 'health' } });
    expect(schema.body).toMatchObject({ code: 'RULESET_INVALID', details: { issues: expect.arrayContaining([expect.objectContaining({ code: 'SCHEMA' })]) } });
    expect(ctx.store.rulesets.latest('bare')).toBeUndefined();
    expect((await ctx.agents.admin!.post('/api/v1/rulesets/import').send({ file: {} })).body.code).toBe('VALIDATION_FAILED');
  });
});

// Embedded test cases over HTTP: a stored version's cases for every signed-in role;
// unsaved content's cases for administrators and officials of its department,
// refused with RULESET_INVALID when the content does not pass its checks.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES_DIR, setup } from './helpers';
import { HEALTH } from './runs-support';

interface Case {
  id: string;
  expect: Record<string, unknown>;
}

describe('embedded tests over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let shipped: { tests: Case[]; department: string } & Record<string, unknown>;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    shipped = JSON.parse(await readFile(join(RULES_DIR, 'health', HEALTH, 'v1.json'), 'utf8'));
  });

  it.each(['admin', 'health-official', 'edu-committee', 'auditor'])("a stored version's cases all pass, run by %s (extends resolved through the store)", async (who) => {
    const res = await ctx.agents[who]!.post(`/api/v1/rulesets/${HEALTH}/versions/1/tests`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: HEALTH, version: 1, hash: ctx.store.rulesets.get(HEALTH, 1)!.hash, passed: shipped.tests.length, failed: 0 });
    expect(res.body.cases).toHaveLength(shipped.tests.length);
    expect(res.body.cases[0]).toEqual({ id: shipped.tests[0]!.id, title: expect.any(String), passed: true, failures: [] });
  });

  it('an unknown version is NOT_FOUND; a body is refused', async () => {
    expect((await ctx.agents.admin!.post(`/api/v1/rulesets/${HEALTH}/versions/5/tests`).send({})).body.code).toBe('NOT_FOUND');
    expect((await ctx.agents.admin!.post(`/api/v1/rulesets/${HEALTH}/versions/1/tests`).send({ only: 'x' })).body.code).toBe('VALIDATION_FAILED');
  });

  it('unsaved content runs its cases and reports each failed expectation; nothing is saved', async () => {
    const ruleset = structuredClone(shipped);
    const score = ruleset.tests[0]!.expect.score as number;
    ruleset.tests[0]!.expect.score = score + 1;
    const res = await ctx.agents['health-official']!.post('/api/v1/rulesets/tests').send({ ruleset });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ passed: shipped.tests.length - 1, failed: 1, warnings: expect.any(Array) });
    expect(res.body.cases[0]).toMatchObject({ id: ruleset.tests[0]!.id, passed: false, failures: [`score: expected ${score + 1}, got ${score}`] });
    expect(ctx.store.rulesets.latest(HEALTH)!.version).toBe(1);
    expect((await ctx.agents.admin!.post('/api/v1/rulesets/tests').send({ ruleset: shipped })).body).toMatchObject({ passed: shipped.tests.length, failed: 0 });
  });

  it('unsaved content that fails its checks is RULESET_INVALID with the issues (an unknown extends target included)', async () => {
    const res = await ctx.agents.admin!.post('/api/v1/rulesets/tests').send({ ruleset: { ...shipped, extends: 'bz-common@9' } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'RULESET_INVALID', details: { issues: expect.arrayContaining([expect.objectContaining({ code: 'EXTENDS_MISSING', pointer: '/extends' })]) } });
    expect(res.body.details.text.en).toContain('tests not run');
    expect((await ctx.agents.admin!.post('/api/v1/rulesets/tests').send({})).body.code).toBe('VALIDATION_FAILED');
  });

  it("refuses an official another department's content, and committee members and auditors", async () => {
    const other = await ctx.agents['edu-official']!.post('/api/v1/rulesets/tests').send({ ruleset: shipped });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    // Content naming no department fails its checks before any department could be compared.
    expect((await ctx.agents['edu-official']!.post('/api/v1/rulesets/tests').send({ ruleset: { ...shipped, department: undefined } })).body.code).toBe('RULESET_INVALID');
    expect((await ctx.agents['health-committee']!.post('/api/v1/rulesets/tests').send({ ruleset: shipped })).status).toBe(403);
    expect((await ctx.agents.auditor!.post('/api/v1/rulesets/tests').send({ ruleset: shipped })).status).toBe(403);
  });
});

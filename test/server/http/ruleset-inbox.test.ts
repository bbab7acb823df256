// Approval comments reach the author, people read by display name, and each role's
// 待我处理: administrators see what was submitted or approved, officials the drafts of
// their department sent back, with the reason, until they resubmit.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../engine/index';
import { setup } from './helpers';

const ID = 'health-deputy-senior';
const original = JSON.parse(readFileSync(new URL(`../../../rules/health/${ID}/v1.json`, import.meta.url), 'utf8')) as Ruleset;
const revised = (suffix: string): Ruleset => {
  const next = structuredClone(original);
  delete next.status;
  return { ...next, title: { ...original.title, zh: original.title.zh + suffix } };
};

type Ctx = Awaited<ReturnType<typeof setup>>;

async function audited(ctx: Ctx, action: string) {
  let text = '';
  for await (const chunk of ctx.store.audit.exportJsonl()) text += chunk;
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; actor: string; target: string; details: Record<string, unknown> })
    .filter((e) => e.action === action)
    .at(-1);
}

describe('approval comments, names and 待我处理', () => {
  let ctx: Ctx;
  const official = () => ctx.agents['health-official']!;
  const admin = () => ctx.agents.admin!;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
  });

  it('an official has nothing returned and an administrator nothing to approve on a fresh store; other roles may not ask', async () => {
    expect((await official().get('/api/v1/rulesets/inbox')).body).toEqual({ items: [], people: {} });
    expect((await admin().get('/api/v1/rulesets/inbox')).body.items).toEqual([]);
    expect((await ctx.agents['health-committee']!.get('/api/v1/rulesets/inbox')).status).toBe(403);
    expect((await ctx.agents.auditor!.get('/api/v1/rulesets/inbox')).status).toBe(403);
    expect((await admin().get('/api/v1/rulesets/inbox?all=1')).status).toBe(400);
  });

  it('a submitted version waits for administrators, named by its author’s display name', async () => {
    expect((await official().post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: revised('（修订）'), basedOn: 1, note: '提高门槛' })).status).toBe(201);
    expect((await official().post(`/api/v1/rulesets/${ID}/versions/2/submit`).send({})).status).toBe(200);
    const inbox = await admin().get('/api/v1/rulesets/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ kind: 'submitted', id: ID, version: 2, department: 'health', status: 'submitted', author: 'health-official', note: '提高门槛', since: expect.any(String) }),
    ]);
    expect(inbox.body.people).toEqual({ 'health-official': '卫健委' });
    // Submitted is not the official's work any more.
    expect((await official().get('/api/v1/rulesets/inbox')).body.items).toEqual([]);
  });

  it('a rejection comes back to the official’s department with who, when and why — until a fix is submitted', async () => {
    const reject = await admin().post(`/api/v1/rulesets/${ID}/versions/2/reject`).send({ comment: '请补充乡村任教年限的政策依据' });
    expect(reject.status).toBe(200);
    const returned = await official().get('/api/v1/rulesets/inbox');
    expect(returned.body.items).toEqual([
      expect.objectContaining({ kind: 'returned', id: ID, version: 2, status: 'draft', returned: { version: 2, by: 'admin', at: expect.any(String), comment: '请补充乡村任教年限的政策依据' } }),
    ]);
    expect(returned.body.people).toEqual({ 'health-official': '卫健委', admin: '管理员' });
    // Another department's official has nothing of it.
    expect((await ctx.agents['edu-official']!.get('/api/v1/rulesets/inbox')).body.items).toEqual([]);
    expect((await admin().get('/api/v1/rulesets/inbox')).body.items).toEqual([]);

    // The fix, saved from the returned draft, still answers that reason until it is submitted.
    expect((await official().post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: revised('（修订二）'), basedOn: 2, note: '已补充依据' })).status).toBe(201);
    const fixing = (await official().get('/api/v1/rulesets/inbox')).body.items;
    expect(fixing).toEqual([expect.objectContaining({ kind: 'returned', version: 3, note: '已补充依据', returned: expect.objectContaining({ version: 2, comment: '请补充乡村任教年限的政策依据' }) })]);
    await official().post(`/api/v1/rulesets/${ID}/versions/3/submit`).send({});
    expect((await official().get('/api/v1/rulesets/inbox')).body.items).toEqual([]);
    expect((await admin().get('/api/v1/rulesets/inbox')).body.items.map((i: { version: number }) => i.version)).toEqual([3]);
  });

  it('an approval takes an optional comment: kept in the history and the approvals, audited, shown to the author', async () => {
    const tooLong = await admin().post(`/api/v1/rulesets/${ID}/versions/3/approve`).send({ comment: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details.issues[0]).toMatchObject({ in: 'body', pointer: '/comment' });
    const approved = await admin().post(`/api/v1/rulesets/${ID}/versions/3/approve`).send({ comment: '  依据已核对，同意  ' });
    expect(approved.status).toBe(200);
    expect(approved.body.record.approvals).toEqual([{ by: 'admin', at: expect.any(String), comment: '依据已核对，同意' }]);
    expect(approved.body.record.history.at(-1)).toEqual({ action: 'approve', by: 'admin', at: expect.any(String), comment: '依据已核对，同意' });
    expect((await audited(ctx, 'ruleset.approve'))!.details).toMatchObject({ from: 'submitted', to: 'approved', comment: '依据已核对，同意' });
    expect((await admin().get('/api/v1/rulesets/inbox')).body.items).toEqual([expect.objectContaining({ kind: 'approved', version: 3 })]);

    // The author reads it in the version history, with everyone by name.
    const versions = await official().get(`/api/v1/rulesets/${ID}/versions`);
    const v3 = versions.body.versions.find((v: { version: number }) => v.version === 3);
    expect(v3.history.map((e: { action: string; comment?: string }) => [e.action, e.comment])).toEqual([
      ['save', '已补充依据'],
      ['submit', undefined],
      ['approve', '依据已核对，同意'],
    ]);
    const v2 = versions.body.versions.find((v: { version: number }) => v.version === 2);
    expect(v2.history.at(-1)).toMatchObject({ action: 'reject', by: 'admin', comment: '请补充乡村任教年限的政策依据' });
    expect(versions.body.people).toEqual({ 'health-official': '卫健委', admin: '管理员' });
  });

  it('an approval without a comment, or a blank one, records none', async () => {
    await official().post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: revised('（四）'), basedOn: 3 });
    await official().post(`/api/v1/rulesets/${ID}/versions/4/submit`).send({});
    const approved = await ctx.agents.admin2!.post(`/api/v1/rulesets/${ID}/versions/4/approve`).send({ comment: '   ' });
    expect(approved.body.record.approvals).toEqual([{ by: 'admin2', at: expect.any(String) }]);
    expect(approved.body.record.history.at(-1)).not.toHaveProperty('comment');
  });
});

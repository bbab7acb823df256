import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/app';
import { hashPassword } from '../../../server/http/passwords';
import { openStore } from '../../../server/storage/index';
import { AT, COST, PASSWORD } from './helpers';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('audit verify on a tampered log', () => {
  it('names the first broken entry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pingshen-http-audit-'));
    dirs.push(dir);
    const store = await openStore({ dataDir: dir });
    const hash = await hashPassword(PASSWORD, COST);
    for (const username of ['a1', 'a2', 'a3']) await store.users.create({ username, displayName: username, role: 'auditor', passwordHash: hash }, { actor: 'system', at: AT });
    await store.close();

    const log = join(dir, 'audit.jsonl');
    const lines = (await readFile(log, 'utf8')).trimEnd().split('\n');
    const second = JSON.parse(lines[1]!) as { details: Record<string, unknown> };
    second.details = { ...second.details, role: 'admin' };
    lines[1] = JSON.stringify(second);
    await writeFile(log, lines.join('\n') + '\n');

    const reopened = await openStore({ dataDir: dir });
    const agent = request.agent(createApp({ store: reopened, config: { scryptCost: COST, now: () => AT } }));
    expect((await agent.post('/api/v1/auth/login').send({ username: 'a1', password: PASSWORD })).status).toBe(200);
    const res = await agent.get('/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash' });
    expect(res.body.entries).toBeGreaterThanOrEqual(3);
    await reopened.close();
  });
});

describe('audit verify with an anchor, and the head to copy out', () => {
  async function signedIn() {
    const dir = await mkdtemp(join(tmpdir(), 'pingshen-http-audit-'));
    dirs.push(dir);
    const store = await openStore({ dataDir: dir });
    await store.users.create({ username: 'au', displayName: '审计', role: 'auditor', passwordHash: await hashPassword(PASSWORD, COST) }, { actor: 'system', at: AT });
    const agent = request.agent(createApp({ store, config: { scryptCost: COST, now: () => AT } }));
    expect((await agent.post('/api/v1/auth/login').send({ username: 'au', password: PASSWORD })).status).toBe(200);
    return { store, agent };
  }

  it('answers the head; a head copied earlier is still extended; a forged one is named; a malformed one is a 400', async () => {
    const { store, agent } = await signedIn();
    const first = await agent.get('/api/v1/audit/verify');
    expect(first.body).toMatchObject({ ok: true, head: store.audit.head() });
    const anchor = `${first.body.head.seq}:${first.body.head.hash}`;
    await store.audit.record({ at: AT, actor: 'au', action: 'audit.export', target: 'audit', details: {} });
    const held = await agent.get('/api/v1/audit/verify').query({ anchor });
    expect(held.body).toMatchObject({ ok: true, anchor: first.body.head });
    const forged = await agent.get('/api/v1/audit/verify').query({ anchor: `${first.body.head.seq}:sha256:${'0'.repeat(64)}` });
    expect(forged.body).toMatchObject({ ok: false, reason: 'anchor', brokenAt: first.body.head.seq });
    const malformed = await agent.get('/api/v1/audit/verify').query({ anchor: 'latest' });
    expect(malformed.status).toBe(400);
    await store.close();
  });
});

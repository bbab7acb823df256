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

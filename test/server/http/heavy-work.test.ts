// Heavy work of a request on the worker pool (server/http/heavy-work.ts): refusals
// said as the API says things (TOO_MANY_TASKS 429, SERVER_BUSY 503, both with
// Retry-After), a request whose client goes away cancelled (its thread ended), a task
// that runs its thread out of heap failing alone; and on the real server, /health and
// a single evaluation answered while a 36,000-condition rule check is in flight.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Applicant, Ruleset } from '../../../engine/index';
import { closeApp, createApp } from '../../../server/http/app';
import { resolveConfig, type HttpConfigInput, type WorkSettings } from '../../../server/http/config';
import { hashPassword } from '../../../server/http/passwords';
import { seedRules } from '../../../server/seed-rules';
import { openStore } from '../../../server/storage/index';
import { sharedWorkPool, type WorkPool } from '../../../server/work/work-pool';
import { BIG_RULESET_BASE, bigRuleset } from '../../support/big-ruleset';
import { apiLogin, spawnServer, type RealServer } from '../../support/real-server';
import { AT, COST, PASSWORD, RULES_DIR, USERS } from './helpers';

const small = bigRuleset(10);
const big = bigRuleset(36_000);
/** 36,000 conditions pass the rule-document limits only when they are raised. */
const LIMITS = { ruleset: { conditions: 50_000 } };

interface App {
  app: Express;
  pool: WorkPool;
  agent: (username: string) => Promise<ReturnType<typeof request.agent>>;
  close: () => Promise<void>;
}

/** An app on a seeded in-memory store with its own work settings, and the pool it runs on (shared by settings). */
async function appWith(work: Partial<WorkSettings>, config: HttpConfigInput = {}): Promise<App> {
  const store = await openStore({ memory: true });
  await seedRules(store, RULES_DIR, AT);
  const hash = await hashPassword(PASSWORD, COST);
  for (const user of USERS) await store.users.create({ ...user, passwordHash: hash }, { actor: 'system', at: AT });
  const input: HttpConfigInput = { scryptCost: COST, now: () => AT, logError: () => undefined, limits: LIMITS, ...config, work: work as WorkSettings };
  const app = createApp({ store, config: input });
  const { pool, release } = sharedWorkPool(resolveConfig(input).work);
  return {
    app,
    pool,
    agent: async (username) => {
      const agent = request.agent(app);
      const res = await agent.post('/api/v1/auth/login').send({ username, password: PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      return agent;
    },
    close: async () => {
      await release();
      await closeApp(app);
      await store.close();
    },
  };
}

const checkTask = (ruleset: Ruleset) => ({ ruleset, ancestors: [], check: true, tests: true });

describe('heavy work of a request', () => {
  it('refuses a user with work.perUser tasks with TOO_MANY_TASKS (429), a full queue with SERVER_BUSY (503), each with Retry-After', async () => {
    const ctx = await appWith({ threads: 1, perUser: 1, maxQueue: 1, retryAfterSeconds: 9 });
    try {
      const [admin, other] = [await ctx.agent('admin'), await ctx.agent('admin2')];
      const stop = new AbortController();
      // The administrator's one place is taken by a long check on the pool the app runs on.
      const running = ctx.pool.run('checkRuleset', checkTask(big), { owner: 'admin', signal: stop.signal }).catch((err: Error) => err);
      const mine = await admin.post('/api/v1/rulesets/tests').send({ ruleset: small });
      expect(mine.status).toBe(429);
      expect(mine.headers['retry-after']).toBe('9');
      expect(mine.body).toMatchObject({ code: 'TOO_MANY_TASKS', details: { limit: 1, retryAfterSeconds: 9, text: { zh: expect.stringContaining('1 项'), en: expect.any(String) } } });
      // Someone else's check waits in the one place of the queue; one more is refused.
      const waiting = ctx.pool.run('checkRuleset', checkTask(small), { owner: 'someone', signal: stop.signal }).catch((err: Error) => err);
      const busy = await other.post('/api/v1/rulesets/tests').send({ ruleset: small });
      expect(busy.status).toBe(503);
      expect(busy.headers['retry-after']).toBe('9');
      expect(busy.body).toMatchObject({ code: 'SERVER_BUSY', details: { limit: 1, retryAfterSeconds: 9 } });
      // Both answers came while the long check was still running.
      expect(ctx.pool.stats()).toMatchObject({ running: 1, queued: 1 });
      stop.abort();
      await Promise.all([running, waiting]);
      const after = await other.post('/api/v1/rulesets/tests').send({ ruleset: small });
      expect(after.body).toMatchObject({ passed: 13, failed: 0 });
    } finally {
      await ctx.close();
    }
  });

  it('cancels the rule check of a client that went away: its thread is ended and the next task starts a new one', async () => {
    const ctx = await appWith({ threads: 1, perUser: 2, maxQueue: 2, retryAfterSeconds: 3 });
    const server = ctx.app.listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const cookie = await apiLogin(`http://127.0.0.1:${port}`, 'admin', PASSWORD);
      const body = JSON.stringify({ ruleset: big });
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/rulesets/tests', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Cookie: cookie } });
      let answered = false;
      req.on('response', () => (answered = true));
      req.on('error', () => undefined);
      req.end(body);
      // The check has reached its thread (the pool's first: it also starts the thread)…
      while (ctx.pool.stats().running === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(ctx.pool.stats()).toMatchObject({ running: 1, started: 1 });
      // …when the client goes away.
      req.destroy();
      while (ctx.pool.stats().running > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(answered).toBe(false);
      // Finished on its own, the check would have left its thread for the next task.
      const next = await ctx.pool.run('checkRuleset', checkTask(small), { owner: 'admin' });
      expect(next.cases).toHaveLength(13);
      expect(ctx.pool.stats().started).toBe(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await ctx.close();
    }
  });

  it('answers a check that runs its thread out of heap (work.maxHeapMb) with TASK_TOO_LARGE (413), not a 500, and keeps serving', async () => {
    const ctx = await appWith({ threads: 1, maxHeapMb: 32 });
    try {
      const admin = await ctx.agent('admin');
      const res = await admin.post('/api/v1/rulesets/tests').send({ ruleset: big });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'TASK_TOO_LARGE', details: { limit: 'maxHeapMb', max: 32, text: { zh: expect.stringContaining('32 MB'), en: expect.stringContaining('32 MB') } } });
      expect((await admin.get('/api/v1/health')).status).toBe(200);
      expect((await admin.post('/api/v1/rulesets/tests').send({ ruleset: small })).body).toMatchObject({ passed: 13, failed: 0 });
    } finally {
      await ctx.close();
    }
  });
});

describe('the real server while a 36,000-condition rule check runs', () => {
  const ADMIN = 'heavy-work-admin-password';
  let server: RealServer;
  beforeAll(async () => {
    server = await spawnServer({ adminPassword: ADMIN, env: { PINGSHEN_LIMITS: JSON.stringify(LIMITS) } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers GET /health and a single evaluation while the check is in flight', async () => {
    const cookie = await apiLogin(server.origin, 'admin', ADMIN);
    const headers = { 'Content-Type': 'application/json', Cookie: cookie };
    const applicant = (small as unknown as { tests: Array<{ applicant: Applicant; asOf: string }> }).tests[0]!;
    // Ordering, not speed: each answer is stamped with how many answers came before it.
    let order = 0;
    let heavyAt = -1;
    const heavy = fetch(`${server.origin}/api/v1/rulesets/tests`, { method: 'POST', headers, body: JSON.stringify({ ruleset: big }) }).then(async (res) => {
      heavyAt = order++;
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    });
    const probes: Array<{ status: number; at: number }> = [];
    let evaluation: Promise<{ status: number; at: number }> | undefined;
    while (heavyAt < 0) {
      const res = await fetch(`${server.origin}/api/v1/health`);
      await res.arrayBuffer();
      probes.push({ status: res.status, at: order++ });
      if (probes.length === 3) {
        evaluation = fetch(`${server.origin}/api/v1/evaluations`, { method: 'POST', headers, body: JSON.stringify({ rulesetId: BIG_RULESET_BASE, asOf: applicant.asOf, applicant: applicant.applicant }) }).then(async (res) => {
          const at = order++;
          await res.arrayBuffer();
          return { status: res.status, at };
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const done = await heavy;
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ passed: 13, failed: 0 });
    // A check on the event loop holds every probe sent after it began until it ends: tried
    // so, 3 probes answered before the check did (while its body arrived), here ~90.
    const inFlight = probes.filter((p) => p.at < heavyAt);
    expect(inFlight.length).toBeGreaterThanOrEqual(10);
    expect(inFlight.every((p) => p.status === 200)).toBe(true);
    expect(evaluation).toBeDefined();
    const single = await evaluation!;
    expect(single.status).toBe(200);
    expect(single.at).toBeLessThan(heavyAt);
  });
});

import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeApp, createApp } from '../../../server/http/app';
import { ensureFirstAdmin } from '../../../server/http/first-admin';
import { verifyPassword } from '../../../server/http/passwords';
import { openStore } from '../../../server/storage/index';
import { AT, COST, PASSWORD, setup } from './helpers';

describe('health', () => {
  it('answers ok without signing in, with security headers', async () => {
    const { app } = await setup({ users: false });
    const res = await request(app).get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers unknown routes with ROUTE_NOT_FOUND', async () => {
    const { app } = await setup({ users: false });
    const res = await request(app).get('/api/v1/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });
});

describe('login, me, logout', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    ctx = await setup();
  });

  it('sets an HttpOnly SameSite=Strict cookie and never returns the password hash', async () => {
    const res = await request(ctx.app).post('/api/v1/auth/login').send({ username: 'auditor', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'auditor', role: 'auditor' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^pingshen_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('me answers the signed-in user; logout ends the session', async () => {
    const agent = ctx.agents['health-official']!;
    const me = await agent.get('/api/v1/auth/me');
    expect(me.body.user).toMatchObject({ username: 'health-official', department: 'health' });
    expect((await agent.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await agent.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses a wrong password and an unknown user alike, and audits both (in the next sign-in summary)', async () => {
    const wrong = await request(ctx.app).post('/api/v1/auth/login').send({ username: 'admin', password: 'nope' });
    const unknown = await request(ctx.app).post('/api/v1/auth/login').send({ username: 'ghost', password: 'nope' });
    for (const res of [wrong, unknown]) expect(res.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong user name or password', details: { text: { zh: '用户名或密码错误', en: 'Wrong user name or password' } } });
    await closeApp(ctx.app);
    const log = await new Promise<string>((resolve) => {
      let text = '';
      ctx.store.audit.exportJsonl().on('data', (c) => (text += c)).on('end', () => resolve(text));
    });
    const summary = log.trim().split('\n').map((line) => JSON.parse(line)).filter((e) => e.action === 'auth.sign-ins').pop();
    expect(summary.details.failed).toMatchObject([
      { username: 'admin', known: true, count: 1, refused: 0 },
      { username: 'ghost', known: false, count: 1, refused: 0 },
    ]);
  });

  it('validates the login body at the edge', async () => {
    const res = await request(ctx.app).post('/api/v1/auth/login').send({ username: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.issues[0]).toMatchObject({ in: 'body', pointer: '/password' });
  });

  it('makes an account wait after 5 failed sign-ins; other accounts from the same address are not affected', async () => {
    for (let i = 0; i < 5; i++) expect((await request(ctx.app).post('/api/v1/auth/login').send({ username: 'admin', password: 'bad' })).status).toBe(401);
    const limited = await request(ctx.app).post('/api/v1/auth/login').send({ username: 'admin', password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another user name from the same address is not affected
    expect((await request(ctx.app).post('/api/v1/auth/login').send({ username: 'auditor', password: PASSWORD })).status).toBe(200);
  });

  it('behind a trusted proxy, limits by the forwarded client address', async () => {
    const app = createApp({ store: ctx.store, config: { scryptCost: COST, trustProxy: true, loginAddressMaxFailures: 4 } });
    const login = (ip: string, username: string, password: string) => request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });
    for (const name of ['a1', 'a2', 'a3', 'a4']) await login('203.0.113.1', name, 'bad');
    const refused = await login('203.0.113.1', 'admin', PASSWORD);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: { scope: 'address' } });
    expect((await login('203.0.113.2', 'admin', PASSWORD)).status).toBe(200);
  });

  it('lets a user change their own password with the current one; other sessions end', async () => {
    const other = request.agent(ctx.app);
    await other.post('/api/v1/auth/login').send({ username: 'health-committee', password: PASSWORD });
    const me = ctx.agents['health-committee']!;
    const wrong = await me.post('/api/v1/auth/password').send({ currentPassword: 'nope', newPassword: 'another long one' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect((await me.post('/api/v1/auth/password').send({ currentPassword: PASSWORD, newPassword: 'another long one' })).status).toBe(204);
    expect((await me.get('/api/v1/auth/me')).status).toBe(200);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    expect((await request(ctx.app).post('/api/v1/auth/login').send({ username: 'health-committee', password: 'another long one' })).status).toBe(200);
  });

  it('a disabled user is signed out at once and cannot sign in', async () => {
    const res = await ctx.agents.admin!.patch('/api/v1/users/auditor').send({ disabled: true });
    expect(res.status).toBe(200);
    expect((await ctx.agents.auditor!.get('/api/v1/auth/me')).status).toBe(401);
    expect((await request(ctx.app).post('/api/v1/auth/login').send({ username: 'auditor', password: PASSWORD })).status).toBe(401);
  });
});

describe('errors', () => {
  it('answers malformed JSON and oversized bodies with codes, no stack', async () => {
    const store = await openStore({ memory: true });
    const app = createApp({ store, config: { bodyLimit: '1kb', scryptCost: COST } });
    const bad = await request(app).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_JSON');
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.(ts|js)/);
    const big = await request(app).post('/api/v1/auth/login').send({ username: 'x'.repeat(2000), password: 'y' });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('first administrator', () => {
  it('is created once, with the configured password or a generated one', async () => {
    const store = await openStore({ memory: true });
    const first = await ensureFirstAdmin(store, { at: AT, scryptCost: COST });
    expect(first).toMatchObject({ created: true, username: 'admin' });
    const generated = (first as { generatedPassword?: string }).generatedPassword!;
    expect(generated.length).toBeGreaterThanOrEqual(20);
    expect(await verifyPassword(generated, store.users.get('admin')!.passwordHash)).toBe(true);
    expect(await ensureFirstAdmin(store, { at: AT, password: 'other', scryptCost: COST })).toEqual({ created: false });

    const configured = await openStore({ memory: true });
    const made = await ensureFirstAdmin(configured, { at: AT, password: 'from-the-env', scryptCost: COST });
    expect(made).toEqual({ created: true, username: 'admin' });
    expect(await verifyPassword('from-the-env', configured.users.get('admin')!.passwordHash)).toBe(true);
  });
});

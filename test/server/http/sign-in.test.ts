// Sign-in hardening: guessing throttled per account whatever the address, and per
// address; attempts summarised into periodic audit entries instead of a db.json
// rewrite each; sessions kept across restarts (hashed), ended by logout, a new
// password, a new role, a disable, their lifetime and idleness; COOKIE_SECURE and
// TRUST_PROXY from the environment; the password policy wherever a password is set.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, createApp } from '../../../server/http/app';
import { configFromEnv, type HttpConfig } from '../../../server/http/config';
import { ensureFirstAdmin } from '../../../server/http/first-admin';
import { hashPassword } from '../../../server/http/passwords';
import { tokenHash } from '../../../server/http/sessions';
import { openStore, type Store } from '../../../server/storage/index';
import { tempDataDir } from '../storage/support';
import { AT, COST, PASSWORD, USERS } from './helpers';

const dirs: Array<{ remove: () => Promise<void> }> = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await dir.remove();
});

/** A clock the test moves. */
function clock(start = Date.parse(AT)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function withUsers(store: Store): Promise<void> {
  const hash = await hashPassword(PASSWORD, COST);
  for (const user of USERS) await store.users.create({ ...user, passwordHash: hash }, { actor: 'system', at: AT });
}

async function memoryApp(config: Partial<HttpConfig> = {}) {
  const store = await openStore({ memory: true });
  await withUsers(store);
  const logged: unknown[] = [];
  const app = createApp({ store, config: { scryptCost: COST, now: () => AT, logError: (err) => logged.push(err), trustProxy: true, ...config } });
  const login = (username: string, password: string, ip = '127.0.0.1') => request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });
  return { store, app, login, logged };
}

async function diskApp(dataDir: string, config: Partial<HttpConfig> = {}) {
  const store = await openStore({ dataDir });
  if (store.users.list().length === 0) await withUsers(store);
  const app = createApp({ store, config: { scryptCost: COST, now: () => AT, logError: () => undefined, ...config } });
  return { store, app, stop: async () => (await closeApp(app), await store.close()) };
}

const cookieOf = (res: request.Response) => String(res.headers['set-cookie']).split(';')[0]!;

describe('password guessing', () => {
  it('25 guesses at one account from 127.0.0.2–6: the first 5 are checked, the rest wait (RATE_LIMITED, scope account)', async () => {
    const time = clock();
    const { login } = await memoryApp({ clock: time.now });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login('admin', `guess-${i}`, `127.0.0.${2 + (i % 5)}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(20).fill(429));
    // Even the right password waits, from any address, with the wait in Chinese and Retry-After.
    const waiting = await login('admin', PASSWORD, '198.51.100.7');
    expect(waiting.status).toBe(429);
    expect(waiting.body).toMatchObject({ code: 'RATE_LIMITED', details: { scope: 'account', retryAfter: 30, text: { zh: '该账号登录失败次数过多，请 30 秒后再试' } } });
    expect(waiting.headers['retry-after']).toBe('30');
    // After the wait one attempt is checked; a wrong one doubles the wait.
    time.advance(30_000);
    expect((await login('admin', 'guess-again', '127.0.0.2')).status).toBe(401);
    expect((await login('admin', PASSWORD)).body.details).toMatchObject({ retryAfter: 60 });
    time.advance(60_000);
    expect((await login('admin', PASSWORD)).status).toBe(200);
    // A success starts the count again.
    expect((await login('admin', 'wrong')).status).toBe(401);
  });

  it('the wait doubles up to its cap; names that do not exist are throttled the same way', async () => {
    const time = clock();
    const { login } = await memoryApp({ clock: time.now, loginBackoffMaxMs: 120_000, loginAddressMaxFailures: 1000 });
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await login('nobody-by-this-name', 'x');
      if (res.status === 429) waits.push(res.body.details.retryAfter as number);
      else {
        expect(res.status).toBe(401);
        const next = await login('nobody-by-this-name', 'x');
        if (next.status === 429) waits.push(next.body.details.retryAfter as number);
      }
      time.advance(10 * 60_000);
    }
    expect(waits.slice(0, 4)).toEqual([30, 60, 120, 120]);
  });

  it('one address trying many names waits once it reaches the address limit (scope address); others do not', async () => {
    const { login } = await memoryApp({ loginAddressMaxFailures: 20 });
    for (let i = 0; i < 20; i++) expect((await login(`made-up-${i}`, 'x', '203.0.113.9')).status).toBe(401);
    const refused = await login('auditor', PASSWORD, '203.0.113.9');
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: { scope: 'address', text: { zh: expect.stringContaining('此地址登录失败次数过多') } } });
    expect((await login('auditor', PASSWORD, '203.0.113.10')).status).toBe(200);
  });
});

describe('what sign-ins write', () => {
  it('failed sign-ins, made-up names or not, write nothing until the summary: one audit entry for the period', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const { store, app, stop } = await diskApp(dir.path, { loginAddressMaxFailures: 1000, loginMaxFailures: 1000 });
    const head = store.audit.head().seq;
    const dbMtime = statSync(join(dir.path, 'db.json')).mtimeMs;
    for (let i = 0; i < 50; i++) expect((await request(app).post('/api/v1/auth/login').send({ username: `guess-${i % 10}`, password: 'x' })).status).toBe(401);
    for (let i = 0; i < 3; i++) await request(app).post('/api/v1/auth/login').send({ username: 'admin', password: 'wrong' });
    const ok = await request(app).post('/api/v1/auth/login').send({ username: 'auditor', password: PASSWORD });
    expect(ok.status).toBe(200);
    // Nothing audited, db.json untouched; the session is in sessions.json.
    expect(store.audit.head().seq).toBe(head);
    expect(statSync(join(dir.path, 'db.json')).mtimeMs).toBe(dbMtime);
    await stop();

    const reopened = await openStore({ dataDir: dir.path });
    expect(reopened.audit.head().seq).toBe(head + 1);
    expect((await reopened.audit.verify()).ok).toBe(true);
    const lines = readFileSync(join(dir.path, 'audit.jsonl'), 'utf8').trim().split('\n');
    const entry = JSON.parse(lines.at(-1)!);
    expect(entry).toMatchObject({ action: 'auth.sign-ins', actor: 'system', target: 'auth' });
    expect(entry.details.succeeded).toEqual([{ username: 'auditor', count: 1, addresses: expect.any(Object) }]);
    expect(entry.details.failed).toHaveLength(11);
    expect(entry.details.failed.find((f: { username: string }) => f.username === 'admin')).toMatchObject({ known: true, count: 3 });
    expect(entry.details.failed.find((f: { username: string }) => f.username === 'guess-0')).toMatchObject({ known: false, count: 5 });
    await reopened.close();
  });

  it('a correct sign-in succeeds when the session file cannot be written (the error is logged)', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const store = await openStore({ dataDir: dir.path });
    await withUsers(store);
    mkdirSync(join(dir.path, 'sessions.json', 'in-the-way'), { recursive: true }); // a directory where the file goes: every write fails
    const logged: unknown[] = [];
    const app = createApp({ store, config: { scryptCost: COST, logError: (err) => logged.push(err) } });
    const res = await request(app).post('/api/v1/auth/login').send({ username: 'auditor', password: PASSWORD });
    expect(res.status).toBe(200);
    expect((await request(app).get('/api/v1/auth/me').set('Cookie', cookieOf(res))).status).toBe(200);
    expect(logged).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('survive a restart, stored hashed; logout, a new password, a new role and a disable end them, also across a restart', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    let server = await diskApp(dir.path);
    const signIn = async (username: string) => cookieOf(await request(server.app).post('/api/v1/auth/login').send({ username, password: PASSWORD }));
    const me = (cookie: string) => request(server.app).get('/api/v1/auth/me').set('Cookie', cookie);
    const keeps = await signIn('auditor');
    const logsOut = await signIn('health-official');
    const changesPassword = await signIn('health-committee');
    const otherOfTheirs = await signIn('health-committee');
    const changesRole = await signIn('edu-official');
    const disabled = await signIn('edu-committee');
    const file = readFileSync(join(dir.path, 'sessions.json'), 'utf8');
    for (const cookie of [keeps, logsOut]) expect(file).not.toContain(cookie.split('=')[1]!);
    await server.stop();

    server = await diskApp(dir.path);
    expect((await me(keeps)).status).toBe(200);
    expect((await request(server.app).post('/api/v1/auth/logout').set('Cookie', logsOut)).status).toBe(204);
    const changed = await request(server.app).post('/api/v1/auth/password').set('Cookie', changesPassword).send({ currentPassword: PASSWORD, newPassword: 'a new pass phrase' });
    expect(changed.status).toBe(204);
    const renewed = cookieOf(changed);
    const admin = await signIn('admin');
    expect((await request(server.app).patch('/api/v1/users/edu-official').set('Cookie', admin).send({ role: 'auditor' })).status).toBe(200);
    expect((await request(server.app).patch('/api/v1/users/edu-committee').set('Cookie', admin).send({ disabled: true })).status).toBe(200);
    await server.stop();

    server = await diskApp(dir.path);
    expect((await me(keeps)).status).toBe(200);
    expect((await me(renewed)).status).toBe(200);
    for (const cookie of [logsOut, changesPassword, otherOfTheirs, changesRole, disabled]) expect((await me(cookie)).body.code).toBe('UNAUTHENTICATED');
    // The users list shows the last sign-in from the session store.
    const users = (await request(server.app).get('/api/v1/users').set('Cookie', admin)).body.users as Array<{ username: string; lastLoginAt?: string }>;
    expect(users.find((u) => u.username === 'auditor')?.lastLoginAt).toBe(AT);
    await server.stop();
  });

  it('end after their lifetime, and after the idle time without a request', async () => {
    const time = clock();
    const { login, app } = await memoryApp({ clock: time.now, sessionTtlMs: 8 * 3_600_000, sessionIdleMs: 30 * 60_000 });
    const me = (cookie: string) => request(app).get('/api/v1/auth/me').set('Cookie', cookie);
    const cookie = cookieOf(await login('auditor', PASSWORD));
    for (let i = 0; i < 15; i++) {
      time.advance(29 * 60_000); // used within the idle time: alive
      expect((await me(cookie)).status).toBe(200);
    }
    time.advance(60 * 60_000); // past 8 hours in all
    expect((await me(cookie)).status).toBe(401);
    const idle = cookieOf(await login('auditor', PASSWORD));
    time.advance(31 * 60_000);
    expect((await me(idle)).status).toBe(401);
  });

  it('a user keeps at most 20 sessions: signing in in a loop replaces the oldest', async () => {
    const { login, store } = await memoryApp();
    const first = tokenHash(cookieOf(await login('auditor', PASSWORD)).split('=')[1]!);
    expect(store.signIns.get(first)).toBeDefined();
    for (let i = 0; i < 25; i++) await login('auditor', PASSWORD);
    expect(store.signIns.list('auditor')).toHaveLength(20);
    expect(store.signIns.get(first)).toBeUndefined();
  });
});

describe('the environment', () => {
  it('COOKIE_SECURE=1 sets Secure cookies and HSTS; TRUST_PROXY takes the forwarded address and protocol', async () => {
    const env = configFromEnv({ COOKIE_SECURE: '1', TRUST_PROXY: '1', ALLOWED_ORIGINS: 'https://a.example, https://b.example', SESSION_IDLE_MINUTES: '20', UPLOAD_QUOTA_MB: '5' });
    expect(env).toEqual({ secureCookies: true, trustProxy: 1, allowedOrigins: ['https://a.example', 'https://b.example'], sessionIdleMs: 20 * 60_000, uploadQuotaBytes: 5 * 1024 * 1024 });
    expect(configFromEnv({})).toEqual({});
    expect(() => configFromEnv({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
    expect(() => configFromEnv({ SESSION_IDLE_MINUTES: '-5' })).toThrow(/SESSION_IDLE_MINUTES/);

    const { app } = await memoryApp(env);
    const res = await request(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.5')
      .set('X-Forwarded-Proto', 'https')
      .set('Host', 'pingshen.example')
      .set('Origin', 'https://pingshen.example')
      .send({ username: 'auditor', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const logout = await request(app).post('/api/v1/auth/logout').set('Cookie', cookieOf(res));
    expect(String(logout.headers['set-cookie'])).toMatch(/Max-Age=0.*; Secure/);
  });
});

describe('the password policy', () => {
  it('refuses short passwords, the user name and the previous password, wherever a password is set', async () => {
    const { app } = await memoryApp();
    const admin = request.agent(app);
    await admin.post('/api/v1/auth/login').send({ username: 'admin', password: PASSWORD });
    const short = await admin.post('/api/v1/users').send({ username: 'wang', displayName: '王', role: 'auditor', password: 'short123' });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ code: 'PASSWORD_POLICY', details: { rule: 'length', minLength: 10, length: 8, text: { zh: '密码至少需要 10 个字符（现有 8 个）' } } });
    const named = await admin.post('/api/v1/users').send({ username: 'wangxiaoming', displayName: '王', role: 'auditor', password: 'WangXiaoMing' });
    expect(named.body).toMatchObject({ code: 'PASSWORD_POLICY', details: { rule: 'username', text: { zh: '密码不能与用户名相同' } } });
    expect((await admin.post('/api/v1/users').send({ username: 'wang', displayName: '王', role: 'auditor', password: '十个汉字的一句口令啊' })).status).toBe(201);

    const reset = await admin.patch('/api/v1/users/auditor').send({ password: PASSWORD });
    expect(reset.body).toMatchObject({ code: 'PASSWORD_POLICY', details: { rule: 'previous' } });
    const own = request.agent(app);
    await own.post('/api/v1/auth/login').send({ username: 'auditor', password: PASSWORD });
    expect((await own.post('/api/v1/auth/password').send({ currentPassword: PASSWORD, newPassword: PASSWORD })).body.details.rule).toBe('previous');
    expect((await own.post('/api/v1/auth/password').send({ currentPassword: PASSWORD, newPassword: 'tiny' })).body.details.rule).toBe('length');
    expect((await own.post('/api/v1/auth/password').send({ currentPassword: PASSWORD, newPassword: 'long enough now' })).status).toBe(204);
  });

  it('the first administrator’s configured password too, as the operator’s message', async () => {
    const store = await openStore({ memory: true });
    await expect(ensureFirstAdmin(store, { at: AT, password: 'admin', scryptCost: COST })).rejects.toThrow('PINGSHEN_ADMIN_PASSWORD: A password needs at least 10 characters (this one has 5)');
    expect(store.users.list()).toEqual([]);
  });
});

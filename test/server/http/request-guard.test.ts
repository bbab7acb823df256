// What a request must look like before a route sees it (request-guard.ts), and the
// requests that used to end as 500s with a stack trace in the log: each answered with
// its own 4xx code, nothing logged as unexpected, nothing changed, /health answering.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/app';
import { COST, PASSWORD, setup } from './helpers';

const NEW_USER = { username: 'forged', displayName: '伪造', role: 'admin', password: 'a long enough password' };

async function withLog(config: Record<string, unknown> = {}) {
  const { store } = await setup({ users: true });
  const logged: unknown[] = [];
  const studioDir = mkdtempSync(join(tmpdir(), 'pingshen-studio-'));
  mkdirSync(join(studioDir, 'assets'));
  writeFileSync(join(studioDir, 'index.html'), '<!doctype html><title>studio</title>');
  writeFileSync(join(studioDir, 'assets', 'app.js'), 'console.log(1)');
  const app = createApp({ store, config: { scryptCost: COST, logError: (err) => logged.push(err), studioDir, ...config } });
  const admin = request.agent(app);
  expect((await admin.post('/api/v1/auth/login').send({ username: 'admin', password: PASSWORD })).status).toBe(200);
  const alive = async () => expect((await request(app).get('/api/v1/health')).body).toEqual({ status: 'ok' });
  return { store, app, admin, logged, alive };
}

describe('state-changing requests take JSON or their route’s raw file type only', () => {
  let ctx: Awaited<ReturnType<typeof withLog>>;
  beforeEach(async () => {
    ctx = await withLog();
  });

  it.each([
    ['text/plain', JSON.stringify(NEW_USER)],
    ['text/plain;charset=UTF-8', JSON.stringify(NEW_USER)],
    ['application/x-www-form-urlencoded', new URLSearchParams(NEW_USER).toString()],
    ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nforged\r\n--x--\r\n`],
  ])('%s → 415 UNSUPPORTED_MEDIA_TYPE, nothing created', async (type, body) => {
    const res = await ctx.admin.post('/api/v1/users').set('Content-Type', type).send(body);
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { contentType: type, accepted: ['application/json'], text: { zh: expect.stringContaining('不被接受') } } });
    expect(ctx.store.users.get('forged')).toBeUndefined();
    expect(ctx.logged).toEqual([]);
    await ctx.alive();
  });

  it('a body without a type is refused; a request without a body needs none', async () => {
    const typeless = await ctx.admin.post('/api/v1/users').set('Content-Length', '2').send(Buffer.from('{}'));
    expect(typeless.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', details: { contentType: null } });
    expect((await ctx.admin.post('/api/v1/auth/logout')).status).toBe(204);
  });

  it('JSON still works; a raw-body route takes its own type and refuses JSON', async () => {
    expect((await ctx.admin.post('/api/v1/users').send(NEW_USER)).status).toBe(201);
    const json = await ctx.admin.post('/api/v1/uploads?name=a.json').send({ applicants: [] });
    expect(json.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', details: { accepted: ['application/octet-stream'] } });
    const raw = await ctx.admin.post('/api/v1/uploads?name=a.json').set('Content-Type', 'application/octet-stream').send(Buffer.from('[]'));
    expect(raw.status).toBe(201);
    const zip = await ctx.admin.post('/api/v1/sessions/filing/verify').set('Content-Type', 'text/plain').send('PK');
    expect(zip.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { accepted: ['application/octet-stream', 'application/zip'] } });
  });

  it('openapi.json names the types each raw-body route reads', async () => {
    const doc = (await request(ctx.app).get('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths['/sessions/filing/verify'].post.requestBody.content)).toEqual(['application/octet-stream', 'application/zip']);
    expect(Object.keys(doc.paths['/uploads'].post.requestBody.content)).toEqual(['application/octet-stream']);
    expect(Object.keys(doc.paths['/users'].post.requestBody.content)).toEqual(['application/json']);
  });
});

describe('cross-origin state changes', () => {
  it('an Origin other than the served one is 403 CROSS_ORIGIN, nothing created', async () => {
    const ctx = await withLog();
    const res = await ctx.admin.post('/api/v1/users').set('Origin', 'http://127.0.0.1:9999').send(NEW_USER);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CROSS_ORIGIN', details: { origin: 'http://127.0.0.1:9999', text: { zh: expect.stringContaining('其他网站') } } });
    expect(ctx.store.users.get('forged')).toBeUndefined();
    // `null` (a sandboxed frame, a file) is another origin too.
    expect((await ctx.admin.post('/api/v1/auth/logout').set('Origin', 'null')).body.code).toBe('CROSS_ORIGIN');
    // Sign-in is a state change too (login CSRF).
    expect((await request(ctx.app).post('/api/v1/auth/login').set('Origin', 'http://evil.test').send({ username: 'admin', password: PASSWORD })).body.code).toBe('CROSS_ORIGIN');
    await ctx.alive();
    expect(ctx.logged).toEqual([]);
  });

  it('without Origin, Sec-Fetch-Site other than same-origin is refused; reads are not checked', async () => {
    const ctx = await withLog();
    for (const site of ['same-site', 'cross-site']) {
      const res = await ctx.admin.post('/api/v1/users').set('Sec-Fetch-Site', site).send(NEW_USER);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'CROSS_ORIGIN', details: { secFetchSite: site } });
    }
    expect((await ctx.admin.get('/api/v1/users').set('Origin', 'http://evil.test')).status).toBe(200);
    expect((await ctx.admin.post('/api/v1/users').set('Sec-Fetch-Site', 'same-origin').send(NEW_USER)).status).toBe(201);
  });

  it('the served origin is accepted, and so is a configured one (behind a proxy)', async () => {
    const ctx = await withLog({ allowedOrigins: ['https://pingshen.example.gov.cn'] });
    const served = await ctx.admin.post('/api/v1/users').set('Host', 'studio.local:3000').set('Origin', 'http://studio.local:3000').send(NEW_USER);
    expect(served.status).toBe(201);
    const proxied = await ctx.admin.post('/api/v1/users').set('Origin', 'https://pingshen.example.gov.cn').send({ ...NEW_USER, username: 'proxied' });
    expect(proxied.status).toBe(201);
  });

  it('a configured origin must be an origin', async () => {
    const { store } = await setup({ users: false });
    expect(() => createApp({ store, config: { allowedOrigins: ['https://x.test/path'] } })).toThrow(/not an origin/);
  });
});

describe('requests that ended as 500s', () => {
  it('a malformed session cookie is UNAUTHENTICATED', async () => {
    const ctx = await withLog();
    const res = await request(ctx.app).get('/api/v1/auth/me').set('Cookie', 'pingshen_session=%E0%A4%A');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(ctx.logged).toEqual([]);
    await ctx.alive();
  });

  it.each(['br', 'gzip', 'deflate', 'zstd', 'x-unknown'])('Content-Encoding: %s on a body is 415 UNSUPPORTED_ENCODING', async (encoding) => {
    const ctx = await withLog();
    const body = encoding === 'gzip' ? gzipSync(JSON.stringify(NEW_USER)) : Buffer.from('not compressed at all');
    const res = await ctx.admin.post('/api/v1/users').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send(body);
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_ENCODING', details: { encoding, accepted: ['identity'] } });
    expect(ctx.store.users.get('forged')).toBeUndefined();
    expect(ctx.logged).toEqual([]);
    await ctx.alive();
  });

  it.each(['/assets/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%2findex.html', '/..%2f..%2fetc%2fpasswd', '/assets/%2e%2e%2fpackage.json', '/assets/%E0%A4%A', '/assets/a%00.js', '/x/..%5c..%5cwin.ini'])(
    'GET %s is 400 INVALID_PATH',
    async (path) => {
      const ctx = await withLog();
      const res = await request(ctx.app).get(path);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_PATH');
      expect(ctx.logged).toEqual([]);
      await ctx.alive();
    },
  );

  it('a missing asset is 404, a present one is served', async () => {
    const ctx = await withLog();
    const missing = await request(ctx.app).get('/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect((await request(ctx.app).get('/assets/app.js')).status).toBe(200);
    expect(ctx.logged).toEqual([]);
  });
});

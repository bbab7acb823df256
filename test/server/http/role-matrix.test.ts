// Every route × every role: who is refused (401 signed out, 403 wrong role) and who
// gets through the role check (any other status: the request may still be refused
// for what it contains). Department and series checks are tested with their routes.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES as DOCUMENTED } from '../../../server/http/openapi';
import { setup } from './helpers';

import { ROWS as CALENDAR } from './matrix/calendar';
import { ROWS as DRAWS } from './matrix/draws';
import { ROWS as EXPERTS } from './matrix/experts';
import { ROWS as FILING } from './matrix/filing';
import { ROWS as HOLDERS } from './matrix/holders';
import { ROWS as MEETINGS } from './matrix/meetings';
import { ROWS as PUBLICITY } from './matrix/publicity';
import { ROWS as QUOTAS } from './matrix/quotas';
import { ALL, type MatrixRow, type Who } from './matrix/row';
import { ROWS as SESSIONS } from './matrix/sessions';

const AGENT: Record<Who, string> = { admin: 'admin', official: 'health-official', committee: 'health-committee', auditor: 'auditor' };

const CORE: MatrixRow[] = [
  { method: 'post', path: '/api/v1/auth/logout', allowed: ALL },
  { method: 'get', path: '/api/v1/auth/me', allowed: ALL },
  { method: 'post', path: '/api/v1/auth/password', body: {}, allowed: ALL },
  { method: 'get', path: '/api/v1/users', allowed: ['admin', 'auditor'] },
  { method: 'get', path: '/api/v1/users/auditor', allowed: ['admin', 'auditor'] },
  { method: 'post', path: '/api/v1/users', body: {}, allowed: ['admin'] },
  { method: 'patch', path: '/api/v1/users/auditor', body: {}, allowed: ['admin'] },
  { method: 'get', path: '/api/v1/rulesets', allowed: ALL },
  { method: 'post', path: '/api/v1/rulesets', body: {}, allowed: ['admin', 'official'] },
  { method: 'get', path: '/api/v1/rulesets/x/versions', allowed: ALL },
  { method: 'get', path: '/api/v1/rulesets/inbox', allowed: ['admin', 'official'] },
  { method: 'get', path: '/api/v1/rulesets/x/versions/1', allowed: ALL },
  { method: 'get', path: '/api/v1/rulesets/x/diff?from=1&to=2', allowed: ALL },
  { method: 'post', path: '/api/v1/rulesets/x/versions', body: {}, allowed: ['admin', 'official'] },
  { method: 'get', path: `/api/v1/rulesets/x/unsaved/sha256:${'0'.repeat(64)}`, allowed: ['admin', 'official'] },
  { method: 'post', path: '/api/v1/rulesets/x/versions/1/submit', body: {}, allowed: ['admin', 'official'] },
  { method: 'post', path: '/api/v1/rulesets/x/versions/1/approve', body: {}, allowed: ['admin'] },
  { method: 'post', path: '/api/v1/rulesets/x/versions/1/reject', body: {}, allowed: ['admin'] },
  { method: 'post', path: '/api/v1/rulesets/x/versions/1/publish', body: {}, allowed: ['admin'] },
  { method: 'post', path: '/api/v1/rulesets/x/versions/1/retire', body: {}, allowed: ['admin'] },
  { method: 'get', path: '/api/v1/rulesets/x/versions/1/file', allowed: ALL },
  { method: 'post', path: '/api/v1/rulesets/import', body: {}, allowed: ['admin', 'official'] },
  { method: 'post', path: '/api/v1/rulesets/x/versions/1/tests', body: {}, allowed: ALL },
  { method: 'post', path: '/api/v1/rulesets/tests', body: {}, allowed: ['admin', 'official'] },
  { method: 'post', path: '/api/v1/rulesets/x/compatibility', body: {}, allowed: ['admin', 'official'] },
  { method: 'post', path: '/api/v1/evaluations', body: {}, allowed: ['admin', 'committee'] },
  { method: 'get', path: '/api/v1/evaluations?limit=5', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/api/v1/evaluations/eval-000001', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/api/v1/evaluations/eval-000001/replay', body: {}, allowed: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/api/v1/uploads', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/api/v1/uploads?name=a.txt', raw: true, allowed: ['admin', 'committee'] },
  { method: 'get', path: '/api/v1/runs', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/api/v1/runs/check', body: {}, allowed: ['admin', 'committee'] },
  { method: 'post', path: '/api/v1/runs', body: {}, allowed: ['admin', 'committee'] },
  { method: 'get', path: '/api/v1/runs/run-000001', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/api/v1/runs/run-000001/events', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/api/v1/runs/run-000001/results', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/api/v1/runs/run-000001/results/A1', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/api/v1/runs/run-000001/download?format=csv', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/api/v1/runs/run-000001/impact', body: {}, allowed: ['admin', 'committee'] },
  { method: 'get', path: '/api/v1/audit/verify', allowed: ['admin', 'auditor'] },
  { method: 'get', path: '/api/v1/audit/export', allowed: ['admin', 'auditor'] },
  { method: 'get', path: '/api/v1/audit/entries?limit=5', allowed: ['admin', 'auditor'] },
];

const ROUTES: MatrixRow[] = [...CORE, ...CALENDAR, ...QUOTAS, ...EXPERTS, ...SESSIONS, ...DRAWS, ...MEETINGS, ...PUBLICITY, ...FILING, ...HOLDERS];

/** The request as the route reads it: JSON, or a file's bytes for a raw-body route. */
function send(req: request.Test, { body, raw }: MatrixRow): request.Test {
  return raw ? req.type('application/octet-stream').send(Buffer.from('x')) : req.send(body);
}

const CASES = ROUTES.flatMap((route) => ALL.map((who) => ({ ...route, who, expectAllowed: route.allowed.includes(who) })));

describe('role × route matrix', () => {
  it('covers every signed-in route of openapi.json, with the roles it documents', () => {
    const signedIn = DOCUMENTED.filter((r) => !r.roles.includes('public'));
    expect(ROUTES).toHaveLength(signedIn.length);
    for (const doc of signedIn) {
      const pattern = new RegExp(`^/api/v1${doc.path.replace(/\{\w+\}/g, '[^/]+')}(\\?.*)?$`);
      const row = ROUTES.find((r) => r.method === doc.method && pattern.test(r.path));
      expect(row, `${doc.method} ${doc.path}`).toBeDefined();
      expect([...row!.allowed].sort()).toEqual([...doc.roles].sort());
    }
  });

  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  it.each(ROUTES)('$method $path refuses a signed-out caller with 401', async (route) => {
    const res = await send(request(ctx.app)[route.method](route.path), route);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it.each(CASES.filter((c) => !c.path.endsWith('/logout')))('$method $path as $who: allowed=$expectAllowed', async (route) => {
    const { method, path, who, expectAllowed } = route;
    const res = await send(ctx.agents[AGENT[who]]![method](path), route);
    if (expectAllowed) expect([401, 403]).not.toContain(res.status);
    else expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', details: { text: { zh: expect.stringContaining('无权'), en: expect.any(String) } } });
  });

  it('logout is open to every signed-in role', async () => {
    for (const who of ALL) {
      const fresh = await setup();
      expect((await fresh.agents[AGENT[who]]!.post('/api/v1/auth/logout')).status).toBe(204);
    }
  });
});

// Uploads belong to their uploader and the uploader's committee: a teacher-series
// committee member who knows the hash of a health-series upload gets NOT_FOUND from
// /runs/check — the same answer as for a hash never uploaded — and never its row
// problems; administrators and auditors see every upload. Each user keeps at most the
// upload quota.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/app';
import { COST, PASSWORD, setup, type Agents } from './helpers';
import { AS_OF, HEALTH, healthApplicants, upload, uploadJson } from './runs-support';

describe('who may use an upload', () => {
  let agents: Agents;
  let app: Awaited<ReturnType<typeof setup>>['app'];
  let hash: string;
  beforeAll(async () => {
    const ctx = await setup({ seed: true });
    ({ agents, app } = ctx);
    const { passwordHash } = ctx.store.users.get('health-committee')!;
    await ctx.store.users.create({ username: 'health-committee-2', displayName: '卫生评委二', role: 'committee', series: 'health', passwordHash }, { actor: 'admin', at: '2026-01-05T09:00:00.000Z' });
    agents['health-committee-2'] = request.agent(app);
    await agents['health-committee-2'].post('/api/v1/auth/login').send({ username: 'health-committee-2', password: PASSWORD });
    // Row problems would name applicants: one row is invalid.
    hash = await uploadJson(agents['health-committee']!, healthApplicants(3, (a, i) => (i === 1 ? { ...a, grassrootsYears: 'many' } : a)), 'health.json');
  });

  it("another series' committee member gets NOT_FOUND, exactly as for a hash never uploaded, and no row problems", async () => {
    const teacher = agents['edu-committee']!;
    const check = await teacher.post('/api/v1/runs/check').send({ rulesetId: 'teacher-deputy-senior', asOf: AS_OF, upload: hash });
    expect(check.status).toBe(404);
    const never = await teacher.post('/api/v1/runs/check').send({ rulesetId: 'teacher-deputy-senior', asOf: AS_OF, upload: `sha256:${'0'.repeat(64)}` });
    expect(never.status).toBe(404);
    const strip = (body: { details: Record<string, unknown> }) => JSON.stringify(body).replaceAll(hash, 'H').replaceAll(`sha256:${'0'.repeat(64)}`, 'H');
    expect(strip(check.body)).toBe(strip(never.body));
    expect(JSON.stringify(check.body)).not.toMatch(/invalid|grassroots/);
    expect((await teacher.post('/api/v1/runs').send({ rulesetId: 'teacher-deputy-senior', asOf: AS_OF, upload: hash })).status).toBe(404);
    expect((await teacher.get('/api/v1/uploads')).body.uploads.map((u: { hash: string }) => u.hash)).not.toContain(hash);
    expect((await request(app).get('/api/v1/health')).body).toEqual({ status: 'ok' });
  });

  it('the uploader and the other members of their committee use it; administrators and auditors see it', async () => {
    for (const who of ['health-committee', 'health-committee-2']) {
      const check = await agents[who]!.post('/api/v1/runs/check').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash });
      expect(check.status, who).toBe(200);
      expect(check.body.invalidRows).toBe(1);
      expect((await agents[who]!.get('/api/v1/uploads')).body.uploads.map((u: { hash: string }) => u.hash)).toContain(hash);
    }
    expect((await agents.admin!.post('/api/v1/runs/check').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash })).status).toBe(200);
    for (const who of ['admin', 'auditor']) expect((await agents[who]!.get('/api/v1/uploads')).body.uploads.map((u: { hash: string }) => u.hash)).toContain(hash);
  });

  it('the same file uploaded by a teacher-series member is theirs to use, and does not take it from the health committee', async () => {
    const teacher = agents['edu-committee']!;
    const again = await upload(teacher, 'mine.json', JSON.stringify(healthApplicants(3, (a, i) => (i === 1 ? { ...a, grassrootsYears: 'many' } : a))));
    expect(again.body.hash).toBe(hash);
    expect((await teacher.get('/api/v1/uploads')).body.uploads.filter((u: { hash: string }) => u.hash === hash)).toMatchObject([{ name: 'mine.json', uploadedBy: 'edu-committee' }]);
    expect((await agents['health-committee']!.get('/api/v1/uploads')).body.uploads.filter((u: { hash: string }) => u.hash === hash)).toMatchObject([{ name: 'health.json', uploadedBy: 'health-committee' }]);
    expect((await agents['health-committee']!.post('/api/v1/runs/check').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash })).status).toBe(200);
  });
});

describe('the upload quota', () => {
  it('refuses a file that does not fit with the limit, what is used and the size; the same file again costs nothing', async () => {
    const { store } = await setup({ users: true });
    const app = createApp({ store, config: { scryptCost: COST, uploadQuotaBytes: 1000 } });
    const committee = request.agent(app);
    await committee.post('/api/v1/auth/login').send({ username: 'health-committee', password: PASSWORD });
    const first = JSON.stringify([{ id: 'A', note: 'x'.repeat(580) }]);
    expect((await upload(committee, 'a.json', first)).status).toBe(201);
    expect((await committee.get('/api/v1/uploads')).body.quota).toEqual({ limit: 1000, used: first.length });
    expect((await upload(committee, 'renamed.json', first)).status).toBe(201);

    const second = JSON.stringify([{ id: 'B', note: 'y'.repeat(580) }]);
    const refused = await upload(committee, 'b.json', second);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ code: 'UPLOAD_QUOTA_EXCEEDED', details: { limit: 1000, used: first.length, size: second.length, text: { zh: expect.stringContaining('上传空间不足') } } });
    expect(store.runs.uploads().filter((u) => u.uploadedBy === 'health-committee')).toHaveLength(1);
    // Other users have their own quota.
    const admin = request.agent(app);
    await admin.post('/api/v1/auth/login').send({ username: 'admin', password: PASSWORD });
    expect((await upload(admin, 'b.json', second)).status).toBe(201);
    expect((await request(app).get('/api/v1/health')).body).toEqual({ status: 'ok' });
  });
});

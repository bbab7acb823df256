import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { PASSWORD, setup } from './helpers';

describe('users', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  it('lists users without password hashes', async () => {
    const res = await ctx.agents.admin!.get('/api/v1/users');
    expect(res.status).toBe(200);
    expect(res.body.users.length).toBeGreaterThanOrEqual(7);
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
    expect(JSON.stringify(res.body)).not.toContain('scrypt$');
  });

  it('creates a user who can then sign in', async () => {
    const res = await ctx.agents.admin!.post('/api/v1/users').send({ username: 'forest-official', displayName: '林草局', role: 'official', department: 'forestry', password: 'long enough pw' });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username: 'forest-official', role: 'official', department: 'forestry', disabled: false });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect((await request(ctx.app).post('/api/v1/auth/login').send({ username: 'forest-official', password: 'long enough pw' })).status).toBe(200);
    const again = await ctx.agents.admin!.post('/api/v1/users').send({ username: 'forest-official', displayName: 'x', role: 'auditor', password: 'long enough pw' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_EXISTS');
  });

  it('requires a department for officials and a series for committee members', async () => {
    const official = await ctx.agents.admin!.post('/api/v1/users').send({ username: 'nodept', displayName: 'x', role: 'official', password: 'long enough pw' });
    expect(official.status).toBe(400);
    expect(official.body.details.issues[0].pointer).toBe('/department');
    const committee = await ctx.agents.admin!.post('/api/v1/users').send({ username: 'noseries', displayName: 'x', role: 'committee', password: 'long enough pw' });
    expect(committee.body.details.issues[0].pointer).toBe('/series');
  });

  it('updates role, department and series; a new role or password ends old sessions, a new series does not', async () => {
    const res = await ctx.agents.admin!.patch('/api/v1/users/edu-committee').send({ series: 'water' });
    expect(res.status).toBe(200);
    expect(res.body.user.series).toBe('water');
    expect((await ctx.agents['edu-committee']!.get('/api/v1/auth/me')).body.user.series).toBe('water');
    const promoted = await ctx.agents.admin!.patch('/api/v1/users/edu-official').send({ role: 'committee', series: 'teacher' });
    expect(promoted.body.user).toMatchObject({ role: 'committee', series: 'teacher' });
    expect((await ctx.agents['edu-official']!.get('/api/v1/auth/me')).status).toBe(401);
    const again = await request(ctx.app).post('/api/v1/auth/login').send({ username: 'edu-official', password: PASSWORD });
    expect(again.body.user.role).toBe('committee');

    const agent = request.agent(ctx.app);
    await agent.post('/api/v1/auth/login').send({ username: 'admin2', password: PASSWORD });
    await ctx.agents.admin!.patch('/api/v1/users/admin2').send({ password: 'a brand new one' });
    expect((await agent.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('answers NOT_FOUND for an unknown user and refuses unknown fields', async () => {
    expect((await ctx.agents.admin!.patch('/api/v1/users/ghost').send({ displayName: 'x' })).body.code).toBe('NOT_FOUND');
    const res = await ctx.agents.admin!.patch('/api/v1/users/auditor').send({ passwordHash: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('the last administrator', () => {
  it('cannot be demoted or disabled', async () => {
    const ctx = await setup();
    expect((await ctx.agents.admin!.patch('/api/v1/users/admin2').send({ disabled: true })).status).toBe(200);
    const demote = await ctx.agents.admin!.patch('/api/v1/users/admin').send({ role: 'auditor' });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('LAST_ADMIN');
    expect((await ctx.agents.admin!.patch('/api/v1/users/admin').send({ disabled: true })).body.code).toBe('LAST_ADMIN');
    expect((await ctx.agents.admin!.patch('/api/v1/users/admin').send({ displayName: '仍是管理员' })).status).toBe(200);
  });
});

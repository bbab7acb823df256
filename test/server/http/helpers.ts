// A store with one user per role, an app on it, and signed-in supertest agents.
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../server/http/app';
import type { HttpConfigInput } from '../../../server/http/config';
import { hashPassword } from '../../../server/http/passwords';
import { seedRules } from '../../../server/seed-rules';
import { openStore, type NewUser, type Store } from '../../../server/storage/index';

export const RULES_DIR = new URL('../../../rules', import.meta.url).pathname;

export const AT = '2026-01-05T09:00:00.000Z';
export const PASSWORD = 'correct horse battery';
export const COST = 1024;

export const USERS: NewUser[] = [
  { username: 'admin', displayName: '管理员', role: 'admin', passwordHash: '' },
  { username: 'admin2', displayName: '管理员二', role: 'admin', passwordHash: '' },
  { username: 'health-official', displayName: '卫健委', role: 'official', department: 'health', passwordHash: '' },
  { username: 'edu-official', displayName: '教育局', role: 'official', department: 'education', passwordHash: '' },
  { username: 'health-committee', displayName: '卫生评委', role: 'committee', series: 'health', passwordHash: '' },
  { username: 'edu-committee', displayName: '教育评委', role: 'committee', series: 'teacher', passwordHash: '' },
  { username: 'auditor', displayName: '审计', role: 'auditor', passwordHash: '' },
];

export type Agents = Record<string, ReturnType<typeof request.agent>>;

export async function setup(options: { users?: boolean; seed?: boolean; /** Configuration beyond the defaults (limits lowered, say). */ config?: HttpConfigInput } = {}): Promise<{ store: Store; app: Express; agents: Agents }> {
  const store = await openStore({ memory: true });
  if (options.seed) await seedRules(store, RULES_DIR, AT);
  if (options.users !== false) {
    const hash = await hashPassword(PASSWORD, COST);
    for (const user of USERS) await store.users.create({ ...user, passwordHash: hash }, { actor: 'system', at: AT });
  }
  const app = createApp({ store, config: { scryptCost: COST, now: () => AT, logError: () => undefined, ...options.config } });
  const agents: Agents = {};
  if (options.users !== false) {
    for (const user of USERS) {
      const agent = request.agent(app);
      const res = await agent.post('/api/v1/auth/login').send({ username: user.username, password: PASSWORD });
      if (res.status !== 200) throw new Error(`login ${user.username}: ${res.status} ${JSON.stringify(res.body)}`);
      agents[user.username] = agent;
    }
  }
  return { store, app, agents };
}

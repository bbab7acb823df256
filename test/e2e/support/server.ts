// The real server for end-to-end tests: `server/main.ts` in its own process on a
// free port, with a fresh data directory (seeded from rules/ like a first start)
// and the built studio. One user per role is created through the API.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiLogin, spawnServer, type RealServer } from '../../support/real-server';
import { ROOT } from '../../support/rulesets';

export const ADMIN_PASSWORD = 'e2e-admin-password';
export const PASSWORD = 'e2e-password-1';

/** The users the tests sign in as: one per role, scoped to the teacher series where a scope applies. */
export const USERS = {
  admin: { username: 'admin', password: ADMIN_PASSWORD },
  official: { username: 'edu-official', password: PASSWORD, displayName: '教育局 王科长', role: 'official', department: 'education' },
  official2: { username: 'edu-official-2', password: PASSWORD, displayName: '教育局 李干事', role: 'official', department: 'education' },
  committee: { username: 'teacher-committee', password: PASSWORD, displayName: '教师评委会 张委员', role: 'committee', series: 'teacher' },
  auditor: { username: 'auditor', password: PASSWORD, displayName: '审计 赵审计', role: 'auditor' },
} as const;

export type RunningServer = RealServer;

/**
 * The server; with `clockFile`, its clock runs from the ISO time written in that file
 * (support/server-clock.ts), and writing another time moves it.
 */
export async function startServer(options: { clockFile?: string } = {}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, 'studio/dist/index.html'))) throw new Error('studio/dist is missing: run `npm run build` first (`npm test` does)');
  const clock = options.clockFile ? { env: { PINGSHEN_E2E_CLOCK_FILE: options.clockFile }, imports: [join(ROOT, 'test/e2e/support/server-clock.ts')] } : { env: {}, imports: [] };
  const server = await spawnServer({ adminPassword: ADMIN_PASSWORD, env: { STUDIO_DIR: join(ROOT, 'studio/dist'), ...clock.env }, imports: clock.imports });
  await createUsers(server.origin);
  return server;
}

export { apiLogin };

async function createUsers(origin: string): Promise<void> {
  const cookie = await apiLogin(origin, USERS.admin.username, USERS.admin.password);
  for (const user of [USERS.official, USERS.official2, USERS.committee, USERS.auditor]) {
    const response = await fetch(`${origin}/api/v1/users`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(user) });
    if (response.status !== 201) throw new Error(`create ${user.username}: ${response.status} ${await response.text()}`);
  }
}

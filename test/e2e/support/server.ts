// The real server for end-to-end tests: `server/main.ts` in its own process on a
// free port, with a fresh data directory (seeded from rules/ like a first start)
// and the built studio. One user per role is created through the API.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
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

export interface RunningServer {
  origin: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  if (!existsSync(join(ROOT, 'studio/dist/index.html'))) throw new Error('studio/dist is missing: run `npm run build` first (`npm test` does)');
  const dataDir = await mkdtemp(join(tmpdir(), 'pingshen-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, PINGSHEN_ADMIN_PASSWORD: ADMIN_PASSWORD };
  delete env.STUDIO_DIR;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  await createUsers(origin);
  return {
    origin,
    dataDir,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API and answers the session cookie. */
export async function apiLogin(origin: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function createUsers(origin: string): Promise<void> {
  const cookie = await apiLogin(origin, USERS.admin.username, USERS.admin.password);
  for (const user of [USERS.official, USERS.official2, USERS.committee, USERS.auditor]) {
    const response = await fetch(`${origin}/api/v1/users`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(user) });
    if (response.status !== 201) throw new Error(`create ${user.username}: ${response.status} ${await response.text()}`);
  }
}

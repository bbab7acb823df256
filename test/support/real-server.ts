// The real server (`server/main.ts`) in its own process on a free loopback port with
// a fresh data directory, seeded like a first start. Used by end-to-end tests and the
// load benchmark, which must measure the server as it runs, not an in-process app.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './rulesets';

export interface RealServer {
  origin: string;
  dataDir: string;
  /** The server's process id (the load benchmark reads its peak memory from /proc). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `imports`: modules node loads before the server (--import), e.g. a test clock.
 * `args`: what node runs after them (default the TypeScript entry through tsx; the build test runs dist/main.js).
 */
export async function spawnServer(options: { adminPassword: string; env?: NodeJS.ProcessEnv; startTimeoutMs?: number; imports?: string[]; args?: string[] }): Promise<RealServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pingshen-server-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, PINGSHEN_ADMIN_PASSWORD: options.adminPassword, ...options.env };
  const imports = (options.imports ?? []).flatMap((module) => ['--import', module]);
  const args = options.args ? [...imports, ...options.args] : ['--import', 'tsx', ...imports, 'server/main.ts'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), options.startTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    dataDir,
    pid: child.pid!,
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

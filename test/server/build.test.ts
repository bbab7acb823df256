// The production build (build.ts): the server and the CLI run as compiled JavaScript
// from dist/, find rules/ and studio/dist from there, start their worker threads
// from dist/tasks.worker.js and dist/evaluate-worker.js, and a build with nothing
// changed rebuilds nothing.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, spawnServer } from '../support/real-server';
import { ROOT } from '../support/rulesets';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function node(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const STATE = join(ROOT, 'dist/build-state.json');
let temp = '';

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'pingshen-build-'));
  // Nothing to do after `npm run build` (npm test runs it first); builds what is missing otherwise.
  const built = await node(['build.ts', '--quiet']);
  expect(built.code, built.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('build.ts', () => {
  it('the compiled server seeds from rules/, serves the studio and the API', async () => {
    const server = await spawnServer({ adminPassword: 'build-test-password-1', args: ['--enable-source-maps', 'dist/main.js'] });
    try {
      expect(server.output()).toContain(`Seeded 17 published ruleset versions from ${join(ROOT, 'rules')}`);
      expect(server.output()).toContain(`Committee process values from ${join(ROOT, 'rules/process/committee-policy.json')}`);
      const health = await fetch(`${server.origin}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const page = await fetch(`${server.origin}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      const cookie = await apiLogin(server.origin, 'admin', 'build-test-password-1');
      const rulesets = await fetch(`${server.origin}/api/v1/rulesets`, { headers: { Cookie: cookie } });
      expect(rulesets.status).toBe(200);
      const list = ((await rulesets.json()) as { rulesets: Array<{ id: string }> }).rulesets;
      expect(list.length).toBeGreaterThan(0);
      // A stored version's embedded cases run on the work pool, whose threads start from dist/tasks.worker.js.
      const id = 'teacher-deputy-senior';
      expect(list.map((r) => r.id)).toContain(id);
      const tests = await fetch(`${server.origin}/api/v1/rulesets/${id}/versions/1/tests`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
      const report = (await tests.json()) as { passed: number; failed: number };
      expect(tests.status, JSON.stringify(report)).toBe(200);
      expect(report.passed).toBeGreaterThan(0);
      expect(report.failed).toBe(0);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('the compiled CLI reads the shipped calendar and evaluates a large file on its worker thread', async () => {
    const days = await node(['dist/cli.js', 'workdays', '--from', '2026-01-05', '--days', '3']);
    expect(days, days.stderr).toMatchObject({ code: 0, stdout: '2026-01-07\n' });

    // 5,000 applicants in a json file: the two-pass road waits for the evaluator pool's
    // workers (evaluate-file.ts, WORKERS_FROM_RECORDS), here from dist/evaluate-worker.js,
    // before evaluating (a csv goes by chunks and may finish before a worker is up). The
    // preload reports each worker that says it is ready.
    const sample = JSON.parse(readFileSync(join(ROOT, 'rules/samples/teacher-deputy-senior.json'), 'utf8')) as Array<{ id: string }>;
    const copies = Array.from({ length: Math.ceil(5000 / sample.length) }, (_, copy) => sample.map((record) => ({ ...record, id: `${record.id}-${copy}` }))).flat();
    writeFileSync(join(temp, 'applicants.json'), JSON.stringify(copies));
    const preload = join(temp, 'preload.mjs');
    writeFileSync(
      preload,
      "import { subscribe } from 'node:diagnostics_channel';\n" +
        "subscribe('worker_threads', ({ worker }) => worker.on('message', (m) => { if (m && m.ready) process.stderr.write('worker ready\\n'); }));\n",
    );
    const ruleset = join(ROOT, 'rules/education/teacher-deputy-senior/v1.json');
    const out = join(temp, 'results.csv');
    const run = await node(['--import', pathToFileURL(preload).href, 'dist/cli.js', 'evaluate', '--ruleset', ruleset, '--applicants', join(temp, 'applicants.json'), '--as-of', '2024-09-30', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('worker ready');
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(copies.length + 1);
  }, 60_000);

  it('no bundled module finds files relative to its own source location', () => {
    // In dist/<entry>.js every module's import.meta.url is the bundle's: paths go through server/project-root.ts.
    const allowed = [
      'server/project-root.ts', // one level below the project, like dist/
      'server/io/evaluator-pool.ts', // its worker sits beside it, as dist/evaluate-worker.js sits beside the bundles
      'server/work/work-pool.ts', // likewise: tasks.worker.ts beside it, dist/tasks.worker.js beside the bundles
      'server/samples/main.ts', // the sample generator runs from sources only (npm run samples)
    ];
    const using = ['server', 'engine']
      .flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((file) => `${dir}/${file.split(sep).join('/')}`))
      .filter((file) => file.endsWith('.ts') && /import\.meta\.(url|dirname|filename)/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(using.sort(), 'use projectPath() from server/project-root.ts').toEqual(allowed.sort());
  });

  it('rebuilds a part only when its inputs changed', async () => {
    const again = await node(['build.ts', 'server']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('server: up to date\n');

    // A recorded hash that no longer matches the inputs (as after an edit) rebuilds, and records the current one.
    const state = JSON.parse(readFileSync(STATE, 'utf8')) as Record<string, string>;
    writeFileSync(STATE, JSON.stringify({ ...state, server: 'an older tree' }));
    const stale = await node(['build.ts', 'server']);
    expect(stale.code, stale.stderr).toBe(0);
    expect(stale.stderr).toMatch(/^server: building…\nserver: built in [\d.]+ s\n$/);
    expect(JSON.parse(readFileSync(STATE, 'utf8'))).toEqual(state);
  }, 60_000);
});

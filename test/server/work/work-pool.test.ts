// The server's worker pool (server/work/work-pool.ts) on its own: tasks run on threads
// and come back with their results or their own typed errors; admission per user and
// for the queue; cancellation of waiting and running tasks; a thread that runs out of
// heap fails its task alone; idle threads stop.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { PingshenError, type Applicant, type Ruleset } from '../../../engine/index';
import { resolveConfig, type WorkSettings } from '../../../server/http/config';
import { LimitError } from '../../../server/io/limits';
import { UserError } from '../../../server/io/user-error';
import { WorkCancelled, WorkOutOfMemory, WorkPool, WorkRefused } from '../../../server/work/work-pool';
import type { CheckUploadInput } from '../../../server/work/tasks';
import { bigRuleset } from '../../support/big-ruleset';
import { ROOT } from '../../support/rulesets';

const SETTINGS: WorkSettings = { threads: 1, maxQueue: 4, perUser: 4, retryAfterSeconds: 7, idleMs: 60_000, maxHeapMb: 256 };
const pools: WorkPool[] = [];
function pool(settings: Partial<WorkSettings> = {}): WorkPool {
  const made = new WorkPool({ ...SETTINGS, ...settings });
  pools.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const small = bigRuleset(10);
/** A rule check of the small ruleset: schema, lint and its 13 cases. */
const check = (ruleset: Ruleset = small) => ({ ruleset, ancestors: [], check: true, tests: true });
const applicants = (small as unknown as { tests: Array<{ applicant: Applicant }> }).tests.map((t) => t.applicant);
const uploadLimits = () => {
  const { limits } = resolveConfig();
  return { upload: limits.upload, applicant: limits.applicant, problems: limits.problems };
};
function uploadInput(name: string, text: string, limits = uploadLimits()): CheckUploadInput {
  return { bytes: new TextEncoder().encode(text), upload: { hash: 'sha256:test', name }, rules: { key: 'small', ruleset: small as never }, records: false, limits };
}
/** The error `promise` is rejected with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('WorkPool', () => {
  it('runs a task on a thread while the event loop keeps turning, and returns its result', async () => {
    const work = pool();
    let settled = false;
    const result = work.run('checkRuleset', check(), { owner: 'a' }).finally(() => (settled = true));
    // Work done on the event loop would settle before any timer fires; on a thread, timers keep firing.
    let ticks = 0;
    while (!settled && ticks < 3) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (!settled) ticks++;
    }
    expect(ticks).toBe(3);
    const { issues, cases } = await result;
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(cases).toHaveLength(13);
    expect(cases!.every((c) => c.passed)).toBe(true);
    const outcomes = await work.run('evaluateOutcomes', { rules: { key: 'small', ruleset: small as never }, records: applicants.slice(0, 2), asOf: '2025-01-15' }, { owner: 'a' });
    expect(outcomes).toEqual([
      { eligible: true, passed: true, score: expect.any(Number) },
      { eligible: false, passed: false, score: expect.any(Number) },
    ]);
    expect(work.stats()).toEqual({ threads: 1, running: 0, queued: 0, started: 1 });
  });

  it("gives a task's errors back as the classes the routes map (a reader's limit and message, the engine's error), never a bare Error", async () => {
    const work = pool();
    const limits = uploadLimits();
    const over = await rejection(work.run('checkUpload', uploadInput('a.json', JSON.stringify(applicants), { ...limits, upload: { ...limits.upload, rows: 2 } }), { owner: 'a' }));
    expect(over).toBeInstanceOf(LimitError);
    expect((over as LimitError).details).toMatchObject({ limit: 'rows', max: 2, found: 3 });
    const empty = await rejection(work.run('checkUpload', uploadInput('empty.csv', ''), { owner: 'a' }));
    expect(empty).toBeInstanceOf(UserError);
    expect(empty).not.toBeInstanceOf(LimitError);
    expect((empty as UserError).text).toEqual({ zh: 'empty.csv：文件为空', en: 'empty.csv: the file is empty' });
    // Stored content's cases (no schema check) whose `extends` names a version that is not there.
    const missing = await rejection(work.run('checkRuleset', { ...check({ ...small, extends: 'bz-common@9' } as Ruleset), check: false }, { owner: 'a' }));
    expect(missing).toBeInstanceOf(PingshenError);
    expect((missing as PingshenError).code).toBe('EXTENDS_MISSING');
    // The thread that threw still serves.
    expect((await work.run('checkRuleset', check(), { owner: 'a' })).cases).toHaveLength(13);
    expect(work.stats().started).toBe(1);
  });

  it('admits per user and for the queue (WorkRefused with the limit and Retry-After); background work always waits its turn', async () => {
    const work = pool({ perUser: 2, maxQueue: 1 });
    const first = work.run('checkRuleset', check(), { owner: 'a' });
    const second = work.run('checkRuleset', check(), { owner: 'a' });
    // Refusals are decided when run() is called: nothing above can have finished yet.
    const third = work.run('checkRuleset', check(), { owner: 'a' });
    const other = work.run('checkRuleset', check(), { owner: 'b' });
    const background = work.run('checkRuleset', check(), { owner: 'b', background: true });
    expect(work.stats()).toMatchObject({ running: 1, queued: 2 });
    const user = await rejection(third);
    expect(user).toBeInstanceOf(WorkRefused);
    expect(user).toMatchObject({ reason: 'user', limit: 2, retryAfterSeconds: 7 });
    const queue = await rejection(other);
    expect(queue).toBeInstanceOf(WorkRefused);
    expect(queue).toMatchObject({ reason: 'queue', limit: 1, retryAfterSeconds: 7 });
    await Promise.all([first, second, background]);
    // Finished tasks give their places back.
    expect((await work.run('checkRuleset', check(), { owner: 'a' })).cases).toHaveLength(13);
  });

  it('takes a cancelled waiting task off the queue at once, and frees its place', async () => {
    const work = pool({ perUser: 1 });
    const running = work.run('checkRuleset', check(), { owner: 'a' });
    const controller = new AbortController();
    const waiting = work.run('checkRuleset', check(), { owner: 'b', signal: controller.signal });
    expect(work.stats()).toMatchObject({ running: 1, queued: 1 });
    controller.abort();
    expect(work.stats()).toMatchObject({ running: 1, queued: 0 });
    expect(await rejection(waiting)).toBeInstanceOf(WorkCancelled);
    // b's one place is free again; a signal already aborted is never queued.
    const again = work.run('checkRuleset', check(), { owner: 'b' });
    expect(await rejection(work.run('checkRuleset', check(), { owner: 'c', signal: AbortSignal.abort() }))).toBeInstanceOf(WorkCancelled);
    await Promise.all([running, again]);
    expect(work.stats()).toMatchObject({ running: 0, queued: 0, started: 1 });
  });

  it('ends the thread of a cancelled running task: the next task starts at once on a new thread', async () => {
    const work = pool({ perUser: 1 });
    const controller = new AbortController();
    // 36,000 conditions: schema, lint and cases take the thread for a while.
    const heavy = work.run('checkRuleset', check(bigRuleset(36_000)), { owner: 'a', signal: controller.signal });
    const next = work.run('checkRuleset', check(), { owner: 'b' });
    expect(work.stats()).toEqual({ threads: 1, running: 1, queued: 1, started: 1 });
    controller.abort();
    expect(work.stats()).toEqual({ threads: 1, running: 1, queued: 0, started: 2 });
    expect(await rejection(heavy)).toBeInstanceOf(WorkCancelled);
    expect((await next).cases).toHaveLength(13);
    expect((await work.run('checkRuleset', check(), { owner: 'a' })).cases).toHaveLength(13);
    expect(work.stats().started).toBe(2);
  });

  it('fails a task that runs its thread out of heap, alone: the task behind it and later ones are served', async () => {
    const work = pool({ maxHeapMb: 32 });
    const big = work.run('checkRuleset', check(bigRuleset(36_000)), { owner: 'a' });
    const behind = work.run('checkRuleset', check(), { owner: 'b' });
    const err = await rejection(big);
    expect(err).toBeInstanceOf(WorkOutOfMemory);
    expect(err).toMatchObject({ limitMb: 32, message: 'the task needed more memory than a work thread has (work.maxHeapMb 32 MB)' });
    expect((await behind).cases).toHaveLength(13);
    expect((await work.run('checkRuleset', check(), { owner: 'a' })).cases).toHaveLength(13);
    expect(work.stats()).toMatchObject({ running: 0, queued: 0, started: 2 });
  });

  it('stops a thread idle for idleMs; the next task starts a new one', async () => {
    const work = pool({ idleMs: 50 });
    await work.run('checkRuleset', check(), { owner: 'a' });
    await work.run('checkRuleset', check(), { owner: 'a' });
    expect(work.stats().started).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await work.run('checkRuleset', check(), { owner: 'a' });
    expect(work.stats().started).toBe(2);
  });

  it('keeps a process alive while a task runs, and not while its thread idles', () => {
    // A script with nothing else to wait for: it gets its answer, then exits without waiting idleMs (60 s).
    const script = [
      `import { WorkPool } from './server/work/work-pool.ts';`,
      `const pool = new WorkPool({ threads: 1, maxQueue: 1, perUser: 1, retryAfterSeconds: 1, idleMs: 60000, maxHeapMb: 256 });`,
      `const { issues } = await pool.run('checkRuleset', { ruleset: { id: 'x' }, ancestors: [], check: true, tests: false }, { owner: 'a' });`,
      `console.log('issues', issues.length > 0);`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    // Before: the 'message' listener, added after unref(), kept every thread referenced: the script waited the 60 s.
    expect({ status: child.status, stdout: child.stdout.trim() }).toEqual({ status: 0, stdout: 'issues true' });
  });
});

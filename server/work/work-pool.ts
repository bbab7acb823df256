// The worker pool of the server: heavy work (checking rules, reading uploads, batch
// evaluation, impact analysis, filing builds) runs here, on worker threads, so the
// event loop only parses requests, reads the store and answers — GET /health and
// a single evaluation stay fast while anyone's heaviest request runs.
//
// Why our own pool and not piscina (which supports Node 20 and 24): piscina starts
// its own worker script and imports the task file by path, which under vitest/tsx is
// TypeScript no worker can load without a JavaScript shim per entry; the existing
// evaluator pool's way of booting tsx in a worker (worker-url.ts) already works for
// sources and compiled builds alike. What the server needs beyond a pool — admission
// per user with a clear 429/503, cancelling a running task when its client goes away
// — piscina does not provide either (its abort, like ours, ends the thread). So this
// is the evaluator pool made general: a queue, a fixed number of threads started on
// demand and stopped when idle, one task per thread at a time.
//
// Admission: a user may have `perUser` tasks running or waiting (one more:
// WorkRefused 'user'); at most `maxQueue` tasks wait (one more: WorkRefused 'queue').
// When a thread frees, the waiting task of the user with the fewest tasks running
// goes first, so one user's queue cannot starve the others. Background work (the
// slices of a run already accepted) is never refused; it waits its turn.
// Cancellation: a task whose signal aborts is taken off the queue, or, running, its
// thread is terminated (synchronous engine code cannot be interrupted otherwise)
// and a new one starts for the next task.
import { Worker } from 'node:worker_threads';
import type { WorkSettings } from '../http/config';
import { reviveError } from './task-errors';
import type { TaskKind, TaskInput, TaskOutput } from './tasks';
import type { TaskReply, TaskRequest } from './tasks.worker';
import { workerEntryUrl } from './worker-url';

export class WorkRefused extends Error {
  constructor(
    readonly reason: 'user' | 'queue',
    readonly limit: number,
    readonly retryAfterSeconds: number,
  ) {
    super(reason === 'user' ? `this user already has ${limit} heavy task(s) running or waiting` : `the work queue is full (${limit} waiting)`);
    this.name = 'WorkRefused';
  }
}

/**
 * The task needed more heap than a thread has (work.maxHeapMb): V8 ended its thread.
 * Only that task fails; the next one starts a new thread.
 */
export class WorkOutOfMemory extends Error {
  constructor(readonly limitMb: number) {
    super(`the task needed more memory than a work thread has (work.maxHeapMb ${limitMb} MB)`);
    this.name = 'WorkOutOfMemory';
  }
}

/** The task's signal aborted (its client went away): nobody waits for an answer. */
export class WorkCancelled extends Error {
  constructor() {
    super('the task was cancelled');
    this.name = 'WorkCancelled';
  }
}

export interface RunOptions {
  /** Who the task is for (a user name): admission and fairness. */
  owner: string;
  signal?: AbortSignal | undefined;
  /** Part of work already accepted (a run's slices): queued whatever the limits. */
  background?: boolean;
  transfer?: ArrayBuffer[];
}

interface Task {
  id: number;
  kind: TaskKind;
  input: unknown;
  owner: string;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  signal?: AbortSignal | undefined;
  onAbort?: (() => void) | undefined;
  slot?: Slot;
  done?: boolean;
}

interface Slot {
  worker: Worker | null;
  task: Task | null;
  idle?: NodeJS.Timeout;
}

export interface PoolStats {
  threads: number;
  running: number;
  queued: number;
  /** Worker threads started so far (cancellations and failures start new ones). */
  started: number;
}

export class WorkPool {
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  /** Tasks running or waiting, by owner. */
  private readonly perOwner = new Map<string, number>();
  private readonly runningPerOwner = new Map<string, number>();
  private nextId = 0;
  private started = 0;
  private closed = false;
  private readonly entry: URL;

  constructor(private readonly settings: Readonly<WorkSettings>) {
    this.slots = Array.from({ length: settings.threads }, () => ({ worker: null, task: null }));
    this.entry = workerEntryUrl('./tasks.worker', import.meta.url);
  }

  run<K extends TaskKind>(kind: K, input: TaskInput<K>, options: RunOptions): Promise<TaskOutput<K>> {
    if (this.closed) return Promise.reject(new Error('the work pool is closed'));
    if (options.signal?.aborted) return Promise.reject(new WorkCancelled());
    const { owner } = options;
    if (!options.background) {
      if ((this.perOwner.get(owner) ?? 0) >= this.settings.perUser) return Promise.reject(new WorkRefused('user', this.settings.perUser, this.settings.retryAfterSeconds));
      const free = this.slots.some((s) => s.task === null);
      if (!free && this.queue.length >= this.settings.maxQueue) return Promise.reject(new WorkRefused('queue', this.settings.maxQueue, this.settings.retryAfterSeconds));
    }
    return new Promise<TaskOutput<K>>((resolve, reject) => {
      const task: Task = { id: this.nextId++, kind, input, owner, transfer: options.transfer ?? [], resolve: resolve as (v: unknown) => void, reject, signal: options.signal };
      this.perOwner.set(owner, (this.perOwner.get(owner) ?? 0) + 1);
      if (task.signal) {
        task.onAbort = () => this.cancel(task);
        task.signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.dispatch();
    });
  }

  stats(): PoolStats {
    return { threads: this.slots.length, running: this.slots.filter((s) => s.task).length, queued: this.queue.length, started: this.started };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) this.settle(task, new Error('the work pool is closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.task) this.settle(slot.task, new Error('the work pool is closed'));
        await this.stop(slot);
      }),
    );
  }

  /** Hands waiting tasks to free threads: the owner with the fewest running first, then the oldest. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      let best = 0;
      for (let i = 1; i < this.queue.length; i++) {
        if (this.running(this.queue[i]!.owner) < this.running(this.queue[best]!.owner)) best = i;
      }
      const [task] = this.queue.splice(best, 1);
      this.start(slot, task!);
    }
  }

  private running(owner: string): number {
    return this.runningPerOwner.get(owner) ?? 0;
  }

  private start(slot: Slot, task: Task): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    slot.task = task;
    task.slot = slot;
    this.runningPerOwner.set(task.owner, this.running(task.owner) + 1);
    const worker = slot.worker ?? this.spawn(slot);
    // Someone awaits this task: its thread keeps the process alive until it answers (an idle one does not).
    worker.ref();
    worker.postMessage({ id: task.id, kind: task.kind, input: task.input } satisfies TaskRequest, task.transfer);
    task.input = undefined; // the thread has its copy
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.entry, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.settings.maxHeapMb } });
    this.started++;
    slot.worker = worker;
    worker.on('message', (reply: TaskReply) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      this.finish(slot);
      if ('error' in reply) this.settle(task, reviveError(reply.error));
      else this.settle(task, undefined, reply.value);
    });
    const fail = (err: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const task = slot.task;
      if (task) {
        this.finish(slot);
        this.settle(task, err);
      }
    };
    // Out of heap is the task's size, not a bug: said as such, not as an internal error.
    worker.on('error', (err) => fail((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkOutOfMemory(this.settings.maxHeapMb) : err));
    worker.on('exit', (code) => fail(new Error(`a work thread stopped (exit code ${code})`)));
    return worker;
  }

  /** The slot's task is done one way or another: the next one, or the thread idles. */
  private finish(slot: Slot): void {
    const task = slot.task;
    if (task) {
      const running = this.running(task.owner) - 1;
      if (running > 0) this.runningPerOwner.set(task.owner, running);
      else this.runningPerOwner.delete(task.owner);
    }
    slot.task = null;
    if (this.closed) return;
    this.dispatch();
    if (!slot.task && slot.worker) {
      // An idle thread never keeps the process alive (a script, a test); the server's socket does.
      // (unref only after the 'message' listener is on: adding one refs the worker again.)
      slot.worker.unref();
      slot.idle = setTimeout(() => void this.stop(slot), this.settings.idleMs);
      slot.idle.unref();
    }
  }

  private async stop(slot: Slot): Promise<void> {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    const worker = slot.worker;
    slot.worker = null;
    if (worker) await worker.terminate();
  }

  private cancel(task: Task): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(task, new WorkCancelled());
      return;
    }
    const slot = task.slot;
    if (!slot || slot.task !== task) return;
    // The only way to stop synchronous work: end its thread; the next task starts a new one.
    void this.stop(slot);
    this.finish(slot);
    this.settle(task, new WorkCancelled());
  }

  private settle(task: Task, err: Error | undefined, value?: unknown): void {
    if (task.done) return;
    task.done = true;
    if (task.signal && task.onAbort) task.signal.removeEventListener('abort', task.onAbort);
    task.onAbort = undefined;
    const left = (this.perOwner.get(task.owner) ?? 1) - 1;
    if (left > 0) this.perOwner.set(task.owner, left);
    else this.perOwner.delete(task.owner);
    if (err) task.reject(err);
    else task.resolve(value);
  }
}

/**
 * One pool per process and settings: the apps a process creates (tests create many)
 * share their threads instead of each starting its own. Released by the last app.
 */
const shared = new Map<string, { pool: WorkPool; users: number }>();

export function sharedWorkPool(settings: Readonly<WorkSettings>): { pool: WorkPool; release: () => Promise<void> } {
  const key = JSON.stringify(settings);
  let entry = shared.get(key);
  if (!entry) {
    entry = { pool: new WorkPool(settings), users: 0 };
    shared.set(key, entry);
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    pool: held.pool,
    release: async () => {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      shared.delete(key);
      await held.pool.close();
    },
  };
}

// Worker threads for big batches: the engine is synchronous and single-threaded,
// so 100,000 applicants use every core by sharing batches between workers and the
// main thread. Workers boot while the main thread is still reading and checking
// the file; if they cannot start (an unusual runtime), the main thread does it all.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntryUrl } from '../work/worker-url';
import type { ResolvedRuleset } from '../../engine/index';
import type { BatchEvaluator, BatchSettings } from './batch-evaluator';
import type { WorkerInit, WorkerReply, WorkerRequest } from './evaluate-worker';
import type { ChunkRequest, ChunkResult } from './evaluate-chunk';
import type { FormattedBatch } from './format-results';

export interface EvaluatorPool {
  /** True once every worker has started; false if any could not. */
  ready: Promise<boolean>;
  run: BatchEvaluator;
  /** One chunk of a csv file, read, checked, evaluated and formatted by a worker (see evaluate-chunk). */
  runChunk(request: ChunkRequest): Promise<ChunkResult>;
  /** Batches sent and not yet answered. */
  pending(): number;
  close(): Promise<void>;
  size: number;
}

/** One worker per core but one: the main thread evaluates too (see evaluate-file). */
export function poolSize(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 3));
}

/** The worker's entry (evaluate-worker): under tsx the worker registers tsx before importing it. */
function workerUrl(): URL {
  return workerEntryUrl('./evaluate-worker', import.meta.url);
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (b: unknown) => void; reject: (e: Error) => void }>;
  /** Set when the worker failed or exited; its batches were rejected and it takes no more. */
  dead?: Error;
}

export function startPool(ruleset: ResolvedRuleset, settings: BatchSettings, size = poolSize()): EvaluatorPool {
  const slots: Slot[] = [];
  const starts: Array<Promise<boolean>> = [];
  let nextId = 0;
  let url: URL | undefined;
  try {
    url = workerUrl();
  } catch {
    url = undefined;
  }
  for (let i = 0; url && i < size; i++) {
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData: { ruleset, settings } satisfies WorkerInit, execArgv: [] });
    } catch {
      starts.push(Promise.resolve(false));
      break;
    }
    const slot: Slot = { worker, pending: new Map() };
    slots.push(slot);
    starts.push(
      new Promise<boolean>((resolve) => {
        const failAll = (err: Error) => {
          slot.dead ??= err;
          resolve(false);
          for (const p of slot.pending.values()) p.reject(err);
          slot.pending.clear();
        };
        worker.on('error', failAll);
        worker.on('exit', (code) => failAll(new Error(`evaluation worker exited (${code})`)));
        worker.on('message', (reply: WorkerReply) => {
          if ('ready' in reply) return resolve(true);
          const waiting = slot.pending.get(reply.id);
          if (!waiting) return;
          slot.pending.delete(reply.id);
          if ('error' in reply) {
            const err = new Error(reply.error);
            if (reply.stack) err.stack = reply.stack; // shown only with PINGSHEN_DEBUG=1
            waiting.reject(err);
          }
          else waiting.resolve(reply.batch);
        });
      }),
    );
  }
  /** The least busy worker takes the request; replies come back keyed by id, so order is the caller's. */
  function send<T>(request: (id: number) => WorkerRequest): Promise<T> {
    const live = slots.filter((s) => !s.dead);
    if (live.length === 0) return Promise.reject(slots[0]?.dead ?? new Error('no evaluation worker'));
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (b: unknown) => void, reject });
      slot.worker.postMessage(request(id));
    });
  }
  const ready = url ? Promise.all(starts).then((all) => all.every(Boolean)) : Promise.resolve(false);
  return {
    size: slots.length,
    ready,
    pending: () => slots.reduce((n, s) => n + s.pending.size, 0),
    run: (records) => send<FormattedBatch>((id) => ({ id, records })),
    runChunk: (chunk) => send<ChunkResult>((id) => ({ id, chunk })),
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

// The entry of the server's worker threads (work-pool.ts): one task at a time,
// by kind (tasks.ts); the answer or the error goes back with the task's id.
// Compiled builds start server/work/tasks.worker.js; under tsx the pool boots tsx first.
import { parentPort } from 'node:worker_threads';
import { serializeError } from './task-errors';
import { TASKS, type TaskKind } from './tasks';

export interface TaskRequest {
  id: number;
  kind: TaskKind;
  input: unknown;
}

export type TaskReply = { id: number; value: unknown } | { id: number; error: ReturnType<typeof serializeError> };

const port = parentPort!;
port.on('message', (request: TaskRequest) => {
  const run = TASKS[request.kind] as (input: unknown) => unknown;
  Promise.resolve()
    .then(() => run(request.input))
    .then(
      (value) => port.postMessage({ id: request.id, value } satisfies TaskReply),
      (err: unknown) => port.postMessage({ id: request.id, error: serializeError(err) } satisfies TaskReply),
    );
});

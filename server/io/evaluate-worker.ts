// Worker thread of a batch run: compiles the ruleset it is given once, then
// evaluates and formats each batch of records the main thread sends.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRuleset } from '../../engine/compile';
import type { Applicant, ResolvedRuleset } from '../../engine/index';
import { batchEvaluator, type BatchSettings } from './batch-evaluator';

export interface WorkerInit {
  ruleset: ResolvedRuleset;
  settings: BatchSettings;
}

export type WorkerRequest = { id: number; records: Applicant[] };
export type WorkerReply = { ready: true } | { id: number; batch: unknown } | { id: number; error: string; stack?: string | undefined };

const port = parentPort!;
const init = workerData as WorkerInit;
const run = await batchEvaluator(compileRuleset(init.ruleset), init.settings);
port.on('message', (request: WorkerRequest) => {
  run(request.records).then(
    (batch) => port.postMessage({ id: request.id, batch } satisfies WorkerReply),
    (err: unknown) =>
      port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined } satisfies WorkerReply),
  );
});
port.postMessage({ ready: true } satisfies WorkerReply);

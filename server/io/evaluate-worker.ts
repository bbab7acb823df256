// Worker thread of a batch run: compiles the ruleset it is given once, then
// evaluates and formats each batch of records the main thread sends, or reads,
// checks, evaluates and formats each chunk of csv text (see evaluate-chunk).
import { parentPort, workerData } from 'node:worker_threads';
import { compileRuleset } from '../../engine/compile';
import type { Applicant, ResolvedRuleset } from '../../engine/index';
import { batchEvaluator, type BatchSettings } from './batch-evaluator';
import { chunkEvaluator, type ChunkRequest } from './evaluate-chunk';

export interface WorkerInit {
  ruleset: ResolvedRuleset;
  settings: BatchSettings;
}

export type WorkerRequest = { id: number; records: Applicant[] } | { id: number; chunk: ChunkRequest };
export type WorkerReply = { ready: true } | { id: number; batch: unknown } | { id: number; error: string; stack?: string | undefined };

const port = parentPort!;
const init = workerData as WorkerInit;
const compiled = compileRuleset(init.ruleset);
const run = await batchEvaluator(compiled, init.settings);
const runChunk = init.settings.evaluator === 'compiled' ? chunkEvaluator(compiled, init.settings) : undefined;
port.on('message', (request: WorkerRequest) => {
  const work = 'chunk' in request ? (async () => runChunk!(request.chunk))() : run(request.records);
  work.then(
    (batch) => port.postMessage({ id: request.id, batch } satisfies WorkerReply),
    (err: unknown) =>
      port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined } satisfies WorkerReply),
  );
});
port.postMessage({ ready: true } satisfies WorkerReply);

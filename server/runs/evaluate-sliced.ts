// The engine is synchronous: a batch of 10,000 applicants evaluated in one go
// would hold the event loop for about a second, and no other request would be
// answered meanwhile. Here records are evaluated in slices of a few milliseconds,
// and the loop gets its turn (setImmediate) between slices. On this box the whole
// batch costs the same; what it buys is latency for everyone else.
import { evaluate, type Applicant, type CompiledRuleset, type EvaluateOptions, type EvaluationResult } from '../../engine/index';

/** How long one slice may hold the event loop. */
export const SLICE_MS = 8;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function evaluateSliced(
  compiled: CompiledRuleset,
  records: readonly Applicant[],
  options: EvaluateOptions,
  each: (result: EvaluationResult, index: number) => void,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  let i = 0;
  while (i < records.length) {
    const until = performance.now() + SLICE_MS;
    do {
      each(evaluate(compiled, records[i]!, options), i);
      i++;
    } while (i < records.length && performance.now() < until);
    progress?.(i, records.length);
    if (i < records.length) await turn();
  }
}

export { turn as yieldToEventLoop };

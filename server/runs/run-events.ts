// Progress of the runs this process is executing, for Server-Sent Events: the
// latest event of each live run and who listens to it. A run that has ended is
// answered from its stored record (finalEvent), so a client that connects late,
// or after a restart, still gets the outcome.
import type { RunRecord } from '../storage/index';

export type RunEvent =
  | { event: 'progress'; data: { done: number; total: number } }
  | { event: 'completed'; data: { summary: Record<string, number> } }
  | { event: 'failed'; data: { message: string } };

type Listener = (event: RunEvent) => void;

export const isFinal = (e: RunEvent) => e.event !== 'progress';

export class RunEvents {
  private readonly live = new Map<string, { last: RunEvent; listeners: Set<Listener> }>();

  publish(runId: string, event: RunEvent): void {
    const entry = this.live.get(runId) ?? { last: event, listeners: new Set<Listener>() };
    entry.last = event;
    this.live.set(runId, entry);
    for (const listener of [...entry.listeners]) listener(event);
    if (isFinal(event)) this.live.delete(runId);
  }

  /** The latest event of a live run, if any. */
  latest(runId: string): RunEvent | undefined {
    return this.live.get(runId)?.last;
  }

  /** Listens to a live run; returns the unsubscribe function. */
  subscribe(runId: string, listener: Listener): () => void {
    let entry = this.live.get(runId);
    if (!entry) {
      entry = { last: { event: 'progress', data: { done: 0, total: 0 } }, listeners: new Set() };
      this.live.set(runId, entry);
    }
    entry.listeners.add(listener);
    return () => {
      const current = this.live.get(runId);
      current?.listeners.delete(listener);
    };
  }
}

/** The event that ended a stored run, or undefined while it runs. */
export function finalEvent(run: RunRecord): RunEvent | undefined {
  if (run.status === 'completed') return { event: 'completed', data: { summary: run.summary ?? {} } };
  if (run.status === 'failed') return { event: 'failed', data: { message: run.error ?? 'failed' } };
  return undefined;
}

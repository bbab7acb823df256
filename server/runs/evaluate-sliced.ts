// Work that has to stay on the event loop (reading rows through a stream, writing a
// results workbook) gives the loop its turn now and then: a slice of a few
// milliseconds, then setImmediate, so other requests are answered meanwhile.
// Evaluating itself no longer happens here: runs and impact analyses evaluate on the
// worker pool (server/work/tasks.ts).

/** How long one slice may hold the event loop. */
export const SLICE_MS = 8;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export { turn as yieldToEventLoop };

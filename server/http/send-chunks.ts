// An answer written chunk by chunk as the client reads it (backpressure): the next
// chunk is produced only when the socket has room, and nothing more when the client
// has gone.
import type { Response } from 'express';

/** Until the response can take more, or has closed (a client that stops reading and leaves never drains). */
function room(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export async function sendChunks(res: Response, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await room(res);
  }
  if (!res.destroyed) res.end();
}

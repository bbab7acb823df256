// Full results as one JSON array, written as they come: `[`, each result, `]`.
import type { Writable } from 'node:stream';
import type { ResultWriter } from './result-writer';
import { ChunkedWriter } from './write-chunks';

export function jsonResultWriter(stream: Writable): ResultWriter {
  const out = new ChunkedWriter(stream);
  let count = 0;
  return {
    async write(batch) {
      if (batch.format !== 'json') throw new Error(`json writer got a ${batch.format} batch`);
      for (const text of batch.texts) await out.write((count++ === 0 ? '[\n' : ',\n') + text);
    },
    async end() {
      await out.write(count === 0 ? '[]\n' : '\n]\n');
      await out.flush();
    },
  };
}

// The summary table as CSV. A UTF-8 byte-order mark comes first: without it Excel
// on Chinese Windows reads the file as GBK and shows the headers garbled.
import type { Writable } from 'node:stream';
import { csvText } from './format-results';
import type { ResultWriter } from './result-writer';
import type { SummaryColumn } from './result-summary';
import { ChunkedWriter } from './write-chunks';

export function csvResultWriter(stream: Writable, columns: SummaryColumn[]): ResultWriter {
  const out = new ChunkedWriter(stream);
  let started = false;
  const header = async () => {
    if (!started) await out.write(csvText([columns.map((c) => c.header)], true));
    started = true;
  };
  return {
    async write(batch) {
      if (batch.format !== 'csv') throw new Error(`csv writer got a ${batch.format} batch`);
      await header();
      await out.write(batch.text);
    },
    async end() {
      await header();
      await out.flush();
    },
  };
}

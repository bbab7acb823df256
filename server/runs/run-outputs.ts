// What a finished run leaves behind, as content-addressed blobs: the ranked
// summary (JSON, read by the API's result pages) and the same ranking as the
// committee's spreadsheet (.xlsx and .csv, through the CLI's own writers and
// summary columns, with a rank column in front).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CompiledRuleset, Text } from '../../engine/index';
import { csvText } from '../io/format-results';
import type { SummaryCell, SummaryColumn } from '../io/result-summary';
import { summaryColumns } from '../io/result-summary';
import { csvResultWriter } from '../io/write-csv-results';
import { xlsxResultWriter } from '../io/write-xlsx-results';
import type { BlobRef, BlobStore } from '../storage/index';
import { yieldToEventLoop } from './evaluate-sliced';
import { RANKING_RULE, type RankedRow } from './ranked-results';

export interface RunSummaryFile {
  format: 1;
  ruleset: { id: string; version: number; hash: string };
  engineVersion: string;
  asOf: string;
  input: BlobRef;
  ranking: string;
  categories: Array<{ id: string; title: Text }>;
  rows: RankedRow[];
}

export interface RunOutputs {
  results: BlobRef;
  downloads: { xlsx: BlobRef; csv: BlobRef };
}

const RANK_COLUMN: SummaryColumn = { header: '排名', width: 6, value: () => null };
const ROWS_PER_WRITE = 500;

/** `<input name without extension>-评审结果.<ext>` */
export function resultFileName(inputName: string, ext: string): string {
  const dot = inputName.lastIndexOf('.');
  return `${dot > 0 ? inputName.slice(0, dot) : inputName}-评审结果.${ext}`;
}

/** `cells[i]` are the summary cells (summaryRow) of `summary.rows[i]`, already in ranked order. */
export async function storeRunOutputs(blobs: BlobStore, compiled: CompiledRuleset, summary: RunSummaryFile, cells: SummaryCell[][]): Promise<RunOutputs> {
  const columns = [RANK_COLUMN, ...summaryColumns(compiled, 'zh')];
  const rows = summary.rows.map((r, i) => [r.rank, ...cells[i]!]);
  const results = { hash: await blobs.put(JSON.stringify(summary)), name: 'results.json' };

  let csv = '';
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      csv += chunk.toString();
      done();
    },
  });
  const csvWriter = csvResultWriter(sink, columns);
  for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) await csvWriter.write({ format: 'csv', text: csvText(rows.slice(i, i + ROWS_PER_WRITE)) });
  await csvWriter.end();

  const dir = await mkdtemp(join(tmpdir(), 'pingshen-run-'));
  let xlsx: Buffer;
  try {
    const file = join(dir, 'results.xlsx');
    const writer = await xlsxResultWriter(file, columns, 'zh');
    for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) {
      await writer.write({ format: 'xlsx', rows: rows.slice(i, i + ROWS_PER_WRITE) });
      await yieldToEventLoop();
    }
    await writer.end();
    xlsx = await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const name = summary.input.name;
  return {
    results,
    downloads: {
      xlsx: { hash: await blobs.put(xlsx), name: resultFileName(name, 'xlsx') },
      csv: { hash: await blobs.put(csv), name: resultFileName(name, 'csv') },
    },
  };
}

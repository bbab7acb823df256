// Where evaluation results go: a JSON array (stdout or .json, full results), or a
// summary table (.csv, .xlsx, one row per applicant). Results are written as they
// come and never gathered, so a batch of any size runs in flat memory.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { CompiledRuleset, Lang } from '../../engine/index';
import type { FormattedBatch, OutputFormat } from './format-results';
import { extensionOf } from './input-file';
import { commitOutput, discardOutput, temporaryPathFor } from './output-file';
import { summaryColumns } from './result-summary';
import { text } from './text';
import { UserError } from './user-error';
import { csvResultWriter } from './write-csv-results';
import { jsonResultWriter } from './write-json-results';

export interface ResultWriter {
  /** Writes a batch of formatted results, in input order. */
  write(batch: FormattedBatch): Promise<void>;
  /** Completes the output (closing bracket, last rows, the xlsx package). */
  end(): Promise<void>;
}

export interface OpenedOutput extends ResultWriter {
  /** Drops a partial file after a failure. */
  abort(): Promise<void>;
}

export function outputFormatOf(file: string): OutputFormat {
  const ext = extensionOf(file);
  if (ext === 'json' || ext === 'csv' || ext === 'xlsx') return ext;
  throw new UserError(text(`不支持的输出文件类型：${file}（请使用 .json、.csv 或 .xlsx）`, `Unsupported output file type: ${file} (use .json, .csv or .xlsx)`), { exitCode: 2 });
}

/** Results as a JSON array on a stream the caller owns (stdout). */
export function openStreamOutput(stream: Writable): OpenedOutput {
  const writer = jsonResultWriter(stream);
  return { ...writer, abort: async () => {} };
}

/** Results into `file`, written under a temporary name and renamed into place by `end`. */
export async function openFileOutput(file: string, compiled: CompiledRuleset, lang: Lang): Promise<OpenedOutput> {
  const format = outputFormatOf(file);
  const temporary = temporaryPathFor(file);
  let writer: ResultWriter;
  let stream: Writable | undefined;
  if (format === 'xlsx') {
    const { xlsxResultWriter } = await import('./write-xlsx-results');
    writer = await xlsxResultWriter(temporary, summaryColumns(compiled, lang), lang);
  } else {
    stream = createWriteStream(temporary);
    writer = format === 'json' ? jsonResultWriter(stream) : csvResultWriter(stream, summaryColumns(compiled, lang));
  }
  return {
    write: (batch) => writer.write(batch),
    async end() {
      await writer.end();
      if (stream) {
        stream.end();
        await finished(stream);
      }
      await commitOutput(temporary, file);
    },
    async abort() {
      stream?.destroy();
      await discardOutput(temporary);
    },
  };
}

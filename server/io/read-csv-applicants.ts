// CSV applicants, streamed: csv-parse hands over raw strings (`cast: false`) and
// every cell is coerced by its fact's type here. Row numbers are the rows Excel
// shows: the header is row 1, and blank lines count although they are skipped.
import { open } from 'node:fs/promises';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import type { DerivedDef, FactDef, Text } from '../../engine/index';
import type { ApplicantRow } from './applicant-row';
import { planColumns, unknownColumnsNotice, type ColumnPlan, type MissingColumns } from './column-map';
import { decodedStream, detectEncoding, type TextEncoding } from './detect-encoding';
import { TableBudget, type UploadLimits } from './limits';
import { buildRecord, isBlankRow } from './record-builder';
import { text } from './text';
import { UserError } from './user-error';

export interface TableReadOptions {
  facts: FactDef[];
  derived?: DerivedDef[] | undefined;
  notice?: ((message: Text) => void) | undefined;
  /** The file's name as the user gave it, for messages. */
  name: string;
  limits: UploadLimits;
  /** 'rows': a required column missing refuses each row (it lacks the value), not the file (ReadApplicantsOptions). */
  missingColumns?: MissingColumns | undefined;
}

export const ENCODING_NOTICE: Record<Exclude<TextEncoding, 'utf8'>, Text> = {
  gb18030: text('检测到 GBK/GB18030 编码，已自动转换', 'Detected GBK/GB18030 encoding; converted automatically'),
  utf16le: text('检测到 UTF-16 编码，已自动转换', 'Detected UTF-16 encoding; converted automatically'),
};

/** Excel's "Unicode text" export is tab-separated; the header line tells which separator is used. */
export async function detectDelimiter(file: string, encoding: TextEncoding): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = iconv.decode(buffer.subarray(0, bytesRead), encoding);
    const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
    const tabs = firstLine.split('\t').length;
    const commas = firstLine.split(',').length;
    return tabs > commas ? '\t' : ',';
  } finally {
    await handle.close();
  }
}

export async function* readCsvApplicants(file: string, options: TableReadOptions): AsyncGenerator<ApplicantRow> {
  const encoding = await detectEncoding(file);
  if (encoding !== 'utf8') options.notice?.(text(`${options.name}：${ENCODING_NOTICE[encoding].zh}`, `${options.name}: ${ENCODING_NOTICE[encoding].en}`));
  const delimiter = await detectDelimiter(file, encoding);
  const parser = decodedStream(file, encoding).pipe(
    parse({ bom: true, cast: false, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  let row = 0;
  let plan: ColumnPlan | undefined;
  const budget = new TableBudget(options.limits, options.name);
  let dataRows = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      if (isBlankRow(cells)) continue;
      // Before anything is made of the row: a header of a million columns is refused, not matched to facts.
      budget.row(cells, { row, dataRows: plan ? ++dataRows : 0 });
      if (!plan) {
        const where = text(options.name, options.name);
        plan = planColumns(cells, options.facts, { where, derived: options.derived, ...(options.missingColumns === 'rows' ? { missingAsRows: () => true } : {}) });
        if (plan.unknown.length > 0) options.notice?.(unknownColumnsNotice(plan.unknown, { where, derived: options.derived }));
        continue;
      }
      const built = buildRecord(cells, plan);
      yield { row, kind: 'row', id: built.id, record: built.record, issues: built.issues };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      const at = line ? text(`第 ${line} 行附近`, ` near line ${line}`) : text('', '');
      throw new UserError(text(`${options.name}：CSV 格式错误${at.zh}（${err.message}）`, `${options.name}: malformed CSV${at.en} (${err.message})`));
    }
    throw err;
  } finally {
    parser.destroy();
  }
  if (!plan) throw new UserError(text(`${options.name}：文件为空`, `${options.name}: the file is empty`));
}

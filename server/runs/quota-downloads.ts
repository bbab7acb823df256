// A run's stored ranking files (.xlsx, .csv; written when the run ended) with the
// 单位推荐 column added after 排名. Quotas change after a run, so the column is
// added when the file is downloaded, from the marks of the quota table as it is
// then; the stored files stay as the run wrote them. The files list the rows in
// the ranking order of the run's summary, so row i of the file is mark i. The rows
// a run skipped (validRowsOnly) are added after the ranking in the same pass: a
// second sheet, or a section of the .csv (skipped-rows.ts).
import { PassThrough, Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { csvText } from '../io/format-results';
import type { SummaryCell } from '../io/result-summary';
import { SKIPPED_TITLE, SKIPPED_WIDTHS, skippedTable, type SkippedRow } from './skipped-rows';
import { wholeCharacters } from '../io/xlsx-utf8';

/** What the marks say (the same shape as server/committee/quota-ranking.ts QuotaMark). */
export interface DownloadMark {
  posts: number;
  position: number | null;
  recommended: boolean;
}

export const QUOTA_HEADER = '单位推荐';
const QUOTA_WIDTH = 24;

/** 推荐 / 超出职数 with the place in the unit and the unit's posts; empty for those who do not contend (ineligible, vetoed). */
export function quotaCell(mark: DownloadMark): string | null {
  if (mark.position === null) return null;
  return `${mark.recommended ? '推荐' : '超出职数'}（单位第 ${mark.position} 位，核定 ${mark.posts} 个）`;
}

/** The ranking with the 单位推荐 column; then, when rows were skipped, a blank line and the section 未评审（已跳过） with its own header. */
export function csvWithQuota(stored: Buffer, marks: readonly DownloadMark[], skipped: readonly SkippedRow[] = []): Buffer {
  const rows = parse(stored.toString('utf8'), { bom: true, relax_column_count: true }) as string[][];
  const out: SummaryCell[][] = rows.map((cells, i) => {
    const cell = i === 0 ? QUOTA_HEADER : marks[i - 1] ? quotaCell(marks[i - 1]!) : null;
    return [...cells.slice(0, 1), cell, ...cells.slice(1)];
  });
  if (skipped.length > 0) out.push([], [SKIPPED_TITLE], ...skippedTable(skipped));
  return Buffer.from(csvText(out, true), 'utf8');
}

/**
 * Streams the stored workbook's only sheet into a new one, a column inserted at B; widths as given (the original's are not read back).
 * Rows the run skipped follow on a second sheet, 未评审（已跳过）.
 */
export async function xlsxWithQuota(stored: Buffer, marks: readonly DownloadMark[], widths: readonly number[], skipped: readonly SkippedRow[] = []): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const reader = wholeCharacters(new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(stored), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' }));
  let sheetOut: ReturnType<typeof writer.addWorksheet> | undefined;
  for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<{ number: number; values: unknown }> & { name?: string }>) {
    if (sheetOut) {
      for await (const _row of sheet) void _row; // only the first sheet is the ranking
      continue;
    }
    sheetOut = writer.addWorksheet(sheet.name ?? '评审结果', { views: [{ state: 'frozen', ySplit: 1 }] });
    let widthsSet = false;
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
      if (!widthsSet) {
        const all = [widths[0] ?? 6, QUOTA_WIDTH, ...widths.slice(1)];
        sheetOut.columns = all.map((width) => ({ width }));
        widthsSet = true;
      }
      const mark = row.number > 1 ? marks[row.number - 2] : undefined;
      const cell = row.number === 1 ? QUOTA_HEADER : mark ? quotaCell(mark) : null;
      const added = sheetOut.addRow([values[0] ?? null, cell, ...values.slice(1)]);
      if (row.number === 1) added.font = { bold: true };
      added.commit();
    }
    sheetOut.commit();
  }
  if (!sheetOut) writer.addWorksheet('评审结果').commit();
  if (skipped.length > 0) {
    const sheet = writer.addWorksheet(SKIPPED_TITLE, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = SKIPPED_WIDTHS.map((width) => ({ width }));
    for (const [i, cells] of skippedTable(skipped).entries()) {
      const added = sheet.addRow(cells);
      if (i === 0) added.font = { bold: true };
      added.commit();
    }
    sheet.commit();
  }
  await writer.commit();
  await ended;
  return Buffer.concat(chunks);
}

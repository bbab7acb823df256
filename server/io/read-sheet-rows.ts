// Small tables an official sends as a file (quota tables, expert lists): every row
// of the first worksheet of an .xlsx, or of a .csv in UTF-8, GBK or UTF-16 (detected,
// with a notice), comma- or tab-separated. Rows keep the number Excel shows, blank
// rows included, so a reported row is the row the official looks at. Only a file that
// cannot be read at all is an error; checking the cells is the caller's.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Text } from '../../engine/index';
import { detectBufferEncoding } from './detect-encoding';
import { ENCODING_NOTICE } from './read-csv-applicants';
import { plainCell } from './read-xlsx-applicants';
import { text } from './text';
import { UserError } from './user-error';

export const SHEET_FORMATS = ['xlsx', 'csv'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

export interface SheetRow {
  /** 1-based, as the spreadsheet numbers it. */
  number: number;
  cells: unknown[];
}

export function sheetFormat(name: string): SheetFormat | undefined {
  const ext = /\.([^.]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  return SHEET_FORMATS.find((f) => f === ext);
}

/** Every row of the file; `notices` gets the encoding conversion, if any. UserError when unreadable. */
export async function readSheetRows(bytes: Buffer, name: string, notices: Text[]): Promise<SheetRow[]> {
  const format = sheetFormat(name);
  if (!format) throw new UserError(text(`${name}：请上传 .xlsx 或 .csv 文件`, `${name}: upload a .xlsx or .csv file`));
  return format === 'xlsx' ? xlsxRows(bytes, name) : csvRows(bytes, name, notices);
}

async function xlsxRows(bytes: Buffer, name: string): Promise<SheetRow[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UserError(text(`${name}：不是有效的 Excel (.xlsx) 文件`, `${name}: not a valid Excel (.xlsx) file`));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UserError(text(`${name}：工作簿中没有工作表`, `${name}: the workbook has no worksheet`));
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
    rows[number - 1] = { number, cells: values.slice(1).map(plainCell) };
  });
  return Array.from(rows, (row, i) => row ?? { number: i + 1, cells: [] });
}

function csvRows(bytes: Buffer, name: string, notices: Text[]): SheetRow[] {
  const encoding = detectBufferEncoding(bytes);
  if (encoding !== 'utf8') notices.push(text(`${name}：${ENCODING_NOTICE[encoding].zh}`, `${name}: ${ENCODING_NOTICE[encoding].en}`));
  const source = encoding === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding);
  // Excel's "Unicode text" export is tab-separated; the header line tells.
  const firstLine = source.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.split('\t').length > firstLine.split(',').length ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(source, { bom: true, cast: false, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    throw new UserError(text(`${name}：CSV 格式错误（${(err as Error).message}）`, `${name}: malformed CSV (${(err as Error).message})`));
  }
  return records.map((cells, i) => ({ number: i + 1, cells }));
}

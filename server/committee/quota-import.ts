// A quota table (核定的定向岗位职数) from .xlsx or .csv: columns 单位 / 系列 / 级别 /
// 核定职数 / 备注 (or unit / series / level / posts / note), one row per unit ×
// series × level. Every bad row is listed — row number as Excel shows it (header =
// row 1, blank lines counted), column, code, zh/en reason — never dropped; storing
// is the caller's choice (all rows valid, or the valid rows only). CSV may be UTF-8
// or GBK (detected, as applicant files are). Tables are small: read in memory.
import type { Text } from '../../engine/index';
import { readSheetRows } from '../io/read-sheet-rows';
import { quoted, text, toHalfWidth } from '../io/text';
import { UserError } from '../io/user-error';
import { quotaKey } from '../storage/index';
import type { QuotaRecord } from '../storage/types';
import { levelId, seriesId } from './series-labels';

/** A quota table is a small sheet: .xlsx or .csv (server/io/read-sheet-rows.ts). */
export { SHEET_FORMATS as QUOTA_FORMATS, sheetFormat as quotaFormat, type SheetFormat as QuotaFormat } from '../io/read-sheet-rows';

export type QuotaField = 'unit' | 'series' | 'level' | 'posts' | 'note';

/** The columns in file order: the Chinese heading written on export, and the headings accepted on import. */
export const QUOTA_COLUMNS: ReadonlyArray<{ field: QuotaField; heading: string; accepted: string[]; required: boolean }> = [
  { field: 'unit', heading: '单位', accepted: ['单位', '单位名称', 'unit'], required: true },
  { field: 'series', heading: '系列', accepted: ['系列', '系列（专业）', '系列(专业)', 'series'], required: true },
  { field: 'level', heading: '级别', accepted: ['级别', '职称级别', '层级', 'level'], required: true },
  { field: 'posts', heading: '核定职数', accepted: ['核定职数', '核定岗位职数', '定向岗位职数', '核定的定向岗位职数', '职数', 'posts'], required: true },
  { field: 'note', heading: '备注', accepted: ['备注', 'note'], required: false },
];

export type QuotaInput = Pick<QuotaRecord, 'unit' | 'series' | 'level' | 'posts'> & { note?: string };

export interface QuotaRowIssue {
  /** The spreadsheet row (header = row 1). */
  row: number;
  /** The column heading as written in the file (or the expected one when it is missing). */
  column?: string;
  field?: QuotaField;
  code: 'COLUMN_MISSING' | 'VALUE_MISSING' | 'POSTS_NOT_NUMBER' | 'POSTS_INVALID' | 'SERIES_UNKNOWN' | 'LEVEL_UNKNOWN' | 'DUPLICATE_ROW' | 'CELL_ERROR';
  message: Text;
}

export interface QuotaTable {
  /** Data rows read (blank rows not counted). */
  rows: number;
  valid: number;
  invalidRows: number;
  /** One entry per problem, in row order. */
  invalid: QuotaRowIssue[];
  /** File-level notices (encoding converted, columns not read). */
  notices: Text[];
  /** The valid rows, in file order, each with its row number. */
  quotas: Array<QuotaInput & { row: number }>;
}

const normalHeading = (cell: unknown) => toHalfWidth(String(cell ?? '')).replace(/[*＊\s]/g, '').toLowerCase();
const isBlank = (cell: unknown) => cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
const FIELD_LABEL: Record<QuotaField, Text> = {
  unit: text('单位', 'unit'),
  series: text('系列', 'series'),
  level: text('级别', 'level'),
  posts: text('核定职数', 'approved posts'),
  note: text('备注', 'note'),
};

/** Excel error values (#N/A…) come through plainCell as objects with a code. */
const errorCode = (cell: unknown): string | undefined =>
  typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'code' in cell ? String((cell as { code: unknown }).code) : undefined;

/** Reads and checks every row; throws UserError only when the file cannot be read at all (not xlsx, bad CSV, empty). */
export async function readQuotaTable(bytes: Buffer, name: string): Promise<QuotaTable> {
  const notices: Text[] = [];
  const all = await readSheetRows(bytes, name, notices);
  const sheet = all.filter((r) => !r.cells.every(isBlank));
  const header = sheet[0];
  if (!header) throw new UserError(text(`${name}：文件为空`, `${name}: the file is empty`));

  const table: QuotaTable = { rows: sheet.length - 1, valid: 0, invalidRows: 0, invalid: [], notices, quotas: [] };
  const at = new Map<QuotaField, { index: number; heading: string }>();
  const unknown: string[] = [];
  header.cells.forEach((cell, index) => {
    if (isBlank(cell)) return;
    const heading = String(cell).trim();
    const column = QUOTA_COLUMNS.find((c) => c.accepted.some((a) => normalHeading(a) === normalHeading(cell)));
    if (column && !at.has(column.field)) at.set(column.field, { index, heading });
    else unknown.push(heading);
  });
  if (unknown.length > 0) notices.push(text(`${name}：以下列未读取：${unknown.join('、')}`, `${name}: columns not read: ${unknown.join(', ')}`));
  const missing = QUOTA_COLUMNS.filter((c) => c.required && !at.has(c.field));
  if (missing.length > 0) {
    for (const c of missing) {
      table.invalid.push({
        row: header.number,
        column: c.heading,
        field: c.field,
        code: 'COLUMN_MISSING',
        message: text(`缺少「${c.heading}」列（也可写作 ${c.accepted.filter((a) => a !== c.heading).join('、')}）`, `The column "${c.heading}" (${c.field}) is missing`),
      });
    }
    table.invalidRows = table.rows;
    return table;
  }

  const firstRowOf = new Map<string, number[]>();
  const read: Array<{ quota: QuotaInput & { row: number }; bad: boolean }> = [];
  for (const { number: row, cells } of sheet.slice(1)) {
    const issues: QuotaRowIssue[] = [];
    const cellOf = (field: QuotaField) => {
      const col = at.get(field);
      return col === undefined ? undefined : cells[col.index];
    };
    const problem = (field: QuotaField, code: QuotaRowIssue['code'], message: Text) =>
      issues.push({ row, column: at.get(field)!.heading, field, code, message: text(`「${FIELD_LABEL[field].zh}」：${message.zh}`, `${FIELD_LABEL[field].en}: ${message.en}`) });
    const textCell = (field: QuotaField, required: boolean): string | undefined => {
      const cell = cellOf(field);
      const code = errorCode(cell);
      if (code !== undefined) {
        problem(field, 'CELL_ERROR', text(`单元格是错误值 ${code}`, `the cell holds the error value ${code}`));
        return undefined;
      }
      if (isBlank(cell)) {
        if (required) problem(field, 'VALUE_MISSING', text('不能为空', 'must not be empty'));
        return undefined;
      }
      return String(cell).trim();
    };

    const unit = textCell('unit', true);
    const seriesText = textCell('series', true);
    const series = seriesText === undefined ? undefined : seriesId(toHalfWidth(seriesText));
    if (seriesText !== undefined && series === undefined) {
      problem('series', 'SERIES_UNKNOWN', text(`未知的系列 ${quoted(seriesText)}（应为 中小学教师、卫生、农业、畜牧、兽医、水利、林业 之一）`, `unknown series ${quoted(seriesText)} (one of teacher, health, agriculture, animal-husbandry, veterinary, water, forestry)`));
    }
    const levelText = textCell('level', true);
    const level = levelText === undefined ? undefined : levelId(toHalfWidth(levelText));
    if (levelText !== undefined && level === undefined) {
      problem('level', 'LEVEL_UNKNOWN', text(`未知的级别 ${quoted(levelText)}（应为 副高级 或 正高级）`, `unknown level ${quoted(levelText)} (deputy-senior or full-senior)`));
    }
    const posts = readPosts(cellOf('posts'), (code, message) => problem('posts', code, message));
    const note = textCell('note', false);

    if (unit !== undefined && series !== undefined && level !== undefined) {
      const key = quotaKey({ unit, series, level });
      firstRowOf.set(key, [...(firstRowOf.get(key) ?? []), row]);
    }
    table.invalid.push(...issues);
    const quota = { unit: unit ?? '', series: series ?? '', level: level ?? '', posts: posts ?? 0, row, ...(note !== undefined ? { note } : {}) };
    read.push({ quota, bad: issues.length > 0 || unit === undefined || series === undefined || level === undefined || posts === undefined });
  }

  // The same unit × series × level twice: neither row is taken (which one is meant is for the official to say).
  for (const entry of read) {
    if (entry.bad) continue;
    const rows = firstRowOf.get(quotaKey(entry.quota))!;
    if (rows.length < 2) continue;
    entry.bad = true;
    const others = rows.filter((r) => r !== entry.quota.row).join('、');
    table.invalid.push({
      row: entry.quota.row,
      column: at.get('unit')!.heading,
      field: 'unit',
      code: 'DUPLICATE_ROW',
      message: text(`「${entry.quota.unit}」的同一系列、级别在第 ${others} 行也出现，每个单位 × 系列 × 级别只能有一行`, `"${entry.quota.unit}" has the same series and level again in row ${others.replace(/、/g, ', ')}; one row per unit × series × level`),
    });
  }
  table.invalid.sort((a, b) => a.row - b.row);
  table.quotas = read.filter((e) => !e.bad).map((e) => e.quota);
  table.valid = table.quotas.length;
  table.invalidRows = read.length - table.valid;
  return table;
}

const MAX_POSTS = 100_000;

function readPosts(cell: unknown, problem: (code: QuotaRowIssue['code'], message: Text) => void): number | undefined {
  const code = errorCode(cell);
  if (code !== undefined) return void problem('CELL_ERROR', text(`单元格是错误值 ${code}`, `the cell holds the error value ${code}`));
  if (isBlank(cell)) return void problem('VALUE_MISSING', text('不能为空（没有职数请填 0）', 'must not be empty (write 0 for no posts)'));
  let value: number;
  if (typeof cell === 'number') value = cell;
  else {
    const written = toHalfWidth(String(cell)).trim();
    if (!/^[-+]?\d+(\.\d+)?$/.test(written)) return void problem('POSTS_NOT_NUMBER', text(`${quoted(String(cell).trim())} 不是数字（应为不小于 0 的整数）`, `${quoted(String(cell).trim())} is not a number (a whole number ≥ 0)`));
    value = Number(written);
  }
  if (!Number.isInteger(value) || value < 0 || value > MAX_POSTS) {
    return void problem('POSTS_INVALID', text(`${value} 不是不小于 0 的整数`, `${value} is not a whole number ≥ 0`));
  }
  return value;
}

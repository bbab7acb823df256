// What reading one file or one record may cost. An upload is read row by row and
// its readers stop at the first limit they reach — never read a million rows to
// refuse them afterwards — with an error that names the limit, its value, what was
// found and where (row, column, sheet, zip part or JSON pointer). The numbers are
// configuration (server/http/config.ts: DEFAULT_LIMITS for the server, CLI_LIMITS
// for the command line); these are the checks, the same wherever a reader runs.
import type { ApplicantLimits, Text } from '../../engine/index';
import { isBlankCell } from './coerce-cell';
import { text } from './text';
import { UserError } from './user-error';

export interface UploadLimits {
  /** Data rows of one sheet (applicant sheet, side sheet, CSV) or records of a JSON file. */
  rows: number;
  /** Columns of one row (the header included). */
  columns: number;
  /** Non-empty cells of the whole file. */
  cells: number;
  /** .xlsx: parts (files) in the zip. */
  xlsxParts: number;
  /** .xlsx: expanded size of a part other than a worksheet (shared strings, styles: read whole into memory). */
  xlsxPartBytes: number;
  /** .xlsx: expanded size of a worksheet (streamed). */
  xlsxSheetBytes: number;
  /** .xlsx: expanded size of all parts together. */
  xlsxTotalBytes: number;
  /** .xlsx: expanded / compressed size of a part bigger than XLSX_RATIO_FROM bytes expanded. */
  xlsxRatio: number;
  /** .xlsx: entries of the shared-strings table (kept in memory while the sheets are read). */
  sharedStrings: number;
}

/** What the applicant readers take: the file's limits and each record's. */
export interface ReadLimits {
  upload: UploadLimits;
  applicant: ApplicantLimits;
}

/** Parts smaller than this are not held to the compression ratio: tiny XML compresses oddly well and costs nothing. */
export const XLSX_RATIO_FROM = 1024 * 1024;

export type LimitName = keyof UploadLimits | 'declaredSize';

export interface LimitDetails {
  /** The limit's name in the configuration (`limits.upload.<name>`), or `declaredSize` for a zip part expanding beyond what it declares. */
  limit: LimitName;
  max: number;
  /** What was found; for counts a reader stops at (rows, cells, bytes inflated) the count where it stopped: at least this many. */
  found: number;
  /** Spreadsheet row (as Excel numbers it) or the record's place in a JSON array (1-based). */
  row?: number;
  /** 1-based column. */
  column?: number;
  sheet?: string;
  /** The zip part (xlsx). */
  part?: string;
}

/** A file beyond a limit: a UserError (one line in the CLI) that carries the limit for the API (UPLOAD_TOO_LARGE). */
export class LimitError extends UserError {
  readonly details: LimitDetails;
  constructor(message: Text, details: LimitDetails) {
    super(message);
    this.name = 'LimitError';
    this.details = details;
  }
  /** The same error with its message rewritten (an upload's temporary file named as the upload). */
  withText(message: Text): LimitError {
    return new LimitError(message, this.details);
  }
}

export function isLimitError(err: unknown): err is LimitError {
  return err instanceof LimitError;
}

/** 1.5 GiB, 128 MiB, 900 KiB, 12 bytes. */
export function formatBytes(n: number): Text {
  const units: Array<[number, string]> = [
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const shown = `${Number((n / size).toFixed(1))} ${unit}`;
      return text(shown, shown);
    }
  }
  return text(`${n} 字节`, `${n} bytes`);
}

/** `第 12 行` / `row 12`, with the sheet when there is one. */
function rowPlace(row: number, sheet: string | undefined): Text {
  return sheet === undefined ? text(`第 ${row} 行`, `row ${row}`) : text(`工作表「${sheet}」第 ${row} 行`, `sheet "${sheet}" row ${row}`);
}

export interface RowAt {
  /** As the spreadsheet numbers it (header = 1). */
  row: number;
  sheet?: string | undefined;
  /** Data rows of this sheet so far, this one included; 0 for the header. */
  dataRows: number;
}

/** A row's width: up to its last non-empty cell (a CSV row of trailing commas is not wider for them). */
export function rowWidth(cells: readonly unknown[]): number {
  let width = cells.length;
  while (width > 0 && isBlankCell(cells[width - 1])) width--;
  return width;
}

export function nonEmptyCells(cells: readonly unknown[], width = cells.length): number {
  let n = 0;
  for (let i = 0; i < width; i++) if (!isBlankCell(cells[i])) n++;
  return n;
}

/** Counts one file's rows and cells as a reader meets them, and stops it at the first limit. */
export class TableBudget {
  private cells = 0;
  constructor(
    private readonly limits: UploadLimits,
    /** The file's name as the user gave it. */
    private readonly name: string,
  ) {}

  /**
   * One row of cells, before anything is made of it: its width, and the file's
   * non-empty cells so far. `dataRows` is the number of data rows of this sheet
   * so far, this one included (0 for a header).
   */
  row(cells: readonly unknown[], at: RowAt): void {
    const width = rowWidth(cells);
    this.counted(at, width, nonEmptyCells(cells, width));
  }

  /** The same, for a row already measured (the CSV chunks of the command line, measured where they are parsed). */
  counted(at: RowAt, width: number, nonEmpty: number): void {
    const { limits, name } = this;
    const place = rowPlace(at.row, at.sheet);
    const sheet = at.sheet !== undefined ? { sheet: at.sheet } : {};
    if (at.dataRows > limits.rows) {
      throw new LimitError(
        text(`${name}：数据超过 ${limits.rows} 行的上限，读到${place.zh}时停止`, `${name}: more than the limit of ${limits.rows} data rows; reading stopped at ${place.en}`),
        { limit: 'rows', max: limits.rows, found: at.dataRows, row: at.row, ...sheet },
      );
    }
    if (width > limits.columns) {
      throw new LimitError(
        text(`${name}：${place.zh}有 ${width} 列，超过 ${limits.columns} 列的上限`, `${name}: ${place.en} has ${width} columns, over the limit of ${limits.columns}`),
        { limit: 'columns', max: limits.columns, found: width, row: at.row, column: limits.columns + 1, ...sheet },
      );
    }
    this.cells += nonEmpty;
    if (this.cells > limits.cells) {
      throw new LimitError(
        text(
          `${name}：非空单元格超过 ${limits.cells} 个的上限，读到${place.zh}时停止`,
          `${name}: more than the limit of ${limits.cells} non-empty cells; reading stopped at ${place.en}`,
        ),
        { limit: 'cells', max: limits.cells, found: this.cells, row: at.row, ...sheet },
      );
    }
  }

  /** A JSON file's records, counted as they are met. */
  record(index: number): void {
    const { limits, name } = this;
    if (index > limits.rows) {
      throw new LimitError(
        text(`${name}：申报人记录超过 ${limits.rows} 条的上限，读到第 ${index} 条时停止`, `${name}: more than the limit of ${limits.rows} applicant records; reading stopped at record ${index}`),
        { limit: 'rows', max: limits.rows, found: index, row: index },
      );
    }
  }
}

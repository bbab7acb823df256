// XLSX applicants, streamed with exceljs's WorkbookReader. The first worksheet
// holds one applicant per row (header in row 1). A list of records (papers,
// disciplinary records) is either JSON in a cell or, more naturally for an
// official, its own worksheet named after the fact ("论文") whose rows carry the
// applicant's 编号 and the record's fields. Those side sheets are small, so they
// are read and buffered first; the applicant sheet is then streamed.
import { Readable } from 'node:stream';
import type { Applicant, DerivedDef, FactDef, Text } from '../../engine/index';
import type { ApplicantRow, RowIssue } from './applicant-row';
import { factLabel, idFact, matchByLabel, planColumns, unknownColumnsNotice, type ColumnPlan, type MissingColumns } from './column-map';
import { TableBudget, type UploadLimits } from './limits';
import { buildRecord, cellIssue, isBlankRow } from './record-builder';
import { text } from './text';
import { UserError } from './user-error';
import { checkZipParts, guardInflation, zipDirectory, type ZipPart } from './xlsx-guard';
import { wholeCharacters } from './xlsx-utf8';

export interface XlsxReadOptions {
  facts: FactDef[];
  derived?: DerivedDef[] | undefined;
  notice?: ((message: Text) => void) | undefined;
  name: string;
  limits: UploadLimits;
  /** 'rows': a required column missing refuses each row, not the file; a side sheet's id column stays required. */
  missingColumns?: MissingColumns | undefined;
}

/** An Excel error value (#N/A, #VALUE!) in a cell. */
class CellErrorValue {
  constructor(readonly code: string) {}
}

/** exceljs cell values → plain values: rich text and hyperlinks become their text, formulas their cached result. */
export function plainCell(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('error' in v) return new CellErrorValue(String(v.error));
  if ('formula' in v || 'sharedFormula' in v) return plainCell(v.result);
  if ('text' in v) return plainCell(v.text);
  return value;
}

type Row = { number: number; values: unknown };

function cellsOf(row: Row): unknown[] {
  const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
  // exceljs puts column A at index 1; holes are empty cells.
  const cells: unknown[] = [];
  for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
  return cells;
}

/** Error values become row issues naming the column; the cell is then read as empty. */
function takeErrorCells(cells: unknown[], plan: ColumnPlan): RowIssue[] {
  const issues: RowIssue[] = [];
  cells.forEach((cell, i) => {
    if (!(cell instanceof CellErrorValue)) return;
    const fact = plan.columns[i];
    if (fact) issues.push(cellIssue(fact, text(`单元格是错误值 ${cell.code}`, `the cell holds the error value ${cell.code}`)));
    cells[i] = undefined;
  });
  return issues;
}

interface SideRecord {
  record: Record<string, unknown>;
  row: number;
  issues: RowIssue[];
}

interface SideSheet {
  fact: FactDef;
  name: string;
  byApplicant: Map<string, SideRecord[]>;
  /** Rows without an applicant id. */
  orphans: SideRecord[];
}

async function loadExcel() {
  const { default: ExcelJS } = await import('exceljs');
  return ExcelJS;
}

type WorksheetReader = AsyncIterable<Row> & { name?: string; iterator?: unknown };

/** Closes a stream exceljs opened, ignoring the error closing it early may raise. */
function destroyStream(stream: unknown) {
  const s = stream as { destroy?: () => void; on?: (e: string, f: () => void) => void } | null | undefined;
  if (typeof s?.destroy !== 'function') return;
  s.on?.('error', () => {});
  s.destroy();
}

/**
 * A worksheet that was not read must still be consumed before the reader moves on:
 * exceljs may have parked it in a temporary file whose stream is already opening,
 * and deleting that file under it crashes the process with ENOENT. Reading the raw
 * bytes is enough and costs no XML parsing; a sheet already read drains at once.
 */
async function drain(sheet: WorksheetReader): Promise<void> {
  const raw = sheet.iterator;
  if (raw !== null && typeof raw === 'object' && Symbol.asyncIterator in raw) {
    for await (const _chunk of raw as AsyncIterable<unknown>) void _chunk;
  } else {
    for await (const _row of sheet) void _row;
  }
}

/** An .xlsx to read: a file, or bytes at hand (small tables sent as a request body). */
export type XlsxSource = string | Buffer;

/** Every part's declared size against the limits, before anything is inflated (xlsx-guard.ts); undefined parts: not a zip, for exceljs to say so. */
export async function checkXlsxParts(source: XlsxSource, limits: UploadLimits, name: string): Promise<ReadonlyMap<string, ZipPart>> {
  const parts = await zipDirectory(source, limits, name);
  return parts ? checkZipParts(parts, limits, name) : new Map();
}

/**
 * Each worksheet in the order exceljs meets them, and whether it is the first in the
 * workbook's tab order (the applicant sheet). exceljs knows names only once it has
 * read xl/workbook.xml; when it does not, the first sheet met is taken. What it
 * inflates is counted against the limits (xlsx-guard.ts).
 */
export async function* worksheets(source: XlsxSource, guard: { parts: ReadonlyMap<string, ZipPart>; limits: UploadLimits; name: string }): AsyncGenerator<{ sheet: WorksheetReader; isMain: boolean }> {
  const ExcelJS = await loadExcel();
  const input = typeof source === 'string' ? source : Readable.from([source]);
  // Styles are needed to tell a date cell from a number cell.
  const reader = guardInflation(
    wholeCharacters(
      new ExcelJS.stream.xlsx.WorkbookReader(input as string, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        entries: 'ignore',
      }),
    ),
    guard.parts,
    guard.limits,
    guard.name,
  );
  try {
    let index = 0;
    for await (const sheet of reader as unknown as AsyncIterable<WorksheetReader>) {
      const model = (reader as unknown as { model?: { sheets?: Array<{ name: string }> } }).model;
      const first = model?.sheets?.[0]?.name;
      const isMain = first !== undefined && sheet.name !== undefined ? sheet.name === first : index === 0;
      index++;
      let finished = false;
      try {
        yield { sheet, isMain };
        finished = true;
      } finally {
        // Abandoned mid-sheet (an error in the data, a limit): close what exceljs left open.
        if (!finished) {
          for (const s of [sheet.iterator, (reader as unknown as { stream?: unknown }).stream]) destroyStream(s);
          reader.close();
        }
      }
      await drain(sheet);
    }
  } catch (err) {
    reader.close();
    throw unreadable(err);
  }
}

/** What exceljs could not read (not a zip, XML it cannot parse) as the reader's message; a UserError (a limit) as it is. */
function unreadable(err: unknown): UserError {
  if (err instanceof UserError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new UserError(text(`无法读取 Excel 文件（${message}），请确认是 .xlsx 格式`, `Cannot read the Excel file (${message}); is it .xlsx?`));
}

/**
 * A sheet's rows. Its XML is parsed as it is read, after `worksheets` handed it out,
 * so a sheet broken halfway fails here: said as any unreadable file is, not as an
 * internal error. (What the caller throws between rows does not come through here.)
 */
async function* sheetRows(sheet: WorksheetReader): AsyncGenerator<Row> {
  try {
    for await (const row of sheet) yield row;
  } catch (err) {
    throw unreadable(err);
  }
}

function sheetFact(name: string, arrays: FactDef[]): FactDef | undefined {
  return matchByLabel(name, arrays, (f) => [f.label.zh, f.label.en, f.id]);
}

async function readSideSheet(sheet: WorksheetReader, name: string, fact: FactDef, facts: FactDef[], options: XlsxReadOptions, budget: TableBudget): Promise<SideSheet> {
  const id = idFact(facts);
  const side: SideSheet = { fact, name, byApplicant: new Map(), orphans: [] };
  const where = text(`工作表「${name}」`, `sheet "${name}"`);
  let plan: ColumnPlan | undefined;
  let dataRows = 0;
  for await (const row of sheetRows(sheet)) {
    const cells = cellsOf(row);
    if (isBlankRow(cells)) continue;
    budget.row(cells, { row: row.number, sheet: name, dataRows: plan ? ++dataRows : 0 });
    if (!plan) {
      const fields = [{ ...id, required: true }, ...(fact.fields ?? []).filter((f) => f.id !== 'id')];
      // Without its id column a side sheet's records belong to nobody: that stays a refusal of the file.
      plan = planColumns(cells as string[], fields, { where, ...(options.missingColumns === 'rows' ? { missingAsRows: (f: FactDef) => f.id !== id.id } : {}) });
      if (plan.unknown.length > 0) options.notice?.(unknownColumnsNotice(plan.unknown, { where }));
      continue;
    }
    const errorIssues = takeErrorCells(cells, plan);
    const built = buildRecord(cells, plan);
    const record = { ...built.record };
    delete record.id;
    const entry: SideRecord = { record, row: row.number, issues: [...errorIssues, ...built.issues].map((i) => ({ ...i, sheet: name, sheetRow: row.number })) };
    if (built.id === undefined || built.id === '') side.orphans.push(entry);
    else {
      const list = side.byApplicant.get(built.id) ?? [];
      list.push(entry);
      side.byApplicant.set(built.id, list);
    }
  }
  return side;
}

/** A side record's issue, re-pointed into the applicant's list; the message keeps naming the sheet's own row. */
function relocate(issue: RowIssue, fact: FactDef, index: number): RowIssue {
  return { ...issue, pointer: `/${fact.id}/${index}${issue.pointer}`, field: fact.id };
}

export async function* readXlsxApplicants(file: string, options: XlsxReadOptions): AsyncGenerator<ApplicantRow> {
  const arrays = options.facts.filter((f) => f.type === 'array');
  const sides = new Map<string, SideSheet>();
  const skippedSheets: string[] = [];
  // Before exceljs inflates anything: every part's declared size and ratio.
  const guard = { parts: await checkXlsxParts(file, options.limits, options.name), limits: options.limits, name: options.name };
  // Rows and cells of every sheet, each counted once over the two passes.
  const budget = new TableBudget(options.limits, options.name);

  // Side sheets first: their records must be at hand when an applicant's row is read.
  if (arrays.length > 0) {
    for await (const { sheet, isMain } of worksheets(file, guard)) {
      if (isMain) continue;
      const name = sheet.name ?? '';
      const fact = sheetFact(name, arrays);
      if (!fact || sides.has(fact.id)) continue;
      sides.set(fact.id, await readSideSheet(sheet, name, fact, options.facts, options, budget));
    }
  }

  let plan: ColumnPlan | undefined;
  let sawMain = false;
  const seenIds = new Set<string>();
  for await (const { sheet, isMain } of worksheets(file, guard)) {
    const name = sheet.name ?? '';
    if (!isMain) {
      if (!sheetFact(name, arrays)) skippedSheets.push(name);
      continue;
    }
    sawMain = true;
    const where = text(`${options.name} 工作表「${name}」`, `${options.name} sheet "${name}"`);
    let dataRows = 0;
    for await (const row of sheetRows(sheet)) {
      const cells = cellsOf(row);
      if (isBlankRow(cells)) continue;
      budget.row(cells, { row: row.number, sheet: name, dataRows: plan ? ++dataRows : 0 });
      if (!plan) {
        plan = planColumns(cells as string[], options.facts, { where, suppliedElsewhere: new Set(sides.keys()), derived: options.derived, ...(options.missingColumns === 'rows' ? { missingAsRows: () => true } : {}) });
        if (plan.unknown.length > 0) options.notice?.(unknownColumnsNotice(plan.unknown, { where, derived: options.derived }));
        continue;
      }
      const errorIssues = takeErrorCells(cells, plan);
      const built = buildRecord(cells, plan);
      const out: ApplicantRow = { row: row.number, kind: 'row', id: built.id, record: built.record, issues: [...errorIssues, ...built.issues] };
      if (sides.size > 0) attachSideRecords(out, built.record, sides, seenIds);
      yield out;
    }
  }
  if (skippedSheets.length > 0) {
    options.notice?.(
      text(
        `${options.name}：以下工作表不是申报人表，也不对应任何记录列表，未读取：${skippedSheets.map((s) => `「${s}」`).join('、')}`,
        `${options.name}: these worksheets are neither the applicant sheet nor a list of records and were not read: ${skippedSheets.map((s) => `"${s}"`).join(', ')}`,
      ),
    );
  }
  if (!sawMain || !plan) throw new UserError(text(`${options.name}：文件为空`, `${options.name}: the file is empty`));
  yield* orphanRows(sides, seenIds);
}

function attachSideRecords(out: ApplicantRow, record: Applicant, sides: Map<string, SideSheet>, seenIds: Set<string>) {
  const id = out.id;
  if (id !== undefined && id !== '') seenIds.add(id);
  out.origins = {};
  for (const side of sides.values()) {
    const fromCell = Array.isArray(record[side.fact.id]) ? (record[side.fact.id] as unknown[]) : [];
    const entries = id ? (side.byApplicant.get(id) ?? []) : [];
    record[side.fact.id] = [...fromCell, ...entries.map((e) => e.record)];
    out.origins[side.fact.id] = entries.map((e) => ({ sheet: side.name, row: e.row }));
    entries.forEach((e, i) => out.issues.push(...e.issues.map((issue) => relocate(issue, side.fact, fromCell.length + i))));
  }
}

/** Side-sheet rows whose 编号 matches no applicant: their records would be lost, so they are reported. */
function* orphanRows(sides: Map<string, SideSheet>, seenIds: Set<string>): Generator<ApplicantRow> {
  for (const side of sides.values()) {
    const orphan = (entry: SideRecord, id: string | undefined): ApplicantRow => {
      const message = id
        ? text(`编号 ${id} 在申报人工作表中不存在，这条「${side.fact.label.zh}」记录无处归属`, `ID ${id} is not in the applicant sheet; this "${factLabel(side.fact).en}" record belongs to no one`)
        : text(`缺少编号，这条「${side.fact.label.zh}」记录无处归属`, `The ID is missing; this "${factLabel(side.fact).en}" record belongs to no one`);
      const issue: RowIssue = { code: 'APPLICANT_INVALID', severity: 'error', pointer: '/id', field: 'id', message, sheet: side.name, sheetRow: entry.row };
      return { row: entry.row, kind: 'row', sheet: side.name, id, issues: [issue] };
    };
    for (const entry of side.orphans) yield orphan(entry, undefined);
    for (const [id, entries] of side.byApplicant) {
      if (seenIds.has(id)) continue;
      for (const entry of entries) yield orphan(entry, id);
    }
  }
}

// Writes a population as JSON (one record per line, so diffs stay readable),
// XLSX (the applicant sheet plus one sheet per list) and CSV, byte-stable for the
// same input: the workbook's dates and the zip entries' times are fixed.
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Applicant, FactDef } from '../../engine/index';
import { checkSheetName, csvRows, listFacts, listRows, mainRows, MAIN_SHEET, type Cell } from './tabular';
import { normalizeZip } from './zip-normalize';

/** The fixed "created" date of every sample workbook. */
export const WORKBOOK_DATE = '2024-09-30';

export function applicantsJson(applicants: Applicant[]): string {
  return applicants.length === 0 ? '[]\n' : `[\n${applicants.map((a) => '  ' + JSON.stringify(a)).join(',\n')}\n]\n`;
}

function width(cells: Cell[]): number {
  const longest = Math.max(...cells.map((c) => (c instanceof Date ? 10 : c === null ? 0 : [...String(c)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0))));
  return Math.min(48, Math.max(8, longest + 2));
}

function addSheet(wb: ExcelJS.Workbook, name: string, rows: Cell[][]): void {
  checkSheetName(name);
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of rows) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  const columns = rows[0]?.length ?? 0;
  for (let c = 0; c < columns; c++) {
    const column = ws.getColumn(c + 1);
    column.width = width(rows.slice(0, 200).map((r) => r[c] ?? null));
    if (rows.slice(1).some((r) => r[c] instanceof Date)) column.numFmt = 'yyyy-mm-dd';
  }
}

/** Extra rows are appended to the applicant sheet as given (the error demos use this). */
export async function applicantsXlsx(facts: FactDef[], applicants: Applicant[], options: { mainRows?: Cell[][] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(`${WORKBOOK_DATE}T00:00:00Z`);
  wb.creator = 'Pingshen 评审 samples';
  wb.lastModifiedBy = 'Pingshen 评审 samples';
  wb.created = fixed;
  wb.modified = fixed;
  addSheet(wb, MAIN_SHEET, options.mainRows ?? mainRows(facts, applicants));
  for (const list of listFacts(facts)) addSheet(wb, list.label.zh, listRows(list, applicants));
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return normalizeZip(buffer, WORKBOOK_DATE);
}

/** UTF-8 with a byte-order mark, so Excel on Chinese Windows opens it correctly. */
export function applicantsCsv(facts: FactDef[], applicants: Applicant[]): string {
  return '\uFEFF' + stringify(csvRows(facts, applicants), { record_delimiter: 'windows' });
}

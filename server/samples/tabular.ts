// The spreadsheet convention for applicant files, shared with the readers in
// server/io: row 1 holds the facts' Chinese labels in catalogue order; booleans are
// 是/否, options their Chinese label, sets labels joined by 、, dates real dates.
// A list of records (papers, assessments) gets its own worksheet named by the
// fact's Chinese label, first column 编号, then the record fields' labels; in CSV
// it is a JSON array of the records, in the list's own column.
import type { Applicant, FactDef } from '../../engine/index';

export const MAIN_SHEET = '申报人';
export const ID_HEADER = '编号';

export type Cell = string | number | Date | null;

/** Facts with a column in the applicant sheet (lists have their own worksheet). */
export function mainColumns(facts: FactDef[]): FactDef[] {
  return facts.filter((f) => f.type !== 'array');
}

export function listFacts(facts: FactDef[]): FactDef[] {
  return facts.filter((f) => f.type === 'array');
}

function utcDate(text: string): Date {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function optionLabel(def: FactDef, value: unknown): string {
  const option = def.options?.find((o) => o.value === value);
  if (!option) throw new Error(`${def.id}: ${JSON.stringify(value)} is not an option`);
  return option.label.zh;
}

/** One value as a cell; `dates: 'text'` writes YYYY-MM-DD (CSV). */
export function toCell(def: FactDef, value: unknown, dates: 'date' | 'text' = 'date'): Cell {
  if (value === undefined || value === null) return null;
  switch (def.type) {
    case 'boolean':
      return value ? '是' : '否';
    case 'enum':
      return optionLabel(def, value);
    case 'set':
      return (value as unknown[]).map((v) => optionLabel(def, v)).join('、');
    case 'date':
      return dates === 'date' ? utcDate(value as string) : (value as string);
    case 'number':
    case 'integer':
      return value as number;
    case 'string':
      return String(value);
    case 'record':
    case 'array':
      return JSON.stringify(value);
  }
}

/** The applicant sheet: header row, then one row per applicant. */
export function mainRows(facts: FactDef[], applicants: Applicant[], dates: 'date' | 'text' = 'date'): Cell[][] {
  const columns = mainColumns(facts);
  return [columns.map((f) => f.label.zh), ...applicants.map((a) => columns.map((f) => toCell(f, a[f.id], dates)))];
}

/** A list's worksheet: 编号 and the record fields, one row per record. */
export function listRows(list: FactDef, applicants: Applicant[]): Cell[][] {
  const fields = list.fields ?? [];
  const rows: Cell[][] = [[ID_HEADER, ...fields.map((f) => f.label.zh)]];
  for (const a of applicants) {
    for (const record of (a[list.id] as Array<Record<string, unknown>> | undefined) ?? []) {
      rows.push([String(a.id), ...fields.map((f) => toCell(f, record[f.id]))]);
    }
  }
  return rows;
}

/** CSV: every fact in catalogue order; lists as a JSON array of their records. */
export function csvRows(facts: FactDef[], applicants: Applicant[]): Cell[][] {
  return [facts.map((f) => f.label.zh), ...applicants.map((a) => facts.map((f) => toCell(f, a[f.id], 'text')))];
}

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;

/** Excel refuses some sheet names; a list whose label breaks the rules cannot follow the convention. */
export function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || SHEET_NAME_FORBIDDEN.test(name)) {
    throw new Error(`"${name}" cannot name an Excel worksheet (at most 31 characters, none of : \\ / ? * [ ])`);
  }
}

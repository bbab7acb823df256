// Cells of one spreadsheet row → one applicant record, following the column plan.
// Each cell is coerced by its fact's type; a cell that cannot be read becomes a
// row issue naming the column, and the field is left out of the record.
import type { Applicant, FactDef } from '../../engine/index';
import type { RowIssue } from './applicant-row';
import { coerceCell, isBlankCell } from './coerce-cell';
import type { ColumnPlan } from './column-map';
import { text } from './text';

export interface BuiltRecord {
  record: Applicant;
  issues: RowIssue[];
  /** The id cell as written (trimmed), to name the row in messages. */
  id?: string;
}

export function cellIssue(fact: FactDef, message: { zh: string; en?: string }): RowIssue {
  const en = fact.label.en ?? fact.label.zh;
  return {
    code: 'APPLICANT_INVALID',
    severity: 'error',
    pointer: `/${fact.id}`,
    field: fact.id,
    message: text(`「${fact.label.zh}」：${message.zh}`, `"${en}": ${message.en ?? message.zh}`),
  };
}

export function buildRecord(cells: readonly unknown[], plan: ColumnPlan): BuiltRecord {
  const record: Applicant = {};
  const issues: RowIssue[] = [];
  let id: string | undefined;
  const { columns } = plan;
  for (let i = 0; i < columns.length; i++) {
    const fact = columns[i];
    if (!fact) continue;
    const coerced = coerceCell(cells[i], fact);
    if ('empty' in coerced) continue;
    if (fact.id === 'id') id = 'value' in coerced ? String(coerced.value) : String(cells[i]).trim();
    if ('error' in coerced) issues.push(cellIssue(fact, coerced.error));
    else record[fact.id] = coerced.value;
  }
  return { record, issues, id };
}

/** Excel leaves rows with nothing in them behind (formatting, deleted content); they are not applicants. */
export function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every(isBlankCell);
}

// Importing the expert pool from a spreadsheet (.xlsx or .csv, UTF-8 or GBK) with the
// columns 姓名 / 系列 / 职称级别 / 单位 / 所在县市 / 任期开始 / 任期结束 / 回避. Every
// row is checked the way the form checks one expert (expert-validation.ts), and
// every bad row is listed — row, column, code, message — as POST /runs/check lists
// applicants; nothing is guessed or silently dropped. An expert already in the pool
// (same name, series and unit) is updated in place, keeping their id: a re-import
// of the same sheet changes nothing, and past draws still name the same ids.
import type { FactDef, Text } from '../../engine/index';
import { coerceCell, isBlankCell, normalKey } from '../io/coerce-cell';
import { readSheetRows } from '../io/read-sheet-rows';
import { quoted, text } from '../io/text';
import { UserError } from '../io/user-error';
import type { InvalidRow } from '../runs/check-upload';
import type { ExpertRecord } from '../storage/index';
import { FIELD_LABELS, checkExpert, levelFrom, parseConflicts, seriesFrom, type ExpertField, type ExpertFields } from './expert-validation';

/** Header → field; the first name of each is the template's. */
const HEADERS: Record<ExpertField, string[]> = {
  name: ['姓名', '专家姓名'],
  series: ['系列', '评审系列'],
  level: ['职称级别', '职称等级', '级别'],
  unit: ['单位', '工作单位'],
  county: ['所在县市', '县市', '所在县(市)'],
  termStart: ['任期开始', '任期起始', '任期开始日期'],
  termEnd: ['任期结束', '任期届满', '任期结束日期'],
  conflicts: ['回避', '回避情况'],
};
const REQUIRED: ExpertField[] = ['name', 'series', 'level', 'unit', 'county', 'termStart', 'termEnd'];

export interface ImportedExpert {
  row: number;
  fields: ExpertFields;
}

export interface ExpertImportCheck {
  /** Data rows read (blank rows are not counted). */
  rows: number;
  valid: number;
  invalidRows: number;
  invalid: InvalidRow[];
  notices: Text[];
  experts: ImportedExpert[];
}

/** An expert list is a small sheet: .xlsx or .csv (server/io/read-sheet-rows.ts). */
export { sheetFormat as importFormat, type SheetFormat as ImportFormat } from '../io/read-sheet-rows';

const DATE_FACT = { id: 'term', type: 'date', label: { zh: '日期' } } as FactDef;

function cellText(cell: unknown): string {
  if (isBlankCell(cell)) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** Reads and checks every row; throws a UserError only when the file as a whole cannot be read. */
export async function readExperts(bytes: Buffer, name: string, maxYears: number): Promise<ExpertImportCheck> {
  const notices: Text[] = [];
  const table = (await readSheetRows(bytes, name, notices)).map((row) => row.cells);
  const headerAt = table.findIndex((r) => r.some((c) => !isBlankCell(c)));
  if (headerAt < 0) throw new UserError(text(`${name}：文件是空的`, `${name}: the file is empty`));
  const header = table[headerAt]!.map((c) => normalKey(cellText(c)));
  const columnOf = new Map<ExpertField, number>();
  for (const [field, names] of Object.entries(HEADERS) as Array<[ExpertField, string[]]>) {
    const at = header.findIndex((h) => names.includes(h));
    if (at >= 0) columnOf.set(field, at);
  }
  const missing = REQUIRED.filter((f) => !columnOf.has(f)).map((f) => FIELD_LABELS[f]);
  if (missing.length > 0) {
    throw new UserError(text(
      `${name}：第 ${headerAt + 1} 行的表头缺少列 ${missing.join('、')}（应有 ${Object.values(FIELD_LABELS).join(' / ')}）`,
      `${name}: the header in row ${headerAt + 1} lacks the column(s) ${missing.join(', ')} (expected ${Object.values(FIELD_LABELS).join(' / ')})`,
    ));
  }
  const unknown = header.filter((h, i) => h !== '' && ![...columnOf.values()].includes(i));
  if (unknown.length > 0) notices.push(text(`${name}：未读取的列 ${unknown.join('、')}`, `${name}: column(s) not read: ${unknown.join(', ')}`));

  const check: ExpertImportCheck = { rows: 0, valid: 0, invalidRows: 0, invalid: [], notices, experts: [] };
  const seen = new Map<string, number>();
  for (let i = headerAt + 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.every(isBlankCell)) continue;
    const row = i + 1;
    check.rows++;
    const cell = (field: ExpertField) => {
      const at = columnOf.get(field);
      return at === undefined ? undefined : cells[at];
    };
    const issues: Array<{ field: ExpertField; code: string; message: Text }> = [];
    const date = (field: 'termStart' | 'termEnd'): string => {
      const raw = cell(field);
      if (isBlankCell(raw)) return '';
      const coerced = coerceCell(raw, DATE_FACT);
      if ('value' in coerced) return coerced.value as string;
      if ('error' in coerced) issues.push({ field, code: 'INVALID_DATE', message: text(`「${FIELD_LABELS[field]}」${coerced.error.zh}`, `${FIELD_LABELS[field]}: ${coerced.error.en ?? coerced.error.zh}`) });
      return cellText(raw);
    };
    const seriesRaw = cellText(cell('series'));
    const levelRaw = cellText(cell('level'));
    const conflictCell = cellText(cell('conflicts'));
    const { conflicts, problems } = parseConflicts(conflictCell);
    for (const p of problems) {
      issues.push({ field: 'conflicts', code: 'INVALID_CONFLICT', message: text(`「回避」${quoted(p)} 应写作“单位或申报人编号（原因）”，如 巴州人民医院（配偶在该院）`, `回避 (conflicts): ${quoted(p)} must read "unit or applicant id (reason)", e.g. 巴州人民医院（配偶在该院）`) });
    }
    const fields: ExpertFields = {
      name: cellText(cell('name')),
      series: seriesRaw === '' ? '' : (seriesFrom(seriesRaw) ?? seriesRaw),
      level: levelRaw === '' ? '' : (levelFrom(levelRaw) ?? levelRaw),
      unit: cellText(cell('unit')),
      county: cellText(cell('county')),
      termStart: date('termStart'),
      termEnd: date('termEnd'),
      conflicts,
    };
    const parsed = new Set(issues.map((x) => x.field));
    for (const field of REQUIRED) {
      if (fields[field] === '' && !parsed.has(field)) {
        issues.push({ field, code: 'REQUIRED', message: text(`「${FIELD_LABELS[field]}」不能为空`, `${FIELD_LABELS[field]}: required`) });
        parsed.add(field);
      }
    }
    for (const found of checkExpert(fields, maxYears)) {
      // A field already reported (empty, unreadable date) is not reported twice; the
      // order check needs both dates, so it waits for them too.
      if (parsed.has(found.field) || (found.code === 'TERM_ORDER' && parsed.has('termStart'))) continue;
      if (found.field === 'conflicts' && problems.length > 0) continue;
      issues.push(found);
    }
    const key = `${fields.name}|${fields.series}|${fields.unit}`;
    const earlier = seen.get(key);
    if (earlier !== undefined && fields.name !== '') {
      issues.push({ field: 'name', code: 'DUPLICATE_ROW', message: text(`与第 ${earlier} 行是同一位专家（姓名、系列、单位相同）`, `the same expert as row ${earlier} (same name, series and unit)`) });
    } else seen.set(key, row);
    if (issues.length === 0) {
      check.valid++;
      check.experts.push({ row, fields });
      continue;
    }
    check.invalidRows++;
    const who = fields.name !== '' ? `（${fields.name}）` : '';
    const whoEn = fields.name !== '' ? ` (${fields.name})` : '';
    for (const x of issues) {
      check.invalid.push({
        row,
        column: FIELD_LABELS[x.field],
        field: x.field,
        code: x.code,
        message: text(`第 ${row} 行${who}，${x.message.zh}`, `Row ${row}${whoEn}: ${x.message.en ?? x.message.zh}`),
      });
    }
  }
  return check;
}

/** `exp-0001`, `exp-0002`, … after the highest id in the pool. */
export function nextExpertIds(existing: Array<Pick<ExpertRecord, 'id'>>, count: number): string[] {
  const highest = existing.reduce((max, e) => Math.max(max, Number(/^exp-(\d+)$/.exec(e.id)?.[1] ?? 0)), 0);
  return Array.from({ length: count }, (_, i) => `exp-${String(highest + 1 + i).padStart(4, '0')}`);
}

export type StoredExpert = Omit<ExpertRecord, 'updatedBy' | 'updatedAt'>;

/** The records an import stores: experts already in the pool (same name, series, unit) keep their id and disabled flag. */
export function mergeImport(existing: ExpertRecord[], imported: ImportedExpert[]): { records: StoredExpert[]; added: number; updated: number } {
  const byKey = new Map(existing.map((e) => [`${e.name}|${e.series}|${e.unit}`, e]));
  const fresh = imported.filter((x) => !byKey.has(`${x.fields.name}|${x.fields.series}|${x.fields.unit}`));
  const ids = nextExpertIds(existing, fresh.length);
  let n = 0;
  const records = imported.map(({ fields }): StoredExpert => {
    const found = byKey.get(`${fields.name}|${fields.series}|${fields.unit}`);
    return found ? { ...fields, id: found.id, disabled: found.disabled } : { ...fields, id: ids[n++]!, disabled: false };
  });
  return { records, added: fresh.length, updated: imported.length - fresh.length };
}

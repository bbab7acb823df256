// One spreadsheet cell → one fact value, by the fact's declared type. Officials type
// numbers with full-width digits, dates as 2024/1/5 or 2024年1月5日, options by their
// Chinese label and yes/no as 是/否; all of that is accepted. What cannot be read
// ("五年" in a number field) is an error that quotes the value, never a guess.
// An empty cell is omitted (not null), so a required fact is reported as missing.
// This runs for every cell of a 100,000-row file, hence the lookup tables cached
// per fact and the fast paths for values already in canonical form.
import type { FactDef, Text } from '../../engine/index';
import { quoted, text, toHalfWidth } from './text';

export type Coerced = { value: unknown } | { empty: true } | { error: Text };

const EMPTY: Coerced = { empty: true };

export const isBlankCell = (cell: unknown) => cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');

export function coerceCell(cell: unknown, fact: FactDef): Coerced {
  if (isBlankCell(cell)) return EMPTY;
  switch (fact.type) {
    case 'number':
    case 'integer':
      return toNumber(cell, fact);
    case 'boolean':
      return toBoolean(cell);
    case 'date':
      return toDate(cell);
    case 'string':
      return toText(cell);
    case 'enum':
      return toOption(cell, fact);
    case 'set':
      return toSet(cell, fact);
    case 'record':
      return toRecord(cell, fact);
    case 'array':
      return toRecords(cell, fact);
  }
}

/** How a label, option or header is compared: trimmed, full-width letters folded. */
export const normalKey = (s: string) => toHalfWidth(s).trim();

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

function toNumber(cell: unknown, fact: FactDef): Coerced {
  let n = NaN;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string') {
    let s = normalKey(cell);
    // "5年" where the fact's unit is 年: the unit is what the column already says.
    const unit = fact.unit;
    if (unit && !NUMBER.test(s)) {
      for (const u of [unit.zh, unit.en]) if (u && s.length > u.length && s.endsWith(u)) s = s.slice(0, -u.length).trim();
    }
    if (GROUPED.test(s)) s = s.replace(/,/g, '');
    if (NUMBER.test(s)) n = Number(s);
  }
  const integer = fact.type === 'integer';
  if (Number.isFinite(n) && (!integer || Number.isInteger(n))) return { value: n };
  return { error: got(integer ? text('应为整数', 'must be an integer') : text('应为数字', 'must be a number'), cell) };
}

const TRUE = new Set(['是', 'true', '1', 'y', 'yes', '有', '√']);
const FALSE = new Set(['否', 'false', '0', 'n', 'no', '无', '×']);

function toBoolean(cell: unknown): Coerced {
  if (typeof cell === 'boolean') return { value: cell };
  if (cell === 1 || cell === 0) return { value: cell === 1 };
  if (typeof cell === 'string') {
    const s = normalKey(cell).toLowerCase();
    if (TRUE.has(s)) return { value: true };
    if (FALSE.has(s)) return { value: false };
  }
  return { error: got(text('应为 是/否', 'must be yes/no (是/否, true/false, 1/0, Y/N)'), cell) };
}

const CANONICAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DASHED = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** YYYY-MM-DD for a real calendar date, else null. */
function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** A real calendar date written exactly as YYYY-MM-DD (the form the engine takes). */
export function isCalendarDate(s: string): boolean {
  const m = CANONICAL_DATE.exec(s);
  return m !== null && ymd(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

/** Excel stores a date as a serial day; exceljs hands it over as a Date at UTC midnight, so UTC parts are the calendar date. */
export function excelDateText(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return ymd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function toDate(cell: unknown): Coerced {
  let value: string | null = null;
  if (cell instanceof Date) value = excelDateText(cell);
  else if (typeof cell === 'string') {
    const s = normalKey(cell);
    const m = CANONICAL_DATE.exec(s) ?? DASHED.exec(s) ?? CHINESE.exec(s) ?? COMPACT.exec(s);
    if (m) value = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return value ? { value } : { error: got(text('应为日期（如 2024-01-05）', 'must be a date (e.g. 2024-01-05)'), cell) };
}

function toText(cell: unknown): Coerced {
  if (typeof cell === 'string') return { value: cell.trim() };
  if (typeof cell === 'number' || typeof cell === 'boolean') return { value: String(cell) };
  const date = cell instanceof Date ? excelDateText(cell) : null;
  return date ? { value: date } : { error: got(text('应为文本', 'must be text'), cell) };
}

/** Option value by value, Chinese label or English label (normalised), built once per fact. */
const optionTables = new WeakMap<FactDef, Map<string, string>>();

function optionValue(cell: unknown, fact: FactDef): string | undefined {
  if (typeof cell !== 'string' && typeof cell !== 'number') return undefined;
  let table = optionTables.get(fact);
  if (!table) {
    table = new Map();
    const options = fact.options ?? [];
    // Labels first, values last: an option's own value wins if a label happens to equal another's value.
    for (const o of options) for (const key of [o.label.en, o.label.zh]) if (key) table.set(normalKey(key), o.value);
    for (const o of options) table.set(normalKey(o.value), o.value);
    optionTables.set(fact, table);
  }
  return table.get(normalKey(String(cell)));
}

function allowed(fact: FactDef): Text {
  const options = fact.options ?? [];
  return text(options.map((o) => o.label.zh).join('、'), options.map((o) => o.label.en ?? o.value).join(', '));
}

function toOption(cell: unknown, fact: FactDef): Coerced {
  const value = optionValue(cell, fact);
  if (value !== undefined) return { value };
  const list = allowed(fact);
  return { error: text(`无法识别 ${quoted(cell)}，可选：${list.zh}`, `${quoted(cell)} is not an option; allowed: ${list.en}`) };
}

function toSet(cell: unknown, fact: FactDef): Coerced {
  const parts = Array.isArray(cell)
    ? cell
    : typeof cell === 'string'
      ? cell.split(/[、,，;；]/).map((p) => p.trim()).filter((p) => p !== '')
      : [cell];
  const values: string[] = [];
  const unknown: unknown[] = [];
  for (const part of parts) {
    const value = optionValue(part, fact);
    if (value === undefined) unknown.push(part);
    else if (!values.includes(value)) values.push(value);
  }
  if (unknown.length === 0) return { value: values };
  const list = allowed(fact);
  return {
    error: text(`无法识别 ${unknown.map(quoted).join('、')}，可选：${list.zh}`, `${unknown.map(quoted).join(', ')}: not among the options: ${list.en}`),
  };
}

/** A record or list of records typed into one cell as JSON (Chinese input methods turn " into “ ”). */
function parseJsonCell(cell: unknown): unknown {
  if (typeof cell !== 'string') return cell;
  try {
    return JSON.parse(cell.replace(/[\u201C\u201D]/g, '"'));
  } catch {
    return undefined;
  }
}

function toRecord(cell: unknown, fact: FactDef): Coerced {
  const data = parseJsonCell(cell);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { error: got(text('应为 JSON 记录，如 {"字段": 值}', 'must be a JSON record, e.g. {"field": value}'), cell) };
  }
  return coerceFields(data as Record<string, unknown>, fact, null);
}

function toRecords(cell: unknown, fact: FactDef): Coerced {
  const data = parseJsonCell(cell);
  if (!Array.isArray(data)) {
    return { error: got(text('应为 JSON 列表，如 [{"字段": 值}]', 'must be a JSON list, e.g. [{"field": value}]'), cell) };
  }
  const records: Array<Record<string, unknown>> = [];
  const errors: Text[] = [];
  for (let i = 0; i < data.length; i++) {
    const entry: unknown = data[i];
    const at = text(`第 ${i + 1} 条`, `#${i + 1}`);
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      errors.push(text(`${at.zh}应为记录，实际为 ${quoted(entry)}`, `${at.en} must be a record, got ${quoted(entry)}`));
      continue;
    }
    const one = coerceFields(entry as Record<string, unknown>, fact, at);
    if ('error' in one) errors.push(one.error);
    else if ('value' in one) records.push(one.value as Record<string, unknown>);
  }
  return errors.length > 0 ? { error: joinTexts(errors) } : { value: records };
}

/** A record's field by id or label, built once per record-type fact. */
const fieldTables = new WeakMap<FactDef, Map<string, FactDef>>();

function fieldByKey(fact: FactDef, key: string): FactDef | undefined {
  let table = fieldTables.get(fact);
  if (!table) {
    table = new Map();
    for (const f of fact.fields ?? []) for (const k of [f.label.en, f.label.zh]) if (k) table.set(normalKey(k), f);
    for (const f of fact.fields ?? []) table.set(f.id, f);
    fieldTables.set(fact, table);
  }
  return table.get(key) ?? table.get(normalKey(key));
}

/** Coerces the fields of a record given as JSON; keys may be field ids or labels. Unknown keys are kept as given. */
function coerceFields(data: Record<string, unknown>, fact: FactDef, at: Text | null): Coerced {
  const record: Record<string, unknown> = {};
  const errors: Text[] = [];
  for (const key in data) {
    const raw = data[key];
    const field = fieldByKey(fact, key);
    if (!field) {
      record[key] = raw;
      continue;
    }
    const coerced = coerceCell(raw, field);
    if ('error' in coerced) {
      const zh = `${at ? at.zh : ''}「${field.label.zh}」${coerced.error.zh}`;
      const en = `${at ? at.en + ' ' : ''}"${field.label.en ?? field.label.zh}" ${coerced.error.en ?? coerced.error.zh}`;
      errors.push(text(zh, en));
    } else if ('value' in coerced) record[field.id] = coerced.value;
  }
  return errors.length > 0 ? { error: joinTexts(errors) } : { value: record };
}

function got(expected: Text, cell: unknown): Text {
  const shown = cell instanceof Date ? (excelDateText(cell) ?? String(cell)) : quoted(cell);
  return text(`${expected.zh}，实际为 ${shown}`, `${expected.en}, got ${shown}`);
}

function joinTexts(list: Text[]): Text {
  return text(list.map((t) => t.zh).join('；'), list.map((t) => t.en ?? t.zh).join('; '));
}

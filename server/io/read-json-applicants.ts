// JSON applicants: an array of records, or one record. JSON is the typed format
// (what the API and the studio exchange), so values are passed on as written and
// the engine's record validation says what is wrong with them.
import { readFile } from 'node:fs/promises';
import type { Applicant } from '../../engine/index';
import type { ApplicantRow } from './applicant-row';
import { jsonErrorPosition } from '../../engine/json-position';
import { quoted, text } from './text';
import { UserError } from './user-error';

export async function parseJsonFile(file: string, name: string): Promise<unknown> {
  const source = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  if (source.trim() === '') throw new UserError(text(`${name}：文件为空`, `${name}: the file is empty`));
  try {
    return JSON.parse(source);
  } catch (err) {
    const message = (err as Error).message;
    const at = jsonErrorPosition(source, message);
    const zh = at ? `：第 ${at.line} 行第 ${at.column} 列` : '';
    const en = at ? ` at line ${at.line}, column ${at.column}` : '';
    throw new UserError(text(`${name}：JSON 格式错误${zh}（${message}）`, `${name}: malformed JSON${en} (${message})`));
  }
}

export async function* readJsonApplicants(file: string, name: string): AsyncGenerator<ApplicantRow> {
  const data = await parseJsonFile(file, name);
  const records = Array.isArray(data) ? data : [data];
  if (data === null || typeof data !== 'object') {
    throw new UserError(text(`${name}：应为申报人记录的数组（或单个记录），实际为 ${quoted(data)}`, `${name}: expected an array of applicant records (or one record), got ${quoted(data)}`));
  }
  for (let i = 0; i < records.length; i++) {
    const entry: unknown = records[i];
    const row = i + 1;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      yield {
        row,
        kind: 'record',
        issues: [{ code: 'APPLICANT_INVALID', severity: 'error', pointer: `/${i}`, message: text(`应为记录（JSON 对象），实际为 ${quoted(entry)}`, `must be a record (a JSON object), got ${quoted(entry)}`) }],
      };
      continue;
    }
    const record = entry as Applicant;
    const id = record.id === undefined || record.id === null ? undefined : String(record.id);
    yield { row, kind: 'record', id, record, issues: [] };
  }
}

// Applicants from a .json, .csv or .xlsx file, one row at a time, each checked
// against the ruleset's facts catalogue: the row carries its record when it is
// valid and every problem when it is not, so a batch of 100,000 streams through
// without being held in memory, and no row is ever dropped without a word.
import { applicantLimitIssue, canonicalApplicant, type CompiledRuleset, type Text } from '../../engine/index';
import { hasErrors, type ApplicantRow, type RowIssue } from './applicant-row';
import { checkInputFile, displayPath, extensionOf } from './input-file';
import { CLI_LIMITS } from '../http/config';
import type { ReadLimits } from './limits';
import type { MissingColumns } from './column-map';
import { readCsvApplicants } from './read-csv-applicants';
import { readJsonApplicants } from './read-json-applicants';
import { readXlsxApplicants } from './read-xlsx-applicants';
import { text } from './text';
import { UserError } from './user-error';

export interface ReadApplicantsOptions {
  /** File-level notices (encoding converted, columns not read); warnings, not errors. */
  notice?: (message: Text) => void;
  /** What the file and each record may hold (server/http/config.ts): the server passes its own; default the command line's. */
  limits?: ReadLimits;
  /**
   * A required fact's column missing from a .csv or .xlsx: 'file' (default) refuses the
   * file at once; 'rows' reads it and refuses each row for the missing value — what an
   * impact analysis or a compatibility count needs to say who a new version refuses.
   */
  missingColumns?: MissingColumns;
  /**
   * Check the record against the catalogue even when a cell of its row could not be
   * read, so that every field with a problem is named (a compatibility count attributes
   * each refusal to every change that causes it). Off for runs: one reason per cell.
   */
  everyProblem?: boolean;
}

export const APPLICANT_EXTENSIONS = ['json', 'csv', 'xlsx'] as const;

function rowsOf(file: string, compiled: CompiledRuleset, options: ReadApplicantsOptions & { limits: ReadLimits }): AsyncGenerator<ApplicantRow> {
  const name = displayPath(file);
  const { facts, derived } = compiled.ruleset;
  switch (extensionOf(file)) {
    case 'json':
      return readJsonApplicants(file, name, options.limits.upload);
    case 'csv':
    case 'tsv':
    case 'txt':
      return readCsvApplicants(file, { facts, derived, notice: options.notice, name, limits: options.limits.upload, missingColumns: options.missingColumns });
    case 'xlsx':
      return readXlsxApplicants(file, { facts, derived, notice: options.notice, name, limits: options.limits.upload, missingColumns: options.missingColumns });
    case 'xls':
      throw new UserError(text(`${name}：不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 .csv`, `${name}: the old .xls format is not supported; save it as .xlsx or .csv in Excel`));
    default:
      throw new UserError(text(`${name}：不支持的文件类型，请使用 .json、.csv 或 .xlsx`, `${name}: unsupported file type; use .json, .csv or .xlsx`));
  }
}

export async function* readApplicants(file: string, compiled: CompiledRuleset, given: ReadApplicantsOptions = {}): AsyncGenerator<ApplicantRow> {
  const options = { ...given, limits: given.limits ?? CLI_LIMITS };
  await checkInputFile(file);
  const firstRowOf = new Map<string, number>();
  let count = 0;
  for await (const row of rowsOf(file, compiled, options)) {
    count++;
    if (row.sheet === undefined) {
      // A record too deep or too big for the steps below (they recurse) is refused before them, by its own row.
      const tooLarge = row.record ? applicantLimitIssue(row.record, options.limits.applicant) : undefined;
      if (tooLarge) row.issues.push(tooLarge);
      // One form whatever the file format: what is evaluated and hashed (inputHash).
      else if (row.record) row.record = canonicalApplicant(row.record, compiled.ruleset.facts);
      if (row.record && !tooLarge && (options.everyProblem === true || !hasErrors(row.issues))) row.issues.push(...engineIssues(row, compiled));
      checkDuplicateId(row, firstRowOf);
    }
    if (hasErrors(row.issues)) {
      const name = row.record?.name;
      if ((typeof name === 'string' && name.trim() !== '') || typeof name === 'number') row.name = String(name).trim();
      delete row.record;
    }
    yield row;
  }
  if (count === 0) throw new UserError(text(`${displayPath(file)}：没有申报人数据`, `${displayPath(file)}: no applicant data`));
}

/** The engine's record validation; issues inside records from a side sheet name that sheet's row. */
export function engineIssues(row: Pick<ApplicantRow, 'record' | 'origins'>, compiled: CompiledRuleset): RowIssue[] {
  return compiled.validateApplicant(row.record).map((issue): RowIssue => {
    const m = /^\/([^/]+)\/(\d+)(?:\/|$)/.exec(issue.pointer);
    const origin = m ? row.origins?.[m[1]!]?.[Number(m[2])] : undefined;
    return origin ? { ...issue, sheet: origin.sheet, sheetRow: origin.row } : issue;
  });
}

export function checkDuplicateId(row: ApplicantRow, firstRowOf: Map<string, number>) {
  if (row.id === undefined || row.id === '') return;
  const first = firstRowOf.get(row.id);
  if (first === undefined) {
    firstRowOf.set(row.id, row.row);
    return;
  }
  const unit = row.kind === 'row' ? text('行', 'row') : text('条记录', 'record');
  row.issues.push({
    code: 'APPLICANT_INVALID',
    severity: 'error',
    pointer: '/id',
    field: 'id',
    message: text(`编号 ${row.id} 与第 ${first} ${unit.zh}重复`, `ID ${row.id} repeats ${unit.en} ${first}`),
  });
}

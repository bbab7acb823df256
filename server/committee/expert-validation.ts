// What makes an expert record valid, shared by the form (POST/PATCH /experts) and
// the spreadsheet import: the series and title level by id or Chinese label
// (series-labels.ts), the term of office within the policy's maximum length, and
// standing conflicts (回避) that name an applicant or a unit with a reason. Each problem names its field, so
// the form can point at it and the import can name the column.
import type { Text } from '../../engine/index';
import { isCalendarDate } from '../io/coerce-cell';
import { text, toHalfWidth } from '../io/text';
import type { ExpertRecord } from '../storage/index';
import { LEVEL_IDS, SERIES_IDS, levelId, seriesId, seriesLabel } from './series-labels';

export type ExpertField = 'name' | 'series' | 'level' | 'unit' | 'county' | 'termStart' | 'termEnd' | 'conflicts';

export interface ExpertIssue {
  field: ExpertField;
  /** Index of the conflict at fault (field `conflicts`). */
  index?: number;
  code: 'REQUIRED' | 'UNKNOWN_SERIES' | 'UNKNOWN_LEVEL' | 'INVALID_DATE' | 'TERM_ORDER' | 'TERM_TOO_LONG' | 'INVALID_CONFLICT';
  message: Text;
}

/** The fields a caller gives; id, disabled and the stamps are the server's. */
export type ExpertFields = Pick<ExpertRecord, 'name' | 'series' | 'level' | 'unit' | 'county' | 'termStart' | 'termEnd' | 'conflicts'>;

/** The field's Chinese name, as in the import template's header. */
export const FIELD_LABELS: Readonly<Record<ExpertField, string>> = {
  name: '姓名',
  series: '系列',
  level: '职称级别',
  unit: '单位',
  county: '所在县市',
  termStart: '任期开始',
  termEnd: '任期结束',
  conflicts: '回避',
};

const FIELD_EN: Readonly<Record<ExpertField, string>> = {
  name: 'name',
  series: 'series',
  level: 'title level',
  unit: 'unit',
  county: 'county',
  termStart: 'term start',
  termEnd: 'term end',
  conflicts: 'conflicts',
};

const key = (s: string) => toHalfWidth(s).trim();

/** A series id from its id or Chinese name (中小学教师, 卫生 …); undefined when unknown. */
export const seriesFrom = (value: string): string | undefined => seriesId(key(value));

/** A title level id from its id or Chinese name (副高级, 正高级). */
export const levelFrom = (value: string): string | undefined => levelId(key(value));

function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * The last day a term starting on `start` may end on: the day before the `years`-th
 * anniversary (2024-06-20 → 2027-06-19 for 3 years; a term from 29 February ends on
 * 28 February).
 */
export function latestTermEnd(start: string, years: number): string {
  const d = utcDate(start);
  const anniversary = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
  anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return anniversary.toISOString().slice(0, 10);
}

export type TermStatus = 'active' | 'expired' | 'future';

/** 在任 / 已到期 / 未开始 on a day (both ends of the term count as in office). */
export function termStatus(expert: Pick<ExpertRecord, 'termStart' | 'termEnd'>, on: string): TermStatus {
  if (on < expert.termStart) return 'future';
  if (on > expert.termEnd) return 'expired';
  return 'active';
}

function issue(field: ExpertField, code: ExpertIssue['code'], zh: string, en: string, index?: number): ExpertIssue {
  const label = FIELD_EN[field];
  const found: ExpertIssue = { field, code, message: text(`「${FIELD_LABELS[field]}」${zh}`, `${label[0]!.toUpperCase()}${label.slice(1)}: ${en}`) };
  if (index !== undefined) found.index = index;
  return found;
}

/** Every problem of an expert's fields (empty when valid). `maxYears` is the policy's expertTermMaxYears. */
export function checkExpert(fields: ExpertFields, maxYears: number): ExpertIssue[] {
  const issues: ExpertIssue[] = [];
  for (const field of ['name', 'unit', 'county'] as const) {
    if (fields[field].trim() === '') issues.push(issue(field, 'REQUIRED', '不能为空', 'required'));
  }
  if (!(SERIES_IDS as readonly string[]).includes(fields.series)) {
    const known = SERIES_IDS.map((id) => `${seriesLabel(id)}（${id}）`).join('、');
    issues.push(issue('series', 'UNKNOWN_SERIES', `不是已知的系列：${JSON.stringify(fields.series)}（可填 ${known}）`, `unknown series ${JSON.stringify(fields.series)} (one of ${SERIES_IDS.join(', ')})`));
  }
  if (!(LEVEL_IDS as readonly string[]).includes(fields.level)) {
    issues.push(issue('level', 'UNKNOWN_LEVEL', `应为 副高级 或 正高级，实际为 ${JSON.stringify(fields.level)}`, `must be deputy-senior (副高级) or full-senior (正高级), got ${JSON.stringify(fields.level)}`));
  }
  const startOk = isCalendarDate(fields.termStart);
  const endOk = isCalendarDate(fields.termEnd);
  if (!startOk) issues.push(issue('termStart', 'INVALID_DATE', `应为日期（如 2024-06-20），实际为 ${JSON.stringify(fields.termStart)}`, `must be a date (e.g. 2024-06-20), got ${JSON.stringify(fields.termStart)}`));
  if (!endOk) issues.push(issue('termEnd', 'INVALID_DATE', `应为日期（如 2027-06-19），实际为 ${JSON.stringify(fields.termEnd)}`, `must be a date (e.g. 2027-06-19), got ${JSON.stringify(fields.termEnd)}`));
  if (startOk && endOk) {
    if (fields.termEnd < fields.termStart) {
      issues.push(issue('termEnd', 'TERM_ORDER', `${fields.termEnd} 早于任期开始 ${fields.termStart}`, `${fields.termEnd} is before the term start ${fields.termStart}`));
    } else {
      const latest = latestTermEnd(fields.termStart, maxYears);
      if (fields.termEnd > latest) {
        issues.push(issue('termEnd', 'TERM_TOO_LONG', `${fields.termEnd} 使任期超过 ${maxYears} 年：自 ${fields.termStart} 起最晚至 ${latest}`, `${fields.termEnd} makes the term longer than ${maxYears} years: from ${fields.termStart} it may end on ${latest} at the latest`));
      }
    }
  }
  fields.conflicts.forEach((c, i) => {
    const n = i + 1;
    const hasTarget = (c.applicantId ?? '').trim() !== '' || (c.unit ?? '').trim() !== '';
    if (!hasTarget) issues.push(issue('conflicts', 'INVALID_CONFLICT', `第 ${n} 项应写明回避的申报人编号或单位`, `entry ${n} must name an applicant id or a unit`, i));
    if (c.reason.trim() === '') issues.push(issue('conflicts', 'INVALID_CONFLICT', `第 ${n} 项应写明回避原因`, `entry ${n} needs a reason`, i));
  });
  return issues;
}

/** Applicant ids are written in ASCII (A0012, HS-2024-003); anything else is a unit name. */
const APPLICANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The 回避 cell of the import: entries separated by ； ; 、 or new lines, each
 * `<applicant id or unit>（<reason>）`, also with ASCII brackets or `：`.
 * Example: `巴州人民医院（配偶在该院）；HA0012（师生关系）`.
 */
export function parseConflicts(cell: string): { conflicts: ExpertRecord['conflicts']; problems: string[] } {
  const conflicts: ExpertRecord['conflicts'] = [];
  const problems: string[] = [];
  const entries = cell.split(/[；;、\n]/).map((s) => s.trim()).filter((s) => s !== '');
  for (const entry of entries) {
    const s = toHalfWidth(entry);
    const bracketed = /^(.+?)\s*\((.*)\)$/.exec(s);
    const colon = bracketed ? null : /^(.+?)\s*:\s*(.*)$/.exec(s);
    const m = bracketed ?? colon;
    const target = (m ? m[1]! : s).trim();
    const reason = (m ? m[2]! : '').trim();
    if (reason === '') {
      problems.push(entry);
      continue;
    }
    conflicts.push(APPLICANT_ID.test(target) ? { applicantId: target, reason } : { unit: target, reason });
  }
  return { conflicts, problems };
}

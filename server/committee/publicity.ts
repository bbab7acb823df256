// The publicity stage (公示): after the meeting's tallies are closed, the applicants
// who passed (meeting.ts verdict: both parts of the pass rule) are publicised for the
// policy's number of working days (5 by default, committee-policy.json
// publicity.workingDays), counted with the working-day calendar from the start day
// (included when it is a working day). The period starts no earlier than the day it
// is posted (today in China time) nor before the meeting, so the public always has
// the full period. The session is finalised only from the day after the period's last
// working day. Pure: the calendar, the policy values and today's date come in; the
// routes store what comes out.
import type { ReviewSession, SessionPublicity } from '../storage/types';
import { passedApplicants } from './meeting';
import type { PassRule } from './process-policy';
import { levelLabel, seriesLabel } from './series-labels';
import type { CalendarYearInForce } from './calendar-source';
import { addDays, type WorkingDayCalendar } from './working-days';

export type PublicityErrorCode = 'INVALID_TRANSITION' | 'VALIDATION_FAILED' | 'PUBLICITY_START_PAST' | 'PUBLICITY_NOT_OVER';

export class PublicityError extends Error {
  readonly code: PublicityErrorCode;
  readonly text: { zh: string; en: string };
  readonly details: Record<string, unknown>;
  constructor(code: PublicityErrorCode, message: { zh: string; en: string }, details: Record<string, unknown> = {}) {
    super(message.en);
    this.name = 'PublicityError';
    this.code = code;
    this.text = message;
    this.details = details;
  }
}

/** One line of the publicity list (公示名单). */
export interface PublicityRow {
  /** 序号, from 1. */
  no: number;
  applicantId: string;
  name: string | null;
  unit: string | null;
  series: string;
  level: string;
  score: number;
  /** 表决: yes votes of the members present. */
  yes: number;
  present: number;
  start: string;
  end: string;
}

export type PublicityFields = Omit<SessionPublicity, 'startedBy' | 'startedAt'>;

/**
 * The period and list for a publicity starting on `start`, posted `today` (China
 * time). INVALID_TRANSITION unless the meeting is closed (status voted);
 * PUBLICITY_START_PAST for a start before today; VALIDATION_FAILED for a start before
 * the meeting; the calendar's CALENDAR_NOT_COVERED passes through. The list is who
 * passed under the meeting's pass rule (`passRule` is the policy's, for a meeting that
 * recorded none).
 */
export function planPublicity(session: ReviewSession, start: string, today: string, calendar: WorkingDayCalendar, years: CalendarYearInForce[], workingDays: number, passRule: PassRule): PublicityFields {
  const meeting = session.meeting;
  if (session.status !== 'voted' || !meeting?.closedAt) {
    throw new PublicityError(
      'INVALID_TRANSITION',
      { zh: `评审会 ${session.id} 当前为“${session.status}”，须在评审会议表决结束（voted）后才能开始公示`, en: `Review session ${session.id} is ${session.status}: publicity starts once the meeting's tallies are closed (voted)` },
      { id: session.id, status: session.status, required: 'voted' },
    );
  }
  if (start < today) {
    throw new PublicityError(
      'PUBLICITY_START_PAST',
      { zh: `公示开始日期 ${start} 早于今天 ${today}：公示期从张贴之日起计算，不能补记过去的日期`, en: `The publicity cannot start (${start}) before the day it is posted (today, ${today})` },
      { issues: [{ in: 'body', pointer: '/start', keyword: 'minimum', message: `must be on or after ${today}` }], start, today },
    );
  }
  if (start < meeting.heldOn) {
    throw new PublicityError(
      'VALIDATION_FAILED',
      { zh: `公示开始日期 ${start} 早于评审会议日期 ${meeting.heldOn}`, en: `The publicity cannot start (${start}) before the meeting (${meeting.heldOn})` },
      { issues: [{ in: 'body', pointer: '/start', keyword: 'minimum', message: `must be on or after ${meeting.heldOn}` }], start, heldOn: meeting.heldOn },
    );
  }
  const count = calendar.count(start, workingDays);
  const spanned = new Set(count.counted.concat(count.skipped.map((s) => s.date)).map((d) => Number(d.slice(0, 4))));
  return {
    start,
    end: count.date,
    workingDays,
    counted: count.counted,
    calendar: years.filter((y) => spanned.has(y.year)).map((y) => ({ year: y.year, origin: y.origin, source: y.source })),
    listed: passedApplicants(session, passRule),
  };
}

/** The publicity list: the listed applicants in the meeting's order, with their score and vote. */
export function publicityRows(session: ReviewSession): PublicityRow[] {
  const { meeting, publicity } = session;
  if (!meeting || !publicity) return [];
  const listed = new Set(publicity.listed);
  return meeting.results
    .filter((r) => listed.has(r.applicantId))
    .map((r, i) => ({
      no: i + 1,
      applicantId: r.applicantId,
      name: r.name,
      unit: r.unit,
      series: seriesLabel(session.series),
      level: levelLabel(session.level),
      score: r.score,
      yes: r.votes.yes,
      present: meeting.present.length,
      start: publicity.start,
      end: publicity.end,
    }));
}

/** The first day on which the session may be finalised: the day after the period's last working day. */
export const finaliseFrom = (publicity: Pick<SessionPublicity, 'end'>): string => addDays(publicity.end, 1);

/** INVALID_TRANSITION unless in publicity; PUBLICITY_NOT_OVER (with end and today) until the day after the end. */
export function checkFinalise(session: ReviewSession, today: string): void {
  if (session.status !== 'publicity' || !session.publicity) {
    throw new PublicityError(
      'INVALID_TRANSITION',
      { zh: `评审会 ${session.id} 当前为“${session.status}”，只有公示中的评审会可以确认结果`, en: `Review session ${session.id} is ${session.status}: only a session in publicity can be finalised` },
      { id: session.id, status: session.status, required: 'publicity' },
    );
  }
  const { end } = session.publicity;
  const from = finaliseFrom(session.publicity);
  if (today < from) {
    throw new PublicityError(
      'PUBLICITY_NOT_OVER',
      { zh: `公示期至 ${end} 结束，${from} 起才能确认结果（今天是 ${today}）`, en: `The publicity period runs to ${end}; results can be finalised from ${from} (today is ${today})` },
      { end, today, from },
    );
  }
}

export const PUBLICITY_HEADERS = ['序号', '姓名', '单位', '系列', '级别', '评审得分', '表决（同意/出席）', '公示期'] as const;

/**
 * The publicity list as .xlsx: a title line, the period, the table. Byte-stable for the
 * same session (the workbook's dates and the zip entries' times are the publicity's
 * start), so the filing package that holds it is too.
 */
export async function publicityWorkbook(session: ReviewSession): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const { normalizeZip } = await import('../samples/zip-normalize');
  const publicity = session.publicity;
  if (!publicity) throw new PublicityError('INVALID_TRANSITION', { zh: `评审会 ${session.id} 尚未公示`, en: `Review session ${session.id} has no publicity yet` }, { id: session.id, status: session.status });
  const rows = publicityRows(session);
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(`${publicity.start}T00:00:00Z`);
  wb.creator = 'Pingshen 评审';
  wb.lastModifiedBy = 'Pingshen 评审';
  wb.created = fixed;
  wb.modified = fixed;
  const ws = wb.addWorksheet('公示名单', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([`${session.title} 评审结果公示名单`]);
  ws.mergeCells(1, 1, 1, PUBLICITY_HEADERS.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([`公示期：${publicity.start} 至 ${publicity.end}（${publicity.workingDays} 个工作日）`]);
  ws.mergeCells(2, 1, 2, PUBLICITY_HEADERS.length);
  ws.addRow([...PUBLICITY_HEADERS]);
  ws.getRow(3).font = { bold: true };
  for (const r of rows) ws.addRow([r.no, r.name ?? '', r.unit ?? '', r.series, r.level, r.score, `${r.yes}/${r.present}`, `${r.start} 至 ${r.end}`]);
  [6, 10, 28, 14, 8, 10, 16, 26].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return normalizeZip(buffer, publicity.start);
}

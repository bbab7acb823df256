// The quota table as a file in the import format (quota-import.ts): Chinese
// headings, series and levels by their Chinese labels, so an export read back
// gives the same rows. With no rows it is the blank template.
import { csvText } from '../io/format-results';
import type { QuotaRecord } from '../storage/types';
import type { QuotaFormat } from './quota-import';
import { QUOTA_COLUMNS } from './quota-import';
import { levelLabel, seriesLabel } from './series-labels';

const WIDTHS = [36, 14, 10, 10, 30];

function cells(quota: Pick<QuotaRecord, 'unit' | 'series' | 'level' | 'posts' | 'note'>): Array<string | number | null> {
  return [quota.unit, seriesLabel(quota.series), levelLabel(quota.level), quota.posts, quota.note ?? null];
}

export async function writeQuotaTable(quotas: ReadonlyArray<Pick<QuotaRecord, 'unit' | 'series' | 'level' | 'posts' | 'note'>>, format: QuotaFormat): Promise<Buffer> {
  const header = QUOTA_COLUMNS.map((c) => c.heading);
  if (format === 'csv') return Buffer.from(csvText([header, ...quotas.map(cells)], true), 'utf8');
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('核定职数', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h, i) => ({ header: h, width: WIDTHS[i] }));
  sheet.getRow(1).font = { bold: true };
  for (const q of quotas) sheet.addRow(cells(q));
  // Units are text even when they look like numbers; posts stay numbers.
  sheet.getColumn(1).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const quotaFileName = (format: QuotaFormat) => `核定职数.${format}`;

// The summary table as .xlsx, with exceljs's streaming WorkbookWriter: each row is
// committed to the zip as it is written, so 100,000 rows never sit in memory.
import type { Lang } from '../../engine/index';
import type { ResultWriter } from './result-writer';
import type { SummaryColumn } from './result-summary';

export async function xlsxResultWriter(file: string, columns: SummaryColumn[], lang: Lang): Promise<ResultWriter> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(lang === 'en' ? 'Results' : '评审结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    async write(batch) {
      if (batch.format !== 'xlsx') throw new Error(`xlsx writer got a ${batch.format} batch`);
      for (const row of batch.rows) sheet.addRow(row).commit();
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

// Importing the expert pool from the HR bureau's spreadsheet: every good row read
// (labels, Excel dates, GBK), every bad row named by row, column and code.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { mergeImport, nextExpertIds, readExperts } from '../../../server/committee/expert-import';
import { checkExpert, latestTermEnd, parseConflicts } from '../../../server/committee/expert-validation';
import { UserError } from '../../../server/io/user-error';
import type { ExpertRecord } from '../../../server/storage/index';

const HEADER = ['姓名', '系列', '职称级别', '单位', '所在县市', '任期开始', '任期结束', '回避'];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家库');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

describe('readExperts', () => {
  it('reads an .xlsx: series and level by Chinese label, Excel dates, conflicts', async () => {
    const bytes = await xlsx([
      ['李建华', '卫生', '正高级', '巴州人民医院', '库尔勒市', new Date(Date.UTC(2024, 5, 20)), new Date(Date.UTC(2027, 5, 19)), '和静县人民医院（配偶在该院）；HA0012（师生关系）'],
      ['阿依古丽·艾力', 'teacher', 'deputy-senior', '巴州第一中学', '库尔勒市', '2024/6/20', '2027年6月19日', ''],
    ]);
    const check = await readExperts(bytes, '专家库.xlsx', 3);
    expect(check).toMatchObject({ rows: 2, valid: 2, invalidRows: 0, invalid: [] });
    expect(check.experts[0]).toEqual({
      row: 2,
      fields: {
        name: '李建华',
        series: 'health',
        level: 'full-senior',
        unit: '巴州人民医院',
        county: '库尔勒市',
        termStart: '2024-06-20',
        termEnd: '2027-06-19',
        conflicts: [
          { unit: '和静县人民医院', reason: '配偶在该院' },
          { applicantId: 'HA0012', reason: '师生关系' },
        ],
      },
    });
    expect(check.experts[1]!.fields).toMatchObject({ series: 'teacher', level: 'deputy-senior', termStart: '2024-06-20', termEnd: '2027-06-19', conflicts: [] });
  });

  it('reads a .csv in UTF-8 and in GBK (Excel on Chinese Windows), saying it converted', async () => {
    const rows = [['王丽', '中小学教师', '副高级', '和静县第一中学', '和静县', '2024-06-20', '2027-06-19', '']];
    const utf8 = await readExperts(Buffer.from('\uFEFF' + csv(rows), 'utf8'), 'experts.csv', 3);
    expect(utf8).toMatchObject({ valid: 1, notices: [] });
    const gbk = await readExperts(iconv.encode(csv(rows), 'gbk'), 'experts.csv', 3);
    expect(gbk.valid).toBe(1);
    expect(gbk.experts[0]!.fields).toMatchObject({ name: '王丽', series: 'teacher', unit: '和静县第一中学' });
    expect(gbk.notices[0]!.zh).toContain('GBK');
  });

  it('lists every bad row with row, column, code and a message in Chinese and English', async () => {
    const bytes = await xlsx([
      ['张伟', '卫生', '正高级', '巴州人民医院', '库尔勒市', '2024-06-20', '2027-06-19', ''], // row 2: good
      ['', '卫生', '正高级', '巴州中医医院', '库尔勒市', '2024-06-20', '2027-06-19', ''], // row 3: no name
      ['刘芳', '护理', '中级', '巴州人民医院', '库尔勒市', '2024-06-20', '2027-06-19', ''], // row 4: series, level
      ['陈静', '卫生', '副高级', '轮台县人民医院', '轮台县', '2024-13-01', '2024-01-01', ''], // row 5: bad date (the order is not judged)
      ['赵军', '卫生', '副高级', '且末县人民医院', '且末县', '2025-01-01', '2024-12-31', ''], // row 6: end before start
      ['周敏', '卫生', '副高级', '博湖县人民医院', '博湖县', '2024-06-20', '2027-06-20', ''], // row 7: 3 years + 1 day
      ['吴刚', '卫生', '副高级', '和硕县人民医院', '和硕县', '2024-06-20', '2027-06-19', '和硕县蒙医医院'], // row 8: conflict without reason
      ['张伟', '卫生', '正高级', '巴州人民医院', '库尔勒市', '2024-06-20', '2027-06-19', ''], // row 9: same as row 2
    ]);
    const check = await readExperts(bytes, '专家库.xlsx', 3);
    expect(check).toMatchObject({ rows: 8, valid: 1, invalidRows: 7 });
    const brief = check.invalid.map((i) => [i.row, i.column, i.code]);
    expect(brief).toEqual([
      [3, '姓名', 'REQUIRED'],
      [4, '系列', 'UNKNOWN_SERIES'],
      [4, '职称级别', 'UNKNOWN_LEVEL'],
      [5, '任期开始', 'INVALID_DATE'],
      [6, '任期结束', 'TERM_ORDER'],
      [7, '任期结束', 'TERM_TOO_LONG'],
      [8, '回避', 'INVALID_CONFLICT'],
      [9, '姓名', 'DUPLICATE_ROW'],
    ]);
    const at = (row: number) => check.invalid.find((i) => i.row === row)!.message;
    expect(at(7)).toEqual({
      zh: '第 7 行（周敏），「任期结束」2027-06-20 使任期超过 3 年：自 2024-06-20 起最晚至 2027-06-19',
      en: 'Row 7 (周敏): Term end: 2027-06-20 makes the term longer than 3 years: from 2024-06-20 it may end on 2027-06-19 at the latest',
    });
    expect(at(4).zh).toContain('「系列」不是已知的系列："护理"');
    expect(at(5).zh).toMatch(/^第 5 行（陈静），「任期开始」应为日期/);
    expect(at(9).zh).toBe('第 9 行（张伟），与第 2 行是同一位专家（姓名、系列、单位相同）');
  });

  it('takes the term maximum from the policy value it is given', async () => {
    const bytes = await xlsx([['周敏', '卫生', '副高级', '博湖县人民医院', '博湖县', '2024-06-20', '2026-06-20', '']]);
    expect((await readExperts(bytes, 'a.xlsx', 3)).valid).toBe(1);
    expect((await readExperts(bytes, 'a.xlsx', 2)).invalid[0]!.code).toBe('TERM_TOO_LONG');
  });

  it('refuses a file it cannot read as a whole: wrong type, not xlsx, missing columns', async () => {
    await expect(readExperts(Buffer.from('x'), 'experts.pdf', 3)).rejects.toThrow(UserError);
    await expect(readExperts(Buffer.from('not a zip'), 'experts.xlsx', 3)).rejects.toMatchObject({ text: { zh: 'experts.xlsx：不是有效的 Excel (.xlsx) 文件' } });
    await expect(readExperts(Buffer.from('姓名,系列,单位\n王丽,卫生,巴州人民医院\n'), 'e.csv', 3)).rejects.toMatchObject({
      text: { zh: expect.stringContaining('表头缺少列 职称级别、所在县市、任期开始、任期结束') },
    });
    await expect(readExperts(Buffer.from(''), 'e.csv', 3)).rejects.toMatchObject({ text: { zh: 'e.csv：文件是空的' } });
  });
});

describe('expert fields', () => {
  it('a term of N years ends the day before the N-th anniversary', () => {
    expect(latestTermEnd('2024-06-20', 3)).toBe('2027-06-19');
    expect(latestTermEnd('2024-02-29', 3)).toBe('2027-02-28');
    expect(latestTermEnd('2024-01-01', 1)).toBe('2024-12-31');
  });

  it('names the field of each problem', () => {
    const issues = checkExpert({ name: ' ', series: 'health', level: 'full-senior', unit: 'u', county: 'c', termStart: '2024-06-20', termEnd: '2028-01-01', conflicts: [{ reason: '' }] }, 3);
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['name', 'REQUIRED'],
      ['termEnd', 'TERM_TOO_LONG'],
      ['conflicts', 'INVALID_CONFLICT'],
      ['conflicts', 'INVALID_CONFLICT'],
    ]);
  });

  it('reads the 回避 cell: unit or applicant id, with the reason in brackets or after a colon', () => {
    expect(parseConflicts('巴州人民医院(配偶在该院); A-12：师生、 库尔勒市第二中学')).toEqual({
      conflicts: [
        { unit: '巴州人民医院', reason: '配偶在该院' },
        { applicantId: 'A-12', reason: '师生' },
      ],
      problems: ['库尔勒市第二中学'],
    });
  });
});

describe('mergeImport', () => {
  it('keeps the id (and the disabled flag) of an expert already in the pool; numbers new ones after the highest id', () => {
    const existing = [{ id: 'exp-0007', name: '张伟', series: 'health', unit: '巴州人民医院', disabled: true } as ExpertRecord];
    const fields = { level: 'full-senior', county: '库尔勒市', termStart: '2024-06-20', termEnd: '2027-06-19', conflicts: [] };
    const merged = mergeImport(existing, [
      { row: 2, fields: { ...fields, name: '张伟', series: 'health', unit: '巴州人民医院' } },
      { row: 3, fields: { ...fields, name: '王丽', series: 'health', unit: '巴州中医医院' } },
    ]);
    expect(merged).toMatchObject({ added: 1, updated: 1 });
    expect(merged.records.map((r) => [r.id, r.name, r.disabled])).toEqual([
      ['exp-0007', '张伟', true],
      ['exp-0008', '王丽', false],
    ]);
    expect(nextExpertIds([], 2)).toEqual(['exp-0001', 'exp-0002']);
  });
});

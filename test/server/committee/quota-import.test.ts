// A quota table as an official writes it: an Excel workbook, or a CSV saved by
// Chinese Excel (GBK). Every bad row is named by row, column and code; good rows
// come back ready to store; an export reads back as the same rows.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { writeQuotaTable } from '../../../server/committee/quota-export';
import { readQuotaTable } from '../../../server/committee/quota-import';
import { UserError } from '../../../server/io/user-error';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const strip = (quotas: Array<{ row: number }>) => quotas.map(({ row: _row, ...q }) => q);

describe('reading an .xlsx quota table', () => {
  it('takes Chinese labels for series and level, numbers for posts, and the note', async () => {
    const bytes = await workbook([
      ['单位', '系列', '级别', '核定职数', '备注'],
      ['库尔勒市中医医院', '卫生', '副高级', 2, '2024 年核定'],
      ['和静县第一中学', '中小学教师', '正高级', 1],
      ['博湖县畜牧站', 'animal-husbandry', 'deputy-senior', 0],
    ]);
    const table = await readQuotaTable(bytes, '核定职数.xlsx');
    expect(table.invalid).toEqual([]);
    expect({ rows: table.rows, valid: table.valid, invalidRows: table.invalidRows }).toEqual({ rows: 3, valid: 3, invalidRows: 0 });
    expect(strip(table.quotas)).toEqual([
      { unit: '库尔勒市中医医院', series: 'health', level: 'deputy-senior', posts: 2, note: '2024 年核定' },
      { unit: '和静县第一中学', series: 'teacher', level: 'full-senior', posts: 1 },
      { unit: '博湖县畜牧站', series: 'animal-husbandry', level: 'deputy-senior', posts: 0 },
    ]);
  });

  it('lists every bad row with its row number, column and code: text in the posts cell, unknown series, a duplicate, a negative number', async () => {
    const bytes = await workbook([
      ['单位', '系列', '级别', '核定职数'],
      ['库尔勒市中医医院', '卫生', '副高级', '两个'],
      ['若羌县人民医院', '医疗', '副高级', 1],
      ['和硕县人民医院', '卫生', '副高级', 1],
      ['和硕县人民医院', '卫生', '副高级', 2],
      ['博湖县人民医院', '卫生', '中级', -1],
      ['焉耆县人民医院', '卫生', '副高级', 3],
    ]);
    const table = await readQuotaTable(bytes, 'quotas.xlsx');
    expect(table.invalid.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, '核定职数', 'POSTS_NOT_NUMBER'],
      [3, '系列', 'SERIES_UNKNOWN'],
      [4, '单位', 'DUPLICATE_ROW'],
      [5, '单位', 'DUPLICATE_ROW'],
      [6, '级别', 'LEVEL_UNKNOWN'],
      [6, '核定职数', 'POSTS_INVALID'],
    ]);
    expect(table.invalid[0]!.message.zh).toContain('"两个" 不是数字');
    expect(table.invalid[0]!.message.en).toContain('is not a number');
    expect(table.invalid[2]!.message.zh).toContain('第 5 行');
    expect({ valid: table.valid, invalidRows: table.invalidRows }).toEqual({ valid: 1, invalidRows: 5 });
    expect(strip(table.quotas)).toEqual([{ unit: '焉耆县人民医院', series: 'health', level: 'deputy-senior', posts: 3 }]);
  });

  it('names a missing column on the header row and takes no row', async () => {
    const table = await readQuotaTable(await workbook([['单位', '系列', '核定职数'], ['库尔勒市中医医院', '卫生', 2]]), 'q.xlsx');
    expect(table.invalid).toMatchObject([{ row: 1, column: '级别', field: 'level', code: 'COLUMN_MISSING' }]);
    expect(table.quotas).toEqual([]);
  });

  it('refuses a file that is not a workbook as unreadable (not a crash)', async () => {
    await expect(readQuotaTable(Buffer.from('not a zip'), 'q.xlsx')).rejects.toBeInstanceOf(UserError);
  });
});

describe('reading a .csv quota table', () => {
  it('detects GBK, accepts the English column ids and full-width digits, and says it converted', async () => {
    const csv = 'unit,series,level,posts,note\r\n库尔勒市第一人民医院,卫生,副高级,２,\r\n\r\n轮台县农技站,农业,正高级,1,新增\r\n';
    const table = await readQuotaTable(iconv.encode(csv, 'gbk'), '职数.csv');
    expect(table.notices.map((n) => n.zh).join()).toContain('GBK');
    expect(table.invalid).toEqual([]);
    expect(table.quotas).toEqual([
      { row: 2, unit: '库尔勒市第一人民医院', series: 'health', level: 'deputy-senior', posts: 2 },
      { row: 4, unit: '轮台县农技站', series: 'agriculture', level: 'full-senior', posts: 1, note: '新增' },
    ]);
  });

  it('counts rows as Excel shows them (blank lines included) when reporting a decimal and an empty cell', async () => {
    const csv = '单位,系列,级别,核定职数\n\nA,水利,副高级,1.5\nB,林业,副高级,\n';
    const table = await readQuotaTable(Buffer.from(csv), 'q.csv');
    expect(table.invalid.map((i) => [i.row, i.field, i.code])).toEqual([
      [3, 'posts', 'POSTS_INVALID'],
      [4, 'posts', 'VALUE_MISSING'],
    ]);
  });
});

describe('the export', () => {
  const quotas = [
    { unit: '库尔勒市中医医院', series: 'health', level: 'deputy-senior', posts: 2, note: '含"双定向"' },
    { unit: '且末县林业站', series: 'forestry', level: 'full-senior', posts: 0 },
  ];
  for (const format of ['xlsx', 'csv'] as const) {
    it(`reads back as the same rows (${format})`, async () => {
      const table = await readQuotaTable(await writeQuotaTable(quotas, format), `export.${format}`);
      expect(table.invalid).toEqual([]);
      expect(strip(table.quotas)).toEqual(quotas);
    });
  }
});

describe('the shipped sample quota table', () => {
  it('reads without a bad row, covers every unit of the sample applicants, and is stored once into an empty table only', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { openStore } = await import('../../../server/storage/index');
    const { seedQuotas } = await import('../../../server/seed-quotas');
    const { seedSamples } = await import('../../../server/seed-samples');
    const dir = new URL('../../../rules/samples/', import.meta.url).pathname;
    const table = await readQuotaTable(readFileSync(`${dir}quotas/quotas.csv`), 'quotas.csv');
    expect(table.invalid).toEqual([]);
    const keys = new Set(table.quotas.map((q) => `${q.unit}|${q.series}|${q.level}`));
    const over = { units: 0, zero: 0 };
    for (const name of readdirSync(dir).filter((n) => /-senior\.json$/.test(n))) {
      const applicants = JSON.parse(readFileSync(`${dir}${name}`, 'utf8')) as Array<{ unitName: string; series: string; appliedLevel: string }>;
      const count = new Map<string, number>();
      for (const a of applicants) {
        const key = `${a.unitName}|${a.series}|${a.appliedLevel}`;
        expect(keys.has(key), key).toBe(true);
        count.set(key, (count.get(key) ?? 0) + 1);
      }
      for (const [key, n] of count) {
        const posts = table.quotas.find((q) => `${q.unit}|${q.series}|${q.level}` === key)!.posts;
        if (n > posts) over.units++;
        if (posts === 0) over.zero++;
      }
    }
    expect(over.units).toBeGreaterThan(0); // the demo shows applicants over quota
    expect(over.zero).toBeGreaterThan(0); // and units without posts

    const store = await openStore({ memory: true });
    const at = '2026-01-05T09:00:00.000Z';
    expect(await seedQuotas(store, dir, at)).toHaveLength(table.valid);
    expect(await seedQuotas(store, dir, at)).toEqual([]);
    expect((await seedSamples(store, dir, at)).map((u) => u.name)).not.toContain('quotas.csv');
    await store.close();
  });
});

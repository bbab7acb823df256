import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset, type CompiledRuleset, type Ruleset } from '../../engine/index';
import { describeRowIssue, type ApplicantRow } from '../../server/io/applicant-row';
import { readApplicants } from '../../server/io/read-applicants';
import { UserError } from '../../server/io/user-error';
import { MINI, tempDir } from './support/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
let compiled: CompiledRuleset;
beforeAll(async () => {
  dir = await tempDir();
  compiled = compileRuleset(JSON.parse(readFileSync(MINI, 'utf8')) as Ruleset);
});
afterAll(() => dir.remove());

async function read(file: string) {
  const rows: ApplicantRow[] = [];
  const notices: string[] = [];
  for await (const row of readApplicants(file, compiled, { notice: (m) => notices.push(m.zh) })) rows.push(row);
  return { rows, notices, messages: rows.flatMap((r) => r.issues.map((i) => describeRowIssue(r, i, 'zh'))) };
}

async function readError(file: string): Promise<string> {
  try {
    await read(file);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).text.zh;
  }
  throw new Error('expected the read to fail');
}

const HEADER = '编号,最高学历,现职称取得时间,工作单位层级,基层工作年限';

describe('json', () => {
  it('reads an array of records, numbering them from 1', async () => {
    const file = dir.file('a.json');
    await writeFile(
      file,
      JSON.stringify([
        { id: 'A1', degree: 'bachelor', titleDate: '2018-03-01', postLevel: 'township', grassrootsYears: 12 },
        { id: 'A2', degree: 'phd', titleDate: '2018-03-01', postLevel: 'township', grassrootsYears: 1 },
      ]),
    );
    const { rows, messages } = await read(file);
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(rows[0]!.record).toMatchObject({ id: 'A1', grassrootsYears: 12 });
    expect(rows[1]!.record).toBeUndefined();
    expect(messages).toEqual([expect.stringMatching(/^第 2 条记录（编号 A2），「最高学历」的值 "phd" 不在可选范围内/)]);
  });

  it('reads one object as one record', async () => {
    const file = dir.file('one.json');
    await writeFile(file, JSON.stringify({ id: 'A1', degree: 'master', titleDate: '2018-03-01', postLevel: 'county', grassrootsYears: 0 }));
    const { rows } = await read(file);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.record?.degree).toBe('master');
  });

  it.each([
    ['a missing comma', '[\n  {"id": "A1"}\n  {"id": "A2"}\n]', '第 3 行第 3 列'],
    ['an unquoted word (V8 gives no position)', '[\n  {"id": A1}\n]', '第 2 行第 10 列'],
  ])('malformed JSON: %s → line and column', async (_name, text, where) => {
    const file = dir.file('bad.json');
    await writeFile(file, text);
    expect(await readError(file)).toContain(`JSON 格式错误：${where}`);
  });

  it('an empty array has no applicants', async () => {
    const file = dir.file('empty-array.json');
    await writeFile(file, '[]');
    expect(await readError(file)).toContain('没有申报人数据');
  });
});

describe('csv', () => {
  it('UTF-8 with BOM: rows as Excel numbers them, labels and dates normalised, blank lines counted', async () => {
    const file = dir.file('a.csv');
    await writeFile(file, `\uFEFF${HEADER}\r\nA1,大学本科,2018/3/1,乡镇,12\r\n\r\nA2,硕士研究生,2019年3月1日,县(市),３\r\n`);
    const { rows, notices } = await read(file);
    expect(notices).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    // Canonical form: the optional lists the file has no column for are [].
    expect(rows[0]!.record).toEqual({ id: 'A1', degree: 'bachelor', titleDate: '2018-03-01', postLevel: 'township', grassrootsYears: 12, papers: [], disciplines: [] });
    expect(rows[1]!.record).toMatchObject({ degree: 'master', titleDate: '2019-03-01', grassrootsYears: 3 });
  });

  it('GBK (Excel on Chinese Windows) is detected, converted and said so', async () => {
    const file = dir.file('gbk.csv');
    await writeFile(file, iconv.encode(`${HEADER}\r\nA1,大学本科,2018/3/1,乡镇,12\r\nA2,大专,2019/3/1,州直,五年\r\n`, 'gbk'));
    const { rows, notices, messages } = await read(file);
    expect(notices).toEqual([expect.stringContaining('检测到 GBK/GB18030 编码，已自动转换')]);
    expect(rows[0]!.record).toMatchObject({ degree: 'bachelor', postLevel: 'township' });
    expect(messages).toEqual(['第 3 行（编号 A2），「基层工作年限」：应为整数，实际为 "五年"']);
  });

  it('a missing required column stops the file, naming the column', async () => {
    const file = dir.file('missing.csv');
    await writeFile(file, '编号,最高学历,现职称取得时间,工作单位层级\nA1,大学本科,2018-01-01,乡镇\n');
    expect(await readError(file)).toContain('「基层工作年限」列缺失');
  });

  it("missingColumns 'rows': the file is read and each row refused for the missing value (impact analysis)", async () => {
    const file = dir.file('missing-rows.csv');
    await writeFile(file, '编号,最高学历,现职称取得时间,工作单位层级\nA1,大学本科,2018-01-01,乡镇\nA2,大专,2019-01-01,乡镇\n');
    const rows: ApplicantRow[] = [];
    for await (const row of readApplicants(file, compiled, { missingColumns: 'rows' })) rows.push(row);
    expect(rows.map((r) => [r.row, r.id, r.record, r.issues.map((i) => [i.field, i.message.zh])])).toEqual([
      [2, 'A1', undefined, [['grassrootsYears', '缺少必填字段「基层工作年限」']]],
      [3, 'A2', undefined, [['grassrootsYears', '缺少必填字段「基层工作年限」']]],
    ]);
  });

  it('unknown columns are reported, derived facts explained', async () => {
    const file = dir.file('extra.csv');
    await writeFile(file, `${HEADER},备注,任现职年限\nA1,大学本科,2018-01-01,乡镇,3,x,6\n`);
    const { notices } = await read(file);
    expect(notices).toEqual([expect.stringMatching(/「备注」、「任现职年限」（派生事实/)]);
  });

  it('an unknown option lists the allowed labels', async () => {
    const file = dir.file('enum.csv');
    await writeFile(file, `${HEADER}\nA1,本科,2018-01-01,乡镇,3\n`);
    const { messages } = await read(file);
    expect(messages).toEqual(['第 2 行（编号 A1），「最高学历」：无法识别 "本科"，可选：博士研究生、硕士研究生、大学本科、大专']);
  });

  it('an empty required cell is reported by the record validation', async () => {
    const file = dir.file('blank.csv');
    await writeFile(file, `${HEADER}\nA1,,2018-01-01,乡镇,3\n`);
    const { messages } = await read(file);
    expect(messages).toEqual(['第 2 行（编号 A1），缺少必填字段「最高学历」']);
  });

  it('a repeated id is an error on the later row', async () => {
    const file = dir.file('dup.csv');
    await writeFile(file, `${HEADER}\nA1,大专,2018-01-01,乡镇,3\nA1,大专,2018-01-01,乡镇,4\n`);
    const { messages } = await read(file);
    expect(messages).toEqual(['第 3 行（编号 A1），编号 A1 与第 2 行重复']);
  });

  it.each([
    ['0 bytes', '', '文件为空'],
    ['a header only', `${HEADER}\n`, '没有申报人数据'],
  ])('%s', async (_name, content, message) => {
    const file = dir.file('empty.csv');
    await writeFile(file, content);
    expect(await readError(file)).toContain(message);
  });
});

describe('xlsx', () => {
  async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    const file = dir.file(`w${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  it('reads date cells and attaches the records of a side sheet named after the list', async () => {
    const file = await workbook((wb) => {
      const main = wb.addWorksheet('申报人');
      main.addRow(HEADER.split(','));
      main.addRow(['A1', '大学本科', new Date(Date.UTC(2018, 2, 1)), '乡镇', 12]);
      main.addRow(['A2', '硕士研究生', '2019/3/1', '县(市)', 3]);
      main.getCell('C2').numFmt = 'yyyy"年"m"月"d"日"';
      const papers = wb.addWorksheet('论文');
      papers.addRow(['编号', '发表年份', '核心期刊']);
      papers.addRow(['A1', 2020, '是']);
      papers.addRow(['A1', 2021, '否']);
      wb.addWorksheet('填表说明').addRow(['请按模板填写']);
    });
    const { rows, notices } = await read(file);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(rows[0]!.record).toEqual({
      id: 'A1',
      degree: 'bachelor',
      titleDate: '2018-03-01',
      postLevel: 'township',
      grassrootsYears: 12,
      papers: [
        { year: 2020, core: true },
        { year: 2021, core: false },
      ],
      disciplines: [],
    });
    expect(rows[1]!.record?.papers).toEqual([]);
    expect(notices).toEqual([expect.stringContaining('「填表说明」')]);
  });

  it("a bad side-sheet cell names that sheet's row; a record for nobody is reported", async () => {
    const file = await workbook((wb) => {
      const main = wb.addWorksheet('申报人');
      main.addRow(HEADER.split(','));
      main.addRow(['A1', '大学本科', '2018-03-01', '乡镇', 12]);
      const papers = wb.addWorksheet('论文');
      papers.addRow(['编号', '发表年份', '核心期刊']);
      papers.addRow(['A1', '二〇二〇', '是']);
      papers.addRow(['A9', 2021, '否']);
    });
    const { rows, messages } = await read(file);
    expect(rows[0]!.record).toBeUndefined();
    expect(messages).toEqual([
      '工作表「论文」第 2 行（编号 A1），「发表年份」：应为整数，实际为 "二〇二〇"',
      '工作表「论文」第 3 行（编号 A9），编号 A9 在申报人工作表中不存在，这条「论文」记录无处归属',
    ]);
  });

  it('a missing column in the applicant sheet stops the file', async () => {
    const file = await workbook((wb) => {
      const main = wb.addWorksheet('Sheet1');
      main.addRow(['编号', '最高学历', '现职称取得时间', '工作单位层级']);
      main.addRow(['A1', '大学本科', '2018-03-01', '乡镇']);
    });
    expect(await readError(file)).toContain('「基层工作年限」列缺失');
  });
});

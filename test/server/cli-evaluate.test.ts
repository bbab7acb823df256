// `pingshen evaluate`, `explain` and `diff`, run as a user runs them, on real files.
import { readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset, type EvaluationResult, type Ruleset } from '../../engine/index';
import { evaluateFile } from '../../server/io/evaluate-file';
import { MINI, ROOT, runCli, STACK, tempDir } from './support/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

const AS_OF = '2025-01-01';
const HEADER = '编号,最高学历,现职称取得时间,工作单位层级,基层工作年限,论文';
const APPLICANTS = [
  { id: 'A003', degree: 'bachelor', titleDate: '2018-03-01', postLevel: 'township', grassrootsYears: 12, papers: [{ year: 2020, core: true }] },
  { id: 'A001', degree: 'master', titleDate: '2022-03-01', postLevel: 'county', grassrootsYears: 3, papers: [] },
  {
    id: 'A002',
    degree: 'doctorate',
    titleDate: '2020-06-30',
    postLevel: 'township',
    grassrootsYears: 26,
    papers: [
      { year: 2021, core: true },
      { year: 2022, core: true },
      { year: 2023, core: true },
      { year: 2024, core: true },
    ],
    disciplines: [{ kind: 'warning', date: '2024-10-01' }],
  },
];

let written: Promise<string> | undefined;
/** Written once: the tests run concurrently and must not see the file half-written. */
function applicantsJson(): Promise<string> {
  written ??= (async () => {
    const file = dir.file('applicants.json');
    await writeFile(file, JSON.stringify(APPLICANTS, null, 2));
    return file;
  })();
  return written;
}

function expectCleanFailure(run: { code: number; stderr: string }, code = 1) {
  expect(run.code).toBe(code);
  expect(run.stderr).not.toMatch(STACK);
}

// Each test spawns its own CLI process; they are independent, so they run side by side.
describe.concurrent('evaluate', () => {
  it('without --out: a JSON array on stdout, one full result per applicant, in input order', async () => {
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', await applicantsJson(), '--as-of', AS_OF]);
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as EvaluationResult[];
    expect(results.map((r) => r.applicantId)).toEqual(['A003', 'A001', 'A002']);
    expect(results.map((r) => r.score)).toEqual([23, 12, 40]);
    expect(results[2]!.vetoed).toBe(true);
    expect(results[0]!.trace).toBe('full');
    expect(run.stderr).toContain('已评审 3 人');
  });

  it('--engine reference gives the same scores and verdicts as the compiled evaluator', async () => {
    const file = await applicantsJson();
    const [compiled, reference] = await Promise.all([
      runCli(['evaluate', '--ruleset', MINI, '--applicants', file, '--as-of', AS_OF]),
      runCli(['evaluate', '--ruleset', MINI, '--applicants', file, '--as-of', AS_OF, '--engine', 'reference']),
    ]);
    const a = JSON.parse(compiled.stdout) as EvaluationResult[];
    const b = JSON.parse(reference.stdout) as EvaluationResult[];
    expect(b.map((r) => r.engine.evaluator)).toEqual(['reference', 'reference', 'reference']);
    const outcome = (r: EvaluationResult) => [r.applicantId, r.score, r.eligible, r.vetoed, r.passed, r.items.map((i) => i.points)];
    expect(b.map(outcome)).toEqual(a.map(outcome));
  });

  it('--out .csv: a UTF-8 (BOM) summary table with Chinese headers, one row per applicant', async () => {
    const out = dir.file('results.csv');
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', await applicantsJson(), '--as-of', AS_OF, '--out', out]);
    expect(run.code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('编号,资格条件,一票否决,总分,结论,学历,论文,基层倾斜加分,未满足条件,触发否决项,差距提示,规则集,规则集哈希,输入哈希,评审基准日');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^A001,不符合,否,12,未通过,12,0,0,学历与任职年限,,任现职年限 2 年，需 ≥ 5 年，还差 3 年；总分 12 分，需 ≥ 20 分，还差 8 分,mini@1,sha256:/);
    expect(lines[3]).toMatch(/^A002,符合,是,40,未通过,15,15,10,,处分影响期内,/);
  });

  it('--out .xlsx: read back with exceljs, headers and scores as numbers', async () => {
    const out = dir.file('results.xlsx');
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', await applicantsJson(), '--as-of', AS_OF, '--out', out, '--lang', 'en']);
    expect(run.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('Results');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['ID', 'Eligibility', 'Vetoed', 'Score', 'Outcome']);
    expect(sheet.getRow(2).getCell(1).value).toBe('A003');
    expect(sheet.getRow(2).getCell(4).value).toBe(23);
    expect(sheet.rowCount).toBe(4);
  });

  it('xlsx in (a date cell, a side sheet of papers) → csv out', async () => {
    const wb = new ExcelJS.Workbook();
    const main = wb.addWorksheet('申报人');
    main.addRow(HEADER.split(',').slice(0, 5));
    main.addRow(['A1', '大学本科', new Date(Date.UTC(2018, 2, 1)), '乡镇', 12]);
    main.getCell('C2').numFmt = 'yyyy-mm-dd';
    const papers = wb.addWorksheet('论文');
    papers.addRow(['编号', '发表年份', '核心期刊']);
    papers.addRow(['A1', 2020, '是']);
    papers.addRow(['A1', 2021, '是']);
    const input = dir.file('in.xlsx');
    await wb.xlsx.writeFile(input);
    const out = dir.file('from-xlsx.csv');
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input, '--as-of', AS_OF, '--out', out]);
    expect(run.code).toBe(0);
    const [, row] = (await readFile(out, 'utf8')).trim().split('\r\n');
    // 学历 10, 论文 2×4 + 5 = 13, 乡镇 12 年 → 4: 27
    expect(row).toMatch(/^A1,符合,否,27,通过,10,13,4,/);
  });

  it('xlsx with an unknown option and an impossible date: each bad row named, exit 1, nothing written', async () => {
    const wb = new ExcelJS.Workbook();
    const main = wb.addWorksheet('申报人');
    main.addRow(HEADER.split(',').slice(0, 5));
    main.addRow(['A1', '大学本科', '2018-03-01', '乡镇', 12]);
    main.addRow(['A2', '研究生', '2018-03-01', '乡镇', 12]);
    main.addRow(['A3', '大专', '2019-02-30', '州直', 1]);
    const input = dir.file('bad-rows.xlsx');
    await wb.xlsx.writeFile(input);
    const out = dir.file('bad-rows-results.xlsx');
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input, '--as-of', AS_OF, '--out', out]);
    expectCleanFailure(run);
    expect(run.stderr).toContain('第 3 行（编号 A2），「最高学历」：无法识别 "研究生"，可选：博士研究生、硕士研究生、大学本科、大专');
    expect(run.stderr).toContain('第 4 行（编号 A3），「现职称取得时间」：应为日期（如 2024-01-05），实际为 "2019-02-30"');
    expect(run.stderr).toContain('2 行数据有误，未进行评审');
    await expect(readFile(out)).rejects.toThrow();
  });

  it('a GBK csv (as Excel exports it) works; --as-of defaults to today, said on stderr', async () => {
    const input = dir.file('gbk.csv');
    await writeFile(input, iconv.encode(`${HEADER}\r\nA1,大学本科,2018/3/1,乡镇,12,[]\r\nA2,大专,2019/3/1,县(市),4,\r\n`, 'gbk'));
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/未指定 --as-of，按今天（\d{4}-\d{2}-\d{2}）评审/);
    expect(run.stderr).toContain('检测到 GBK/GB18030 编码，已自动转换');
    expect((JSON.parse(run.stdout) as EvaluationResult[]).map((r) => r.applicantId)).toEqual(['A1', 'A2']);
  });

  it('a GBK csv with a bad row: the row, the column and the value; nothing evaluated', async () => {
    const input = dir.file('gbk-bad.csv');
    const out = dir.file('gbk-bad-results.csv');
    await writeFile(input, iconv.encode(`${HEADER}\r\nA1,大学本科,2018/3/1,乡镇,12,\r\nA2,大专,2019/3/1,县(市),五年,\r\n`, 'gbk'));
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input, '--as-of', AS_OF, '--out', out]);
    expectCleanFailure(run);
    expect(run.stderr).toContain('第 3 行（编号 A2），「基层工作年限」：应为整数，实际为 "五年"');
    expect(run.stderr).toContain('1 行数据有误，未进行评审');
    await expect(readFile(out)).rejects.toThrow();
  });

  it('--skip-invalid evaluates the valid rows and lists the skipped ones', async () => {
    const input = dir.file('mixed.csv');
    await writeFile(input, `${HEADER}\nA1,大学本科,2018/3/1,乡镇,12,\nA2,本科,2019/3/1,县(市),4,\nA3,大专,2019/3/1,县(市),4,\n`);
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input, '--as-of', AS_OF, '--skip-invalid']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('第 3 行（编号 A2），「最高学历」：无法识别 "本科"，可选：博士研究生、硕士研究生、大学本科、大专');
    expect(run.stderr).toContain('已跳过以上 1 行有误的数据');
    expect((JSON.parse(run.stdout) as EvaluationResult[]).map((r) => r.applicantId)).toEqual(['A1', 'A3']);
  });

  it.each([
    ['a missing column', `编号,最高学历,现职称取得时间,工作单位层级\nA1,大学本科,2018/3/1,乡镇\n`, '「基层工作年限」列缺失'],
    ['an empty file', '', '文件为空'],
    ['a header without rows', `${HEADER}\n`, '没有申报人数据'],
  ])('%s: one line on stderr, exit 1', async (name, content, message) => {
    const input = dir.file(`${name.replace(/ /g, '-')}.csv`);
    await writeFile(input, content);
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input, '--as-of', AS_OF]);
    expectCleanFailure(run);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('malformed applicant JSON: line and column', async () => {
    const input = dir.file('broken.json');
    await writeFile(input, '[\n  {"id": "A1", "degree": "master",}\n]');
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input, '--as-of', AS_OF]);
    expectCleanFailure(run);
    expect(run.stderr).toContain('JSON 格式错误：第 2 行第 35 列');
  });

  it('English messages with --lang en', async () => {
    const input = dir.file('bad-en.csv');
    await writeFile(input, `${HEADER}\nA1,大学本科,2018/3/1,乡镇,five,\n`);
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input, '--as-of', AS_OF, '--lang', 'en']);
    expectCleanFailure(run);
    expect(run.stderr).toContain('Row 2 (ID A1): "基层工作年限": must be an integer, got "five"');
    expect(run.stderr).toContain('Error: 1 invalid row(s); nothing was evaluated');
  });

  it.each([
    [['--ruleset', MINI], '缺少 --applicants'],
    [['--ruleset', MINI, '--applicants', 'x.json', '--as-of', '2025-02-30'], '--as-of 应为 YYYY-MM-DD 格式的有效日期'],
    [['--ruleset', MINI, '--applicants', 'x.json', '--as-of', AS_OF, '--engine', 'fast'], '--engine 只能是 compiled、reference'],
    [['--rulesets', MINI], '未知选项 --rulesets'],
  ])('usage error %j: exit 2', async (args, message) => {
    const run = await runCli(['evaluate', ...args]);
    expectCleanFailure(run, 2);
    expect(run.stderr).toContain(message);
  });

  it('many applicants (worker threads): every result, in input order, as the engine computes them', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 6000; i++) lines.push(`B${i},${['大学本科', '硕士研究生', '博士研究生', '大专'][i % 4]},2018-03-0${1 + (i % 9)},乡镇,${i % 30},`);
    const input = dir.file('many.csv');
    await writeFile(input, lines.join('\n'));
    const out = dir.file('many-results.csv');
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', input, '--as-of', AS_OF, '--out', out]);
    expect(run.code).toBe(0);
    const rows = (await readFile(out, 'utf8')).trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(6000);
    expect(rows.map((r) => r.split(',')[0])).toEqual(Array.from({ length: 6000 }, (_, i) => `B${i}`));
    // B5: 硕士研究生 (12), no papers, 5 years in the township band → 2 bonus.
    expect(rows[5]).toMatch(/^B5,符合,否,14,未通过,12,0,2,/);
    // Byte for byte what a single-threaded two-pass run in this process writes.
    const inline = dir.file('many-inline.csv');
    const compiled = compileRuleset(JSON.parse(await readFile(MINI, 'utf8')) as Ruleset);
    await evaluateFile({ compiled, applicants: input, out: inline, asOf: AS_OF, workers: 0, csvChunks: false, log: () => {} });
    expect(await readFile(out, 'utf8')).toBe(await readFile(inline, 'utf8'));
  });
});

// A list in `in` that an applicant may leave out: json-rules-engine throws on it. Lint
// refuses such a ruleset; evaluated anyway (lint bypassed), each evaluator reports the
// applicant as a row it could not evaluate and goes on with the others.
describe('conditions whose list may be absent', () => {
  const OPTIONAL_LISTS = join(ROOT, 'test/fixtures/optional-lists.json');
  const unit = { name: '县医院', acceptedDegrees: ['master', 'doctorate'] };
  const given = { requiredDegrees: ['master'], acceptedDegrees: ['master'], honours: ['model-worker'], age: 40 };
  const people = [
    { id: 'A1', degree: 'master', ...given, unit },
    { id: 'A2', degree: 'master', ...given },
    { id: 'A3', degree: 'doctorate', ...given, unit },
  ];

  it('the CLI refuses the ruleset before evaluating anyone, with the lint issue and where it is (no internal error)', async () => {
    const input = dir.file('optional-lists-applicants.json');
    await writeFile(input, JSON.stringify(people));
    const run = await runCli(['evaluate', '--ruleset', OPTIONAL_LISTS, '--applicants', input, '--as-of', AS_OF, '--engine', 'reference']);
    expectCleanFailure(run);
    expect(run.stderr).toContain('/criteria/0/conditions/all/1/value/fact: 错误 [OPTIONAL_LIST] 运算符 in 把「认可学历」（acceptedDegrees）当作列表，但它不是必填项');
    expect(run.stderr).not.toContain('内部错误');
    expect(run.stdout).toBe('');
  });

  it.each([['compiled'], ['reference']] as const)('%s evaluator: the row is listed with the applicant, the criterion and the condition; the others are evaluated', async (evaluator) => {
    const input = dir.file(`optional-lists-${evaluator}.json`);
    await writeFile(input, JSON.stringify(people));
    const compiled = compileRuleset(JSON.parse(await readFile(OPTIONAL_LISTS, 'utf8')) as Ruleset);
    const lines: string[] = [];
    let out = '';
    const stdout = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const summary = await evaluateFile({ compiled, applicants: input, asOf: AS_OF, evaluator, stdout, log: (line) => lines.push(line) });
    expect(summary).toMatchObject({ count: 2, skipped: 0, failed: 1 });
    expect(lines).toEqual([
      expect.stringMatching(
        /^第 2 条记录（编号 A2），申报人 A2：评审条件「单位认可该学历」（unitAccepts）的条件 \/criteria\/3\/conditions 无法判定：运算符 in 要求「工作单位」（unit \$\.acceptedDegrees）是列表，申报人未填写。该申报人未评审/,
      ),
    ]);
    const results = JSON.parse(out) as EvaluationResult[];
    expect(results.map((r) => [r.applicantId, r.engine.evaluator])).toEqual([
      ['A1', evaluator],
      ['A3', evaluator],
    ]);
  });
});

describe.concurrent('explain', () => {
  it('prints the whole result in Chinese, with the criterion titles', async () => {
    const run = await runCli(['explain', '--ruleset', MINI, '--applicant', await applicantsJson(), '--id', 'A001', '--as-of', AS_OF]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('申报人 A001，评审基准日 2025-01-01');
    expect(run.stdout).toContain('✗ 学历与任职年限');
    expect(run.stdout).toContain('处分影响期内');
    expect(run.stdout).toContain('任现职年限 2 年，需 ≥ 5 年，还差 3 年');
    expect(run.stdout).not.toContain('申报人 A003');
  });

  it('without --id, explains each applicant in the file', async () => {
    const run = await runCli(['explain', '--ruleset', MINI, '--applicant', await applicantsJson(), '--as-of', AS_OF, '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^Applicant /gm)).toHaveLength(3);
  });

  it('an unknown --id is an error', async () => {
    const run = await runCli(['explain', '--ruleset', MINI, '--applicant', await applicantsJson(), '--id', 'Z9', '--as-of', AS_OF]);
    expectCleanFailure(run);
    expect(run.stderr).toContain('没有编号为 Z9 的申报人');
  });
});

describe('diff', () => {
  it('prints a changed threshold as one readable line, exit 0', async () => {
    const mini = JSON.parse(await readFile(MINI, 'utf8'));
    mini.version = 2;
    mini.criteria[0].conditions.any[1].all[1].value = 4;
    mini.scoring.categories[0].cap = 12;
    mini.scoring.categories[1].items.push({ id: 'awards', title: { zh: '获奖' }, basis: [{ doc: 'bz2024-1' }], type: 'perUnit', fact: 'corePapers', pointsEach: 2, cap: 6 });
    const v2 = dir.file('mini-v2.json');
    await writeFile(v2, JSON.stringify(mini));
    const run = await runCli(['diff', MINI, v2]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mini@1 → mini@2');
    expect(run.stdout).toContain('~ 资格条件「学历与任职年限」：任现职年限 不少于 5 年 → 不少于 4 年');
    expect(run.stdout).toContain('~ 计分类别「学历」上限：15 → 12 分');
    // An added item carries its rule in words on the same line.
    expect(run.stdout).toContain('+ 新增计分项「获奖」：计入「论文」，核心期刊论文数 每篇 2 分，最高 6 分\n');
  });
});

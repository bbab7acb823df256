// `pingshen evaluate` on files built to exhaust a reader (issue 12, "limits"): the
// command line has no row or cell limit, but every other check of the server's —
// with the same message, one line naming the file and the limit, exit 1, no stack.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI, runCli, STACK, tempDir } from './support/run-cli';
import { deflateRepeated, sheetRow, SST_CLOSE, SST_OPEN, worksheetXml, xlsxBytes } from './support/xlsx-zip';

let dir: Awaited<ReturnType<typeof tempDir>>;
let bomb: string;
let liar: string;
let wide: string;
let deep: string;
beforeAll(async () => {
  dir = await tempDir();
  // 7.2 million shared strings "a": 122 MB of XML in about 300 KB.
  const part = await deflateRepeated(SST_OPEN, '<si><t>a</t></si>', 7_200_000, SST_CLOSE);
  const sheet = worksheetXml(sheetRow(1, ['编号', '最高学历']) + sheetRow(2, ['A1', '大学本科']));
  bomb = dir.file('bomb.xlsx');
  await writeFile(bomb, xlsxBytes({ sheet, sharedStrings: part }));
  liar = dir.file('liar.xlsx');
  await writeFile(liar, xlsxBytes({ sheet, sharedStrings: part, declared: { 'xl/sharedStrings.xml': 1000 } }));
  wide = dir.file('wide.csv');
  await writeFile(wide, `编号,最高学历,现职称取得时间,工作单位层级,基层工作年限${',x'.repeat(1_000_000 - 5)}\nA1,大学本科,2018-03-01,乡镇,12\n`);
  // A list cell whose record holds a field nested 100,000 deep (written by hand: JSON.stringify overflows first).
  const nested = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
  deep = dir.file('deep.csv');
  await writeFile(deep, `编号,最高学历,现职称取得时间,工作单位层级,基层工作年限,论文\nA1,大学本科,2018-03-01,乡镇,12,"[{""year"":2020,""core"":true,""note"":${nested}}]"\nA2,大学本科,2018-03-01,乡镇,12,[]\n`);
});
afterAll(() => dir.remove());

const AS_OF = '2025-01-01';

/** One line on stderr, nothing on stdout, exit 1, no stack trace. */
function expectOneLine(run: { code: number; stdout: string; stderr: string }): string {
  expect(run.code).toBe(1);
  expect(run.stderr).not.toMatch(STACK);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe.concurrent('evaluate on a file beyond a limit', () => {
  it('an .xlsx zip bomb: one line naming the file, the part and the ratio limit', async () => {
    const line = expectOneLine(await runCli(['evaluate', '--ruleset', MINI, '--applicants', bomb, '--as-of', AS_OF, '--lang', 'en']));
    expect(line).toMatch(/^Error: .*bomb\.xlsx: xl\/sharedStrings\.xml in the zip has a compression ratio of \d+:1 \(\d+(\.\d)? KiB expanding to 116\.7 MiB\), over the limit of 100:1$/);
  });

  it('the same in Chinese, writing to a file: nothing written', async () => {
    const out = dir.file('out.csv');
    const line = expectOneLine(await runCli(['evaluate', '--ruleset', MINI, '--applicants', bomb, '--as-of', AS_OF, '--out', out]));
    expect(line).toMatch(/^错误：.*bomb\.xlsx：压缩包中的 xl\/sharedStrings\.xml 压缩比为 \d+:1（.*），超过 100:1 的上限$/);
    expect(existsSync(out)).toBe(false);
  });

  it('a part lying about its expanded size: one line, not an uncaught stream error', async () => {
    const line = expectOneLine(await runCli(['evaluate', '--ruleset', MINI, '--applicants', liar, '--as-of', AS_OF, '--lang', 'en']));
    expect(line).toMatch(/^Error: .*liar\.xlsx: xl\/sharedStrings\.xml in the zip declares 1000 bytes expanded but expands to more \(the file is damaged or was altered\)$/);
  });

  it.each([
    ['to stdout', []],
    ['to a CSV file (read in chunks)', ['--out', 'wide-out.csv']],
  ])('a 1,000,000-column CSV %s: one line naming the row, the columns and the limit', async (_, extra) => {
    const args = extra.length > 0 ? [extra[0]!, dir.file(extra[1]!)] : [];
    const line = expectOneLine(await runCli(['evaluate', '--ruleset', MINI, '--applicants', wide, '--as-of', AS_OF, '--lang', 'en', ...args]));
    expect(line).toMatch(/^Error: .*wide\.csv: row 1 has 1000000 columns, over the limit of 500$/);
  });

  it('a CSV row nested 100,000 deep, read in chunks: an invalid row naming its row and pointer, nothing evaluated', async () => {
    const out = dir.file('deep-out.csv');
    const run = await runCli(['evaluate', '--ruleset', MINI, '--applicants', deep, '--as-of', AS_OF, '--lang', 'en', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stderr).toContain(`Row 2 (ID A1): The applicant record is nested deeper than the limit of 32 levels, at /papers/0/note${'/0'.repeat(29)}\n`);
    expect(existsSync(out)).toBe(false);
  });
});

// Files for demonstrating error reports, kept apart in rules/samples/errors/: each
// is a realistic mistake an official makes when filling in the applicant table.
// Their rows come from the generator, so everything except the planted mistake is valid.
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import type { FactDef } from '../../engine/index';
import { generatePopulation } from './generate';
import type { Prepared } from './rulesets';
import { csvRows, mainRows, type Cell } from './tabular';
import { applicantsJson, applicantsXlsx } from './write-files';

export const ERRORS_DIR = 'rules/samples/errors';

export interface ErrorDemo {
  file: string;
  rulesetId: string;
  data: string | Buffer;
  /** What the file holds and what a user should see, for the README. */
  what: { zh: string; en: string };
  expect: { zh: string; en: string };
}

function column(facts: FactDef[], id: string): { index: number; label: string } {
  const index = facts.findIndex((f) => f.id === id);
  if (index < 0) throw new Error(`error demos: fact ${id} not in the catalogue`);
  return { index, label: facts[index]!.label.zh };
}

function csv(rows: Cell[][]): string {
  return stringify(rows, { record_delimiter: 'windows' });
}

const DEMO_SEED = 7;

export async function errorDemos(teacher: Prepared, health: Prepared): Promise<ErrorDemo[]> {
  const demos: ErrorDemo[] = [];

  // 1. GBK CSV (what Excel on Chinese Windows saves), one number typed as words.
  {
    const facts = teacher.resolved.facts;
    const applicants = generatePopulation(teacher, { seed: DEMO_SEED, count: 6 });
    const rows = csvRows(facts, applicants);
    const years = column(facts, 'grassrootsYears');
    rows[3]![years.index] = '十二年';
    demos.push({
      file: 'gbk-text-in-number.csv',
      rulesetId: teacher.resolved.id,
      data: iconv.encode(csv(rows), 'gbk'),
      what: {
        zh: `GBK 编码的 CSV（中文 Windows 上 Excel“另存为 CSV”的默认编码），6 名申报人；第 4 行（编号 ${String(applicants[2]!.id)}）的「${years.label}」填成了文字“十二年”`,
        en: `GBK-encoded CSV (Excel's default on Chinese Windows), 6 applicants; row 4 (ID ${String(applicants[2]!.id)}) has "十二年" (words) in the number column "${years.label}"`,
      },
      expect: {
        zh: `提示“检测到 GBK/GB18030 编码，已自动转换”；第 4 行报错：「${years.label}」应为整数，实际为 "十二年"；整批不评审，加 \`--skip-invalid\` 则只评审其余 5 行`,
        en: `A notice that GBK/GB18030 was detected and converted; row 4: "${years.label}" must be an integer, got "十二年"; the batch is not evaluated unless \`--skip-invalid\` is given, which evaluates the other 5 rows`,
      },
    });
  }

  // 2. XLSX with an option that does not exist and an impossible date, in two rows.
  {
    const facts = health.resolved.facts;
    const applicants = generatePopulation(health, { seed: DEMO_SEED, count: 8 });
    const rows = mainRows(facts, applicants);
    const degree = column(facts.filter((f) => f.type !== 'array'), 'degree');
    const date = column(facts.filter((f) => f.type !== 'array'), 'currentTitleDate');
    rows[2]![degree.index] = '研究生';
    rows[5]![date.index] = '2019-02-30';
    demos.push({
      file: 'xlsx-bad-option-and-date.xlsx',
      rulesetId: health.resolved.id,
      data: await applicantsXlsx(facts, applicants, { mainRows: rows }),
      what: {
        zh: `8 名申报人的 Excel 表；第 3 行（编号 ${String(applicants[1]!.id)}）「${degree.label}」填“研究生”（不是可选项）；第 6 行（编号 ${String(applicants[4]!.id)}）「${date.label}」填了不存在的日期 2019-02-30`,
        en: `Excel file with 8 applicants; row 3 (ID ${String(applicants[1]!.id)}) has "研究生", not an option, in "${degree.label}"; row 6 (ID ${String(applicants[4]!.id)}) has the impossible date 2019-02-30 in "${date.label}"`,
      },
      expect: {
        zh: `第 3 行：「${degree.label}」无法识别 "研究生"，并列出可选项（博士研究生、硕士研究生、大学本科……）；第 6 行：「${date.label}」应为日期（如 2024-01-05），实际为 "2019-02-30"；整批不评审，加 \`--skip-invalid\` 则只评审其余 6 行`,
        en: `Row 3: "研究生" is not an option of "${degree.label}", with the allowed options listed; row 6: "${date.label}" must be a date (e.g. 2024-01-05), got "2019-02-30"; the batch is not evaluated unless \`--skip-invalid\` is given`,
      },
    });
  }

  // 3. CSV without a required column.
  {
    const facts = teacher.resolved.facts;
    const applicants = generatePopulation(teacher, { seed: DEMO_SEED + 1, count: 5 });
    const dropped = column(facts, 'degree');
    const rows = csvRows(facts, applicants).map((r) => r.filter((_, i) => i !== dropped.index));
    demos.push({
      file: 'missing-required-column.csv',
      rulesetId: teacher.resolved.id,
      data: '\uFEFF' + csv(rows),
      what: {
        zh: `UTF-8 CSV，5 名申报人，缺少必填列「${dropped.label}」`,
        en: `UTF-8 CSV with 5 applicants, without the required column "${dropped.label}"`,
      },
      expect: {
        zh: `整个文件不评审，报错：「${dropped.label}」列缺失`,
        en: `The whole file is refused: column "${dropped.label}" is missing`,
      },
    });
  }

  // 4. An empty file.
  demos.push({
    file: 'empty.csv',
    rulesetId: teacher.resolved.id,
    data: '',
    what: { zh: '空文件（0 字节）', en: 'An empty file (0 bytes)' },
    expect: { zh: '报错：文件为空', en: 'Error: the file is empty' },
  });

  // 5. JSON cut short: the closing bracket is missing.
  {
    const applicants = generatePopulation(health, { seed: DEMO_SEED + 2, count: 3 });
    const text = applicantsJson(applicants).trimEnd().replace(/\]$/, '');
    const lines = text.split('\n').length;
    demos.push({
      file: 'malformed.json',
      rulesetId: health.resolved.id,
      data: text + '\n',
      what: {
        zh: `3 名申报人的 JSON，结尾缺少“]”（复制时截断）`,
        en: `JSON with 3 applicants whose closing "]" is missing (cut off when copied)`,
      },
      expect: {
        zh: `报错：JSON 格式错误，指出出错位置（第 ${lines + 1} 行第 1 列），不评审任何申报人`,
        en: `Error: malformed JSON, with the position (line ${lines + 1}, column 1); no applicant is evaluated`,
      },
    });
  }
  return demos;
}

export function errorsReadme(demos: ErrorDemo[]): string {
  const lines = [
    '# 错误演示文件 / Error demo files',
    '',
    '本目录的文件专门用于演示错误提示，每个文件只含一种常见填报错误，其余内容均有效。',
    '请勿把它们当作正常样例。由 `npm run samples -- errors`（或 `--all`）生成，请勿手工修改。',
    '',
    'Each file here holds one mistake officials commonly make; everything else in it is valid.',
    'They are for demonstrating error reports, not samples. Generated by `npm run samples -- errors` (or `--all`); do not edit by hand.',
    '',
    '示例 / Example: `npm run pingshen -- evaluate --ruleset rules/education/teacher-deputy-senior/v1.json --applicants rules/samples/errors/gbk-text-in-number.csv --as-of 2024-09-30`',
    '（规则集按下表选择 / pick the ruleset from the table: `rules/education/teacher-deputy-senior/v1.json` 或 / or `rules/health/health-deputy-senior/v1.json`）',
    '',
    '| 文件 File | 规则集 Ruleset | 内容 What it holds | 应看到的提示 What the user should see |',
    '|---|---|---|---|',
    ...demos.map((d) => `| \`${d.file}\` | \`${d.rulesetId}\` | ${d.what.zh}<br>${d.what.en} | ${d.expect.zh}<br>${d.expect.en} |`),
    '',
  ];
  return lines.join('\n');
}

// `pingshen demo` (what `npm start` runs until the server exists): the shipped rules
// checked and tested, then every committed sample population evaluated through the
// same batch pipeline as `evaluate` — read from its .xlsx, results written as .xlsx
// to the data directory — and a summary a committee member can read at a glance.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { canonicalApplicant, compileRuleset, evaluate, type Applicant, type EvaluationResult } from '../../../engine/index';
import { evaluateFile } from '../../io/evaluate-file';
import { text } from '../../io/text';
import { openRuleset } from '../../rules/open-ruleset';
import { findRuleFiles } from '../../rules/rule-files';
import { parseCommandArgs, type Cli } from '../cli';
import { testCommand } from './test';
import { validateCommand } from './validate';

export const demoUsage = text(
  'pingshen demo [--rules rules] [--data-dir data] [--as-of 2024-09-30]\n  检查并测试全部规则文件，用样例申报人批量评审，结果写入 <data-dir>/results/。',
  'pingshen demo [--rules rules] [--data-dir data] [--as-of 2024-09-30]\n  Checks and tests every rule file, evaluates the sample applicants in batches, writes results to <data-dir>/results/.',
);

/** The samples were generated around this review date (巴州: reviews done by 2024-11-30). */
const SAMPLES_AS_OF = '2024-09-30';

interface Row {
  id: string;
  count: number;
  eligible: number;
  vetoed: number;
  passed: number;
  mean: number;
  best: string;
  output: string;
}

export async function demoCommand(argv: string[], cli: Cli): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    rules: { type: 'string' },
    'data-dir': { type: 'string' },
    'as-of': { type: 'string' },
  });
  if (values.help) return cli.out(cli.say(demoUsage)), 0;
  const rulesDir = values.rules ?? 'rules';
  const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? 'data';
  const asOf = values['as-of'] ?? SAMPLES_AS_OF;

  cli.out(cli.say(text('一、检查规则文件', '1. Checking the rule files')));
  const validated = await validateCommand([rulesDir], cli);
  cli.out('');
  cli.out(cli.say(text('二、运行规则内嵌测试用例', '2. Running the embedded test cases')));
  const tested = await testCommand([rulesDir], cli);
  if (validated !== 0 || tested !== 0) return 1;

  cli.out('');
  cli.out(cli.say(text(`三、批量评审样例申报人（评审基准日 ${asOf}）`, `3. Evaluating the sample applicants (as of ${asOf})`)));
  const resultsDir = join(dataDir, 'results');
  await mkdir(resultsDir, { recursive: true });
  const samplesDir = join(rulesDir, 'samples');
  const samples = new Set(await readdir(samplesDir));
  const rows: Row[] = [];
  for (const file of (await findRuleFiles(rulesDir)).sort()) {
    const opened = await openRuleset(file);
    const id = opened.ruleset.id;
    if (!samples.has(`${id}.xlsx`) || !samples.has(`${id}.json`)) continue;
    const compiled = compileRuleset(opened.resolved);
    const output = join(resultsDir, `${id}.xlsx`);
    await evaluateFile({ compiled, applicants: join(samplesDir, `${id}.xlsx`), out: output, asOf, lang: cli.lang, log: () => {} });
    // The same population from its JSON twin, for the summary figures.
    const applicants = (JSON.parse(await readFile(join(samplesDir, `${id}.json`), 'utf8')) as Applicant[]).map((a) => canonicalApplicant(a, compiled.ruleset.facts));
    const results = applicants.map((a) => evaluate(compiled, a, { asOf, trace: 'none', lang: cli.lang }));
    rows.push(summarise(id, applicants, results, relative(process.cwd(), output)));
  }
  printTable(rows, cli);
  return 0;
}

function summarise(id: string, applicants: Applicant[], results: EvaluationResult[], output: string): Row {
  const passed = results.filter((r) => r.passed);
  const top = [...passed].sort((a, b) => b.score - a.score)[0];
  const name = top ? String(applicants.find((a) => String(a.id) === top.applicantId)?.name ?? top.applicantId) : '—';
  return {
    id,
    count: results.length,
    eligible: results.filter((r) => r.eligible).length,
    vetoed: results.filter((r) => r.vetoed).length,
    passed: passed.length,
    mean: results.length ? Math.round((results.reduce((s, r) => s + r.score, 0) / results.length) * 10) / 10 : 0,
    best: top ? `${name} ${top.score}` : '—',
    output,
  };
}

function printTable(rows: Row[], cli: Cli) {
  const header = cli.say(text('规则集 | 申报人 | 符合资格 | 否决 | 通过 | 平均分 | 最高分（通过者） | 结果文件', 'ruleset | applicants | eligible | vetoed | passed | mean score | top (passed) | results'));
  cli.out(header);
  for (const r of rows) {
    cli.out(`${r.id} | ${r.count} | ${r.eligible} | ${r.vetoed} | ${r.passed} | ${r.mean} | ${r.best} | ${r.output}`);
  }
  const total = rows.reduce((s, r) => s + r.count, 0);
  const passed = rows.reduce((s, r) => s + r.passed, 0);
  cli.out(cli.say(text(`共评审 ${total} 名申报人，${passed} 名通过；结果已写入 ${rows[0] ? rows[0].output.replace(/[^/\\]+$/, '') : ''}`, `${total} applicants evaluated, ${passed} passed; results written to ${rows[0] ? rows[0].output.replace(/[^/\\]+$/, '') : ''}`)));
}

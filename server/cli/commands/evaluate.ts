// `pingshen evaluate --ruleset <file> --applicants <file>`: a batch from a file.
// runEvaluate is the whole command without argument parsing, for callers such as
// the benchmark that time an end-to-end run.
import type { Writable } from 'node:stream';
import { compileRuleset, type Lang, type TraceMode } from '../../../engine/index';
import { isCalendarDate } from '../../io/coerce-cell';
import { evaluateFile, type EvaluateFileSummary } from '../../io/evaluate-file';
import { checkOutputTarget } from '../../io/output-file';
import { outputFormatOf } from '../../io/result-writer';
import { say, text } from '../../io/text';
import { usageError } from '../../io/user-error';
import { openRuleset } from '../../rules/open-ruleset';
import { oneOf, parseCommandArgs, required, type Cli } from '../cli';

export const evaluateUsage = text(
  [
    'pingshen evaluate --ruleset <规则文件> --applicants <申报人文件.json|.csv|.xlsx> [选项]',
    '  --as-of YYYY-MM-DD        评审基准日（默认今天）',
    '  --out <文件.json|.csv|.xlsx> 写入文件（.csv/.xlsx 为每人一行的汇总表）；默认在标准输出打印 JSON 数组',
    '  --engine compiled|reference  评审引擎（默认 compiled；reference 用 json-rules-engine 逐条判定，较慢）',
    '  --trace full|criteria|none   结果中的判定明细（默认 JSON 为 full，表格为 criteria）',
    '  --skip-invalid            跳过有误的行（逐行列出），只评审有效的行',
    '  --lang zh|en              输出语言',
  ].join('\n'),
  [
    'pingshen evaluate --ruleset <rule file> --applicants <applicants.json|.csv|.xlsx> [options]',
    '  --as-of YYYY-MM-DD        evaluation date (default: today)',
    '  --out <file.json|.csv|.xlsx> write to a file (.csv/.xlsx: one summary row per applicant); default: a JSON array on stdout',
    '  --engine compiled|reference  evaluator (default compiled; reference lets json-rules-engine decide every condition, slower)',
    '  --trace full|criteria|none   detail in results (default: full for JSON, criteria for tables)',
    '  --skip-invalid            skip invalid rows (each listed) and evaluate the valid ones',
    '  --lang zh|en              output language',
  ].join('\n'),
);

export interface RunEvaluateOptions {
  /** Path of the rule file (its `extends` resolve against the rules/ directory around it). */
  ruleset: string;
  /** Applicants: .json, .csv or .xlsx. */
  applicants: string;
  /** YYYY-MM-DD. */
  asOf: string;
  /** .json, .csv or .xlsx; without it, a JSON array on `stdout`. */
  out?: string | undefined;
  engine?: 'compiled' | 'reference' | undefined;
  trace?: TraceMode | undefined;
  lang?: Lang | undefined;
  skipInvalid?: boolean | undefined;
  stdout?: Writable | undefined;
  /** User messages, one line each (default: stderr). */
  log?: ((line: string) => void) | undefined;
}

/** Loads, lints and resolves the ruleset, compiles it once, and evaluates the whole file. */
export async function runEvaluate(options: RunEvaluateOptions): Promise<EvaluateFileSummary> {
  const started = performance.now();
  if (!isCalendarDate(options.asOf)) {
    throw usageError(text(`--as-of 应为 YYYY-MM-DD 格式的有效日期，实际为 "${options.asOf}"`, `--as-of must be a valid YYYY-MM-DD date, got "${options.asOf}"`));
  }
  if (options.out !== undefined) {
    outputFormatOf(options.out);
    await checkOutputTarget(options.out);
  }
  const { resolved } = await openRuleset(options.ruleset);
  const compiled = compileRuleset(resolved);
  const summary = await evaluateFile({ ...options, compiled, evaluator: options.engine });
  return { ...summary, seconds: (performance.now() - started) / 1000 };
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export async function evaluateCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ruleset: { type: 'string' },
    applicants: { type: 'string' },
    'as-of': { type: 'string' },
    out: { type: 'string' },
    engine: { type: 'string' },
    trace: { type: 'string' },
    'skip-invalid': { type: 'boolean' },
  });
  if (values.help) return cli.out(cli.say(evaluateUsage)), 0;
  if (positionals.length > 0) throw usageError(text(`多余的参数：${positionals.join(' ')}`, `Unexpected arguments: ${positionals.join(' ')}`));
  const ruleset = required(values.ruleset, '--ruleset', text('规则文件', 'rule file'));
  const applicants = required(values.applicants, '--applicants', text('申报人文件', 'applicants file'));
  let asOf = values['as-of'];
  if (asOf === undefined) {
    asOf = today();
    cli.err(cli.say(text(`未指定 --as-of，按今天（${asOf}）评审`, `No --as-of given; evaluating as of today (${asOf})`)));
  }
  const summary = await runEvaluate({
    ruleset,
    applicants,
    asOf,
    out: values.out,
    engine: oneOf(values.engine, '--engine', ['compiled', 'reference'] as const),
    trace: oneOf(values.trace, '--trace', ['full', 'criteria', 'none'] as const),
    lang: cli.lang,
    skipInvalid: values['skip-invalid'] ?? false,
    stdout: cli.stdout,
    log: cli.err,
  });
  const seconds = summary.seconds.toFixed(1);
  const skipped = summary.skipped > 0 ? say(text(`，跳过 ${summary.skipped} 行`, `, ${summary.skipped} rows skipped`), cli.lang) : '';
  const target = values.out ? say(text(` → ${values.out}`, ` → ${values.out}`), cli.lang) : '';
  cli.err(cli.say(text(`已评审 ${summary.count} 人${skipped}，用时 ${seconds} 秒${target}`, `Evaluated ${summary.count} applicants${skipped} in ${seconds} s${target}`)));
  if (summary.failed > 0) {
    // The others' results are written; the exit code says that the batch is not complete.
    cli.err(
      cli.say(
        text(
          `${summary.failed} 人因规则中的条件无法判定而未评审（见上，结果中没有他们）；请修正规则后重新评审`,
          `${summary.failed} applicant(s) not evaluated: a condition of the ruleset cannot be decided for them (listed above, left out of the results); fix the ruleset and evaluate again`,
        ),
      ),
    );
    return 1;
  }
  return 0;
}

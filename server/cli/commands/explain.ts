// `pingshen explain --ruleset <file> --applicant <file>`: one applicant's whole
// result as readable text — every criterion, veto and item, and how the score adds up.
import { compileRuleset, evaluate, explainText, type Applicant } from '../../../engine/index';
import { describeRowIssue, type ApplicantRow } from '../../io/applicant-row';
import { isCalendarDate } from '../../io/coerce-cell';
import { readApplicants } from '../../io/read-applicants';
import { nativeSha256 } from '../../io/native-sha256';
import { text } from '../../io/text';
import { UserError, usageError } from '../../io/user-error';
import { openRuleset } from '../../rules/open-ruleset';
import { parseCommandArgs, required, type Cli } from '../cli';

export const explainUsage = text(
  [
    'pingshen explain --ruleset <规则文件> --applicant <申报人文件> [--id <编号>] [--as-of YYYY-MM-DD] [--lang zh|en]',
    '  逐条说明评审结果：资格条件、一票否决、每个计分项及总分的算法。文件含多人时用 --id 选择，否则逐人说明。',
  ].join('\n'),
  [
    'pingshen explain --ruleset <rule file> --applicant <applicant file> [--id <id>] [--as-of YYYY-MM-DD] [--lang zh|en]',
    '  Explains a result clause by clause: criteria, vetoes, every scoring item and how the total adds up. With several applicants in the file, --id picks one; otherwise each is explained.',
  ].join('\n'),
);


export async function explainCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ruleset: { type: 'string' },
    applicant: { type: 'string' },
    id: { type: 'string' },
    'as-of': { type: 'string' },
  });
  if (values.help) return cli.out(cli.say(explainUsage)), 0;
  if (positionals.length > 0) throw usageError(text(`多余的参数：${positionals.join(' ')}`, `Unexpected arguments: ${positionals.join(' ')}`));
  const rulesetPath = required(values.ruleset, '--ruleset', text('规则文件', 'rule file'));
  const applicantPath = required(values.applicant, '--applicant', text('申报人文件', 'applicant file'));
  let asOf = values['as-of'];
  if (asOf !== undefined && !isCalendarDate(asOf)) {
    throw usageError(text(`--as-of 应为 YYYY-MM-DD 格式的有效日期，实际为 "${asOf}"`, `--as-of must be a valid YYYY-MM-DD date, got "${asOf}"`));
  }
  if (asOf === undefined) {
    const d = new Date();
    asOf = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    cli.err(cli.say(text(`未指定 --as-of，按今天（${asOf}）评审`, `No --as-of given; evaluating as of today (${asOf})`)));
  }
  const { resolved } = await openRuleset(rulesetPath);
  const compiled = compileRuleset(resolved);

  const chosen: ApplicantRow[] = [];
  for await (const row of readApplicants(applicantPath, compiled, { notice: (m) => cli.err(cli.say(m)) })) {
    if (values.id === undefined || row.id === values.id) chosen.push(row);
  }
  if (chosen.length === 0) throw new UserError(text(`${applicantPath} 中没有编号为 ${values.id} 的申报人`, `No applicant with ID ${values.id} in ${applicantPath}`));
  const bad = chosen.filter((r) => !r.record);
  if (bad.length > 0) {
    for (const row of bad) for (const issue of row.issues) cli.err(describeRowIssue(row, issue, cli.lang));
    throw new UserError(text(`${bad.length} 个申报人的数据有误，无法说明`, `${bad.length} applicant record(s) are invalid and cannot be explained`));
  }
  chosen.forEach((row, i) => {
    if (i > 0) cli.out('\n' + '─'.repeat(40) + '\n');
    const result = evaluate(compiled, row.record as Applicant, { asOf: asOf!, trace: 'full', lang: cli.lang, validate: false, sha256: nativeSha256 });
    cli.out(explainText(result, cli.lang));
  });
  return 0;
}

// `pingshen validate <file|dir>`: schema and lint for every rule file. Every issue
// is printed with its file, JSON pointer and code; warnings do not fail the run.
import { formatIssue, lintRuleset, type Issue } from '../../../engine/index';
import { text } from '../../io/text';
import { usageError } from '../../io/user-error';
import { loadRuleTargets } from '../../rules/rule-targets';
import { parseCommandArgs, type Cli } from '../cli';

export const validateUsage = text(
  'pingshen validate <规则文件或目录>...\n  校验规则文件（JSON 格式、结构、引用、继承），打印每个问题；有错误时退出码为 1。',
  'pingshen validate <rule file or directory>...\n  Checks rule files (JSON syntax, schema, references, extends) and prints every issue; exits 1 on errors.',
);

export async function validateCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) return cli.out(cli.say(validateUsage)), 0;
  if (positionals.length === 0) throw usageError(text('缺少要校验的规则文件或目录', 'Missing the rule file or directory to validate'));
  let fileCount = 0;
  let errors = 0;
  let warnings = 0;
  for (const path of positionals) {
    const { files, registry } = await loadRuleTargets(path);
    for (const file of files) {
      fileCount++;
      const issues: Issue[] = [...file.issues];
      if (file.ruleset) {
        issues.push(...lintRuleset(file.ruleset, { lookup: registry.lookup, file: file.file }));
        issues.push(...registry.duplicates.filter((d) => d.file === file.file));
      }
      for (const issue of issues) {
        if (issue.severity === 'error') errors++;
        else warnings++;
        cli.out(formatIssue(issue, cli.lang));
      }
      if (issues.length === 0 && file.ruleset) cli.out(`✓ ${file.file} (${file.ruleset.id}@${file.ruleset.version})`);
    }
  }
  cli.out(cli.say(text(`${fileCount} 个规则文件，${errors} 个错误，${warnings} 个警告`, `${fileCount} rule files, ${errors} errors, ${warnings} warnings`)));
  return errors > 0 ? 1 : 0;
}

// `pingshen test <file|dir>`: each ruleset proves itself by its embedded cases.
// The last line is always `N passed, M failed`, for scripts and CI to read.
import { formatIssue, lintRuleset, resolveExtends, runEmbeddedTests, PingshenError, type Issue, type ResolvedRuleset } from '../../../engine/index';
import { text } from '../../io/text';
import { usageError } from '../../io/user-error';
import { loadRuleTargets } from '../../rules/rule-targets';
import { parseCommandArgs, type Cli } from '../cli';

export const testUsage = text(
  'pingshen test <规则文件或目录>...\n  运行规则文件中内嵌的测试用例；最后一行为 “N passed, M failed”，有失败或无效文件时退出码为 1。',
  'pingshen test <rule file or directory>...\n  Runs the test cases embedded in rule files; the last line is "N passed, M failed"; exits 1 on any failure or invalid file.',
);

export async function testCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) return cli.out(cli.say(testUsage)), 0;
  if (positionals.length === 0) throw usageError(text('缺少要测试的规则文件或目录', 'Missing the rule file or directory to test'));
  let passed = 0;
  let failed = 0;
  let invalid = 0;
  for (const path of positionals) {
    const { files, registry } = await loadRuleTargets(path);
    for (const file of files) {
      const printIssues = (issues: Issue[]) => issues.forEach((i) => cli.out(formatIssue(i, cli.lang)));
      if (!file.ruleset) {
        invalid++;
        printIssues(file.issues);
        continue;
      }
      const errors = lintRuleset(file.ruleset, { lookup: registry.lookup, file: file.file }).filter((i) => i.severity === 'error');
      let resolved: ResolvedRuleset | undefined;
      try {
        if (errors.length === 0) resolved = resolveExtends(file.ruleset, registry.lookup);
      } catch (err) {
        if (!(err instanceof PingshenError)) throw err;
        errors.push(...err.issues.map((i) => ({ ...i, file: file.file })));
      }
      const name = `${file.ruleset.id}@${file.ruleset.version}（${file.file}）`;
      const nameEn = `${file.ruleset.id}@${file.ruleset.version} (${file.file})`;
      if (!resolved) {
        invalid++;
        printIssues(errors);
        cli.out(cli.say(text(`✗ ${name}：规则文件有错误，未运行测试`, `✗ ${nameEn}: the rule file has errors; tests not run`)));
        continue;
      }
      const results = runEmbeddedTests(resolved);
      const bad = results.filter((r) => !r.passed);
      passed += results.length - bad.length;
      failed += bad.length;
      if (results.length === 0) cli.out(cli.say(text(`– ${name}：没有内嵌测试用例`, `– ${nameEn}: no embedded test cases`)));
      else if (bad.length === 0) cli.out(cli.say(text(`✓ ${name}：${results.length} 个用例全部通过`, `✓ ${nameEn}: all ${results.length} cases passed`)));
      else cli.out(cli.say(text(`✗ ${name}：${results.length - bad.length} 个通过，${bad.length} 个失败`, `✗ ${nameEn}: ${results.length - bad.length} passed, ${bad.length} failed`)));
      const titleOf = (id: string) => file.ruleset?.tests?.find((t) => t.id === id)?.title;
      for (const r of bad) {
        const title = titleOf(r.id);
        cli.out(`    ✗ ${r.id} ${title ? cli.say(title) : r.title}`);
        for (const f of r.failures) cli.out(`        ${f}`);
      }
    }
  }
  if (invalid > 0) cli.out(cli.say(text(`${invalid} 个规则文件有错误`, `${invalid} rule file(s) with errors`)));
  cli.out(`${passed} passed, ${failed} failed`);
  return failed > 0 || invalid > 0 ? 1 : 0;
}

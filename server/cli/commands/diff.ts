// `pingshen diff <a> <b>`: what changed between two versions, one readable line
// per change (criteria and items added or removed, thresholds, points, caps), for
// the approver who signs off the new version.
import { diffRulesets, resolveExtends, PingshenError, type DiffEntry, type Ruleset } from '../../../engine/index';
import { text } from '../../io/text';
import { UserError, usageError } from '../../io/user-error';
import { loadRuleTargets } from '../../rules/rule-targets';
import { parseCommandArgs, type Cli } from '../cli';

export const diffUsage = text(
  'pingshen diff <旧版本文件> <新版本文件> [--resolved] [--lang zh|en]\n  逐行列出两个版本的规则差异（+ 新增，- 删除，~ 修改）。--resolved 比较合并继承之后的规则。',
  'pingshen diff <old version file> <new version file> [--resolved] [--lang zh|en]\n  Lists the differences between two versions, one line each (+ added, - removed, ~ changed). --resolved compares the rules after merging what they extend.',
);

const MARK: Record<DiffEntry['kind'], string> = { added: '+', removed: '-', changed: '~' };

async function loadOne(path: string, resolved: boolean): Promise<Ruleset> {
  const { files, registry } = await loadRuleTargets(path);
  const file = files[0]!;
  if (files.length !== 1) throw usageError(text(`diff 需要两个规则文件，${path} 是目录`, `diff needs two rule files; ${path} is a directory`));
  if (!file.ruleset) throw new UserError(text(`规则文件 ${file.file} 有错误，无法比较`, `The rule file ${file.file} has errors and cannot be compared`), { issues: file.issues });
  if (!resolved) return file.ruleset;
  try {
    const { lineage: _lineage, ...merged } = resolveExtends(file.ruleset, registry.lookup);
    return merged;
  } catch (err) {
    if (err instanceof PingshenError) throw new UserError(text(`无法合并 ${file.file} 的继承`, `Cannot resolve what ${file.file} extends`), { issues: err.issues.map((i) => ({ ...i, file: file.file })) });
    throw err;
  }
}

export async function diffCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { resolved: { type: 'boolean' } });
  if (values.help) return cli.out(cli.say(diffUsage)), 0;
  if (positionals.length !== 2) throw usageError(text('diff 需要两个规则文件：旧版本和新版本', 'diff needs two rule files: the old version and the new one'));
  const [a, b] = await Promise.all(positionals.map((p) => loadOne(p, values.resolved ?? false)));
  const entries = diffRulesets(a!, b!);
  const from = `${a!.id}@${a!.version}`;
  const to = `${b!.id}@${b!.version}`;
  if (entries.length === 0) {
    cli.out(cli.say(text(`${from} → ${to}：规则内容相同`, `${from} → ${to}: the rules are the same`)));
    return 0;
  }
  cli.out(cli.say(text(`${from} → ${to}：${entries.length} 处变化`, `${from} → ${to}: ${entries.length} change(s)`)));
  // An added or removed rule carries what it says; it stays on the change's one line.
  for (const entry of entries) cli.out(`${MARK[entry.kind]} ${cli.say(entry.text)}${entry.detail ? cli.say({ zh: `：${entry.detail.zh}`, en: `: ${entry.detail.en}` }) : ''}`);
  return 0;
}

// `pingshen export --data <dir> --out <dir> [--status published]`: the ruleset
// versions of a data directory as files in the rules/ layout
// (`<out>/<department>/<id>/v<N>.json`), so a department can keep them in git. The
// data directory is only read (a server may be running on it). A file that already
// holds the same bytes is left alone, so running it again changes nothing; files
// for versions not exported are never removed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RulesetStatus } from '../../../engine/index';
import { text } from '../../io/text';
import { UserError, usageError } from '../../io/user-error';
import { formatRulesetFile, rulesetFilePath } from '../../rules/ruleset-file';
import { isStorageError, readRulesetsOf } from '../../storage/index';
import { parseCommandArgs, required, type Cli } from '../cli';

export const exportUsage = text(
  'pingshen export --data <数据目录> --out <输出目录> [--status published]\n  把数据目录中的规则集版本写成 rules/ 目录结构的文件（<输出目录>/<部门>/<规则集>/v<N>.json），便于各部门用 git 保存。\n  --status 可为 draft、submitted、approved、published、retired（可用逗号列出多个）或 all，默认 published。\n  内容相同的文件不会重写，再次运行不改变任何文件；不删除任何文件。数据目录只读取，服务运行时也可导出。',
  'pingshen export --data <data dir> --out <output dir> [--status published]\n  Writes the ruleset versions of a data directory as files in the rules/ layout (<out>/<department>/<id>/v<N>.json), for a department to keep in git.\n  --status: draft, submitted, approved, published, retired (several separated by commas) or all; default published.\n  A file that already holds the same bytes is not rewritten, so running it again changes nothing; no file is removed. The data directory is only read, so a running server is no obstacle.',
);

const STATUSES: readonly RulesetStatus[] = ['draft', 'submitted', 'approved', 'published', 'retired'];
// Names become directories: only the schema's slugs, so a hand-edited db.json cannot write outside --out.
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

function statusesFrom(value: string): Set<RulesetStatus> {
  if (value === 'all') return new Set(STATUSES);
  const wanted = value.split(',').map((s) => s.trim());
  const unknown = wanted.filter((s) => !(STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0 || wanted.length === 0) {
    throw usageError(text(`--status 只能是 ${STATUSES.join('、')} 或 all，实际为 "${value}"`, `--status must be ${STATUSES.join(', ')} or all, got "${value}"`));
  }
  return new Set(wanted as RulesetStatus[]);
}

async function sameBytes(path: string, content: string): Promise<boolean> {
  try {
    return (await readFile(path, 'utf8')) === content;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

export async function exportCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { data: { type: 'string' }, 'data-dir': { type: 'string' }, out: { type: 'string' }, status: { type: 'string' } });
  if (values.help) return cli.out(cli.say(exportUsage)), 0;
  if (positionals.length > 0) throw usageError(text(`多余的参数：${positionals.join(' ')}`, `Unexpected argument: ${positionals.join(' ')}`));
  const dataDir = required(values.data ?? values['data-dir'], '--data', text('数据目录', 'data dir'));
  const out = required(values.out, '--out', text('输出目录', 'output dir'));
  const statuses = statusesFrom(values.status ?? 'published');

  const rulesets = await readRulesetsOf(dataDir).catch((err: unknown) => {
    if (err instanceof SyntaxError) throw new UserError(text(`${join(dataDir, 'db.json')} 不是有效的 JSON`, `${join(dataDir, 'db.json')} is not valid JSON`));
    throw err;
  });
  if (!rulesets) throw new UserError(text(`${dataDir} 中没有评审数据（找不到 db.json）`, `No Pingshen data in ${dataDir} (no db.json)`));

  const chosen = rulesets
    .list()
    .flatMap((latest) => rulesets.versions(latest.id))
    .filter((v) => statuses.has(v.status))
    .map((record) => ({ record, path: rulesetFilePath(record) }))
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  let written = 0;
  for (const { record, path } of chosen) {
    if (!SLUG.test(record.department) || !SLUG.test(record.id)) {
      throw new UserError(text(`规则集 ${record.id}（部门 ${record.department}）的名称不能用作目录名`, `Ruleset ${record.id} (department ${record.department}) has a name that cannot be a directory`));
    }
    const content = await rulesets.content(record.id, record.version).catch((err: unknown) => {
      if (isStorageError(err)) throw new UserError(err.text); // e.g. BLOB_CORRUPT: a stored file was altered
      throw err;
    });
    const file = formatRulesetFile(content);
    const target = join(out, path);
    if (await sameBytes(target, file)) {
      cli.out(cli.say(text(`= ${path}（未变）`, `= ${path} (unchanged)`)));
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file);
    written++;
    cli.out(cli.say(text(`✓ ${path}（${record.status}，已写入）`, `✓ ${path} (${record.status}, written)`)));
  }
  cli.out(cli.say(text(`${chosen.length} 个版本：写入 ${written} 个文件，${chosen.length - written} 个未变`, `${chosen.length} versions: ${written} files written, ${chosen.length - written} unchanged`)));
  return 0;
}

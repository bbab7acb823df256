// `pingshen filing verify <package.zip>`: checks a review session's filing package
// (备案包) with nothing but its bytes: the manifest readable, every file it lists
// present with the same sha256, nothing unlisted. Prints OK and the manifest hash
// (compare it with the one the studio shows for the session), or each problem with
// its file, and exits 1.
import { readFile } from 'node:fs/promises';
import { PackageInvalidError, verifyPackage } from '../../committee/verify-package';
import { text } from '../../io/text';
import { UserError, usageError } from '../../io/user-error';
import { parseCommandArgs, type Cli } from '../cli';

export const filingUsage = text(
  'pingshen filing verify <备案包.zip>\n  校验评审会备案包：清单 manifest.json 可读，清单中每个文件都在且 sha256 一致，没有清单以外的文件。\n  通过时输出 OK 和清单哈希（与工作台中该评审会显示的清单哈希对照）；否则逐个列出有问题的文件和原因，退出码 1。',
  'pingshen filing verify <package.zip>\n  Verifies a review session\'s filing package: manifest.json readable, every file it lists present with the same sha256, no file outside it.\n  Prints OK and the manifest hash (compare it with the one the studio shows for the session); otherwise each file at fault and why, exit code 1.',
);

export async function filingCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) return cli.out(cli.say(filingUsage)), 0;
  const [action, file, ...extra] = positionals;
  if (action !== 'verify' || file === undefined || extra.length > 0) throw usageError(text('用法：filing verify <备案包.zip>', 'Usage: filing verify <package.zip>'));
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new UserError(text(`找不到备案包文件 ${file}`, `No package file ${file}`));
    throw err;
  }
  let result;
  try {
    result = await verifyPackage(bytes);
  } catch (err) {
    if (err instanceof PackageInvalidError) throw new UserError(text(`${file}：${err.text.zh}`, `${file}: ${err.text.en ?? err.text.zh}`));
    throw err;
  }
  if (result.ok) {
    const who = result.session ? `${result.session.id} ${result.session.title}` : '';
    cli.out(cli.say(text(`OK ${result.manifestHash}`, `OK ${result.manifestHash}`)));
    cli.out(cli.say(text(`备案包完整：${who}，${result.files - 1} 个文件与清单一致`, `Package intact: ${who}, ${result.files - 1} files match the manifest`)));
    return 0;
  }
  for (const p of result.problems) cli.out(`✗ ${cli.say(p.message)}`);
  cli.out(cli.say(text(`备案包校验未通过：${result.problems.length} 个问题${result.manifestHash ? `（清单哈希 ${result.manifestHash}）` : ''}`, `Package verification failed: ${result.problems.length} problem(s)${result.manifestHash ? ` (manifest hash ${result.manifestHash})` : ''}`)));
  return 1;
}

// `pingshen audit verify|export [--data-dir data]`: checks the hash chain of the
// audit log (exit 1 at the first broken link, naming it) or prints the log as
// JSONL. Reads the data directory only: nothing is repaired or rewritten.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Text } from '../../../engine/index';
import { text } from '../../io/text';
import { UserError, usageError } from '../../io/user-error';
import { verifyDataDir, type AuditVerification } from '../../storage/index';
import { AUDIT_FILE } from '../../storage/store';
import { parseCommandArgs, type Cli } from '../cli';

export const auditUsage = text(
  'pingshen audit verify|export [--data-dir data] [--lang zh|en]\n  verify 逐条校验审计日志的哈希链，断裂时指出第一条出错的记录并以退出码 1 结束；export 以 JSONL 输出全部记录。',
  'pingshen audit verify|export [--data-dir data] [--lang zh|en]\n  verify checks the hash chain of the audit log entry by entry and exits 1 naming the first broken entry; export prints every entry as JSONL.',
);

const REASON: Record<NonNullable<AuditVerification['reason']>, Text> = {
  unreadable: text('不是有效的 JSON', 'not valid JSON'),
  seq: text('序号不连续（有记录被删除、插入或调换）', 'out of sequence (an entry removed, inserted or moved)'),
  prevHash: text('与前一条记录的哈希不相连', "does not link to the previous entry's hash"),
  hash: text('内容与其哈希不符（记录被改动）', 'its content does not match its hash (altered)'),
  missing: text('日志在 db.json 记录的链头之前就结束了（末尾记录缺失）', 'missing: the log ends before the head recorded in db.json'),
  extra: text('在 db.json 记录的链头之后多出记录', 'an entry beyond the head recorded in db.json'),
  head: text('最后一条记录与 db.json 中的链头不符', 'the last entry does not match the head recorded in db.json'),
};

export async function auditCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { 'data-dir': { type: 'string' } });
  if (values.help) return cli.out(cli.say(auditUsage)), 0;
  const [action, ...extra] = positionals;
  if ((action !== 'verify' && action !== 'export') || extra.length > 0) throw usageError(text('用法：audit verify 或 audit export', 'Usage: audit verify or audit export'));
  const dataDir = values['data-dir'] ?? 'data';
  const result = await verifyDataDir(dataDir).catch((err: unknown) => {
    if (err instanceof SyntaxError) throw new UserError(text(`${join(dataDir, 'db.json')} 不是有效的 JSON`, `${join(dataDir, 'db.json')} is not valid JSON`));
    throw err;
  });
  if (!result) throw new UserError(text(`${dataDir} 中没有评审数据（找不到 db.json）`, `No Pingshen data in ${dataDir} (no db.json)`));
  if (action === 'export') {
    await pipeline(createReadStream(join(dataDir, AUDIT_FILE)), cli.stdout, { end: false }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    return 0;
  }
  if (result.ok) {
    cli.out(cli.say(text(`审计日志完整：${result.entries} 条记录，哈希链无断裂`, `Audit log intact: ${result.entries} entries, every link holds`)));
    return 0;
  }
  const reason = cli.say(REASON[result.reason!]);
  cli.out(cli.say(text(`审计日志在第 ${result.brokenAt} 条记录处断裂：${reason}（共 ${result.entries} 条记录）`, `Audit log broken at entry ${result.brokenAt}: ${reason} (${result.entries} entries)`)));
  return 1;
}

// `pingshen audit verify|export [--data-dir data]`: checks the hash chain of the
// audit log (exit 1 at the first broken link, naming it) or prints the log as
// JSONL. Reads the data directory only: nothing is repaired or rewritten.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Text } from '../../../engine/index';
import { text } from '../../io/text';
import { UserError, usageError } from '../../io/user-error';
import { formatAnchor, parseAnchor, verifyDataDir, type AuditVerification, type UserMismatch } from '../../storage/index';
import { AUDIT_FILE } from '../../storage/store';
import { parseCommandArgs, type Cli } from '../cli';

export const auditUsage = text(
  'pingshen audit verify|export [--data-dir data] [--anchor <序号>:<哈希>] [--lang zh|en]\n  verify 逐条校验审计日志的哈希链，并用日志中的用户操作重放用户及其角色、与 db.json 比对；断裂或不符时指出第一处问题并以退出码 1 结束。\n  --anchor 给出先前抄录的链头（备案材料、批量评审记录或审计页面上的“序号:哈希”），证明日志仍然延续它。\n  export 以 JSONL 输出全部记录。',
  'pingshen audit verify|export [--data-dir data] [--anchor <seq>:<hash>] [--lang zh|en]\n  verify checks the hash chain of the audit log entry by entry and replays the user entries against the users in db.json; exits 1 naming the first problem.\n  --anchor takes a head copied earlier (seq:hash, from a filing package, a run record or the audit page) and proves the log still extends it.\n  export prints every entry as JSONL.',
);

const REASON: Record<NonNullable<AuditVerification['reason']>, Text> = {
  unreadable: text('不是有效的 JSON', 'not valid JSON'),
  seq: text('序号不连续（有记录被删除、插入或调换）', 'out of sequence (an entry removed, inserted or moved)'),
  prevHash: text('与前一条记录的哈希不相连', "does not link to the previous entry's hash"),
  hash: text('内容与其哈希不符（记录被改动）', 'its content does not match its hash (altered)'),
  missing: text('日志在 db.json 记录的链头之前就结束了（末尾记录缺失）', 'missing: the log ends before the head recorded in db.json'),
  extra: text('在 db.json 记录的链头之后多出记录', 'an entry beyond the head recorded in db.json'),
  head: text('最后一条记录与 db.json 中的链头不符', 'the last entry does not match the head recorded in db.json'),
  anchor: text('该序号的记录与抄录的链头哈希不符（日志被改写过）', 'the entry at that seq does not have the anchored hash (the log was rewritten)'),
  anchorBeyond: text('日志比抄录的链头还短（日志被截断过）', 'the log is shorter than the anchored head (it was truncated)'),
  users: text('db.json 中的用户与审计日志记录的用户操作不符', "db.json's users differ from what the audited user actions made them"),
};

const FIELD: Record<UserMismatch['field'], Text> = {
  unrecorded: text('不是由任何有审计记录的操作创建的', 'was never created by an audited action'),
  removed: text('有创建记录，但已不在 db.json 中', 'was created by an audited action but is no longer in db.json'),
  displayName: text('姓名', 'display name'),
  role: text('角色', 'role'),
  department: text('所属部门', 'department'),
  series: text('评审系列', 'series'),
  disabled: text('停用状态', 'disabled'),
  credential: text('密码（哈希与最后一次有记录的设置不同）', 'password (the hash differs from the last audited change)'),
};

function describeMismatch(m: UserMismatch, cli: Cli): string {
  const what = cli.say(FIELD[m.field]);
  if (m.field === 'unrecorded' || m.field === 'removed') return cli.say(text(`用户 ${m.username} ${what}`, `user ${m.username} ${what}`));
  if (m.field === 'credential') return cli.say(text(`用户 ${m.username} 的${what}`, `user ${m.username}: ${what}`));
  const shown = (v: unknown) => (v === null ? '—' : String(v));
  return cli.say(text(`用户 ${m.username} 的${what}：审计记录为 ${shown(m.recorded)}，db.json 中为 ${shown(m.stored)}`, `user ${m.username}, ${what}: the log says ${shown(m.recorded)}, db.json holds ${shown(m.stored)}`));
}

export async function auditCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { 'data-dir': { type: 'string' }, anchor: { type: 'string' } });
  if (values.help) return cli.out(cli.say(auditUsage)), 0;
  const [action, ...extra] = positionals;
  if ((action !== 'verify' && action !== 'export') || extra.length > 0) throw usageError(text('用法：audit verify 或 audit export', 'Usage: audit verify or audit export'));
  const dataDir = values['data-dir'] ?? 'data';
  const anchor = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
  if (values.anchor !== undefined && !anchor) throw usageError(text(`--anchor 应为“序号:sha256:哈希”，例如 42:sha256:9f…（64 位十六进制），实际为 ${values.anchor}`, `--anchor must be <seq>:sha256:<64 hex digits>, got ${values.anchor}`));
  const result = await verifyDataDir(dataDir, anchor).catch((err: unknown) => {
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
    cli.out(cli.say(text(`审计日志完整：${result.entries} 条记录，哈希链无断裂，用户与审计记录一致`, `Audit log intact: ${result.entries} entries, every link holds, users match the log`)));
    if (result.pending) cli.out(cli.say(text('最后 1 条记录已提交（db.json 链头中有它），尚未写入日志文件：服务下次启动时补写。这不是断裂。', 'The last entry is committed (db.json\'s head holds it) but not yet in the log file: the next start appends it. This is not a break.')));
    if (anchor) cli.out(cli.say(text(`日志延续抄录的链头 ${formatAnchor(anchor)}`, `The log extends the anchored head ${formatAnchor(anchor)}`)));
    return 0;
  }
  if (result.reason === 'users') {
    cli.out(cli.say(text(`审计日志的哈希链完整（${result.entries} 条记录），但 ${REASON.users.zh}：`, `The audit chain holds (${result.entries} entries), but ${REASON.users.en}:`)));
    for (const m of result.users ?? []) cli.out('  ' + describeMismatch(m, cli));
    return 1;
  }
  const reason = cli.say(REASON[result.reason!]);
  cli.out(cli.say(text(`审计日志在第 ${result.brokenAt} 条记录处断裂：${reason}（共 ${result.entries} 条记录）`, `Audit log broken at entry ${result.brokenAt}: ${reason} (${result.entries} entries)`)));
  return 1;
}

// The pingshen command line. Dispatches to one file per command and owns the exit
// code: 0 done, 1 invalid input or failed checks, 2 wrong usage. Whatever goes
// wrong, the user reads one line in their language, not a stack trace
// (PINGSHEN_DEBUG=1 shows the stack of an unexpected error).
import { formatIssue, PingshenError } from '../../engine/errors';
import type { Lang } from '../../engine/index';
import { say, text } from '../io/text';
import { UserError, usageError } from '../io/user-error';
import { langFrom, makeCli, type Cli } from './cli';
import { mainUsage } from './usage';

type Command = (argv: string[], cli: Cli) => Promise<number>;

// Loaded on demand: a command pays only for the modules it uses.
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./commands/validate')).validateCommand,
  test: async () => (await import('./commands/test')).testCommand,
  evaluate: async () => (await import('./commands/evaluate')).evaluateCommand,
  explain: async () => (await import('./commands/explain')).explainCommand,
  diff: async () => (await import('./commands/diff')).diffCommand,
  demo: async () => (await import('./commands/demo')).demoCommand,
  audit: async () => (await import('./commands/audit')).auditCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  workdays: async () => (await import('./commands/workdays')).workdaysCommand,
  filing: async () => (await import('./commands/filing')).filingCommand,
};

export async function runCli(argv: string[], cli: Cli): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    cli.out(cli.say(mainUsage));
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) throw usageError(text(`未知命令 "${name}"（可用：${Object.keys(COMMANDS).join('、')}）`, `Unknown command "${name}" (available: ${Object.keys(COMMANDS).join(', ')})`));
  return (await load())(rest, cli);
}

/** Prints an error the way a user should see it; returns the exit code. */
export function reportError(err: unknown, lang: Lang, print: (line: string) => void): number {
  const prefix = lang === 'en' ? 'Error: ' : '错误：';
  if (err instanceof UserError) {
    err.issues.forEach((i) => print(formatIssue(i, lang)));
    print(prefix + say(err.text, lang));
    if (err.exitCode === 2) print(say(text('用 --help 查看用法', 'Use --help for usage'), lang));
    return err.exitCode;
  }
  if (err instanceof PingshenError) {
    err.issues.forEach((i) => print(formatIssue(i, lang)));
    print(prefix + (err.issues[0] ? say(err.issues[0].message, lang) : err.message));
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (process.env.PINGSHEN_DEBUG === '1' && err instanceof Error && err.stack) print(err.stack);
  print(
    say(
      text(`内部错误：${message}（设置 PINGSHEN_DEBUG=1 查看详情）`, `Internal error: ${message} (set PINGSHEN_DEBUG=1 for details)`),
      lang,
    ),
  );
  return 1;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  let lang: Lang = 'zh';
  // A stream error nobody awaited (inside a library) must still end as one line, not a stack.
  const fatal = (err: unknown) => {
    process.exitCode = reportError(err, lang, (line) => process.stderr.write(line + '\n'));
    process.exit();
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  try {
    lang = langFrom(argv);
    process.exitCode = await runCli(argv, makeCli(lang));
  } catch (err) {
    process.exitCode = reportError(err, lang, (line) => process.stderr.write(line + '\n'));
  }
}

await main();

// What every command gets: the language to speak and where to print. Results and
// reports go to stdout; notices, row errors and the final error go to stderr, so
// `pingshen evaluate ... > results.json` stays valid JSON.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Writable } from 'node:stream';
import type { Lang, Text } from '../../engine/index';
import { say, text } from '../io/text';
import { usageError } from '../io/user-error';

export interface Cli {
  lang: Lang;
  stdout: Writable;
  /** A line on stdout. */
  out(line: string): void;
  /** A line on stderr. */
  err(line: string): void;
  say(message: Text): string;
}

export function makeCli(lang: Lang, stdout: Writable = process.stdout, stderr: Writable = process.stderr): Cli {
  return {
    lang,
    stdout,
    out: (line) => void stdout.write(line + '\n'),
    err: (line) => void stderr.write(line + '\n'),
    say: (message) => say(message, lang),
  };
}

/** `--lang zh|en`, read before anything else so that even an argument error speaks the right language. */
export function langFrom(argv: string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === undefined) continue;
    if (value !== 'zh' && value !== 'en') throw usageError(text(`--lang 只能是 zh 或 en，实际为 "${value}"`, `--lang must be zh or en, got "${value}"`));
    return value;
  }
  return 'zh';
}

/** node's parseArgs, strict, with `--lang` and `--help` accepted everywhere; its errors become usage errors in Chinese. */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  const config = {
    args,
    options: { ...options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as T & {
      lang: { type: 'string' };
      help: { type: 'boolean'; short: 'h' };
    },
    allowPositionals: true,
    strict: true,
  } as const;
  try {
    return parseArgs(config);
  } catch (err) {
    throw usageError(argumentError(err as Error & { code?: string }));
  }
}

function argumentError(err: Error & { code?: string }): Text {
  const option = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return text(`未知选项 ${option}`, `Unknown option ${option}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return text(`选项 ${option} 的值缺失或不正确`, `Option ${option}: value missing or not valid`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return text(`多余的参数：${err.message}`, `Unexpected argument: ${err.message}`);
    default:
      return text(`参数错误：${err.message}`, `Invalid arguments: ${err.message}`);
  }
}

/** A required option: its absence is a usage error naming it. */
export function required(value: string | undefined, flag: string, what: Text): string {
  if (value === undefined || value === '') throw usageError(text(`缺少 ${flag} <${what.zh}>`, `Missing ${flag} <${what.en ?? what.zh}>`));
  return value;
}

/** One of a fixed set of values for an option. */
export function oneOf<V extends string>(value: string | undefined, flag: string, allowed: readonly V[]): V | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as V;
  throw usageError(text(`${flag} 只能是 ${allowed.join('、')}，实际为 "${value}"`, `${flag} must be one of ${allowed.join(', ')}, got "${value}"`));
}

// Parsing rule-file text: a JSON syntax error is reported with its line and column,
// then the document is validated against the schema. Pure: callers read the file.
import { issue, type Issue } from './errors';
import type { Ruleset } from './types';
import { validateRuleset } from './validate';

function position(text: string, message: string): { line: number; column: number } | null {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /position (\d+)/.exec(message);
  if (!at) return null;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return { line, column: Number(at[1]) - before.lastIndexOf('\n') };
}

export interface ParseOutcome {
  ruleset?: Ruleset;
  issues: Issue[];
}

export function parseRulesetText(text: string, file?: string): ParseOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const message = (err as Error).message;
    const pos = text.trim() === '' ? null : position(text, message);
    const where = pos ? `第 ${pos.line} 行第 ${pos.column} 列` : '';
    const whereEn = pos ? ` at line ${pos.line}, column ${pos.column}` : '';
    const found =
      text.trim() === ''
        ? issue('JSON_PARSE', '', '文件为空', 'The file is empty')
        : issue('JSON_PARSE', '', `JSON 格式错误${where ? '：' + where : ''}（${message}）`, `Malformed JSON${whereEn} (${message})`);
    if (file) found.file = file;
    return { issues: [found] };
  }
  const issues = validateRuleset(data, file);
  return issues.length > 0 ? { issues } : { ruleset: data as Ruleset, issues };
}

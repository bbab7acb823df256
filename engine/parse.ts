// Parsing rule-file text: a JSON syntax error is reported with its line and column,
// then the document is validated against the schema. Pure: callers read the file.
import { issue, type Issue } from './errors';
import { jsonErrorPosition } from './json-position';
import type { Ruleset } from './types';
import { validateRuleset } from './validate';

export interface ParseOutcome {
  ruleset?: Ruleset;
  issues: Issue[];
}

export function parseRulesetText(text: string, file?: string): ParseOutcome {
  let data: unknown;
  const body = text.replace(/^\uFEFF/, '');
  try {
    data = JSON.parse(body);
  } catch (err) {
    // V8 quotes the surrounding text, newlines included: keep the message on one line.
    const message = (err as Error).message.replace(/\s+/g, ' ');
    const pos = body.trim() === '' ? null : jsonErrorPosition(body, (err as Error).message);
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

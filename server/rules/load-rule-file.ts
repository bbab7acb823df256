// One rule file from disk: its text parsed and checked against the schema by the
// engine, which reports JSON syntax errors with line and column and schema errors
// with the JSON pointer. Issues name the file as the user wrote it.
import { readFile } from 'node:fs/promises';
import { parseRulesetText, type Issue, type Ruleset } from '../../engine/index';
import { displayPath } from '../io/input-file';

export interface RuleFile {
  /** The path as given (absolute or relative to the working directory). */
  path: string;
  /** The path shown to the user, also set as `file` on every issue. */
  file: string;
  ruleset?: Ruleset;
  issues: Issue[];
}

export async function loadRuleFile(path: string): Promise<RuleFile> {
  const file = displayPath(path);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    const missing = code === 'ENOENT';
    return {
      path,
      file,
      issues: [
        {
          code: 'JSON_PARSE',
          severity: 'error',
          pointer: '',
          file,
          message: missing ? { zh: '找不到文件', en: 'File not found' } : { zh: `无法读取文件（${code}）`, en: `Cannot read the file (${code})` },
        },
      ],
    };
  }
  const outcome = parseRulesetText(source, file);
  return outcome.ruleset ? { path, file, ruleset: outcome.ruleset, issues: outcome.issues } : { path, file, issues: outcome.issues };
}

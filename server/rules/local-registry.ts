// The rule files a ruleset can see on disk, so that `extends: "<id>@<version>"`
// resolves without a server: every rule file under the registry root (see
// registryRoot), plus any file named explicitly on the command line.
import { resolve } from 'node:path';
import { lookupIn, type Issue, type Ruleset, type RulesetLookup } from '../../engine/index';
import { loadRuleFile, type RuleFile } from './load-rule-file';
import { findRuleFiles } from './rule-files';

export interface LocalRegistry {
  root: string;
  /** Every rule file found, parsed or not. */
  files: RuleFile[];
  lookup: RulesetLookup;
  /** Two files claiming the same id@version: which one `extends` means would be a guess. */
  duplicates: Issue[];
}

export async function loadRegistry(root: string, extra: RuleFile[] = []): Promise<LocalRegistry> {
  const known = new Set(extra.map((f) => resolve(f.path)));
  const found = await Promise.all((await findRuleFiles(root)).filter((p) => !known.has(resolve(p))).map(loadRuleFile));
  const files = [...extra, ...found];
  const rulesets: Ruleset[] = [];
  const firstFile = new Map<string, string>();
  const duplicates: Issue[] = [];
  for (const f of files) {
    if (!f.ruleset) continue;
    const key = `${f.ruleset.id}@${f.ruleset.version}`;
    const first = firstFile.get(key);
    if (first !== undefined) {
      duplicates.push({
        code: 'DUPLICATE_ID',
        severity: 'error',
        pointer: '/version',
        file: f.file,
        message: { zh: `规则集 ${key} 已在 ${first} 中定义，同一版本只能有一个文件`, en: `${key} is already defined in ${first}; one file per version` },
      });
      continue;
    }
    firstFile.set(key, f.file);
    rulesets.push(f.ruleset);
  }
  return { root, files, lookup: lookupIn(rulesets), duplicates };
}

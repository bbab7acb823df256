// A ruleset ready to evaluate with: the file loaded, linted against its registry,
// and its `extends` chain merged in. Anything that is an error stops here with the
// located issues, because evaluating with a broken ruleset gives wrong results.
import { lintRuleset, resolveExtends, PingshenError, type Issue, type ResolvedRuleset, type Ruleset } from '../../engine/index';
import { checkInputFile } from '../io/input-file';
import { text } from '../io/text';
import { UserError } from '../io/user-error';
import { loadRuleFile } from './load-rule-file';
import { loadRegistry } from './local-registry';
import { registryRoot } from './rule-files';

export interface OpenedRuleset {
  file: string;
  ruleset: Ruleset;
  resolved: ResolvedRuleset;
  /** Lint warnings: shown, not blocking. */
  warnings: Issue[];
}

export async function openRuleset(path: string): Promise<OpenedRuleset> {
  await checkInputFile(path, { allowEmpty: true });
  const loaded = await loadRuleFile(path);
  const invalid = (issues: Issue[]) =>
    new UserError(text(`规则文件 ${loaded.file} 有错误，无法使用`, `The rule file ${loaded.file} has errors and cannot be used`), { issues });
  if (!loaded.ruleset) throw invalid(loaded.issues);
  const ruleset = loaded.ruleset;
  const registry = await loadRegistry(registryRoot(path, false), [loaded]);
  const issues = lintRuleset(ruleset, { lookup: registry.lookup, file: loaded.file });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw invalid(issues);
  let resolved: ResolvedRuleset;
  try {
    resolved = resolveExtends(ruleset, registry.lookup);
  } catch (err) {
    if (err instanceof PingshenError) throw invalid(err.issues.map((i) => ({ ...i, file: loaded.file })));
    throw err;
  }
  return { file: loaded.file, ruleset, resolved, warnings: issues };
}

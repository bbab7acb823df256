// The rule files a command works on — one file, or every rule file under a
// directory — together with the registry they resolve `extends` against.
import { stat } from 'node:fs/promises';
import { text } from '../io/text';
import { UserError } from '../io/user-error';
import { loadRuleFile, type RuleFile } from './load-rule-file';
import { loadRegistry, type LocalRegistry } from './local-registry';
import { findRuleFiles, registryRoot } from './rule-files';

export interface RuleTargets {
  files: RuleFile[];
  registry: LocalRegistry;
}

export async function loadRuleTargets(path: string): Promise<RuleTargets> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new UserError(text(`找不到文件或目录：${path}`, `No such file or directory: ${path}`));
  }
  const paths = isDirectory ? await findRuleFiles(path) : [path];
  if (paths.length === 0) throw new UserError(text(`${path} 下没有规则文件（v<N>.json）`, `No rule files (v<N>.json) under ${path}`));
  const files = await Promise.all(paths.map(loadRuleFile));
  const registry = await loadRegistry(registryRoot(path, isDirectory), files);
  return { files, registry };
}

// First start: every shipped rule file (rules/<department>/<id>/v<N>.json) enters
// the store as a published version with its own effectiveFrom/effectiveTo, author
// `system`. The lifecycle forbids self-approval, so the approval is recorded under
// a second system actor, `system:seed`, naming where it came from.
import { formatIssue, type Ruleset } from '../engine/index';
import { loadRuleFile } from './rules/load-rule-file';
import { findRuleFiles } from './rules/rule-files';
import type { Store } from './storage/index';

export const SEED_AUTHOR = 'system';
export const SEED_APPROVER = 'system:seed';

/** Seeds an empty store; a store that already holds rulesets is left alone. Returns the versions added. */
export async function seedRules(store: Store, rulesDir: string, at: string): Promise<Array<{ id: string; version: number }>> {
  if (store.rulesets.list().length > 0) return [];
  const loaded: Ruleset[] = [];
  for (const path of await findRuleFiles(rulesDir)) {
    const file = await loadRuleFile(path);
    const errors = file.issues.filter((i) => i.severity === 'error');
    if (!file.ruleset || errors.length > 0) throw new Error(`cannot seed ${file.file}:\n${errors.map((i) => formatIssue(i, 'en')).join('\n')}`);
    loaded.push(file.ruleset);
  }
  loaded.sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  const added: Array<{ id: string; version: number }> = [];
  for (const ruleset of loaded) {
    const latest = store.rulesets.latest(ruleset.id);
    const saved = await store.rulesets.saveDraft({
      ruleset,
      author: SEED_AUTHOR,
      // Shown to officials in the version history: in their words (the file is rules/<department>/<id>/v<N>.json).
      note: `随系统提供的规则文件（第 ${ruleset.version} 版）`,
      basedOn: latest ? { id: ruleset.id, version: latest.version } : null,
      at,
    });
    if (saved.version !== ruleset.version) throw new Error(`${ruleset.id}: v${ruleset.version}.json would become version ${saved.version}; rule files must be numbered from 1 without gaps`);
    if (ruleset.status === 'published' || ruleset.status === 'retired') {
      if (!ruleset.effectiveFrom) throw new Error(`${ruleset.id}@${ruleset.version} is ${ruleset.status} but has no effectiveFrom`);
      await store.rulesets.submit(saved.id, saved.version, { actor: SEED_AUTHOR, at });
      await store.rulesets.approve(saved.id, saved.version, { actor: SEED_APPROVER, at });
      await store.rulesets.publish(saved.id, saved.version, { actor: SEED_APPROVER, at, effectiveFrom: ruleset.effectiveFrom, ...(ruleset.effectiveTo ? { effectiveTo: ruleset.effectiveTo } : {}) });
      if (ruleset.status === 'retired') await store.rulesets.retire(saved.id, saved.version, { actor: SEED_APPROVER, at });
    }
    added.push({ id: saved.id, version: saved.version });
  }
  return added;
}

// Loads the shipped rule files and resolves their `extends` chains, for the sample
// generator and the rules README. Sample applicants under rules/samples are skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileRuleset, lookupIn, resolveExtends, type CompiledRuleset } from '../../engine/index';
import type { ResolvedRuleset, Ruleset } from '../../engine/index';
import { isRuleFileName } from '../rules/rule-files';

export interface RuleFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  ruleset: Ruleset;
}

/** Every `rules/<department>/<id>/v<N>.json`, sorted by path. */
export function loadRuleFiles(rulesDir: string, repoRoot: string): RuleFile[] {
  const out: RuleFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (relative(rulesDir, full) !== 'samples') walk(full);
      } else if (isRuleFileName(name)) {
        const ruleset = JSON.parse(readFileSync(full, 'utf8')) as Ruleset;
        out.push({ path: relative(repoRoot, full).split(sep).join('/'), ruleset });
      }
    }
  };
  walk(rulesDir);
  return out;
}

export interface Prepared {
  file: string;
  source: Ruleset;
  resolved: ResolvedRuleset;
  compiled: CompiledRuleset;
}

export function prepare(file: RuleFile, all: Ruleset[]): Prepared {
  const resolved = resolveExtends(file.ruleset, lookupIn(all));
  return { file: file.path, source: file.ruleset, resolved, compiled: compileRuleset(resolved) };
}

/** Series rulesets: those that name a series and a level (bz-common does neither). */
export function isSeriesRuleset(r: Ruleset): boolean {
  return typeof r.series === 'string' && typeof r.level === 'string';
}

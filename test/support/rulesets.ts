// Rule files on disk: the shipped rulesets under rules/ (found at test time, since
// colleagues add them while the suite evolves) and the fixtures under test/fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lookupIn, resolveExtends } from '../../engine/extends';
import type { ResolvedRuleset, Ruleset } from '../../engine/types';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RuleFile {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  text: string;
}

/** Every `rules/**\/v<N>.json`, sorted by path. */
export function shippedRuleFiles(): RuleFile[] {
  const dir = join(ROOT, 'rules');
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((p) => /^v\d+\.json$/.test(p.split(sep).pop() ?? ''))
    .sort()
    .map((p) => ({ file: relative(ROOT, join(dir, p)).split(sep).join('/'), text: readFileSync(join(dir, p), 'utf8') }));
}

export interface ShippedRuleset {
  file: string;
  ruleset: Ruleset;
  /** The ruleset with its `extends` chain merged, resolved against all shipped files. */
  resolved: ResolvedRuleset;
}

/**
 * The shipped rulesets that parse as JSON, each resolved through the others. Files
 * that do not parse or resolve are left to the shipped-rulesets test to report.
 */
export function shippedRulesets(): ShippedRuleset[] {
  const parsed: Array<{ file: string; ruleset: Ruleset }> = [];
  for (const f of shippedRuleFiles()) {
    try {
      parsed.push({ file: f.file, ruleset: JSON.parse(f.text) as Ruleset });
    } catch {
      // reported by shipped-rulesets.test.ts
    }
  }
  const lookup = lookupIn(parsed.map((p) => p.ruleset));
  const out: ShippedRuleset[] = [];
  for (const p of parsed) {
    try {
      out.push({ ...p, resolved: resolveExtends(p.ruleset, lookup) });
    } catch {
      // reported by shipped-rulesets.test.ts
    }
  }
  return out;
}

export function fixtureText(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8');
}

/** A fresh copy of a fixture ruleset (compiled rulesets are cached per object, so tests never share one they change). */
export function loadFixture(name: string): Ruleset {
  return JSON.parse(fixtureText(name)) as Ruleset;
}

export const mini = (): Ruleset => loadFixture('mini.json');

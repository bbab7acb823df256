// A rule document as big as an official could send: a shipped ruleset (hrss
// directional-use, small, with embedded test cases) plus criteria whose conditions are
// long `all` lists of leaves that every applicant passes (`id notEqual ""`), so it
// stays valid and its cases still decide the same. Used to show heavy rule checks run off the event loop (tests)
// and to load the server while /health is measured (bench/load.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ruleset } from '../../engine/index';
import { ROOT } from './rulesets';

export const BIG_RULESET_BASE = 'directional-use';

/** Leaves per added criterion (the schema has no limit on an `all` list; limits.ruleset.listLength does). */
const PER_CRITERION = 1000;

/**
 * The shipped directional-use ruleset with `conditions` more leaf conditions, in
 * criteria of up to 1,000. Its compact JSON is about 48 bytes a condition: 36,000 make
 * 1.7 MB, under the 2 MiB document and body limits (raise limits.ruleset.conditions to
 * send it).
 */
export function bigRuleset(conditions: number): Ruleset {
  const ruleset = JSON.parse(readFileSync(join(ROOT, 'rules/hrss', BIG_RULESET_BASE, 'v1.json'), 'utf8')) as Ruleset & Record<string, unknown>;
  delete ruleset.$schema;
  ruleset.status = 'draft';
  // The cases name only the shipped criteria; every applicant has an id, so each added one passes.
  for (let made = 0, n = 0; made < conditions; n++) {
    const count = Math.min(PER_CRITERION, conditions - made);
    made += count;
    ruleset.criteria!.push({
      id: `bulk${n}`,
      title: { zh: `批量条件 ${n}`, en: `Bulk conditions ${n}` },
      basis: [{ doc: 'bz2024-1' }],
      conditions: { all: Array.from({ length: count }, () => ({ fact: 'id', operator: 'notEqual', value: '' })) },
    } as never);
  }
  return ruleset;
}

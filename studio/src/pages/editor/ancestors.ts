// The rulesets a draft extends (parent, grandparent…), fetched so that inherited
// facts read by their labels and the engine can resolve `extends` in the browser.
import type { Ruleset } from '../../../../engine/index';
import { parseExtends } from '../../../../engine/extends';
import { rulesetsApi } from '../../api/rulesets.api';

const MAX_DEPTH = 5;

export async function fetchAncestors(ruleset: Ruleset): Promise<Ruleset[]> {
  const chain: Ruleset[] = [];
  let ref = ruleset.extends;
  while (ref && chain.length < MAX_DEPTH) {
    const target = parseExtends(ref);
    const parent = (await rulesetsApi.version(target.id, target.version)).ruleset;
    chain.push(parent);
    ref = parent.extends;
  }
  return chain;
}

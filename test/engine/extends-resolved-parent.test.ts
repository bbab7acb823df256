// A lookup may answer with a parent it has already resolved: the result is the same
// as resolving from scratch, and the parent is not resolved (or hashed) again.
import { describe, expect, it, vi } from 'vitest';
import { lookupIn, resolveExtends } from '../../engine/extends';
import type { ResolvedRuleset, Ruleset } from '../../engine/types';
import { shippedRuleFiles } from '../support/rulesets';

const files = shippedRuleFiles().map((f) => JSON.parse(f.text) as Ruleset);
const child = files.find((r) => r.id === 'teacher-deputy-senior')!;

describe('resolveExtends with an already resolved parent', () => {
  it('gives the same merged ruleset and lineage', () => {
    const plain = lookupIn(files);
    const fromScratch = resolveExtends(child, plain);
    const resolvedParents = new Map<string, ResolvedRuleset>();
    const cached = vi.fn((id: string, version: number) => {
      const key = `${id}@${version}`;
      if (!resolvedParents.has(key)) resolvedParents.set(key, resolveExtends(plain(id, version)!, plain));
      return resolvedParents.get(key);
    });
    expect(resolveExtends(child, cached)).toEqual(fromScratch);
    const parent = resolvedParents.values().next().value!;
    const again = resolveExtends(child, cached);
    expect(again.lineage.slice(1)).toEqual(parent.lineage);
    expect(cached).toHaveBeenCalledTimes(2);
  });
});

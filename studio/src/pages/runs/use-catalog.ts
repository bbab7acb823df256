// Fact labels, units and options of a ruleset version and the versions it extends,
// so explanations and charts read 年均继续教育学时 and 轮台县 rather than ids. Optional:
// without it the explanation still shows every value, by fact id.
import { shallowRef, type ShallowRef } from 'vue';
import type { FactCatalog, FactInfo } from '../../../../engine/explain';
// Only the small engine modules: engine/index (and engine/compile) bring ajv, whose schema
// compilation at load time the studio's Content Security Policy (no unsafe-eval) refuses.
import { parseExtends } from '../../../../engine/extends';
import type { Ruleset } from '../../../../engine/types';
import { rulesetsApi } from '../../api/rulesets.api';

const cache = new Map<string, Promise<FactCatalog>>();

async function load(id: string, version: number): Promise<FactCatalog> {
  const { ruleset } = await rulesetsApi.version(id, version);
  const ancestors: Ruleset[] = [];
  let ref = ruleset.extends;
  // A chain is short (series → common policy); the bound only guards against a loop.
  for (let i = 0; ref && i < 8; i++) {
    const parent = parseExtends(ref);
    const loaded = (await rulesetsApi.version(parent.id, parent.version)).ruleset;
    ancestors.push(loaded);
    ref = loaded.extends;
  }
  return catalogOf([...ancestors].reverse().concat(ruleset));
}

/** Labels, units and options by fact id, the nearest definition last (as the engine merges them). */
export function catalogOf(chain: Ruleset[]): FactCatalog {
  const catalog: FactCatalog = new Map();
  for (const ruleset of chain) {
    for (const f of ruleset.facts ?? []) {
      const info: FactInfo = { id: f.id, label: f.label, type: f.type };
      if (f.unit) info.unit = f.unit;
      if (f.options) info.options = new Map(f.options.map((o) => [o.value, o.label]));
      catalog.set(f.id, info);
    }
    for (const d of ruleset.derived ?? []) {
      const info: FactInfo = { id: d.id, label: d.label, type: 'derived' };
      if (d.unit) info.unit = d.unit;
      catalog.set(d.id, info);
    }
  }
  return catalog;
}

export function catalogFor(id: string, version: number): Promise<FactCatalog> {
  const key = `${id}@${version}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = load(id, version).catch((err: unknown) => {
      cache.delete(key);
      throw err;
    });
    cache.set(key, entry);
  }
  return entry;
}

/** The catalog once loaded; stays undefined when it cannot be read (the views fall back to ids). */
export function useCatalog(): { catalog: ShallowRef<FactCatalog | undefined>; load: (id: string, version: number) => Promise<void> } {
  const catalog = shallowRef<FactCatalog>();
  return {
    catalog,
    load: async (id, version) => {
      try {
        catalog.value = await catalogFor(id, version);
      } catch {
        catalog.value = undefined;
      }
    },
  };
}

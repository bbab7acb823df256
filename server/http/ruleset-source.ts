// Rule content from the store for the routes: versions are immutable, so their
// content is cached by hash; `extends` chains are loaded ahead of the engine's
// synchronous lookup; the version in force on a date is the engine's resolveVersion.
import { parseExtends, resolveVersion, type Ruleset, type RulesetLookup } from '../../engine/index';
import { rulesetLimitViolation, type RulesetLimits } from '../rules/ruleset-limits';
import type { RulesetVersionRecord, Store } from '../storage/index';
import { rulesetLimitError } from './ruleset-checks';

export class RulesetSource {
  private readonly cache = new Map<string, Ruleset>();
  /** Without limits (tests of this class), stored content is taken as it is. */
  constructor(
    private readonly store: Store,
    private readonly limits?: Readonly<RulesetLimits>,
  ) {}

  /**
   * The content of one version, lifecycle fields as they are now (status may change; the rule content does not).
   * Stored content is held to the rule-document limits too (RULESET_LIMIT), before anything
   * walks it: it may predate them or they may have been lowered. `check: false` only for
   * reading a few top-level fields (the list of rulesets).
   */
  async content(record: RulesetVersionRecord, { check = true }: { check?: boolean } = {}): Promise<Ruleset> {
    let rules = this.cache.get(record.hash);
    if (!rules) {
      rules = await this.store.rulesets.content(record.id, record.version);
      const violation = this.limits && rulesetLimitViolation(rules, this.limits);
      if (violation && check) throw rulesetLimitError(violation, { id: record.id, version: record.version });
      // Only content within the limits is kept: what is over them is refused each time it is asked for.
      if (!violation) this.cache.set(record.hash, rules);
    }
    const { status, effectiveFrom, effectiveTo } = record;
    const current: Ruleset = { ...rules, status };
    delete current.effectiveFrom;
    delete current.effectiveTo;
    if (effectiveFrom !== undefined) current.effectiveFrom = effectiveFrom;
    if (effectiveTo !== undefined) current.effectiveTo = effectiveTo;
    return current;
  }

  async series(record: RulesetVersionRecord): Promise<string | undefined> {
    return (await this.content(record, { check: false })).series;
  }

  /** The published version of `id` in force on `asOf`. */
  async inForce(id: string, asOf: string): Promise<RulesetVersionRecord | undefined> {
    const published = this.store.rulesets.versions(id).filter((v) => v.status === 'published');
    // resolveVersion reads only id, version, status and the effective dates, which index records carry.
    return resolveVersion(published, id, asOf);
  }

  /** A synchronous lookup holding every version the `extends` chain of `ruleset` names. */
  async lookupFor(ruleset: Ruleset): Promise<RulesetLookup> {
    const loaded = await this.ancestors(ruleset);
    return (id, version) => loaded.get(`${id}@${version}`);
  }

  /** The versions `ruleset` extends, nearest first, by `id@version` (a missing one ends the chain: the engine reports it). */
  async ancestors(ruleset: Ruleset): Promise<Map<string, Ruleset>> {
    const loaded = new Map<string, Ruleset>();
    let ref = ruleset.extends;
    while (ref !== undefined && !loaded.has(ref)) {
      const { id, version } = parseExtends(ref);
      const record = this.store.rulesets.get(id, version);
      if (!record) break; // the engine reports EXTENDS_MISSING
      const parent = await this.content(record);
      loaded.set(ref, parent);
      ref = parent.extends;
    }
    return loaded;
  }
}

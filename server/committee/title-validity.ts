// Where a directional title holds (二(二), 四(二)1): a holder is evaluated by the
// engine against the `directional-use` ruleset version in force on a date, so the
// southern-Xinjiang prefecture list and the participation rule are configuration
// (rules/hrss/directional-use/v<N>.json, revised in the studio), not code. This
// module only turns a holder record into the ruleset's facts and the engine's
// verdict into one of three states.
//
// Facts from the holder:
// - prefecture, unit, titleLevel (the holder's level), priorLevel: as recorded;
// - unitParticipates: the unit has approved directional posts (核定的定向岗位职数)
//   in the quota table, i.e. some quota row names that unit with posts > 0. A unit
//   the table does not name, or names with 0 posts, does not take part. Unit names
//   are compared exactly after trimming, as the quota table stores them.
import { evaluate, type Applicant, type CompiledRuleset, type EvaluationResult } from '../../engine/index';
import type { HolderRecord, QuotaRecord, RulesetVersionRecord } from '../storage/types';

export const DIRECTIONAL_USE = 'directional-use';

/** The criterion of directional-use whose failure makes the title void (outside southern Xinjiang). */
export const REGION_CRITERION = 'southernXinjiang';

/**
 * valid: appointed at the directional level; void: the post is outside southern
 * Xinjiang, the title does not hold there; reverts: a non-participating unit (or any
 * other criterion a later version adds), appointed at the prior level until evaluated again.
 */
export type Validity = 'valid' | 'reverts' | 'void';

export interface TitleValidity {
  validity: Validity;
  /** The level the holder is appointed at in this post: the title's level when valid, else the prior level. */
  effectiveLevel: string;
  /** The failing criteria, each with the ruleset's own explanation (empty when valid). */
  failed: Array<{ id: string; title: string; explanation: string }>;
  /** The version that decided, and the date it was in force on. */
  ruleset: { id: string; version: number; hash: string };
  asOf: string;
  /** The engine's full result (criteria with their traces and explanations). */
  result: EvaluationResult;
}

/** What evaluating needs from the store: the published version in force on a date, compiled. */
export interface DirectionalUseRules {
  inForce(id: string, asOf: string): Promise<RulesetVersionRecord | undefined>;
  compile(record: RulesetVersionRecord): Promise<CompiledRuleset>;
}

/** No published `directional-use` version is in force on the date (routes answer NO_VERSION_IN_FORCE). */
export class NoDirectionalUseRules extends Error {
  constructor(readonly asOf: string) {
    super(`no published ${DIRECTIONAL_USE} version is in force on ${asOf}`);
  }
}

/** Units with approved directional posts (posts > 0 in some quota row). */
export function participatingUnits(quotas: readonly QuotaRecord[]): Set<string> {
  return new Set(quotas.filter((q) => q.posts > 0).map((q) => q.unit.trim()));
}

/** The directional-use facts of one holder. */
export function holderFacts(holder: HolderRecord, participating: ReadonlySet<string>): Applicant {
  return {
    id: holder.id,
    name: holder.name,
    unit: holder.unit,
    prefecture: holder.prefecture.trim(),
    unitParticipates: participating.has(holder.unit.trim()),
    titleLevel: holder.level,
    priorLevel: holder.priorLevel,
  };
}

/** The state the engine's verdict means (see Validity). */
export function validityOf(result: EvaluationResult): Validity {
  if (result.eligible) return 'valid';
  return result.criteria.some((c) => c.id === REGION_CRITERION && !c.passed) ? 'void' : 'reverts';
}

/** Evaluates a holder with an already compiled version (one compile serves a whole list). */
export function judgeHolder(
  compiled: CompiledRuleset,
  holder: HolderRecord,
  participating: ReadonlySet<string>,
  asOf: string,
): TitleValidity {
  const result = evaluate(compiled, holderFacts(holder, participating), { asOf });
  const validity = validityOf(result);
  return {
    validity,
    effectiveLevel: validity === 'valid' ? holder.level : holder.priorLevel,
    failed: result.criteria.filter((c) => !c.passed).map((c) => ({ id: c.id, title: c.title, explanation: c.explanation })),
    ruleset: { id: result.ruleset.id, version: result.ruleset.version, hash: result.ruleset.hash },
    asOf,
    result,
  };
}

/** The directional-use version in force on `asOf`, compiled; NoDirectionalUseRules when there is none. */
export async function directionalUseInForce(rules: DirectionalUseRules, asOf: string): Promise<CompiledRuleset> {
  const record = await rules.inForce(DIRECTIONAL_USE, asOf);
  if (!record) throw new NoDirectionalUseRules(asOf);
  return rules.compile(record);
}

/** One holder against the version in force on `asOf`, with the quota table as it is. */
export async function titleValidity(rules: DirectionalUseRules, holder: HolderRecord, quotas: readonly QuotaRecord[], asOf: string): Promise<TitleValidity> {
  return judgeHolder(await directionalUseInForce(rules, asOf), holder, participatingUnits(quotas), asOf);
}

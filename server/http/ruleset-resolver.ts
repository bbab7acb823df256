// Which ruleset version judges a request, and its compiled form: the version in
// force on `asOf`, or a pinned one; committee members only for their own series
// and only versions that went through approval. One definition for every route
// that evaluates (single evaluations, batch runs, impact analysis), so they can
// never disagree on which version applies or who may use it.
import { compileRuleset, resolveExtends, type CompiledRuleset, type EvaluateOptions, type Ruleset } from '../../engine/index';
import { nativeSha256 } from '../io/native-sha256';
import type { RulesetLimits } from '../rules/ruleset-limits';
import type { RulesetVersionRecord, Store, UserRecord } from '../storage/index';
import { HttpError } from './errors';
import { requireSeries } from './roles';
import { RulesetSource } from './ruleset-source';

export interface RulesetRequest {
  rulesetId: string;
  version?: number | undefined;
  asOf: string;
}

export interface ResolvedVersion {
  record: RulesetVersionRecord;
  ruleset: Ruleset;
  compiled: CompiledRuleset;
}

/** The options of a single evaluation: POST /evaluations and a run's per-applicant result must give identical output. */
export function singleEvaluationOptions(asOf: string): EvaluateOptions {
  return { asOf, sha256: nativeSha256 };
}

const MAX_COMPILED = 64;

export class RulesetResolver {
  readonly source: RulesetSource;
  // A version's content and the versions it extends never change, so its compiled
  // form is kept by content hash (the engine's own cache is keyed by object).
  private readonly compiledByHash = new Map<string, CompiledRuleset>();

  /** `limits`: stored content over the rule-document limits is refused (RULESET_LIMIT) before it is compiled. */
  constructor(
    private readonly store: Store,
    limits?: Readonly<RulesetLimits>,
  ) {
    this.source = new RulesetSource(store, limits);
  }

  /** The version `user` may evaluate with: NOT_FOUND, NO_VERSION_IN_FORCE, FORBIDDEN (series) or VERSION_NOT_PUBLISHED otherwise. */
  async resolve(user: UserRecord, { rulesetId, version, asOf }: RulesetRequest): Promise<ResolvedVersion> {
    const record = version !== undefined ? this.store.rulesets.get(rulesetId, version) : await this.source.inForce(rulesetId, asOf);
    if (!record) {
      if (version !== undefined) throw new HttpError('NOT_FOUND', { zh: `规则集 ${rulesetId} 没有版本 v${version}`, en: `No version ${version} of ruleset ${rulesetId}` }, { rulesetId, version });
      throw new HttpError('NO_VERSION_IN_FORCE', { zh: `规则集 ${rulesetId} 在 ${asOf} 没有生效的已发布版本`, en: `No published version of ${rulesetId} is in force on ${asOf}` }, { rulesetId, asOf });
    }
    const ruleset = await this.source.content(record);
    requireSeries(user, ruleset.series);
    // Committee results must trace to a version that went through approval.
    if (user.role !== 'admin' && record.status !== 'published' && record.status !== 'retired') {
      throw new HttpError('VERSION_NOT_PUBLISHED', { zh: `规则集 ${record.id} 的 v${record.version} 尚未发布（${record.status}）`, en: `Version ${record.version} of ${record.id} is ${record.status}, not published` }, { rulesetId: record.id, version: record.version, status: record.status });
    }
    return { record, ruleset, compiled: await this.compile(record) };
  }

  /** The compiled form of a stored version, its `extends` chain resolved through the store; no access check. */
  async compile(record: RulesetVersionRecord): Promise<CompiledRuleset> {
    let rules = this.compiledByHash.get(record.hash);
    if (!rules) {
      const ruleset = await this.source.content(record);
      rules = compileRuleset(resolveExtends(ruleset, await this.source.lookupFor(ruleset)));
      if (this.compiledByHash.size >= MAX_COMPILED) this.compiledByHash.delete(this.compiledByHash.keys().next().value!);
      this.compiledByHash.set(record.hash, rules);
    }
    return rules;
  }
}

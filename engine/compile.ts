// Compiles a resolved ruleset once: fact accessors, derived facts, condition
// closures, scoring items and the applicant validator. Cached per ruleset object,
// so evaluating thousands of applicants pays for compilation once.
import { compileApplicantValidator, type ApplicantValidator } from './applicant';
import { compileCondition, type Accessor, type CompiledCondition, type FactResolver } from './compile-condition';
import { compileUndecidableCheck } from './condition-error';
import { compileDerived, type CompiledDerived, type EvalContext } from './compile-derived';
import { compileItem, type CompiledCategory } from './compile-scoring';
import { PingshenError, issue, pointerOf } from './errors';
import { rulesetHash } from './hash';
import type { FactCatalog, FactInfo } from './explain';
import type { Criterion, DerivedDef, FactDef, PassRule, ResolvedRuleset, Ruleset, RulesetRef, Veto } from './types';

export interface CompiledCriterion {
  def: Criterion;
  appliesWhen: CompiledCondition<EvalContext> | null;
  conditions: CompiledCondition<EvalContext>;
}

export interface CompiledVeto {
  def: Veto;
  conditions: CompiledCondition<EvalContext>;
}

export interface CompiledRuleset {
  ruleset: ResolvedRuleset;
  ref: RulesetRef & { extends: RulesetRef[] };
  catalog: FactCatalog;
  derived: CompiledDerived;
  criteria: CompiledCriterion[];
  vetoes: CompiledVeto[];
  categories: CompiledCategory[];
  totalCap: number | null;
  pass: PassRule;
  validateApplicant: ApplicantValidator;
  /**
   * Throws CONDITION_UNDECIDABLE when a condition would make json-rules-engine throw
   * for this applicant (a list that is absent or not a list); null when none can.
   */
  checkOperands: ((ctx: EvalContext) => void) | null;
}

const DERIVED_TYPE: Record<DerivedDef['op'], FactInfo['type']> = {
  count: 'integer',
  yearsBetween: 'integer',
  monthsBetween: 'integer',
  sum: 'number',
  min: 'number',
  max: 'number',
  lookup: 'derived',
};

export function buildCatalog(facts: FactDef[], derived: DerivedDef[] = []): FactCatalog {
  const catalog: FactCatalog = new Map();
  for (const f of facts) {
    const info: FactInfo = { id: f.id, label: f.label, type: f.type };
    if (f.unit) info.unit = f.unit;
    if (f.options) info.options = new Map(f.options.map((o) => [o.value, o.label]));
    catalog.set(f.id, info);
  }
  for (const d of derived) {
    const info: FactInfo = { id: d.id, label: d.label, type: DERIVED_TYPE[d.op] };
    if (d.unit) info.unit = d.unit;
    catalog.set(d.id, info);
  }
  return catalog;
}

export function isResolved(ruleset: Ruleset | ResolvedRuleset): ruleset is ResolvedRuleset {
  return Array.isArray((ruleset as ResolvedRuleset).lineage);
}

function requireResolved(ruleset: Ruleset | ResolvedRuleset): ResolvedRuleset {
  if (isResolved(ruleset)) return ruleset;
  if (ruleset.extends) {
    throw new PingshenError('EXTENDS_MISSING', `ruleset ${ruleset.id}@${ruleset.version} extends ${ruleset.extends}: resolve it first`, [
      issue(
        'EXTENDS_MISSING',
        pointerOf('extends'),
        `规则集继承 ${ruleset.extends}，须先合并上级规则集再评审`,
        `This ruleset extends ${ruleset.extends}; resolve the parent before evaluating`,
      ),
    ]);
  }
  return { ...ruleset, lineage: [{ id: ruleset.id, version: ruleset.version, hash: rulesetHash(ruleset) }] };
}

const cache = new WeakMap<object, CompiledRuleset>();

/**
 * The applicant validator is compiled on first use: callers that evaluate with
 * `validate: false` (the studio's live preview, under a Content-Security-Policy
 * without 'unsafe-eval', where Ajv cannot generate code) never pay for or need it.
 */
function lazyValidator(facts: FactDef[]): ApplicantValidator {
  let compiled: ApplicantValidator | undefined;
  return (applicant) => (compiled ??= compileApplicantValidator(facts))(applicant);
}

export function compileRuleset(input: Ruleset | ResolvedRuleset): CompiledRuleset {
  const hit = cache.get(input);
  if (hit) return hit;
  const ruleset = requireResolved(input);
  const lineage = ruleset.lineage;
  const facts = ruleset.facts;
  const arrayFields = new Map(facts.filter((f) => f.fields).map((f) => [f.id, new Set((f.fields ?? []).map((x) => x.id))]));
  const baseIds = new Set(facts.map((f) => f.id));
  const baseResolve = (id: string): Accessor<EvalContext> | undefined =>
    baseIds.has(id) ? (ctx) => ctx.applicant[id] : undefined;
  const derived = compileDerived(ruleset.derived ?? [], baseResolve, (id) => arrayFields.get(id) ?? new Set());
  const resolve: FactResolver<EvalContext> = (id) => {
    const i = derived.indexOf.get(id);
    if (i !== undefined) return (ctx) => ctx.derived[i];
    return baseResolve(id) ?? (() => undefined);
  };
  const compiled: CompiledRuleset = {
    ruleset,
    ref: { ...lineage[0]!, extends: lineage.slice(1) },
    catalog: buildCatalog(facts, ruleset.derived),
    derived,
    criteria: (ruleset.criteria ?? []).map((def) => ({
      def,
      appliesWhen: def.appliesWhen ? compileCondition(def.appliesWhen, resolve) : null,
      conditions: compileCondition(def.conditions, resolve),
    })),
    vetoes: (ruleset.vetoes ?? []).map((def) => ({ def, conditions: compileCondition(def.conditions, resolve) })),
    categories: (ruleset.scoring?.categories ?? []).map((def) => ({
      def,
      items: def.items.map((item) => compileItem(item, def.id, resolve)),
    })),
    totalCap: ruleset.scoring?.cap ?? null,
    pass: ruleset.pass ?? { mode: 'rank' },
    validateApplicant: lazyValidator(facts),
    checkOperands: null,
  };
  compiled.checkOperands = compileUndecidableCheck(ruleset, resolve, compiled.catalog);
  cache.set(input, compiled);
  return compiled;
}

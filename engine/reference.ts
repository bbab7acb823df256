// The reference evaluator: every condition tree (criteria, vetoes, scoring items)
// is decided by json-rules-engine itself, which defines what a condition means.
// Derived facts, scoring and explanations are shared with the compiled evaluator,
// so the two results must be identical apart from `engine.evaluator`; the
// differential test holds the compiled evaluator to that. Slow by design: use it
// to check, not to run batches.
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { compileRuleset, type CompiledRuleset } from './compile';
import type { CompiledCondition } from './compile-condition';
import { conditionSlots, leavesAt, sideValue, undecidableError, type UndecidableAt } from './condition-error';
import type { EvalContext } from './compile-derived';
import type { CompiledItem } from './compile-scoring';
import { parseDate } from './dates';
import { evaluate, type EvaluateOptions } from './evaluate';
import type { ConditionTrace, EvaluationResult } from './result';
import { isFactReference } from './compile-condition';
import type { Applicant, Condition, ResolvedRuleset, Ruleset } from './types';

const isLeaf = (c: Condition) => !('all' in c) && !('any' in c) && !('not' in c);

interface ReferenceEngine {
  engine: Engine;
  wrapped: Set<string>;
}

const engines = new WeakMap<CompiledRuleset, ReferenceEngine>();

function referenceEngine(compiled: CompiledRuleset): ReferenceEngine {
  let ref = engines.get(compiled);
  if (ref) return ref;
  const engine = new Engine([], { allowUndefinedFacts: true });
  const wrapped = new Set<string>();
  for (const slot of conditionSlots(compiled.ruleset)) {
    // json-rules-engine needs all/any/not at the root; a lone leaf is wrapped and unwrapped again.
    const leaf = isLeaf(slot.condition);
    if (leaf) wrapped.add(slot.key);
    const conditions = (leaf ? { all: [slot.condition] } : slot.condition) as TopLevelCondition;
    engine.addRule({ name: slot.key, conditions, event: { type: slot.key } } as RuleProperties);
  }
  ref = { engine, wrapped };
  engines.set(compiled, ref);
  return ref;
}

type JreNode = Record<string, unknown> & { result?: boolean };

function toTrace(node: JreNode): ConditionTrace {
  const name = typeof node.name === 'string' ? node.name : undefined;
  const withName = (t: ConditionTrace) => {
    if (name !== undefined) t.name = name;
    return t;
  };
  if (Array.isArray(node.all)) return withName({ all: (node.all as JreNode[]).map(toTrace), result: node.result === true });
  if (Array.isArray(node.any)) return withName({ any: (node.any as JreNode[]).map(toTrace), result: node.result === true });
  if (node.not) return withName({ not: toTrace(node.not as JreNode), result: node.result === true });
  const value = node.value as { fact?: string } | null;
  const trace: ConditionTrace = {
    fact: node.fact as string,
    operator: node.operator as string,
    threshold: node.valueResult === undefined ? null : node.valueResult,
    factValue: node.factResult === undefined ? null : node.factResult,
    result: node.result === true,
  };
  if (typeof node.path === 'string') trace.path = node.path;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.fact === 'string') {
    trace.thresholdFact = value.fact;
  }
  return withName(trace);
}

const fixed = (trace: ConditionTrace): CompiledCondition<EvalContext> => ({ test: () => trace.result, trace: () => trace });

/** Condition traces for one applicant, as json-rules-engine decides them. */
export async function referenceTraces(
  compiled: CompiledRuleset,
  applicant: Applicant,
  asOf: string,
): Promise<Map<string, ConditionTrace>> {
  const { engine, wrapped } = referenceEngine(compiled);
  const ymd = parseDate(asOf);
  if (!ymd) throw new Error(`invalid asOf ${asOf}`);
  const ctx: EvalContext = { applicant, asOf: ymd, derived: new Array(compiled.derived.order.length) };
  compiled.derived.compute(ctx);
  const facts: Record<string, unknown> = { ...applicant };
  compiled.derived.order.forEach((id, i) => (facts[id] = ctx.derived[i]));
  let outcome: Awaited<ReturnType<Engine['run']>>;
  try {
    outcome = await engine.run(facts);
  } catch (err) {
    // json-rules-engine failed (a TypeError from an operator): the applicant cannot be
    // decided. Ask json-rules-engine again, a tree and then a leaf at a time, which
    // condition it was, and report it as the compiled evaluator would.
    throw undecidableError(applicant, await locateFailure(compiled, facts, err), compiled.catalog);
  }
  const { results, failureResults } = outcome;
  const traces = new Map<string, ConditionTrace>();
  for (const rr of [...results, ...failureResults]) {
    const name = rr.name as string;
    // Condition#toJSON drops the result of all/any/not nodes, so read the evaluated
    // Condition objects themselves; the root's result is kept on the rule result only.
    const tree = toTrace({ ...(rr.conditions as unknown as JreNode), result: rr.result === true });
    traces.set(name, wrapped.has(name) && 'all' in tree ? tree.all[0]! : tree);
  }
  return traces;
}

async function failsAlone(conditions: TopLevelCondition, facts: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ name: 'alone', conditions, event: { type: 'alone' } } as RuleProperties);
  try {
    await engine.run(facts);
    return false;
  } catch {
    return true;
  }
}

/** The first tree (slot order) and the first leaf in it (depth first) that json-rules-engine fails on by itself. */
async function locateFailure(compiled: CompiledRuleset, facts: Record<string, unknown>, err: unknown): Promise<UndecidableAt> {
  const cause = err instanceof Error ? err.message : String(err);
  const read = (id: string) => facts[id];
  for (const slot of conditionSlots(compiled.ruleset)) {
    const root = (isLeaf(slot.condition) ? { all: [slot.condition] } : slot.condition) as TopLevelCondition;
    if (!(await failsAlone(root, facts))) continue;
    for (const { leaf, at } of leavesAt(slot.condition)) {
      if (!(await failsAlone({ all: [leaf] } as TopLevelCondition, facts))) continue;
      const rhs = leaf.value;
      return {
        slot,
        at,
        leaf,
        factValue: sideValue(read, leaf.fact, leaf.path),
        valueValue: isFactReference(rhs) ? sideValue(read, rhs.fact, rhs.path) : rhs,
        cause,
      };
    }
    return { slot, at: null, leaf: null, cause };
  }
  return { slot: null, at: null, leaf: null, cause };
}

/** Evaluates with json-rules-engine deciding every condition (`--engine reference`). */
export async function evaluateReference(
  ruleset: Ruleset | ResolvedRuleset,
  applicant: Applicant,
  options: EvaluateOptions,
): Promise<EvaluationResult> {
  const compiled = compileRuleset(ruleset);
  // Throws on an invalid date or record; the compiled evaluator's own operand check is
  // left out, so that json-rules-engine alone decides whether a condition can be decided.
  if (options.validate !== false) evaluate({ ...compiled, checkOperands: null }, applicant, { ...options, trace: 'none' });
  const traces = await referenceTraces(compiled, applicant, options.asOf);
  const get = (key: string) => fixed(traces.get(key)!);
  const oracle: CompiledRuleset = {
    ...compiled,
    checkOperands: null,
    criteria: compiled.criteria.map((c, i) => ({
      def: c.def,
      appliesWhen: c.appliesWhen ? get(`criteria/${i}/appliesWhen`) : null,
      conditions: get(`criteria/${i}/conditions`),
    })),
    vetoes: compiled.vetoes.map((v, i) => ({ def: v.def, conditions: get(`vetoes/${i}/conditions`) })),
    categories: compiled.categories.map((cat, ci) => ({
      def: cat.def,
      items: cat.items.map((item, ii): CompiledItem => {
        const at = `categories/${ci}/items/${ii}`;
        const appliesWhen = item.appliesWhen ? get(`${at}/appliesWhen`) : null;
        if (item.def.type !== 'condition') return { ...item, appliesWhen };
        const when = traces.get(`${at}/when`)!;
        const points = item.def.points;
        return {
          ...item,
          appliesWhen,
          score: (_ctx, traced) => (traced ? { rawPoints: when.result ? points : 0, conditions: when } : { rawPoints: when.result ? points : 0 }),
        };
      }),
    })),
  };
  const result = evaluate(oracle, applicant, { ...options, validate: false });
  result.engine = { ...result.engine, evaluator: 'reference' };
  return result;
}

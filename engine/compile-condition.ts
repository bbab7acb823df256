// Compiles a json-rules-engine condition tree once into closures. Nothing from the
// rule file is spliced into source: thresholds and names stay data captured by the
// closures. `test` short-circuits; `trace` evaluates every node, as json-rules-engine
// does when no priorities are set, so both give the same answer at every node.
import { OperandShapeError, operatorFn, strictOperatorFn } from './operators';
import { parsePath, resolvePath } from './path';
import type { ConditionTrace } from './result';
import type { Condition, FactReference, LeafCondition } from './types';

export type Accessor<C> = (ctx: C) => unknown;
export type FactResolver<C> = (factId: string) => Accessor<C>;

export interface CompiledCondition<C> {
  test(ctx: C): boolean;
  trace(ctx: C): ConditionTrace;
}

export function isFactReference(value: unknown): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value;
}

export function compileCondition<C>(condition: Condition, resolve: FactResolver<C>): CompiledCondition<C> {
  if ('all' in condition) return compileGroup('all', condition.all, condition.name, resolve);
  if ('any' in condition) return compileGroup('any', condition.any, condition.name, resolve);
  if ('not' in condition) return compileNot(condition.not, condition.name, resolve);
  return compileLeaf(condition, resolve);
}

function compileGroup<C>(
  kind: 'all' | 'any',
  conditions: Condition[],
  name: string | undefined,
  resolve: FactResolver<C>,
): CompiledCondition<C> {
  const children = conditions.map((c) => compileCondition(c, resolve));
  const n = children.length;
  // json-rules-engine: an empty all/any passes.
  const test =
    kind === 'all'
      ? (ctx: C) => {
          for (let i = 0; i < n; i++) if (!children[i]!.test(ctx)) return false;
          return true;
        }
      : (ctx: C) => {
          if (n === 0) return true;
          for (let i = 0; i < n; i++) if (children[i]!.test(ctx)) return true;
          return false;
        };
  const trace = (ctx: C): ConditionTrace => {
    const traces = new Array<ConditionTrace>(n);
    let result = kind === 'all' || n === 0;
    for (let i = 0; i < n; i++) {
      const t = children[i]!.trace(ctx);
      traces[i] = t;
      if (kind === 'all') result = result && t.result;
      else result = result || t.result;
    }
    const node = (kind === 'all' ? { all: traces, result } : { any: traces, result }) as ConditionTrace;
    if (name !== undefined) node.name = name;
    return node;
  };
  return { test, trace };
}

function compileNot<C>(condition: Condition, name: string | undefined, resolve: FactResolver<C>): CompiledCondition<C> {
  const child = compileCondition(condition, resolve);
  return {
    test: (ctx) => !child.test(ctx),
    trace: (ctx) => {
      const t = child.trace(ctx);
      const node: ConditionTrace = { not: t, result: !t.result };
      if (name !== undefined) node.name = name;
      return node;
    },
  };
}

function withPath<C>(get: Accessor<C>, path: string | undefined): Accessor<C> {
  if (path === undefined) return get;
  const steps = parsePath(path);
  return (ctx) => resolvePath(get(ctx), steps);
}

function compileLeaf<C>(leaf: LeafCondition, resolve: FactResolver<C>): CompiledCondition<C> {
  const op = operatorFn(leaf.operator);
  const left = withPath(resolve(leaf.fact), leaf.path);
  const { fact, operator, path, name } = leaf;
  const rhs = leaf.value;
  if (isFactReference(rhs)) {
    const right = withPath(resolve(rhs.fact), rhs.path);
    const thresholdFact = rhs.fact;
    return {
      test: (ctx) => op(left(ctx), right(ctx)),
      trace: (ctx) => {
        const factValue = left(ctx);
        const threshold = right(ctx);
        return leafTrace(fact, path, operator, threshold, thresholdFact, factValue, op(factValue, threshold), name);
      },
    };
  }
  return {
    test: (ctx) => op(left(ctx), rhs),
    trace: (ctx) => {
      const factValue = left(ctx);
      return leafTrace(fact, path, operator, rhs, undefined, factValue, op(factValue, rhs), name);
    },
  };
}

function leafTrace(
  fact: string,
  path: string | undefined,
  operator: string,
  threshold: unknown,
  thresholdFact: string | undefined,
  factValue: unknown,
  result: boolean,
  name: string | undefined,
): ConditionTrace {
  const node: ConditionTrace = {
    fact,
    operator,
    threshold: threshold === undefined ? null : threshold,
    factValue: factValue === undefined ? null : factValue,
    result,
  };
  if (path !== undefined) node.path = path;
  if (thresholdFact !== undefined) node.thresholdFact = thresholdFact;
  if (name !== undefined) node.name = name;
  return node;
}

/** A leaf json-rules-engine would throw on, with its place in the tree and the two sides' values. */
export interface OperandFault {
  at: Array<string | number>;
  leaf: LeafCondition;
  factValue: unknown;
  valueValue: unknown;
}

/**
 * Runs, strictly, every leaf of the tree for which `mayThrow` holds, depth first, and
 * returns the first that json-rules-engine would throw on; null when there is no such
 * leaf in the tree. Every such leaf is run whatever its siblings say, because
 * json-rules-engine evaluates every condition of an all/any (equal priorities run
 * together), so a sibling cannot keep it from throwing.
 */
export function compileOperandCheck<C>(
  condition: Condition,
  resolve: FactResolver<C>,
  mayThrow: (leaf: LeafCondition) => boolean,
): ((ctx: C) => OperandFault | null) | null {
  const checks: Array<(ctx: C) => OperandFault | null> = [];
  const walk = (c: Condition, at: Array<string | number>) => {
    if ('all' in c) c.all.forEach((x, i) => walk(x, [...at, 'all', i]));
    else if ('any' in c) c.any.forEach((x, i) => walk(x, [...at, 'any', i]));
    else if ('not' in c) walk(c.not, [...at, 'not']);
    else if (mayThrow(c)) {
      const leaf = c;
      const op = strictOperatorFn(leaf.operator);
      const left = withPath(resolve(leaf.fact), leaf.path);
      const rhs = leaf.value;
      const right: Accessor<C> = isFactReference(rhs) ? withPath(resolve(rhs.fact), rhs.path) : () => rhs;
      checks.push((ctx) => {
        const factValue = left(ctx);
        const valueValue = right(ctx);
        try {
          op(factValue, valueValue);
          return null;
        } catch (err) {
          if (err instanceof OperandShapeError) return { at, leaf, factValue, valueValue };
          throw err;
        }
      });
    }
  };
  walk(condition, []);
  if (checks.length === 0) return null;
  return (ctx) => {
    for (const check of checks) {
      const fault = check(ctx);
      if (fault) return fault;
    }
    return null;
  };
}

/** Every leaf of a condition tree, depth first. */
export function leaves(condition: Condition): LeafCondition[] {
  if ('all' in condition) return condition.all.flatMap(leaves);
  if ('any' in condition) return condition.any.flatMap(leaves);
  if ('not' in condition) return leaves(condition.not);
  return [condition];
}

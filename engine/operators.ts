// json-rules-engine's built-in operators and operator decorators, with the same
// semantics (including its fact-value validators), as plain synchronous functions.
// Where json-rules-engine would throw on a value of the wrong shape (e.g. `in`
// against a non-array), the whole operator returns false, decorators included
// (`not:in` against null is false, not true); lint keeps such rules from being written.

export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;

export const BASE_OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;
export type BaseOperator = (typeof BASE_OPERATORS)[number];

export const DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'] as const;
export type Decorator = (typeof DECORATORS)[number];

export const NUMERIC_OPERATORS: ReadonlySet<string> = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);

function isNumeric(value: unknown): boolean {
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

/** Thrown where json-rules-engine would throw; operatorFn turns it into false for the whole operator. */
const WRONG_SHAPE = new Error('operator applied to a value of the wrong shape');

function indexable(value: unknown): { indexOf(x: unknown): number } {
  if (Array.isArray(value) || typeof value === 'string') return value;
  throw WRONG_SHAPE;
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw WRONG_SHAPE;
}

type Compare = (a: any, b: any) => boolean;

const BASE: Record<BaseOperator, OperatorFn> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => indexable(b).indexOf(a) > -1,
  notIn: (a, b) => indexable(b).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: numeric((a, b) => a < b),
  lessThanInclusive: numeric((a, b) => a <= b),
  greaterThan: numeric((a, b) => a > b),
  greaterThanInclusive: numeric((a, b) => a >= b),
};

function numeric(compare: Compare): OperatorFn {
  return (a, b) => isNumeric(a) && compare(a, b);
}

function decorate(decorator: Decorator, next: OperatorFn): OperatorFn {
  switch (decorator) {
    case 'someFact':
      return (a, b) => Array.isArray(a) && a.some((x) => next(x, b));
    case 'everyFact':
      return (a, b) => Array.isArray(a) && a.every((x) => next(x, b));
    case 'someValue':
      return (a, b) => list(b).some((y) => next(a, y));
    case 'everyValue':
      return (a, b) => list(b).every((y) => next(a, y));
    case 'swap':
      return (a, b) => next(b, a);
    case 'not':
      return (a, b) => !next(a, b);
  }
}

export interface ParsedOperator {
  decorators: Decorator[];
  base: BaseOperator;
}

/** `everyFact:not:equal` → decorators outermost first, then the base operator. */
export function parseOperator(name: string): ParsedOperator | null {
  const parts = name.split(':');
  const base = parts.pop() as BaseOperator;
  if (!BASE_OPERATORS.includes(base)) return null;
  if (!parts.every((p) => (DECORATORS as readonly string[]).includes(p))) return null;
  return { decorators: parts as Decorator[], base };
}

const cache = new Map<string, OperatorFn>();

export function operatorFn(name: string): OperatorFn {
  let fn = cache.get(name);
  if (fn) return fn;
  const parsed = parseOperator(name);
  if (!parsed) throw new Error(`Unknown operator: ${name}`);
  let composed = BASE[parsed.base];
  for (let i = parsed.decorators.length - 1; i >= 0; i--) composed = decorate(parsed.decorators[i]!, composed);
  const inner = composed;
  fn = (a, b) => {
    try {
      return inner(a, b);
    } catch (err) {
      if (err === WRONG_SHAPE) return false;
      throw err;
    }
  };
  cache.set(name, fn);
  return fn;
}

/** Operator names as shown to officials. */
export const OPERATOR_SYMBOLS: Record<BaseOperator, { zh: string; en: string; symbol: string }> = {
  equal: { zh: '等于', en: 'equals', symbol: '=' },
  notEqual: { zh: '不等于', en: 'does not equal', symbol: '≠' },
  in: { zh: '属于', en: 'is one of', symbol: '∈' },
  notIn: { zh: '不属于', en: 'is none of', symbol: '∉' },
  contains: { zh: '包含', en: 'contains', symbol: '∋' },
  doesNotContain: { zh: '不包含', en: 'does not contain', symbol: '∌' },
  lessThan: { zh: '小于', en: 'less than', symbol: '<' },
  lessThanInclusive: { zh: '不超过', en: 'at most', symbol: '≤' },
  greaterThan: { zh: '大于', en: 'greater than', symbol: '>' },
  greaterThanInclusive: { zh: '不少于', en: 'at least', symbol: '≥' },
};

/**
 * The operators that fit a fact of this type, as an editor offers them (the same
 * fits lint checks): numbers and dates compare; enums and strings match one or a
 * list of values; sets and arrays hold values; a boolean is equal or not. A lookup
 * derived fact has no fixed type, so it is offered everything but list membership.
 */
export function operatorsForType(type: string): BaseOperator[] {
  switch (type) {
    case 'number':
    case 'integer':
    case 'date':
      return ['greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan', 'equal', 'notEqual'];
    case 'enum':
    case 'string':
      return ['equal', 'notEqual', 'in', 'notIn'];
    case 'set':
    case 'array':
      return ['contains', 'doesNotContain'];
    case 'boolean':
      return ['equal'];
    case 'derived':
      return ['greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan', 'equal', 'notEqual', 'in', 'notIn'];
    default:
      return [];
  }
}

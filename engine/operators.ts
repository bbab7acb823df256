// json-rules-engine's built-in operators and operator decorators, with the same
// semantics (including its fact-value validators), as plain synchronous functions.
// Where json-rules-engine would throw on a value of the wrong shape (`in` against a
// list that is absent or not a list), strictOperatorFn throws OperandShapeError at
// exactly the same places; the evaluator checks those leaves first and reports the
// applicant as not evaluable (CONDITION_UNDECIDABLE), as the reference evaluator does
// when json-rules-engine throws. operatorFn, used once that check has passed (and by
// derived facts' `where`, which json-rules-engine never sees), answers false there
// for the whole operator, decorators included. Lint keeps such rules from being written.

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

/** Thrown where json-rules-engine would throw (a TypeError there); operatorFn turns it into false for the whole operator. */
export class OperandShapeError extends Error {
  constructor() {
    super('operator applied to a value of the wrong shape');
    this.name = 'OperandShapeError';
  }
}
const WRONG_SHAPE = new OperandShapeError();

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

/** Where an operand must be a list: the fact side or the value side, itself or (under some/every) each of its elements. */
export interface ListOperand {
  side: 'fact' | 'value';
  /** True when the list required is an element of that side (`someFact:swap:in`), not the side itself. */
  element: boolean;
}

/**
 * The operands json-rules-engine treats as lists without checking first, so that it
 * throws when they are not: the right side of `in`/`notIn` (an array or a string) and
 * of `someValue`/`everyValue` (an array), after `swap` has exchanged the sides.
 * `someFact`/`everyFact` and `contains`/`doesNotContain` check that the fact side is an
 * array and answer false otherwise, so they never appear here.
 */
export function listOperands(parsed: ParsedOperator): ListOperand[] {
  let a: ListOperand = { side: 'fact', element: false };
  let b: ListOperand = { side: 'value', element: false };
  const out: ListOperand[] = [];
  for (const d of parsed.decorators) {
    if (d === 'someFact' || d === 'everyFact') a = { ...a, element: true };
    else if (d === 'someValue' || d === 'everyValue') {
      out.push(b);
      b = { ...b, element: true };
    } else if (d === 'swap') [a, b] = [b, a];
  }
  if (parsed.base === 'in' || parsed.base === 'notIn') out.push(b);
  return out;
}

function compose(name: string): OperatorFn {
  const parsed = parseOperator(name);
  if (!parsed) throw new Error(`Unknown operator: ${name}`);
  let composed = BASE[parsed.base];
  for (let i = parsed.decorators.length - 1; i >= 0; i--) composed = decorate(parsed.decorators[i]!, composed);
  return composed;
}

const strictCache = new Map<string, OperatorFn>();

/** The operator exactly as json-rules-engine runs it: throws OperandShapeError where json-rules-engine throws. */
export function strictOperatorFn(name: string): OperatorFn {
  let fn = strictCache.get(name);
  if (!fn) strictCache.set(name, (fn = compose(name)));
  return fn;
}

const cache = new Map<string, OperatorFn>();

export function operatorFn(name: string): OperatorFn {
  let fn = cache.get(name);
  if (fn) return fn;
  const inner = strictOperatorFn(name);
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

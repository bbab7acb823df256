// What the criteria builder offers for a fact: the operators that fit its type
// (the same fits lint checks), and the value input each operator needs.
import type { FactInfo } from '../../../../engine/explain';
import type { Condition, ConditionValue, FactReference, LeafCondition } from '../../../../engine/index';
import { BASE_OPERATORS, operatorsForType, type BaseOperator } from '../../../../engine/operators';

export type BaseOp = BaseOperator;

/** Operators offered for a fact type (the engine's list, which lint agrees with); the condition's own operator stays on the list even if unusual (a decorated one). */
export function operatorsFor(info: FactInfo | undefined, current?: string): string[] {
  const forType: readonly string[] = info ? operatorsForType(info.type) : [];
  const offered = forType.length > 0 ? [...forType] : [...BASE_OPERATORS];
  return current && !offered.includes(current) ? [...offered, current] : offered;
}

export type ValueKind = 'number' | 'date' | 'boolean' | 'option' | 'options' | 'text' | 'texts' | 'json';

const LIST_OPERATORS = new Set(['in', 'notIn']);

/** The input a leaf's value needs, from the fact's type and the operator. */
export function valueKind(info: FactInfo | undefined, operator: string): ValueKind {
  const base = operator.split(':').pop() ?? operator;
  if (operator.includes(':')) return 'json';
  const many = LIST_OPERATORS.has(base);
  switch (info?.type) {
    case 'number':
    case 'integer':
      return many ? 'json' : 'number';
    case 'date':
      return many ? 'json' : 'date';
    case 'boolean':
      return 'boolean';
    case 'enum':
    case 'set':
      return many ? 'options' : 'option';
    case 'string':
      return many ? 'texts' : 'text';
    case 'derived':
      return many ? 'texts' : 'number';
    default:
      return 'json';
  }
}

export function isFactReference(value: ConditionValue): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A sensible starting value when the fact or operator changes, keeping what still fits. */
export function coerceValue(value: ConditionValue, kind: ValueKind, info: FactInfo | undefined): ConditionValue {
  if (isFactReference(value)) return value;
  const first = Array.isArray(value) ? (value[0] ?? null) : value;
  const firstOption = info?.options ? ([...info.options.keys()][0] ?? '') : '';
  switch (kind) {
    case 'number':
      return typeof first === 'number' ? first : 0;
    case 'date':
      return typeof first === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(first) ? first : '2024-01-01';
    case 'boolean':
      return typeof first === 'boolean' ? first : true;
    case 'option':
      return typeof first === 'string' && info?.options?.has(first) ? first : firstOption;
    case 'options':
      return Array.isArray(value) ? value.filter((v) => typeof v === 'string' && info?.options?.has(v)) : typeof first === 'string' && info?.options?.has(first) ? [first] : [];
    case 'text':
      return typeof first === 'string' ? first : '';
    case 'texts':
      return Array.isArray(value) ? value : first === null ? [] : [first];
    case 'json':
      return value;
  }
}

export type GroupKind = 'all' | 'any' | 'not';

export function groupKind(node: Condition): GroupKind | null {
  if ('all' in node) return 'all';
  if ('any' in node) return 'any';
  if ('not' in node) return 'not';
  return null;
}

export function childrenOf(node: Condition): Condition[] {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  if ('not' in node) return [node.not];
  return [];
}

/** The same children under another kind of group; a name is kept. `not` holds one child, so several become one group under it. */
export function regroup(node: Condition, kind: GroupKind): Condition {
  const children = childrenOf(node);
  const named = node.name !== undefined ? { name: node.name } : {};
  if (kind === 'not') return { not: children.length === 1 ? children[0]! : { all: children }, ...named };
  const inner = 'not' in node && ('all' in node.not || 'any' in node.not) ? childrenOf(node.not) : children;
  return kind === 'all' ? { all: inner, ...named } : { any: inner, ...named };
}

export function newLeaf(fact: string, info: FactInfo | undefined): LeafCondition {
  const operator = operatorsFor(info)[0]!;
  return { fact, operator, value: coerceValue(null, valueKind(info, operator), info) };
}

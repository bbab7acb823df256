// The operators an editor offers per fact type agree with what lint accepts: every
// offered operator, used on a fact of that type with a fitting value, lints clean.
import { describe, expect, it } from 'vitest';
import { lintRuleset } from '../../engine/lint';
import { operatorsForType } from '../../engine/operators';
import type { FactDef, Ruleset } from '../../engine/types';

const facts: FactDef[] = [
  { id: 'n', label: { zh: '数' }, type: 'number' },
  { id: 'i', label: { zh: '整数' }, type: 'integer' },
  { id: 'd', label: { zh: '日期' }, type: 'date' },
  { id: 'e', label: { zh: '选项' }, type: 'enum', options: [{ value: 'a', label: { zh: '甲' } }] },
  { id: 's', label: { zh: '文字' }, type: 'string' },
  { id: 'set', label: { zh: '集合' }, type: 'set', options: [{ value: 'a', label: { zh: '甲' } }] },
  { id: 'b', label: { zh: '是否' }, type: 'boolean' },
];
const value: Record<string, (op: string) => unknown> = {
  n: (op) => (op === 'in' || op === 'notIn' ? [1] : 1),
  i: () => 1,
  d: () => '2024-01-01',
  e: (op) => (op === 'in' || op === 'notIn' ? ['a'] : 'a'),
  s: (op) => (op === 'in' || op === 'notIn' ? ['x'] : 'x'),
  set: () => 'a',
  b: () => true,
};

describe('operatorsForType', () => {
  it.each([
    ['number', ['greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan', 'equal', 'notEqual']],
    ['enum', ['equal', 'notEqual', 'in', 'notIn']],
    ['string', ['equal', 'notEqual', 'in', 'notIn']],
    ['set', ['contains', 'doesNotContain']],
    ['array', ['contains', 'doesNotContain']],
    ['boolean', ['equal']],
    ['record', []],
  ])('offers %s facts %j', (type, expected) => {
    expect(operatorsForType(type)).toEqual(expected);
  });

  it.each(facts.map((f) => [f.id, f.type] as const))('every operator offered for %s (%s) lints clean', (id, type) => {
    const criteria = operatorsForType(type).map((operator, k) => ({
      id: `c${k}`,
      title: { zh: '条件' },
      basis: [{ doc: 'doc' }],
      conditions: { fact: id, operator, value: value[id]!(operator) as never },
    }));
    const ruleset: Ruleset = { id: 'r', version: 1, title: { zh: '规则' }, department: 'x', basis: [{ id: 'doc', title: { zh: '文件' } }], facts, criteria };
    expect(lintRuleset(ruleset)).toEqual([]);
  });
});

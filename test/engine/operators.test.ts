// Every operator name the schema accepts (each base operator, alone and under one or
// two decorators) against a matrix of values of every shape: the engine's synchronous
// operators answer exactly as json-rules-engine's, and false where json-rules-engine
// throws (a value of the wrong shape; lint keeps such rules from being written). The
// strict operators throw exactly where json-rules-engine throws, and only where
// listOperands says a list is needed and not given: the evaluator's check for
// undecidable conditions (CONDITION_UNDECIDABLE) relies on both.
import { describe, expect, it } from 'vitest';
import { BASE_OPERATORS, DECORATORS, listOperands, OperandShapeError, operatorFn, parseOperator, strictOperatorFn } from '../../engine/operators';
import { parsePath, resolvePath } from '../../engine/path';
import { jreOperator, jrePath } from '../support/jre';

const values: unknown[] = [
  undefined,
  null,
  0,
  1,
  2,
  -1,
  2.5,
  Number.NaN,
  '',
  '2',
  '2abc',
  'master',
  'a',
  '2024-09-30',
  '2019-09-01',
  true,
  false,
  [],
  [1, 2],
  ['master', 'doctorate'],
  ['a'],
  [null],
  [[1]],
  { a: 1 },
];

const names = [
  ...BASE_OPERATORS,
  ...DECORATORS.flatMap((d) => BASE_OPERATORS.map((b) => `${d}:${b}`)),
  ...DECORATORS.flatMap((d1) => DECORATORS.flatMap((d2) => BASE_OPERATORS.map((b) => `${d1}:${d2}:${b}`))),
];

function jre(name: string, a: unknown, b: unknown): boolean | 'throws' {
  try {
    return jreOperator(name).evaluate(a, b);
  } catch {
    return 'throws';
  }
}

describe('operators: the same answers as json-rules-engine', () => {
  it(`covers ${names.length} operator names`, () => {
    expect(names).toHaveLength(10 + 60 + 360);
    for (const n of names) expect(parseOperator(n), n).not.toBeNull();
  });

  it.each(names.map((n) => [n]))('%s', (name) => {
    const ours = operatorFn(name);
    const strict = strictOperatorFn(name);
    const lists = listOperands(parseOperator(name)!);
    const wrong: string[] = [];
    for (const a of values) {
      for (const b of values) {
        const theirs = jre(name, a, b);
        const mine = ours(a, b);
        const shown = `${JSON.stringify(a)} ${name} ${JSON.stringify(b)}`;
        if (mine !== (theirs === 'throws' ? false : theirs)) wrong.push(`${shown}: ${mine}, json-rules-engine ${theirs}`);
        let strictly: boolean | 'throws';
        try {
          strictly = strict(a, b);
        } catch (err) {
          if (!(err instanceof OperandShapeError)) throw err;
          strictly = 'throws';
        }
        if (strictly !== theirs) wrong.push(`${shown}: strictly ${strictly}, json-rules-engine ${theirs}`);
        const culprits = lists.filter((o) => o.element || !Array.isArray(o.side === 'fact' ? a : b));
        if (theirs === 'throws' && culprits.length === 0) wrong.push(`${shown}: json-rules-engine throws, yet every list operand is a list`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('listOperands: the right side of in/notIn/someValue/everyValue, the fact side under swap, elements under a second list decorator', () => {
    const of = (name: string) => listOperands(parseOperator(name)!);
    expect(of('in')).toEqual([{ side: 'value', element: false }]);
    expect(of('not:notIn')).toEqual([{ side: 'value', element: false }]);
    expect(of('swap:in')).toEqual([{ side: 'fact', element: false }]);
    expect(of('someValue:equal')).toEqual([{ side: 'value', element: false }]);
    expect(of('swap:everyValue:equal')).toEqual([{ side: 'fact', element: false }]);
    expect(of('someFact:swap:in')).toEqual([{ side: 'fact', element: true }]);
    expect(of('someValue:in')).toEqual([{ side: 'value', element: false }, { side: 'value', element: true }]);
    for (const name of ['equal', 'contains', 'doesNotContain', 'someFact:equal', 'everyFact:not:greaterThan', 'swap:contains']) expect(of(name), name).toEqual([]);
  });

  it('an unknown operator is refused', () => {
    expect(() => operatorFn('atLeast')).toThrow('Unknown operator: atLeast');
    expect(parseOperator('sometimes:equal')).toBeNull();
  });
});

describe('path: the same values as json-rules-engine’s JSONPath', () => {
  const record = { level: 'township', staff: 12, nested: { deep: [1, 2] }, empty: null, list: [{ year: 2020 }, { year: 2021, core: true }] };
  const list = [{ year: 2019, core: true }, { year: 2022 }, null];
  it.each<[string, unknown, string]>([
    ['a field of a record', record, '$.level'],
    ['a missing field', record, '$.missing'],
    ['a null field', record, '$.empty'],
    ['a field under a null', record, '$.empty.x'],
    ['a nested field', record, '$.nested.deep'],
    ['an array element of a field', record, '$.nested.deep[1]'],
    ['a field of an array element of a field', record, '$.list[1].core'],
    ['an array element', list, '$[0]'],
    ['a field of an array element', list, '$[1].year'],
    ['beyond the end of an array', list, '$[5].year'],
    ['a field of a null element', list, '$[2].year'],
    ['a missing field of an element', list, '$[1].core'],
    ['an empty array', [], '$[0].year'],
    ['a path on a number passes the number through', 7, '$.x'],
    ['a path on a string passes the string through', 'text', '$[0]'],
    ['a path on null passes null through', null, '$.x'],
  ])('%s: %s', async (_name, value, path) => {
    const mine = resolvePath(value, parsePath(path));
    const theirs = value !== null && typeof value === 'object' ? await jrePath(value, path) : value;
    expect(mine).toEqual(theirs);
  });
});

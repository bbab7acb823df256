// Every operator name the schema accepts (each base operator, alone and under one or
// two decorators) against a matrix of values of every shape: the engine's synchronous
// operators answer exactly as json-rules-engine's, and false where json-rules-engine
// throws (a value of the wrong shape; lint keeps such rules from being written).
import { describe, expect, it } from 'vitest';
import { BASE_OPERATORS, DECORATORS, operatorFn, parseOperator } from '../../engine/operators';
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
    const wrong: string[] = [];
    for (const a of values) {
      for (const b of values) {
        const theirs = jre(name, a, b);
        const mine = ours(a, b);
        if (mine !== (theirs === 'throws' ? false : theirs)) wrong.push(`${JSON.stringify(a)} ${name} ${JSON.stringify(b)}: ${mine}, json-rules-engine ${theirs}`);
      }
    }
    expect(wrong).toEqual([]);
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

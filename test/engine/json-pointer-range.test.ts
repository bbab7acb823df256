// jsonPointerRange: where an issue's JSON pointer sits in the text, so the studio's
// JSON view can underline it; and the lazy applicant validator that lets the
// studio evaluate where Ajv cannot generate code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { jsonPointerRange } from '../../engine/json-position';
import { ROOT } from '../support/rulesets';

const text = JSON.stringify({ a: { 'b/c': [1, { d: 'x"y' }, true], e: null }, f: [], 'g~h': 2 }, null, 2);
const at = (pointer: string) => {
  const range = jsonPointerRange(text, pointer);
  return range ? text.slice(range.from, range.to) : null;
};

describe('jsonPointerRange', () => {
  it.each([
    ['', text],
    ['/a/b~1c/0', '1'],
    ['/a/b~1c/1/d', '"x\\"y"'],
    ['/a/b~1c/2', 'true'],
    ['/a/e', 'null'],
    ['/f', '[]'],
    ['/g~0h', '2'],
  ])('%s names its value', (pointer, expected) => {
    expect(at(pointer)).toBe(expected);
  });

  it('falls back to the nearest value that exists', () => {
    expect(at('/a/missing')).toBe(text.slice(text.indexOf('{', 1), text.indexOf('"f"') - 4));
    expect(at('/a/b~1c/9')).toContain('[');
  });

  it('finds a criterion threshold in a shipped rule file', () => {
    const file = readFileSync(join(ROOT, 'rules/education/teacher-deputy-senior/v1.json'), 'utf8');
    const data = JSON.parse(file) as { criteria: Array<{ conditions: { any: Array<{ all: Array<{ value: unknown }> }> } }> };
    const range = jsonPointerRange(file, '/criteria/1/conditions/any/0/all/1/value')!;
    expect(JSON.parse(file.slice(range.from, range.to))).toBe(data.criteria[1]!.conditions.any[0]!.all[1]!.value);
  });
});

describe('compileRuleset', () => {
  it('compiles the applicant validator only when an applicant is validated', async () => {
    vi.resetModules();
    const applicant = await import('../../engine/applicant');
    const spy = vi.spyOn(applicant, 'compileApplicantValidator');
    const { compileRuleset } = await import('../../engine/compile');
    const { evaluate } = await import('../../engine/evaluate');
    const ruleset = { id: 'r', version: 1, title: { zh: 'r' }, department: 'd', basis: [], facts: [{ id: 'n', label: { zh: 'n' }, type: 'number' as const }] };
    const compiled = compileRuleset(ruleset);
    evaluate(compiled, { n: 1 }, { asOf: '2024-01-01', validate: false });
    expect(spy).not.toHaveBeenCalled();
    expect(compiled.validateApplicant({ n: 'x' })).toHaveLength(1);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

// The ruleset schema is compiled ahead of time (scripts/ruleset-validator.ts) so that the
// studio can check a draft under its CSP (no 'unsafe-eval'). The precompiled validator
// must be the schema as it is today and must answer exactly what Ajv compiling the
// schema at run time answers.
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import generated from '../../engine/schema/ruleset-validator.generated';
import { rulesetFormats } from '../../engine/schema/formats';
import schema from '../../engine/schema/ruleset.schema.json';
import { GENERATED_PATH, rulesetValidatorSource } from '../../scripts/ruleset-validator';
import { mini, shippedRuleFiles } from '../support/rulesets';

const precompiled = generated as unknown as ValidateFunction;
const runtime = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
runtime.addFormat('date', rulesetFormats.date);
const compiled = runtime.compile(schema);

function bothSay(data: unknown) {
  const ok = precompiled(data) as boolean;
  const fromPrecompiled = precompiled.errors ?? null;
  const runtimeOk = compiled(data);
  return { ok, runtimeOk, fromPrecompiled, fromRuntime: compiled.errors ?? null };
}

type Edit = (r: any) => void;
const broken: [string, Edit][] = [
  ['no id', (r) => delete r.id],
  ['version as text', (r) => (r.version = '1')],
  ['unknown top-level property', (r) => (r.colour = 'red')],
  ['bad operator', (r) => (r.criteria[0].conditions = { fact: 'x', operator: 'atLeast', value: 1 })],
  ['empty group', (r) => (r.criteria[0].conditions = { all: [] })],
  ['impossible date', (r) => (r.effectiveTo = '2024-02-30')],
  ['malformed date', (r) => (r.effectiveFrom = '2024/09/01')],
  ['empty Chinese title', (r) => (r.title = { zh: '' })],
  ['slug too long', (r) => (r.department = 'a'.repeat(65))],
  ['minScore mode without minScore', (r) => (r.pass = { mode: 'minScore' })],
  ['item with fields of another type', (r) => (r.scoring.categories[0].items[0].pointsEach = 1)],
  ['criterion without basis', (r) => (r.criteria[0].basis = [])],
  ['shared condition reference', (r) => (r.vetoes[0].conditions = { condition: 'x' })],
  ['unsupported path', (r) => (r.criteria[0].conditions = { fact: 'x', operator: 'equal', value: 1, path: '$..a' })],
  ['not an object', (r) => Object.keys(r).forEach((k) => delete r[k])],
];

describe('precompiled ruleset validator', () => {
  it('is up to date with engine/schema/ruleset.schema.json (regenerate: node scripts/ruleset-validator.ts)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(rulesetValidatorSource());
  });

  it('contains no run-time code generation', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).not.toMatch(/new Function\(|\beval\(|require\(/);
  });

  const files = shippedRuleFiles();
  it.each(files.map((f) => [f.file, f.text] as const))('accepts %s as the runtime-compiled schema does', (_file, text) => {
    const answer = bothSay(JSON.parse(text));
    expect(answer.ok).toBe(answer.runtimeOk);
    expect(answer.fromPrecompiled).toEqual(answer.fromRuntime);
  });

  it.each(broken)('gives the runtime-compiled errors for a ruleset with %s', (_what, edit) => {
    const doc = mini() as any;
    edit(doc);
    const answer = bothSay(doc);
    expect(answer.ok).toBe(false);
    expect(answer.runtimeOk).toBe(false);
    expect(answer.fromPrecompiled!.length).toBeGreaterThan(0);
    expect(answer.fromPrecompiled).toEqual(answer.fromRuntime);
  });

  it('gives the runtime-compiled errors for things that are not rulesets at all', () => {
    for (const data of [null, 42, 'text', [], { id: 1 }]) {
      const answer = bothSay(data);
      expect(answer.ok).toBe(false);
      expect(answer.fromPrecompiled).toEqual(answer.fromRuntime);
    }
  });
});

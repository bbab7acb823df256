// Replaying the same input against the same ruleset gives byte-identical output, and
// the engine reads no clock and no randomness and uses no Node-only API (the studio
// runs it in the browser).
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleset } from '../../engine/compile';
import { evaluate } from '../../engine/evaluate';
import type { Ruleset } from '../../engine/types';
import { randomApplicants } from '../support/random-applicants';
import { loadFixture, ROOT, shippedRulesets } from '../support/rulesets';

const ASOF = '2024-09-30';

const targets: Array<[string, () => Ruleset]> = [
  ['mini.json', () => loadFixture('mini.json')],
  ['all-operators.json', () => loadFixture('all-operators.json')],
  ...shippedRulesets().map((s): [string, () => Ruleset] => [s.file, () => structuredClone(s.resolved)]),
];

describe('byte-identical replays', () => {
  it.each(targets)('%s: the same input twice, or against a fresh copy of the ruleset, gives the same bytes', (_name, load) => {
    const applicants = randomApplicants(load(), 40, { asOf: ASOF, seed: 99 });
    const cached = compileRuleset(load());
    const forward = applicants.map((a) => JSON.stringify(evaluate(cached, a, { asOf: ASOF })));
    // again, in reverse order, so no state can leak from one applicant to the next
    const backward = [...applicants].reverse().map((a) => JSON.stringify(evaluate(cached, a, { asOf: ASOF }))).reverse();
    const recompiled = compileRuleset(load());
    const fresh = applicants.map((a) => JSON.stringify(evaluate(recompiled, structuredClone(a), { asOf: ASOF })));
    expect(backward).toEqual(forward);
    expect(fresh).toEqual(forward);
  });

  it.each(['full', 'criteria', 'none'] as const)('trace %s is deterministic too', (trace) => {
    const r = loadFixture('all-operators.json');
    const other = loadFixture('all-operators.json');
    for (const a of randomApplicants(r, 20, { asOf: ASOF, seed: 5 })) {
      expect(JSON.stringify(evaluate(r, a, { asOf: ASOF, trace }))).toBe(JSON.stringify(evaluate(other, a, { asOf: ASOF, trace })));
    }
  });

  it('evaluation does not change the applicant or the ruleset it is given', () => {
    const r = loadFixture('all-operators.json');
    const before = JSON.stringify(r);
    for (const a of randomApplicants(r, 20, { asOf: ASOF, seed: 6 })) {
      const copy = JSON.stringify(a);
      evaluate(r, a, { asOf: ASOF });
      expect(JSON.stringify(a)).toBe(copy);
    }
    expect(JSON.stringify(r)).toBe(before);
  });
});

describe('engine sources: no clock, no randomness, no Node-only API', () => {
  const dir = join(ROOT, 'engine');
  const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: relative(ROOT, join(dir, f)), text: readFileSync(join(dir, f), 'utf8') }));
  /** Code only: comments may mention what the code must not do. */
  const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const builtins = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]!]));

  it('there are engine sources to check', () => {
    expect(sources.map((s) => s.file)).toContain('engine/evaluate.ts');
  });

  it.each([
    ['Date.now', /\bDate\.now\b/],
    ['new Date(', /\bnew\s+Date\s*\(/],
    ['Date() called as a function', /(^|[^.\w])Date\s*\(/],
    ['Math.random', /\bMath\.random\b/],
    ['performance.now', /\bperformance\.now\b/],
    ['crypto.getRandomValues / randomUUID', /\b(getRandomValues|randomUUID)\b/],
    ['process (env, hrtime, …)', /\bprocess\./],
    ['Buffer', /\bBuffer\b/],
    ['require()', /\brequire\s*\(/],
  ])('no %s', (_what, pattern) => {
    const offenders = sources.filter((s) => pattern.test(code(s.text))).map((s) => s.file);
    expect(offenders).toEqual([]);
  });

  it('imports only engine files and browser-safe packages (no node:, fs, crypto, path, …)', () => {
    const offenders: string[] = [];
    for (const s of sources) {
      for (const m of code(s.text).matchAll(/\b(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1] ?? m[2]!;
        if (spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0]!)) offenders.push(`${s.file}: ${spec}`);
        // DESIGN: arrows only point server → engine and studio → engine
        if (spec.startsWith('.') && !join(dir, s.file.replace(/^engine\//, ''), '..', spec).startsWith(dir)) offenders.push(`${s.file}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

// Trace modes: 'full' keeps every condition tree for the auditor; 'criteria' drops the
// trees but says the same; 'none' is the fast batch path with the same outcome.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset } from '../../engine/compile';
import { evaluate } from '../../engine/evaluate';
import type { ConditionTrace, EvaluationResult } from '../../engine/result';
import type { Ruleset } from '../../engine/types';
import { category, fact, item, leaf, ruleset } from '../support/build';
import { randomApplicants } from '../support/random-applicants';
import { loadFixture, shippedRulesets } from '../support/rulesets';

const ASOF = '2024-09-30';
const targets: Array<[string, Ruleset]> = [
  ['mini.json', loadFixture('mini.json')],
  ['all-operators.json', loadFixture('all-operators.json')],
  ...shippedRulesets().map((s): [string, Ruleset] => [s.file, s.resolved]),
];

/** Every node has a result; every leaf also the value read and the threshold compared with. */
function missingFields(t: ConditionTrace, at = ''): string[] {
  const out: string[] = [];
  if (typeof t.result !== 'boolean') out.push(`${at}: result`);
  if ('all' in t) t.all.forEach((c, i) => out.push(...missingFields(c, `${at}/all/${i}`)));
  else if ('any' in t) t.any.forEach((c, i) => out.push(...missingFields(c, `${at}/any/${i}`)));
  else if ('not' in t) out.push(...missingFields(t.not, `${at}/not`));
  else for (const k of ['fact', 'operator', 'threshold', 'factValue'] as const) if (!(k in t)) out.push(`${at}: ${k}`);
  return out;
}

/** The full result without its condition trees. */
function withoutTrees(r: EvaluationResult): unknown {
  const strip = <T extends object>(x: T) => {
    const { conditions: _c, appliesWhen: _a, ...rest } = x as T & { conditions?: unknown; appliesWhen?: unknown };
    return rest;
  };
  return { ...r, trace: 'criteria', criteria: r.criteria.map(strip), vetoes: r.vetoes.map(strip), items: r.items.map(strip) };
}

describe.each(targets)('%s', (_name, r) => {
  const compiled = compileRuleset(r);
  let runs: Array<Record<'full' | 'criteria' | 'none', EvaluationResult>> = [];
  beforeAll(() => {
    runs = randomApplicants(r, 100, { asOf: ASOF, seed: 13 }).map((a) => ({
      full: evaluate(compiled, a, { asOf: ASOF, trace: 'full' }),
      criteria: evaluate(compiled, a, { asOf: ASOF, trace: 'criteria' }),
      none: evaluate(compiled, a, { asOf: ASOF, trace: 'none' }),
    }));
  });

  it("'full': a condition tree with factValue, threshold and result at every node of every criterion, veto and condition item", () => {
    let trees = 0;
    for (const { full } of runs) {
      expect(full.trace).toBe('full');
      for (const c of full.criteria) {
        if (c.appliesWhen) expect(missingFields(c.appliesWhen)).toEqual([]);
        if (!c.applicable) continue;
        expect(c.conditions, c.id).toBeDefined();
        expect(c.conditions!.result).toBe(c.passed);
        expect(missingFields(c.conditions!)).toEqual([]);
        trees++;
      }
      for (const v of full.vetoes) {
        expect(v.conditions!.result).toBe(v.triggered);
        expect(missingFields(v.conditions!)).toEqual([]);
        trees++;
      }
      for (const i of full.items) {
        const def = compiled.categories.flatMap((c) => c.items).find((x) => x.def.id === i.id)!.def;
        if (def.appliesWhen) expect(i.appliesWhen!.result).toBe(i.applicable);
        if (def.type === 'condition' && i.applicable) {
          expect(missingFields(i.conditions!)).toEqual([]);
          expect(i.rawPoints).toBe(i.conditions!.result ? def.points : 0);
          trees++;
        }
      }
    }
    expect(trees).toBeGreaterThan(0);
  });

  it("'criteria': no trees, but the same outcome, explanations, derived values and hints", () => {
    for (const { full, criteria } of runs) {
      expect(JSON.stringify(criteria)).not.toMatch(/"(conditions|appliesWhen)":/);
      expect(criteria).toEqual(withoutTrees(full));
    }
  });

  it("'none': the same eligible, vetoed, score and passed, and the same points", () => {
    for (const { full, none } of runs) {
      expect(none.trace).toBe('none');
      expect([none.eligible, none.vetoed, none.score, none.passed]).toEqual([full.eligible, full.vetoed, full.score, full.passed]);
      expect(none.total).toEqual(full.total);
      expect(none.categories).toEqual(full.categories);
      expect(none.criteria.map((c) => [c.id, c.passed, c.applicable])).toEqual(full.criteria.map((c) => [c.id, c.passed, c.applicable]));
      expect(none.vetoes.map((v) => [v.id, v.triggered])).toEqual(full.vetoes.map((v) => [v.id, v.triggered]));
      expect(none.items.map((i) => [i.id, i.applicable, i.rawPoints, i.points, i.cappedBy])).toEqual(full.items.map((i) => [i.id, i.applicable, i.rawPoints, i.points, i.cappedBy]));
      expect(none.inputHash).toBe(full.inputHash);
    }
  });
});

describe('explanation templates read the trace in every mode that explains', () => {
  it("an item's {{threshold:…}} is filled in 'criteria' as in 'full'", () => {
    const r = ruleset({
      facts: [fact('years', 'integer', { unit: { zh: '年' } })],
      scoring: {
        categories: [
          category('c', [
            item('i', { type: 'condition', points: 3, when: leaf('years', 'greaterThanInclusive', 5), explanation: { zh: '{{years}}，需 {{threshold:years}}，得 {{points}} 分' } }),
          ]),
        ],
      },
    });
    const explain = (trace: 'full' | 'criteria' | 'none') => evaluate(r, { years: 4 }, { asOf: ASOF, trace }).items[0]!.explanation;
    expect(explain('full')).toBe('4 年，需 5 年，得 0 分');
    expect(explain('criteria')).toBe('4 年，需 5 年，得 0 分');
    expect(explain('none')).toBe('');
  });
});

// The differential test: json-rules-engine defines what a condition means. For every
// shipped ruleset (found at test time), mini.json and the all-operators fixture, thousands
// of seeded applicants are decided by both the compiled evaluator and json-rules-engine,
// and the two must agree at every node of every condition tree; the full results of
// evaluate() and evaluateReference() must be the same JSON apart from engine.evaluator.
// Where json-rules-engine throws (a list that is absent or not a list), both must
// refuse the applicant with the same CONDITION_UNDECIDABLE error; on a ruleset that
// lints clean it must never throw. The optional-lists fixture (which lint refuses)
// makes it throw for many applicants.
import { afterAll, describe, expect, it } from 'vitest';
import { compileRuleset } from '../../engine/compile';
import { PingshenError } from '../../engine/errors';
import { evaluate } from '../../engine/evaluate';
import { lintRuleset } from '../../engine/lint';
import { BASE_OPERATORS, DECORATORS, parseOperator } from '../../engine/operators';
import { evaluateReference, referenceTraces } from '../../engine/reference';
import type { ConditionTrace, LeafTrace, TraceMode } from '../../engine/result';
import type { Condition, LeafCondition, ResolvedRuleset, Ruleset } from '../../engine/types';
import { applicantGenerator } from '../support/random-applicants';
import { loadFixture, shippedRulesets } from '../support/rulesets';
import { compiledTraces, countNodes, evalContext, firstDifference } from '../support/traces';

/** Evaluation dates: an ordinary day and a leap day, so date arithmetic is crossed both ways. */
const AS_OF = ['2024-09-30', '2028-02-29'];
/** Applicants in total across all rulesets (about 1,400 each for the 17 there are today): json-rules-engine is slow and asynchronous; on an idle two-core machine this file takes about 30 s. */
const TOTAL = 24_000;
/** Every n-th applicant is also run through evaluate() vs evaluateReference(), cycling the trace modes. */
const FULL_RESULT_EVERY = 4;
const MODES: TraceMode[] = ['full', 'criteria', 'none'];

const targets: Array<{ name: string; ruleset: Ruleset | ResolvedRuleset }> = [
  ...shippedRulesets().map((s) => ({ name: s.file, ruleset: s.resolved })),
  { name: 'test/fixtures/mini.json', ruleset: loadFixture('mini.json') },
  { name: 'test/fixtures/all-operators.json', ruleset: loadFixture('all-operators.json') },
  { name: 'test/fixtures/optional-lists.json', ruleset: loadFixture('optional-lists.json') },
];
const PER_RULESET = Math.max(300, Math.min(2000, Math.floor(TOTAL / targets.length)));

const totals = { rulesets: 0, applicants: 0, nodes: 0, results: 0, referenceThrew: 0, ms: 0 };

afterAll(() => {
  console.log(
    `differential: ${totals.rulesets} rulesets, ${totals.applicants} applicants, ${totals.nodes} condition nodes compared with json-rules-engine, ` +
      `${totals.results} full results compared with evaluateReference, ${totals.referenceThrew} applicants where json-rules-engine threw, ` +
      `${(totals.ms / 1000).toFixed(1)} s`,
  );
});

function leavesWithPath(t: ConditionTrace, at = '', out: Array<[string, LeafTrace]> = []): Array<[string, LeafTrace]> {
  if ('all' in t) t.all.forEach((c, i) => leavesWithPath(c, `${at}/all/${i}`, out));
  else if ('any' in t) t.any.forEach((c, i) => leavesWithPath(c, `${at}/any/${i}`, out));
  else if ('not' in t) leavesWithPath(t.not, `${at}/not`, out);
  else out.push([at, t]);
  return out;
}

/** The CONDITION_UNDECIDABLE error `run` throws, as plain JSON; null when it throws none. */
async function undecidable(run: () => unknown): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (err) {
    if (err instanceof PingshenError && err.code === 'CONDITION_UNDECIDABLE') return JSON.stringify({ message: err.message, issues: err.issues });
    throw err;
  }
}

describe('compiled evaluator vs json-rules-engine', () => {
  it('there is something to compare', () => {
    expect(targets.length).toBeGreaterThanOrEqual(2);
  });

  it.each(targets)('$name: agrees at every condition node, and evaluate() = evaluateReference()', async ({ name, ruleset }) => {
    const started = performance.now();
    const compiled = compileRuleset(ruleset);
    const resolved = compiled.ruleset;
    const mismatches: string[] = [];
    const note = (what: string) => {
      if (mismatches.length < 8) mismatches.push(what);
    };
    let applicants = 0;
    let threw = 0;
    for (const [k, asOf] of AS_OF.entries()) {
      const next = applicantGenerator(resolved, { asOf, seed: 1000 + k });
      const count = Math.ceil(PER_RULESET / AS_OF.length);
      for (let i = 0; i < count; i++) {
        const applicant = next(i);
        applicants++;
        const { traces, testMismatch } = compiledTraces(compiled, applicant, asOf);
        for (const slot of testMismatch) note(`#${i} ${asOf} ${slot}: test() and trace() disagree — ${JSON.stringify(applicant)}`);
        let reference: Map<string, ConditionTrace> | undefined;
        const theirError = await undecidable(async () => (reference = await referenceTraces(compiled, applicant, asOf)));
        const ourError = await undecidable(() => compiled.checkOperands?.(evalContext(compiled, applicant, asOf)));
        if (ourError !== theirError) note(`#${i} ${asOf}: compiled ${ourError ?? 'evaluates'}, json-rules-engine ${theirError ?? 'evaluates'} — ${JSON.stringify(applicant)}`);
        if (!reference) {
          totals.referenceThrew++;
          threw++;
          if (i % FULL_RESULT_EVERY === 0) {
            // The whole evaluation refuses the applicant the same way in both.
            const ours = await undecidable(() => evaluate(compiled, applicant, { asOf }));
            const theirs = await undecidable(() => evaluateReference(resolved, applicant, { asOf }));
            if (ours !== theirs || ours === null) note(`#${i} ${asOf}: evaluate() ${ours}, evaluateReference() ${theirs}`);
          }
          continue;
        }
        expect([...reference.keys()].sort()).toEqual([...traces.keys()].sort());
        for (const [slot, mine] of traces) {
          totals.nodes += countNodes(mine);
          const diff = firstDifference(mine, reference.get(slot));
          if (diff) note(`#${i} ${asOf} ${slot} ${diff} — ${JSON.stringify(applicant)}`);
        }
        if (i % FULL_RESULT_EVERY === 0) {
          const trace = MODES[(i / FULL_RESULT_EVERY) % MODES.length]!;
          const ours = evaluate(compiled, applicant, { asOf, trace });
          const theirs = await evaluateReference(resolved, applicant, { asOf, trace });
          expect(theirs.engine.evaluator).toBe('reference');
          theirs.engine = ours.engine;
          const a = JSON.stringify(ours);
          const b = JSON.stringify(theirs);
          if (a !== b) note(`#${i} ${asOf} trace ${trace}: result ${firstDifference(JSON.parse(a), JSON.parse(b))}`);
          totals.results++;
        }
      }
    }
    totals.rulesets++;
    totals.applicants += applicants;
    totals.ms += performance.now() - started;
    expect(mismatches).toEqual([]);
    // A ruleset that lints clean never makes json-rules-engine throw for a valid applicant;
    // the fixture lint refuses does, often enough to compare the errors.
    const refused = lintRuleset(ruleset as Ruleset).some((issue) => issue.code === 'OPTIONAL_LIST');
    expect(refused).toBe(name.includes('optional-lists'));
    if (refused) expect(threw).toBeGreaterThan(applicants / 20);
    else expect(threw).toBe(0);
  });
});

describe('the all-operators fixture covers what json-rules-engine offers', () => {
  const fixture = loadFixture('all-operators.json');
  const leaves: LeafCondition[] = [];
  const walk = (c: Condition) => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else leaves.push(c);
  };
  for (const c of fixture.criteria ?? []) {
    if (c.appliesWhen) walk(c.appliesWhen);
    walk(c.conditions);
  }
  for (const v of fixture.vetoes ?? []) walk(v.conditions);
  for (const cat of fixture.scoring?.categories ?? []) for (const i of cat.items) if (i.type === 'condition') walk(i.when);
  const parsed = leaves.map((l) => parseOperator(l.operator)!);
  const facts = new Map(fixture.facts.map((f) => [f.id, f.type]));
  const isRef = (l: LeafCondition) => l.value !== null && typeof l.value === 'object' && !Array.isArray(l.value);

  it('every base operator and every decorator, and stacked decorators', () => {
    expect(new Set(parsed.map((p) => p.base))).toEqual(new Set(BASE_OPERATORS));
    expect(new Set(parsed.flatMap((p) => p.decorators))).toEqual(new Set(DECORATORS));
    expect(leaves.map((l) => l.operator)).toContain('everyFact:not:equal');
    expect(parsed.some((p) => p.decorators.length >= 2 && p.decorators.includes('swap'))).toBe(true);
  });

  it('path into a record and into an array element, on either side; values that are facts', () => {
    expect(leaves.some((l) => l.path?.startsWith('$.') && facts.get(l.fact) === 'record')).toBe(true);
    expect(leaves.some((l) => l.path?.startsWith('$[') && facts.get(l.fact) === 'array')).toBe(true);
    expect(leaves.some((l) => isRef(l) && (l.value as { path?: string }).path !== undefined)).toBe(true);
    expect(leaves.filter(isRef).length).toBeGreaterThanOrEqual(4);
  });

  it('the generated applicants drive every leaf of the fixture both ways', () => {
    const compiled = compileRuleset(fixture);
    const seen = new Map<string, Set<boolean>>();
    const next = applicantGenerator(fixture, { asOf: AS_OF[0]!, seed: 7 });
    for (let i = 0; i < 600; i++) {
      for (const [slot, tree] of compiledTraces(compiled, next(i), AS_OF[0]!).traces) {
        for (const [at, leaf] of leavesWithPath(tree)) {
          const key = `${slot}${at} ${leaf.operator}`;
          seen.set(key, (seen.get(key) ?? new Set()).add(leaf.result));
        }
      }
    }
    expect([...seen].filter(([, results]) => results.size < 2).map(([key]) => key)).toEqual([]);
  });
});

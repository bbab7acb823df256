// Embedded test cases: each ruleset carries applicants with expected outcomes, and
// proves itself by running them.
import { canonicalApplicant } from './canonical-applicant';
import { compileRuleset } from './compile';
import { PingshenError } from './errors';
import { evaluate } from './evaluate';
import type { EvaluationResult } from './result';
import type { ResolvedRuleset, Ruleset, TestCase } from './types';

export interface TestCaseResult {
  id: string;
  title: string;
  passed: boolean;
  /** One line per expectation that did not hold. */
  failures: string[];
}

function check(tc: TestCase, r: EvaluationResult): string[] {
  const failures: string[] = [];
  const e = tc.expect;
  const expectEq = (what: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && expected !== actual) failures.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  expectEq('eligible', e.eligible, r.eligible);
  expectEq('vetoed', e.vetoed, r.vetoed);
  expectEq('passed', e.passed, r.passed);
  expectEq('score', e.score, r.score);
  for (const [id, v] of Object.entries(e.criteria ?? {})) expectEq(`criteria.${id}`, v, r.criteria.find((c) => c.id === id)?.passed);
  for (const [id, v] of Object.entries(e.vetoes ?? {})) expectEq(`vetoes.${id}`, v, r.vetoes.find((c) => c.id === id)?.triggered);
  for (const [id, v] of Object.entries(e.items ?? {})) expectEq(`items.${id}`, v, r.items.find((c) => c.id === id)?.points);
  for (const [id, v] of Object.entries(e.categories ?? {})) expectEq(`categories.${id}`, v, r.categories.find((c) => c.id === id)?.points);
  for (const fact of e.hintFacts ?? []) {
    if (!r.hints.some((h) => h.fact === fact)) failures.push(`hints: expected a hint on ${fact}, got [${r.hints.map((h) => h.fact).join(', ')}]`);
  }
  return failures;
}

export interface RunTestsOptions {
  /**
   * Check each case's applicant against the facts first (default true). The studio
   * turns it off where Ajv cannot compile (a CSP without 'unsafe-eval').
   */
  validate?: boolean;
}

/** Runs a ruleset's embedded cases. Pass the resolved ruleset when it extends another. */
export function runEmbeddedTests(ruleset: Ruleset | ResolvedRuleset, options: RunTestsOptions = {}): TestCaseResult[] {
  const compiled = compileRuleset(ruleset);
  return (ruleset.tests ?? []).map((tc) => {
    try {
      // Evaluated as a file reader would hand the record over (canonical form).
      const result = evaluate(compiled, canonicalApplicant(tc.applicant, compiled.ruleset.facts), { asOf: tc.asOf, trace: 'full', validate: options.validate !== false });
      const failures = check(tc, result);
      return { id: tc.id, title: tc.title.zh, passed: failures.length === 0, failures };
    } catch (err) {
      const message = err instanceof PingshenError ? `${err.code}: ${err.issues.map((i) => `${i.pointer} ${i.message.zh}`).join('; ') || err.message}` : String(err);
      return { id: tc.id, title: tc.title.zh, passed: false, failures: [message] };
    }
  });
}

// The engine as the editor uses it in the browser. Imported module by module, not
// through engine/index.ts, which also loads what only the server needs. The schema
// check is the engine's own precompiled validator (engine/schema/ruleset-validator.
// generated.ts): it generates no code, so it runs under the served studio's CSP (no
// 'unsafe-eval') and a schema error shows without asking the server. Applicant records
// are still checked by an Ajv schema compiled from the facts catalogue at run time; where
// code generation is refused, applicants are evaluated without that check.
import { canonicalApplicant } from '../../../../engine/canonical-applicant';
import { compileRuleset } from '../../../../engine/compile';
import type { Issue } from '../../../../engine/errors';
import { evaluate } from '../../../../engine/evaluate';
import { lookupIn, parseExtends, resolveExtends, type RulesetLookup } from '../../../../engine/extends';
import { lintRuleset } from '../../../../engine/lint';
import type { EvaluationResult } from '../../../../engine/result';
import { runEmbeddedTests, type TestCaseResult } from '../../../../engine/run-tests';
import type { Applicant, ResolvedRuleset, Ruleset } from '../../../../engine/types';
import { validateRuleset } from '../../../../engine/validate';

let evalChecked: boolean | undefined;

/** Whether this page may generate code (Ajv's run-time compile needs it); false under the served studio's CSP. */
export function codeGenerationAllowed(): boolean {
  if (evalChecked === undefined) {
    try {
      evalChecked = new Function('return true')() === true;
    } catch {
      evalChecked = false;
    }
  }
  return evalChecked;
}

/** The engine's schema check of a draft: the same validator and messages as the server's. */
export function schemaIssues(data: unknown): Issue[] {
  return validateRuleset(data);
}

let cachedLookup: { parents: Ruleset[]; lookup: RulesetLookup } | undefined;

/**
 * A lookup over the draft's parents that answers each one resolved, once: they do
 * not change while the draft is edited, so their merge and content hashes are not
 * recomputed on every keystroke (hashing is most of a re-evaluation's cost).
 */
function parentLookup(parents: Ruleset[]): RulesetLookup {
  if (cachedLookup?.parents === parents) return cachedLookup.lookup;
  const find = lookupIn(parents);
  const resolved = new Map<string, ResolvedRuleset>();
  const lookup: RulesetLookup = (id, version) => {
    const key = `${id}@${version}`;
    let hit = resolved.get(key);
    if (!hit) {
      const found = find(id, version);
      if (!found) return undefined;
      hit = resolveExtends(found, lookup);
      resolved.set(key, hit);
    }
    return hit;
  };
  cachedLookup = { parents, lookup };
  return lookup;
}

export function resolve(doc: Ruleset, parents: Ruleset[]): ResolvedRuleset {
  return resolveExtends(doc, parentLookup(parents));
}

/** What the draft inherits: its `extends` target with that target's own chain merged in. */
export function resolvedParentOf(doc: Ruleset, parents: Ruleset[]): ResolvedRuleset | undefined {
  if (!doc.extends) return undefined;
  const target = parseExtends(doc.extends);
  try {
    return parentLookup(parents)(target.id, target.version) as ResolvedRuleset | undefined;
  } catch {
    return undefined;
  }
}

export function lint(doc: Ruleset, parents: Ruleset[]): Issue[] {
  return lintRuleset(doc, { lookup: parentLookup(parents) });
}

export function evaluateDraft(resolved: ResolvedRuleset, applicant: Applicant, asOf: string): EvaluationResult {
  // The canonical record, as the server's readers hand it over, so the input hash shown matches theirs.
  return evaluate(compileRuleset(resolved), canonicalApplicant(applicant, resolved.facts), { asOf, trace: 'full', validate: codeGenerationAllowed() });
}

export function runTests(resolved: ResolvedRuleset): TestCaseResult[] {
  return runEmbeddedTests(resolved, { validate: codeGenerationAllowed() });
}

export type { EvaluationResult, TestCaseResult };

/** A deep copy of editor data, reactive proxies included (structuredClone refuses proxies). */
export function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// Pingshen engine: the ruleset format, validation, lint, compile, evaluate,
// explain, hash, diff and resolve-by-date. Pure TypeScript: no I/O, no clock, no
// Node-only API. The json-rules-engine reference evaluator lives in ./reference
// so that browser bundles need not carry it.
export type * from './types';
export type * from './result';
export type { Issue, IssueCode } from './errors';
export { PingshenError, formatIssue } from './errors';
export { validateRuleset, rulesetSchema } from './validate';
export { parseRulesetText, type ParseOutcome } from './parse';
export { lintRuleset, type LintOptions } from './lint';
export { resolveExtends, lookupIn, parseExtends, type RulesetLookup } from './extends';
export { compileRuleset, type CompiledRuleset } from './compile';
export { evaluate, type EvaluateOptions } from './evaluate';
export { compileApplicantValidator, applicantSchema, applicantLimitIssue, type ApplicantValidator, type ApplicantLimits, type ApplicantLimitIssue } from './applicant';
export { canonicalApplicant } from './canonical-applicant';
export { explainText } from './explain-text';
export { rulesetHash, inputHash, LIFECYCLE_FIELDS } from './hash';
export { canonicalJson } from './canonical';
export { diffRulesets, type DiffEntry, type DiffTarget } from './diff';
export { breakingChanges, type BreakingChange, type BreakingDetail, type BreakingEffect, type BreakingKind } from './compatibility';
export { catalogOf, conditionText, itemRuleText } from './condition-text';
export { resolveVersion, type VersionDates } from './resolve';
export { runEmbeddedTests, type RunTestsOptions, type TestCaseResult } from './run-tests';
export { jsonErrorPosition, jsonPointerRange } from './json-position';
export { BASE_OPERATORS, DECORATORS, OPERATOR_SYMBOLS } from './operators';
export { ENGINE_VERSION } from './version';

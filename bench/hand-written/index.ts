// Hand-written evaluators, one per ruleset they were written for: the benchmark's
// "practical limit" — what code specialised by hand to one ruleset costs, producing
// the very same result as the compiled evaluator.
import type { Sha256Hex } from '../../engine/canonical';
import type { Applicant, EvaluationResult, ResolvedRuleset } from '../../engine/index';
import { veterinaryFullSenior } from './veterinary-full-senior';

export type HandWritten = (applicant: Applicant, asOf: string) => EvaluationResult;

const REGISTRY: Record<string, (ruleset: ResolvedRuleset, sha256: Sha256Hex) => HandWritten> = {
  'veterinary-full-senior@1': veterinaryFullSenior,
};

export function handWrittenFor(ruleset: ResolvedRuleset, sha256: Sha256Hex): HandWritten | undefined {
  return REGISTRY[`${ruleset.id}@${ruleset.version}`]?.(ruleset, sha256);
}

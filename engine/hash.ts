// Content hash of a ruleset version: sha256 over the canonical JSON of the rule
// content. Lifecycle fields change as a version moves draft → published → retired
// without changing what it decides, so they are left out.
import { canonicalJson, sha256Hex, type Sha256Hex } from './canonical';
import type { Ruleset } from './types';

export const LIFECYCLE_FIELDS = ['$schema', 'status', 'effectiveFrom', 'effectiveTo'] as const;

export function ruleContent(ruleset: Ruleset): Record<string, unknown> {
  const content: Record<string, unknown> = { ...ruleset };
  for (const field of LIFECYCLE_FIELDS) delete content[field];
  delete content.lineage; // present on resolved rulesets only
  return content;
}

/** `sha256:<hex>` of the canonical rule content. */
export function rulesetHash(ruleset: Ruleset): string {
  return 'sha256:' + sha256Hex(canonicalJson(ruleContent(ruleset)));
}

/** `sha256:<hex>` of an applicant record (the evaluation's input). */
export function inputHash(applicant: unknown, sha256: Sha256Hex = sha256Hex): string {
  return 'sha256:' + sha256(canonicalJson(applicant));
}

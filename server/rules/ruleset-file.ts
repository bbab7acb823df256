// A ruleset version as a file of the rules/ layout: `<department>/<id>/v<N>.json`,
// two-space JSON with a final newline, `$schema` first and the lifecycle fields
// where the shipped files keep them (status after version, the effective dates
// after the identity fields). Everything else stays in the order it is given, so
// a version saved from a file is written back byte for byte.
import { LIFECYCLE_FIELDS, type Ruleset } from '../../engine/index';

/** The schema, relative to a file three levels down in rules/. */
export const SCHEMA_REF = '../../../engine/schema/ruleset.schema.json';

/** The identity fields the effective dates follow: after the last of these present. */
const DATES_AFTER = ['track', 'level', 'series', 'department', 'description', 'title', 'version', 'id'];

export function rulesetFilePath(ruleset: Pick<Ruleset, 'department' | 'id' | 'version'>): string {
  return `${ruleset.department}/${ruleset.id}/v${ruleset.version}.json`;
}

export function rulesetFileName(ruleset: Pick<Ruleset, 'version'>): string {
  return `v${ruleset.version}.json`;
}

export function formatRulesetFile(ruleset: Ruleset): string {
  return JSON.stringify(rulesetFileContent(ruleset), null, 2) + '\n';
}

/** The file's content in the file's key order: what formatRulesetFile writes (a download streams it: ruleset-files.routes.ts). */
export function rulesetFileContent(ruleset: Ruleset): Record<string, unknown> {
  const lifecycle = new Set<string>(LIFECYCLE_FIELDS);
  const keys = Object.keys(ruleset).filter((k) => !lifecycle.has(k));
  const datesAfter = DATES_AFTER.find((k) => keys.includes(k));
  const file: Record<string, unknown> = { $schema: SCHEMA_REF };
  const source = ruleset as unknown as Record<string, unknown>;
  for (const key of keys) {
    file[key] = source[key];
    if (key === 'version' && ruleset.status !== undefined) file.status = ruleset.status;
    if (key === datesAfter) {
      if (ruleset.effectiveFrom !== undefined) file.effectiveFrom = ruleset.effectiveFrom;
      if (ruleset.effectiveTo !== undefined) file.effectiveTo = ruleset.effectiveTo;
    }
  }
  return file;
}

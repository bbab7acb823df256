// Schema validation of a rule file. The schema is compiled once; every error names
// the JSON pointer and says what is wrong, in Chinese (ajv-i18n) with the English beside it.
import type { ErrorObject } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh';
import { ajv } from './ajv';
import { issue, type Issue } from './errors';
import schema from './schema/ruleset.schema.json';
import type { Ruleset } from './types';

const validateSchema = ajv.compile<Ruleset>(schema);

/** Errors from the if/then chains repeat the same place; keep the most specific one per pointer. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const noisy = new Set(['if', 'anyOf', 'oneOf']);
  const kept = errors.filter((e) => !noisy.has(e.keyword));
  return kept.length > 0 ? kept : errors;
}

function detail(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return ` (${String(p.additionalProperty)})`;
  if (e.keyword === 'enum') return ` (${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`;
  if (e.keyword === 'pattern') return ` (${String(p.pattern)})`;
  return '';
}

/** Validates a parsed rule file against engine/schema/ruleset.schema.json. */
export function validateRuleset(data: unknown, file?: string): Issue[] {
  if (validateSchema(data)) return [];
  const errors = relevant(validateSchema.errors ?? []);
  const english = errors.map((e) => e.message ?? e.keyword);
  const chinese = errors.map((e) => ({ ...e }));
  localizeZh(chinese);
  const seen = new Set<string>();
  const issues: Issue[] = [];
  errors.forEach((e, i) => {
    const pointer =
      e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath;
    const key = `${pointer} ${e.keyword}`;
    if (seen.has(key)) return;
    seen.add(key);
    const extra = detail(e);
    const found = issue('SCHEMA', pointer, `${chinese[i]!.message ?? e.keyword}${extra}`, `${english[i]}${extra}`);
    if (file) found.file = file;
    issues.push(found);
  });
  return issues;
}

export { schema as rulesetSchema };

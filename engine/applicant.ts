// Applicant records are checked against the ruleset's facts catalogue before they
// are evaluated. Messages name the field by its Chinese label and say what was found.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajv } from './ajv';
import { issue, type Issue } from './errors';
import { pickText } from './explain';
import type { FactDef, Lang } from './types';

type JsonSchema = Record<string, unknown>;

function factSchema(fact: FactDef): JsonSchema {
  const nullable = !fact.required;
  const orNull = (type: string | string[]) => (nullable ? [...[type].flat(), 'null'] : type);
  switch (fact.type) {
    case 'number':
    case 'integer': {
      const s: JsonSchema = { type: orNull(fact.type) };
      if (fact.min !== undefined) s.minimum = fact.min;
      if (fact.max !== undefined) s.maximum = fact.max;
      return s;
    }
    case 'boolean':
      return { type: orNull('boolean') };
    case 'string': {
      const s: JsonSchema = { type: orNull('string') };
      if (fact.maxLength !== undefined) s.maxLength = fact.maxLength;
      if (fact.required) s.minLength = 1;
      return s;
    }
    case 'date':
      return { type: orNull('string'), format: 'date' };
    case 'enum': {
      const values: Array<string | null> = (fact.options ?? []).map((o) => o.value);
      return { enum: nullable ? [...values, null] : values };
    }
    case 'set':
      return {
        type: orNull('array'),
        items: { enum: (fact.options ?? []).map((o) => o.value) },
        uniqueItems: true,
      };
    case 'record':
      return { ...recordSchema(fact.fields ?? []), type: orNull('object') };
    case 'array':
      return { type: orNull('array'), items: recordSchema(fact.fields ?? []) };
  }
}

function recordSchema(fields: FactDef[]): JsonSchema {
  return {
    type: 'object',
    required: fields.filter((f) => f.required).map((f) => f.id),
    properties: Object.fromEntries(fields.map((f) => [f.id, factSchema(f)])),
  };
}

export function applicantSchema(facts: FactDef[]): JsonSchema {
  const schema = recordSchema(facts);
  // Results name applicants by `id`; a catalogue that declares it keeps its own rules.
  const properties = schema.properties as JsonSchema;
  if (!facts.some((f) => f.id === 'id')) properties.id = { type: ['string', 'number'] };
  return schema;
}

/** Finds the fact definition an instance path points into, with a readable label path. */
function locate(facts: FactDef[], pointer: string, lang: Lang): { field: string; label: string; def?: FactDef } {
  const steps = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const field = steps[0] ?? '';
  const labels: string[] = [];
  let scope = facts;
  let def: FactDef | undefined;
  for (const step of steps) {
    if (/^\d+$/.test(step)) {
      labels.push(lang === 'en' ? `#${Number(step) + 1}` : `第 ${Number(step) + 1} 条`);
      continue;
    }
    def = scope.find((f) => f.id === step);
    labels.push(def ? pickText(def.label, lang) : step);
    scope = def?.fields ?? [];
  }
  return { field, label: labels.join(' › '), def };
}

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'an integer' },
  string: { zh: '文本', en: 'text' },
  boolean: { zh: '是/否', en: 'true/false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '记录', en: 'a record' },
  null: { zh: '空', en: 'empty' },
  date: { zh: '日期（YYYY-MM-DD）', en: 'a date (YYYY-MM-DD)' },
};

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function toIssue(err: ErrorObject, facts: FactDef[], applicant: unknown): Issue {
  let pointer = err.instancePath;
  if (err.keyword === 'required') pointer += '/' + (err.params as { missingProperty: string }).missingProperty;
  const zh = locate(facts, pointer, 'zh');
  const en = locate(facts, pointer, 'en');
  const value = pointer.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], applicant);
  const make = (z: string, e: string) => ({ ...issue('APPLICANT_INVALID', pointer, z, e), field: zh.field });
  // null is only refused for a required field: it is missing, whatever its type.
  if (value === null && (err.keyword === 'type' || err.keyword === 'enum')) {
    return make(`必填字段「${zh.label}」不能为空`, `Required field "${en.label}" must not be empty`);
  }
  switch (err.keyword) {
    case 'required':
      return make(`缺少必填字段「${zh.label}」`, `Required field "${en.label}" is missing`);
    case 'type': {
      // A date is a string to the schema, but "应为文本" would mislead the person filling it in.
      const types =
        zh.def?.type === 'date'
          ? ['date']
          : [(err.params as { type: string | string[] }).type].flat().filter((t) => t !== 'null');
      return make(
        `「${zh.label}」应为${types.map((t) => TYPE_NAMES[t]?.zh ?? t).join('或')}，实际为 ${shown(value)}`,
        `"${en.label}" must be ${types.map((t) => TYPE_NAMES[t]?.en ?? t).join(' or ')}, got ${shown(value)}`,
      );
    }
    case 'enum': {
      const def = zh.def;
      const options = (def?.options ?? []).map((o) => `${o.label.zh}(${o.value})`).join('、');
      const optionsEn = (def?.options ?? []).map((o) => o.value).join(', ');
      return make(
        `「${zh.label}」的值 ${shown(value)} 不在可选范围内：${options}`,
        `"${en.label}" has ${shown(value)}, which is not one of: ${optionsEn}`,
      );
    }
    case 'minimum':
    case 'maximum': {
      const limit = (err.params as { limit: number }).limit;
      const [z, e] = err.keyword === 'minimum' ? ['不得小于', 'must be at least'] : ['不得大于', 'must be at most'];
      return make(`「${zh.label}」为 ${shown(value)}，${z} ${limit}`, `"${en.label}" is ${shown(value)}; it ${e} ${limit}`);
    }
    case 'format':
      return make(
        `「${zh.label}」应为有效日期（YYYY-MM-DD），实际为 ${shown(value)}`,
        `"${en.label}" must be a valid date (YYYY-MM-DD), got ${shown(value)}`,
      );
    case 'minLength':
      return make(`「${zh.label}」不能为空`, `"${en.label}" must not be empty`);
    default:
      return make(`「${zh.label}」：${err.message ?? err.keyword}`, `"${en.label}": ${err.message ?? err.keyword}`);
  }
}

export type ApplicantValidator = (applicant: unknown) => Issue[];

export function compileApplicantValidator(facts: FactDef[]): ApplicantValidator {
  const validate: ValidateFunction = ajv.compile(applicantSchema(facts));
  return (applicant) => {
    if (validate(applicant)) return [];
    // A type error on a nullable field also reports the enum/null branch; keep one per place.
    const seen = new Set<string>();
    const issues: Issue[] = [];
    for (const err of validate.errors ?? []) {
      const i = toIssue(err, facts, applicant);
      if (seen.has(i.pointer)) continue;
      seen.add(i.pointer);
      issues.push(i);
    }
    return issues;
  };
}

/**
 * How big an applicant record may be before anything reads it in depth. Canonical
 * JSON, hashing and explanation walk a record recursively, so a record nested
 * 100,000 deep would overflow the stack, and a list of 150,000 values costs every
 * condition that reads it: both are refused first, by an iterative walk.
 */
export interface ApplicantLimits {
  /** Nesting of objects and lists; the record itself is depth 1 (a list of records of lists is 4). */
  depth: number;
  /** Values in the record, counting every object, list and scalar. */
  values: number;
  /** Items in any one list. */
  arrayLength: number;
}

export interface ApplicantLimitIssue extends Issue {
  code: 'APPLICANT_TOO_LARGE';
  limit: keyof ApplicantLimits;
  max: number;
  /** What was found: the list's length; for depth and values the count at which the walk stopped (at least this many). */
  found: number;
}

interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | undefined;
  key: string;
}

function pointerTo(visit: Visit | undefined): string {
  const keys: string[] = [];
  for (let v = visit; v?.parent; v = v.parent) keys.push('/' + v.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  return keys.reverse().join('');
}

/**
 * The first place where `record` goes beyond `limits`, or undefined. Iterative (no
 * recursion, whatever the depth) and it stops at the first violation, so it costs at
 * most `limits.values` steps. `base` is prefixed to the pointer (a record's place in a file).
 */
export function applicantLimitIssue(record: unknown, limits: ApplicantLimits, base = ''): ApplicantLimitIssue | undefined {
  const make = (limit: keyof ApplicantLimits, found: number, at: Visit | undefined, zh: string, en: string): ApplicantLimitIssue => {
    const pointer = base + pointerTo(at);
    const field = pointer.slice(base.length).split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    const shownAt = pointer === '' ? '' : `，位置 ${pointer}`;
    const shownAtEn = pointer === '' ? '' : `, at ${pointer}`;
    return {
      ...issue('APPLICANT_TOO_LARGE', pointer, `申报人记录${zh}${shownAt}`, `The applicant record ${en}${shownAtEn}`),
      code: 'APPLICANT_TOO_LARGE',
      ...(field !== undefined && field !== '' ? { field } : {}),
      limit,
      max: limits[limit],
      found,
    };
  };
  const stack: Visit[] = [{ value: record, depth: 1, parent: undefined, key: '' }];
  let values = 0;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    values++;
    const { value, depth } = visit;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.depth) {
      return make('depth', depth, visit, `嵌套超过 ${limits.depth} 层的上限`, `is nested deeper than the limit of ${limits.depth} levels`);
    }
    if (Array.isArray(value) && value.length > limits.arrayLength) {
      return make('arrayLength', value.length, visit, `中的列表有 ${value.length} 项，超过 ${limits.arrayLength} 项的上限`, `has a list of ${value.length} items, over the limit of ${limits.arrayLength}`);
    }
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const children = keys ? keys.length : (value as unknown[]).length;
    // Counted before they are pushed, so that a record of a million keys is not copied onto the stack first.
    if (values + stack.length + children > limits.values) {
      return make('values', values + stack.length + children, undefined, `的数据项超过 ${limits.values} 个的上限`, `holds more than the limit of ${limits.values} values`);
    }
    // Pushed in reverse so that the first problem in document order is the one named.
    for (let i = children - 1; i >= 0; i--) {
      const key = keys ? keys[i]! : String(i);
      const child = keys ? (value as Record<string, unknown>)[key] : (value as unknown[])[i];
      stack.push({ value: child, depth: depth + 1, parent: visit, key });
    }
  }
  return undefined;
}

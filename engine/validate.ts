// Schema validation of a rule file. The schema is compiled ahead of time by Ajv's
// standalone code generation (scripts/ruleset-validator.ts), so importing the engine
// compiles nothing and the same validator runs in the studio under a CSP without
// 'unsafe-eval'. Every error names the JSON pointer and says what is wrong, in Chinese
// (ajv-i18n) with the English beside it.
import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import { issue, type Issue } from './errors';
import { BASE_OPERATORS, DECORATORS } from './operators';
import precompiled from './schema/ruleset-validator.generated';
import schema from './schema/ruleset.schema.json';
import type { Ruleset } from './types';

const validateSchema = precompiled as unknown as ValidateFunction<Ruleset>;

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
  return '';
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}

/** Operator, date, path and condition-reference errors said in words: an official should not have to read a regular expression. */
function readable(e: ErrorObject, data: unknown): { zh: string; en: string } | null {
  const value = JSON.stringify(valueAt(data, e.instancePath));
  if ((e.keyword === 'pattern' || e.keyword === 'format') && e.schemaPath.startsWith('#/definitions/date/')) {
    return { zh: `日期 ${value} 无效，应为 YYYY-MM-DD 格式的有效日期`, en: `${value} is not a valid date (YYYY-MM-DD)` };
  }
  if (e.keyword === 'pattern' && e.schemaPath === '#/properties/extends/pattern') {
    return { zh: `继承 ${value} 无效，应写作 <规则集标识>@<版本号>，例如 "bz-common@1"`, en: `extends ${value} must read <ruleset id>@<version>, e.g. "bz-common@1"` };
  }
  if (e.keyword === 'pattern' && e.schemaPath.startsWith('#/definitions/operator/')) {
    return {
      zh: `未知的运算符 ${value}；可用：${BASE_OPERATORS.join('、')}，可加修饰符前缀 ${DECORATORS.map((d) => d + ':').join('、')}`,
      en: `Unknown operator ${value}; use one of ${BASE_OPERATORS.join(', ')}, optionally prefixed by ${DECORATORS.map((d) => d + ':').join(', ')}`,
    };
  }
  if (e.schemaPath.startsWith('#/definitions/conditionReference/')) {
    const ref = JSON.stringify(valueAt(data, e.instancePath + '/condition'));
    return {
      zh: `不支持共享条件引用 {"condition": ${ref}}（json-rules-engine 的 setCondition）：规则文件中没有可引用的共享条件。请把条件直接写出（fact / operator / value，或用 all / any / not 组合）；多处共用的计算可定义为派生事实（derived）后在条件中引用`,
      en: `Shared condition references {"condition": ${ref}} (json-rules-engine's setCondition) are not supported: a rule file has no shared conditions to refer to. Write the condition out (fact / operator / value, or all / any / not); a computation used in several places can be a derived fact that conditions refer to`,
    };
  }
  if (e.keyword === 'pattern' && e.schemaPath.startsWith('#/definitions/path/')) {
    return {
      zh: `路径 ${value} 不受支持。只支持由 .字段名 和 [序号] 组成的简单路径，以 $ 开头：$.字段、$[序号]，可连写，例如 "$.level"、"$.unit.level"、"$[0].year"（字段名由字母、数字、下划线组成，不以数字开头）；不支持 *、..、[?(...)]、切片 [0:2]、负序号和 ['引号'] 写法`,
      en: `The path ${value} is not supported. Paths are simple: $ followed by .field and [index] steps, chained, e.g. "$.level", "$.unit.level", "$[0].year" (a field is letters, digits and _, not starting with a digit); *, .., [?(...)], slices [0:2], negative indexes and ['quoted'] keys are not supported`,
    };
  }
  return null;
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
    const extra = detail(e);
    const text = readable(e, data) ?? { zh: `${chinese[i]!.message ?? e.keyword}${extra}`, en: `${english[i]}${extra}` };
    // A bad date fails both its pattern and its format: say it once.
    const key = `${pointer} ${text.zh}`;
    if (seen.has(key)) return;
    seen.add(key);
    const found = issue('SCHEMA', pointer, text.zh, text.en);
    if (file) found.file = file;
    issues.push(found);
  });
  return issues;
}

export { schema as rulesetSchema };

// evaluate(ruleset, applicant, { asOf }): synchronous, pure, deterministic.
// No clock and no randomness: the same ruleset and input give the same bytes.
import { compileRuleset, type CompiledRuleset } from './compile';
import type { EvalContext } from './compile-derived';
import { roundPoints } from './compile-derived';
import type { CompiledItem, ItemOutcome } from './compile-scoring';
import { parseDate } from './dates';
import { PingshenError, issue } from './errors';
import {
  collectLeaves,
  decidingFailures,
  describeLeaf,
  formatValue,
  pickText,
  renderTemplate,
  type FactCatalog,
} from './explain';
import type { Sha256Hex } from './canonical';
import { inputHash } from './hash';
import { criterionHints } from './hints';
import type {
  CategoryResult,
  ConditionTrace,
  CriterionResult,
  EvaluationResult,
  Hint,
  ItemResult,
  LeafTrace,
  TraceMode,
  VetoResult,
} from './result';
import type { Applicant, Lang, ResolvedRuleset, Ruleset, Text } from './types';
import { ENGINE_VERSION } from './version';

export interface EvaluateOptions {
  /** The evaluation date, YYYY-MM-DD: years in post and discipline periods count to it. */
  asOf: string;
  /** full: condition trees at every node; criteria: results and explanations only; none: outcome only. */
  trace?: TraceMode;
  lang?: Lang;
  /** Check the record against the facts catalogue first (default true). */
  validate?: boolean;
  /**
   * Render the explanation texts (default true). Summary tables that show outcomes,
   * failed criteria and hints but no explanations skip the text and its cost; traces
   * and hints are computed all the same.
   */
  explain?: boolean;
  /**
   * A native sha256 (hex) for the input hash, e.g. node:crypto's in a server. It must
   * give the same digest as the built-in pure-JS one; it only makes batches faster.
   */
  sha256?: Sha256Hex;
}

export function evaluate(
  ruleset: Ruleset | ResolvedRuleset | CompiledRuleset,
  applicant: Applicant,
  options: EvaluateOptions,
): EvaluationResult {
  const compiled = 'catalog' in ruleset ? ruleset : compileRuleset(ruleset);
  const asOf = parseDate(options.asOf);
  if (!asOf) {
    throw new PingshenError('AS_OF_INVALID', `asOf must be a valid YYYY-MM-DD date, got ${JSON.stringify(options.asOf)}`, [
      issue('AS_OF_INVALID', '', `评审基准日期应为 YYYY-MM-DD 格式的有效日期`, `asOf must be a valid YYYY-MM-DD date`),
    ]);
  }
  if (options.validate !== false) {
    const issues = compiled.validateApplicant(applicant);
    if (issues.length > 0) {
      const first = issues[0]!.message.zh;
      throw new PingshenError('APPLICANT_INVALID', `applicant record is invalid: ${first}`, issues);
    }
  }
  const mode: TraceMode = options.trace ?? 'full';
  const lang: Lang = options.lang ?? 'zh';
  const traced = mode !== 'none';
  const explain = traced && options.explain !== false;
  const ctx: EvalContext = { applicant, asOf, derived: new Array(compiled.derived.order.length) };
  compiled.derived.compute(ctx);
  // Before any condition is decided: an applicant json-rules-engine would throw on is not evaluated at all.
  compiled.checkOperands?.(ctx);
  const { catalog } = compiled;
  const valueOf = (factId: string): unknown => {
    const i = compiled.derived.indexOf.get(factId);
    return i !== undefined ? ctx.derived[i] : applicant[factId];
  };

  const criteria: CriterionResult[] = compiled.criteria.map((c) => {
    const title = pickText(c.def.title, lang);
    const appliesTrace = c.appliesWhen && traced ? c.appliesWhen.trace(ctx) : undefined;
    const applicable = c.appliesWhen ? (appliesTrace ? appliesTrace.result : c.appliesWhen.test(ctx)) : true;
    if (!traced) return { id: c.def.id, title, passed: applicable ? c.conditions.test(ctx) : true, applicable, explanation: '' };
    const conditions = applicable ? c.conditions.trace(ctx) : undefined;
    const passed = conditions ? conditions.result : true;
    const template = passed ? c.def.explanation?.pass : c.def.explanation?.fail;
    const explanation = !explain
      ? ''
      : !applicable
      ? pickText(NOT_APPLICABLE, lang)
      : template
        ? renderTemplate(template, { values: valueOf, trace: conditions!, title }, catalog, lang)
        : defaultExplanation(conditions!, passed, catalog, lang);
    const out: CriterionResult = { id: c.def.id, title, passed, applicable, explanation };
    if (mode === 'full') {
      if (appliesTrace) out.appliesWhen = appliesTrace;
      if (conditions) out.conditions = conditions;
    }
    return out;
  });

  const vetoes: VetoResult[] = compiled.vetoes.map((v) => {
    const title = pickText(v.def.title, lang);
    if (!traced) return { id: v.def.id, title, triggered: v.conditions.test(ctx), explanation: '' };
    const conditions = v.conditions.trace(ctx);
    const triggered = conditions.result;
    const template = triggered ? v.def.explanation?.triggered : v.def.explanation?.clear;
    const explanation = !explain
      ? ''
      : template
      ? renderTemplate(template, { values: valueOf, trace: conditions, title }, catalog, lang)
      : triggered
        ? `${pickText(VETO_TRIGGERED, lang)}${lang === 'en' ? ': ' : '：'}${supportingLeaves(conditions)
            .map((l) => describeLeaf(l, catalog, lang))
            .join(lang === 'en' ? '; ' : '；')}`
        : pickText(VETO_CLEAR, lang);
    const out: VetoResult = { id: v.def.id, title, triggered, explanation };
    if (mode === 'full') out.conditions = conditions;
    return out;
  });

  const { items, categories, basePoints, bonusPoints } = scoreItems(compiled, ctx, mode, explain, lang, valueOf);
  const eligible = criteria.every((c) => c.passed);
  const vetoed = vetoes.some((v) => v.triggered);
  const score = roundPoints(basePoints + bonusPoints);
  const minScore = compiled.pass.minScore ?? null;
  const meetsScore = compiled.pass.mode === 'rank' || minScore === null || score >= minScore;
  const passed = eligible && !vetoed && meetsScore;

  const hints: Hint[] = [];
  if (traced) {
    for (const c of criteria) {
      const tree = c.conditions ?? (c.passed ? undefined : compiled.criteria.find((x) => x.def.id === c.id)!.conditions.trace(ctx));
      if (!c.passed && tree) hints.push(...criterionHints(c.id, tree, catalog, lang));
    }
    if (compiled.pass.mode === 'minScore' && !meetsScore && minScore !== null) hints.push(scoreHint(score, minScore, lang));
  }

  const derived: Record<string, unknown> = {};
  if (traced) for (const id of compiled.derived.order) derived[id] = valueOf(id) ?? null;

  return {
    applicantId: applicant.id === undefined || applicant.id === null ? null : String(applicant.id),
    ruleset: compiled.ref,
    engine: { version: ENGINE_VERSION, evaluator: 'compiled' },
    asOf: options.asOf,
    inputHash: inputHash(applicant, options.sha256),
    trace: mode,
    eligible,
    vetoed,
    score,
    passed,
    total: { basePoints, bonusPoints, cap: compiled.totalCap, minScore },
    derived,
    criteria,
    vetoes,
    items,
    categories,
    hints,
  };
}

const NOT_APPLICABLE: Text = { zh: '不适用', en: 'not applicable' };
const VETO_TRIGGERED: Text = { zh: '触发一票否决', en: 'veto triggered' };
const VETO_CLEAR: Text = { zh: '未触发', en: 'not triggered' };
const PASS: Text = { zh: '符合', en: 'met' };
const FAIL: Text = { zh: '不符合', en: 'not met' };

/** Leaves that made a passing node pass: for `any`, the first branch that passed. */
function supportingLeaves(node: ConditionTrace, out: LeafTrace[] = []): LeafTrace[] {
  if (!node.result) return out;
  if ('all' in node) for (const c of node.all) supportingLeaves(c, out);
  else if ('any' in node) {
    const first = node.any.find((c) => c.result);
    if (first) supportingLeaves(first, out);
  } else if (!('not' in node)) out.push(node);
  return out;
}

function defaultExplanation(trace: ConditionTrace, passed: boolean, catalog: FactCatalog, lang: Lang): string {
  const leaves = passed ? supportingLeaves(trace) : decidingFailures(trace);
  const shown = (leaves.length > 0 ? leaves : collectLeaves(trace)).slice(0, 6);
  const sep = lang === 'en' ? '; ' : '；';
  const details = shown.map((l) => describeLeaf(l, catalog, lang)).join(sep);
  return `${pickText(passed ? PASS : FAIL, lang)}${lang === 'en' ? ': ' : '：'}${details}`;
}

function scoreHint(score: number, minScore: number, lang: Lang): Hint {
  const gap = roundPoints(minScore - score);
  return {
    criterionId: '$pass',
    fact: '$score',
    label: lang === 'en' ? 'Total score' : '总分',
    value: score,
    operator: 'greaterThanInclusive',
    threshold: minScore,
    required: minScore,
    gap,
    message: lang === 'en' ? `Total score ${score}; needs ≥ ${minScore}; short by ${gap}` : `总分 ${score} 分，需 ≥ ${minScore} 分，还差 ${gap} 分`,
  };
}

const CAP_TEXT: Record<'item' | 'category' | 'total', Text> = {
  item: { zh: '单项上限', en: 'item cap' },
  category: { zh: '类别上限', en: 'category cap' },
  total: { zh: '总分上限', en: 'total cap' },
};

/**
 * Applies caps in document order. Each item takes what is left under its own cap,
 * its category's cap and (outside bonus categories) the total cap; points above a
 * cap are dropped and never carry over to another item or category.
 */
function scoreItems(
  compiled: CompiledRuleset,
  ctx: EvalContext,
  mode: TraceMode,
  explain: boolean,
  lang: Lang,
  valueOf: (factId: string) => unknown,
) {
  const traced = mode !== 'none';
  const items: ItemResult[] = [];
  const categories: CategoryResult[] = [];
  let totalLeft = compiled.totalCap ?? Infinity;
  let basePoints = 0;
  let bonusPoints = 0;
  for (const category of compiled.categories) {
    const bonus = category.def.bonus === true;
    let categoryLeft = category.def.cap ?? Infinity;
    let categoryPoints = 0;
    let categoryRaw = 0;
    for (const item of category.items) {
      const appliesTrace = item.appliesWhen && mode === 'full' ? item.appliesWhen.trace(ctx) : undefined;
      const applicable = item.appliesWhen ? (appliesTrace ? appliesTrace.result : item.appliesWhen.test(ctx)) : true;
      // The trace feeds {{threshold:…}} in the explanation, so 'criteria' needs it too; only 'full' keeps it.
      const outcome: ItemOutcome = applicable ? item.score(ctx, traced) : { rawPoints: 0 };
      let points = outcome.rawPoints;
      let cappedBy: ItemResult['cappedBy'];
      if (item.def.cap !== undefined && points > item.def.cap) [points, cappedBy] = [item.def.cap, 'item'];
      if (points > categoryLeft) [points, cappedBy] = [Math.max(0, categoryLeft), 'category'];
      if (!bonus && points > totalLeft) [points, cappedBy] = [Math.max(0, totalLeft), 'total'];
      points = roundPoints(points);
      // The room left is rounded like the points: 0.3 − 0.1 − 0.2 is 0, not −2.8e-17, so an
      // item that exactly fills a cap, or a later 0-point item, is not reported as capped.
      categoryLeft = roundPoints(categoryLeft - points);
      if (!bonus) totalLeft = roundPoints(totalLeft - points);
      categoryPoints += points;
      categoryRaw += outcome.rawPoints;
      const result: ItemResult = {
        id: item.def.id,
        categoryId: category.def.id,
        title: pickText(item.def.title, lang),
        applicable,
        points,
        rawPoints: outcome.rawPoints,
        capped: cappedBy !== undefined,
        explanation: explain ? itemExplanation(item, applicable, outcome, points, cappedBy, compiled.catalog, lang, valueOf) : '',
      };
      if (cappedBy) result.cappedBy = cappedBy;
      if ('factValue' in outcome) result.factValue = outcome.factValue;
      if (mode === 'full') {
        if (appliesTrace) result.appliesWhen = appliesTrace;
        if (outcome.conditions) result.conditions = outcome.conditions;
      }
      items.push(result);
    }
    categoryPoints = roundPoints(categoryPoints);
    if (bonus) bonusPoints += categoryPoints;
    else basePoints += categoryPoints;
    categories.push({
      id: category.def.id,
      title: pickText(category.def.title, lang),
      points: categoryPoints,
      rawPoints: roundPoints(categoryRaw),
      cap: category.def.cap ?? null,
      bonus,
    });
  }
  return { items, categories, basePoints: roundPoints(basePoints), bonusPoints: roundPoints(bonusPoints) };
}

function itemExplanation(
  item: CompiledItem,
  applicable: boolean,
  outcome: ItemOutcome,
  points: number,
  cappedBy: ItemResult['cappedBy'],
  catalog: FactCatalog,
  lang: Lang,
  valueOf: (factId: string) => unknown,
): string {
  const en = lang === 'en';
  const def = item.def;
  const title = pickText(def.title, lang);
  if (!applicable) return en ? 'not applicable, 0 points' : '不适用，0 分';
  let text: string;
  if (def.explanation) {
    text = renderTemplate(def.explanation, { values: valueOf, trace: outcome.conditions, points: outcome.rawPoints, title }, catalog, lang);
  } else {
    const raw = outcome.rawPoints;
    const info = 'fact' in def ? catalog.get(def.fact) : undefined;
    const label = info ? pickText(info.label, lang) : '';
    const value = formatValue(outcome.factValue, info, lang);
    switch (def.type) {
      case 'condition':
        text = raw > 0 ? (en ? `condition met: ${raw} points` : `满足条件，得 ${raw} 分`) : en ? 'condition not met: 0 points' : '不满足条件，0 分';
        break;
      case 'perUnit':
        text = en ? `${label} ${value} × ${def.pointsEach} = ${raw} points` : `${label} ${value} × ${def.pointsEach} 分 = ${raw} 分`;
        break;
      case 'bracket': {
        const b = outcome.bracket;
        const lowest = Math.min(...def.brackets.map((x) => x.min));
        const lowText = formatValue(lowest, info, lang);
        text = b
          ? en
            ? `${label} ${value}: band ≥ ${formatValue(b.min, info, lang)}, ${raw} points`
            : `${label} ${value}，对应档次 ≥ ${formatValue(b.min, info, lang)}，得 ${raw} 分`
          : en
            ? `${label} ${value}: below the lowest band (≥ ${lowText}), 0 points`
            : `${label} ${value}，未达最低档次（≥ ${lowText}），0 分`;
        break;
      }
      case 'lookup':
        text = en ? `${label}: ${value}, ${raw} points` : `${label}：${value}，得 ${raw} 分`;
        break;
    }
  }
  if (cappedBy) {
    const cap = pickText(CAP_TEXT[cappedBy], lang);
    text += en ? ` (limited by the ${cap} to ${points} points)` : `（受${cap}限制，计 ${points} 分）`;
  }
  return text;
}

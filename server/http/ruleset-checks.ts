// What a ruleset must pass before it is saved, imported or its tests run: first its
// size (the rule-document limits, on the event loop: one iterative walk that stops
// at the first limit passed), then, on a worker thread, the schema and lint against
// the versions it extends in the store. Errors refuse the request with
// RULESET_INVALID and every issue (pointers included); warnings are handed back to
// go with the answer.
import type { Response } from 'express';
import type { Issue, Ruleset, TestCaseResult, Text } from '../../engine/index';
import { rulesetLimitViolation, type LimitViolation, type RulesetLimits } from '../rules/ruleset-limits';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { runHeavy } from './heavy-work';
import type { RulesetSource } from './ruleset-source';

/** RULESET_LIMIT naming the limit, its value, what was found and where; `version` when stored content is refused. */
export function rulesetLimitError(violation: LimitViolation, stored?: { id: string; version: number }): HttpError {
  const { limit, max, found, pointer, message } = violation;
  const text = stored
    ? { zh: `规则集 ${stored.id} 的 v${stored.version}：${message.zh}`, en: `Version ${stored.version} of ${stored.id}: ${message.en}` }
    : message;
  return new HttpError('RULESET_LIMIT', text, { limit, max, found, pointer, ...(stored ? { rulesetId: stored.id, version: stored.version } : {}) });
}

/** Refuses a rule document over a limit before anything else reads it. */
export function enforceRulesetLimits(ruleset: unknown, limits: Readonly<RulesetLimits>): void {
  const violation = rulesetLimitViolation(ruleset, limits);
  if (violation) throw rulesetLimitError(violation);
}

/**
 * Schema and lint (and, with `tests`, the embedded cases) of content not saved yet, on
 * the worker pool. The content must have passed enforceRulesetLimits. RULESET_INVALID,
 * saying what did not happen (`refused`), when it has errors.
 */
export async function checkRuleset(
  ctx: AppContext,
  res: Response,
  ruleset: Ruleset,
  source: RulesetSource,
  refused: Text,
  options: { tests?: boolean } = {},
): Promise<{ warnings: Issue[]; cases: TestCaseResult[] | null }> {
  const ancestors = [...(await source.ancestors(ruleset))];
  const { issues, cases } = await runHeavy(ctx, res, 'checkRuleset', { ruleset, ancestors, check: true, tests: options.tests ?? false });
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (errors > 0) {
    throw new HttpError('RULESET_INVALID', { zh: `规则集有 ${errors} 处错误，${refused.zh}`, en: `The ruleset has ${errors} error(s); ${refused.en ?? refused.zh}` }, { issues });
  }
  return { warnings: issues, cases };
}

export const NOT_SAVED: Text = { zh: '未保存', en: 'nothing was saved' };

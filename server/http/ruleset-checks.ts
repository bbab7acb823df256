// What a ruleset must pass before it is saved, imported or its tests run: the
// schema, then lint against the versions it extends in the store. Errors refuse
// the request with RULESET_INVALID and every issue (pointers included); warnings
// are handed back to go with the answer.
import { lintRuleset, validateRuleset, type Issue, type Ruleset, type Text } from '../../engine/index';
import { HttpError } from './errors';
import type { RulesetSource } from './ruleset-source';

/** The issues (warnings only) of content that passes; RULESET_INVALID, saying what did not happen (`refused`), otherwise. */
export async function checkRuleset(ruleset: Ruleset, source: RulesetSource, refused: Text): Promise<Issue[]> {
  const issues: Issue[] = validateRuleset(ruleset);
  if (!issues.some((i) => i.severity === 'error')) issues.push(...lintRuleset(ruleset, { lookup: await source.lookupFor(ruleset) }));
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (errors > 0) {
    throw new HttpError('RULESET_INVALID', { zh: `规则集有 ${errors} 处错误，${refused.zh}`, en: `The ruleset has ${errors} error(s); ${refused.en ?? refused.zh}` }, { issues });
  }
  return issues;
}

export const NOT_SAVED: Text = { zh: '未保存', en: 'nothing was saved' };

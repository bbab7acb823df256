// An explanation template rendered for the try-it applicant, exactly as the engine
// renders it in a result (engine/explain.ts renderTemplate): fact values with their
// units and option labels, {{label:…}} as the fact's name, {{threshold:…}} from the
// entry's own condition trace, {{points}} the item's points before caps, {{title}}.
import { pickText, renderTemplate, type FactCatalog } from '../../../../engine/explain';
import type { Lang, Text } from '../../../../engine/index';
import type { ConditionTrace } from '../../../../engine/result';
import type { EvaluationResult } from './live-engine';
import { valueIn } from './try-applicant';

export type TemplateOwnerKind = 'criterion' | 'veto' | 'item';

/** Which template of an entry the try-it applicant gets: pass/fail, triggered/clear, or the item's one; null when the entry does not apply or was not evaluated. */
export function branchNow(result: EvaluationResult | null, kind: TemplateOwnerKind, id: string): string | null {
  if (!result) return null;
  if (kind === 'criterion') {
    const c = result.criteria.find((x) => x.id === id);
    return !c || !c.applicable ? null : c.passed ? 'pass' : 'fail';
  }
  if (kind === 'veto') {
    const v = result.vetoes.find((x) => x.id === id);
    return !v ? null : v.triggered ? 'triggered' : 'clear';
  }
  const item = result.items.find((x) => x.id === id);
  return !item || !item.applicable ? null : 'item';
}

/** The explanation the evaluation wrote for the entry (the engine's own where the entry has no template). */
export function systemExplanation(result: EvaluationResult | null, kind: TemplateOwnerKind, id: string): string {
  if (!result) return '';
  const found = kind === 'criterion' ? result.criteria.find((x) => x.id === id) : kind === 'veto' ? result.vetoes.find((x) => x.id === id) : result.items.find((x) => x.id === id);
  return found?.explanation ?? '';
}

function traceOf(result: EvaluationResult, kind: TemplateOwnerKind, id: string): { trace?: ConditionTrace; points?: number } {
  if (kind === 'criterion') return { trace: result.criteria.find((x) => x.id === id)?.conditions };
  if (kind === 'veto') return { trace: result.vetoes.find((x) => x.id === id)?.conditions };
  const item = result.items.find((x) => x.id === id);
  return { trace: item?.conditions, points: item?.rawPoints };
}

export function renderPreview(
  template: Text,
  owner: { kind: TemplateOwnerKind; id: string; title: Text },
  result: EvaluationResult,
  applicant: Record<string, unknown>,
  catalog: FactCatalog,
  lang: Lang,
): string {
  const { trace, points } = traceOf(result, owner.kind, owner.id);
  return renderTemplate(template, { values: (fact) => valueIn(result, applicant, fact), ...(trace ? { trace } : {}), ...(points !== undefined ? { points } : {}), title: pickText(owner.title, lang) }, catalog, lang);
}

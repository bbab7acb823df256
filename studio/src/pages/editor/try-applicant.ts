// The try-it applicant and its outcome as the derived-facts and template editors
// preview them: a value of the draft for that applicant (a derived fact's, computed by
// the editor's live engine, or a fact's as entered), and the applicant's name.
import { formatValue, type FactCatalog } from '../../../../engine/explain';
import type { Lang } from '../../../../engine/index';
import type { EvaluationResult } from './live-engine';

/** A fact's value as the evaluation saw it: a derived fact's computed value, else the applicant's own. */
export function valueIn(result: EvaluationResult, applicant: Record<string, unknown>, id: string): unknown {
  return Object.prototype.hasOwnProperty.call(result.derived, id) ? result.derived[id] : applicant[id];
}

/** The value in words: with its unit, an option by its label, 未填写 when there is none. */
export function shownValue(value: unknown, id: string, catalog: FactCatalog, lang: Lang): string {
  return formatValue(value, catalog.get(id), lang);
}

/** The applicant's name when the record has one (the shipped catalogues' `name`), for "试算申报人「…」". */
export function applicantName(applicant: Record<string, unknown> | null): string {
  const name = applicant?.name;
  return typeof name === 'string' ? name.trim() : '';
}

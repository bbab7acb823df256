// Evaluates a batch of valid records and formats the results: the unit of work of
// a batch run, the same whether it runs on the main thread or in a worker.
import { evaluate } from '../../engine/evaluate';
import { nativeSha256 } from './native-sha256';
import type { CompiledRuleset } from '../../engine/compile';
import type { Applicant, EvaluationResult, Lang, TraceMode } from '../../engine/index';
import { formatBatch, type FormattedBatch, type OutputFormat } from './format-results';
import { summaryColumns } from './result-summary';

export interface BatchSettings {
  asOf: string;
  trace: TraceMode;
  lang: Lang;
  format: OutputFormat;
  evaluator: 'compiled' | 'reference';
}

export type BatchEvaluator = (records: Applicant[]) => Promise<FormattedBatch>;


export async function batchEvaluator(compiled: CompiledRuleset, settings: BatchSettings): Promise<BatchEvaluator> {
  // Records were validated while reading, so the engine need not check them again.
  // Summary tables show outcomes, failed criteria and hints, not explanation texts.
  const options = { asOf: settings.asOf, trace: settings.trace, lang: settings.lang, validate: false, sha256: nativeSha256, explain: settings.format === 'json' };
  const columns = settings.format === 'json' ? [] : summaryColumns(compiled, settings.lang);
  if (settings.evaluator === 'compiled') {
    return async (records) => formatBatch(settings.format, columns, records.map((record) => ({ record, result: evaluate(compiled, record, options) })));
  }
  const { evaluateReference } = await import('../../engine/reference');
  return async (records) => {
    const evaluated: Array<{ record: Applicant; result: EvaluationResult }> = [];
    for (const record of records) evaluated.push({ record, result: await evaluateReference(compiled.ruleset, record, options) });
    return formatBatch(settings.format, columns, evaluated);
  };
}

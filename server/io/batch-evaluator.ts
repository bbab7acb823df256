// Evaluates a batch of valid records and formats the results: the unit of work of
// a batch run, the same whether it runs on the main thread or in a worker.
import { evaluate } from '../../engine/evaluate';
import { nativeSha256 } from './native-sha256';
import type { CompiledRuleset } from '../../engine/compile';
import { PingshenError, type Applicant, type EvaluationResult, type Lang, type TraceMode } from '../../engine/index';
import { formatBatch, type FailedRecord, type FormattedBatch, type OutputFormat } from './format-results';
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
  const finish = (evaluated: Array<{ record: Applicant; result: EvaluationResult }>, failed: FailedRecord[]): FormattedBatch => {
    const batch = formatBatch(settings.format, columns, evaluated);
    return failed.length > 0 ? { ...batch, failed } : batch;
  };
  if (settings.evaluator === 'compiled') {
    return async (records) => {
      const evaluated: Array<{ record: Applicant; result: EvaluationResult }> = [];
      const failed: FailedRecord[] = [];
      records.forEach((record, index) => {
        try {
          evaluated.push({ record, result: evaluate(compiled, record, options) });
        } catch (err) {
          failed.push(rowFailure(err, index));
        }
      });
      return finish(evaluated, failed);
    };
  }
  const { evaluateReference } = await import('../../engine/reference');
  return async (records) => {
    const evaluated: Array<{ record: Applicant; result: EvaluationResult }> = [];
    const failed: FailedRecord[] = [];
    for (const [index, record] of records.entries()) {
      try {
        evaluated.push({ record, result: await evaluateReference(compiled.ruleset, record, options) });
      } catch (err) {
        failed.push(rowFailure(err, index));
      }
    }
    return finish(evaluated, failed);
  };
}

/**
 * A condition the ruleset cannot decide for this applicant (json-rules-engine would
 * throw, or did) is that applicant's row error: the batch goes on and the caller lists
 * the row. Anything else is a bug and stops the batch.
 */
function rowFailure(err: unknown, index: number): FailedRecord {
  if (err instanceof PingshenError && err.code === 'CONDITION_UNDECIDABLE' && err.issues[0]) return { index, issue: err.issues[0] };
  throw err;
}

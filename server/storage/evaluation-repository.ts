// Stored evaluations: every single evaluation keeps its applicant and its result
// as blobs of canonical JSON, so a replay can re-run exactly that input and compare
// bytes. The record in lowdb holds only addresses, the ruleset reference and the
// verdict. The applicant is stored as evaluated, never normalised: its address is
// then the result's own inputHash, and a replay reproduces that hash too.
import { canonicalJson } from '../../engine/index';
import { text } from '../io/text';
import { sha256Address } from './blob-store';
import type { Committer } from './committer';
import { StorageError } from './errors';
import type { Act, BlobStore, EvaluationPage, EvaluationRecord, EvaluationRepository, NewEvaluation } from './types';
import { requireAct } from './validate';

const target = (id: string, version: number) => `ruleset:${id}@${version}`;

export class LowEvaluationRepository implements EvaluationRepository {
  constructor(
    private readonly committer: Committer,
    private readonly blobs: BlobStore,
  ) {}

  async record({ applicant, result, series, pinned }: NewEvaluation, act: Act): Promise<EvaluationRecord> {
    requireAct(act);
    const { ruleset } = result;
    const inputBytes = canonicalJson(applicant);
    if (sha256Address(inputBytes) !== result.inputHash) {
      throw new StorageError('INVALID_ARGUMENT', text('评审结果不是由这份申报人数据得出的（输入哈希不符）', 'The result was not computed from this applicant (input hash differs)'), { field: 'applicant', inputHash: result.inputHash });
    }
    // Blobs first: a crash before the commit leaves an unreferenced blob, never a record pointing at nothing.
    const input = await this.blobs.put(inputBytes);
    const stored = await this.blobs.put(canonicalJson(result));
    return this.committer.commit((data) => {
      const version = data.rulesets.find((r) => r.id === ruleset.id && r.version === ruleset.version);
      if (!version) throw new StorageError('NOT_FOUND', text(`找不到规则集 ${ruleset.id} v${ruleset.version}`, `No ruleset ${ruleset.id} v${ruleset.version}`), { id: ruleset.id, version: ruleset.version });
      if (version.hash !== ruleset.hash) {
        throw new StorageError('INVALID_ARGUMENT', text(`评审结果中的规则集哈希与 ${ruleset.id} v${ruleset.version} 不符`, `The result's ruleset hash is not that of ${ruleset.id} v${ruleset.version}`), { field: 'result', expected: version.hash, actual: ruleset.hash });
      }
      const evaluations = (data.evaluations ??= []);
      const id = `eval-${String(evaluations.length + 1).padStart(6, '0')}`;
      const { eligible, vetoed, score, passed } = result;
      const record: EvaluationRecord = {
        id,
        rulesetId: ruleset.id,
        version: ruleset.version,
        rulesetHash: ruleset.hash,
        extends: ruleset.extends.map(({ id: parent, version: v, hash }) => ({ id: parent, version: v, hash })),
        series: series ?? null,
        asOf: result.asOf,
        pinned,
        engineVersion: result.engine.version,
        inputHash: result.inputHash,
        outcome: { eligible, vetoed, score, passed },
        by: act.actor,
        at: act.at,
        input,
        result: stored,
      };
      evaluations.push(record);
      // The log names the input by its hash and never holds the applicant's data.
      return {
        result: record,
        audit: { at: act.at, actor: act.actor, action: 'evaluation.run', target: target(ruleset.id, ruleset.version), details: { evaluation: id, hash: ruleset.hash, pinned, asOf: result.asOf, inputHash: result.inputHash, result: stored, eligible, vetoed, score, passed } },
      };
    });
  }

  get(id: string): EvaluationRecord | undefined {
    const found = this.committer.data.evaluations?.find((e) => e.id === id);
    return found && structuredClone(found);
  }

  list(filter: { rulesetId?: string; series?: string; offset?: number; limit?: number } = {}): EvaluationPage {
    const { rulesetId, series, offset = 0, limit = 50 } = filter;
    const matching = (this.committer.data.evaluations ?? []).filter((e) => (rulesetId === undefined || e.rulesetId === rulesetId) && (series === undefined || e.series === series));
    const newestFirst = matching.reverse();
    return { total: matching.length, items: structuredClone(newestFirst.slice(offset, offset + limit)) };
  }
}

// Replay: the stored input, evaluated again against the stored ruleset version,
// compared byte for byte with the stored result. The version (and every version it
// extends) must still hold the content it held then — same hash — or the replay
// would test a different rule set: RULESET_CHANGED says which one moved. The
// stored result is read even if it no longer matches its address, because showing
// where an altered result departs from a fresh evaluation is the point.
import { canonicalJson, evaluate, type Applicant, type EvaluationResult } from '../../engine/index';
import { sha256Address, type EvaluationRecord, type Store } from '../storage/index';
import { HttpError } from './errors';
import { firstDifference } from './json-difference';
import { singleEvaluationOptions, type RulesetResolver } from './ruleset-resolver';

export interface ReplayOutcome {
  /** The replay's bytes equal the stored result's bytes. */
  identical: boolean;
  /**
   * `resultHash` of the stored bytes as they are now; `recordedHash` is what was
   * answered at the time (the blob's address); `intact` when the two agree.
   */
  original: { resultHash: string; recordedHash: string; intact: boolean };
  replay: { resultHash: string };
  /** JSON pointer of the first place where the stored result and the replay differ (canonical key order). */
  firstDifference?: string;
  result: EvaluationResult;
}

export async function replayEvaluation(store: Store, resolver: RulesetResolver, record: EvaluationRecord): Promise<ReplayOutcome> {
  const lineage = [{ id: record.rulesetId, version: record.version, hash: record.rulesetHash }, ...record.extends];
  for (const ref of lineage) {
    const now = store.rulesets.get(ref.id, ref.version);
    if (now?.hash !== ref.hash) {
      throw new HttpError(
        'RULESET_CHANGED',
        {
          zh: `评审 ${record.id} 所用的规则集 ${ref.id} v${ref.version} 的内容已${now ? '不同' : '不存在'}（原哈希 ${ref.hash}），无法重放`,
          en: `Ruleset ${ref.id} v${ref.version}, which evaluation ${record.id} used, ${now ? 'no longer holds the same content' : 'is no longer stored'} (was ${ref.hash}); it cannot be replayed`,
        },
        { evaluation: record.id, rulesetId: ref.id, version: ref.version, expected: ref.hash, actual: now?.hash ?? null },
      );
    }
  }
  const compiled = await resolver.compile(store.rulesets.get(record.rulesetId, record.version)!);
  const applicant = JSON.parse((await store.blobs.get(record.input)).toString('utf8')) as Applicant;
  const result = evaluate(compiled, applicant, singleEvaluationOptions(record.asOf));
  const replayBytes = Buffer.from(canonicalJson(result), 'utf8');
  const stored = await store.blobs.get(record.result, { verify: false });
  const storedHash = sha256Address(stored);
  const identical = stored.equals(replayBytes);
  const outcome: ReplayOutcome = {
    identical,
    original: { resultHash: storedHash, recordedHash: record.result, intact: storedHash === record.result },
    replay: { resultHash: sha256Address(replayBytes) },
    result,
  };
  if (!identical) {
    let original: unknown;
    try {
      original = JSON.parse(stored.toString('utf8'));
    } catch {
      original = undefined; // not JSON any more: it differs at the root
    }
    outcome.firstDifference = firstDifference(original, result) ?? '';
  }
  return outcome;
}

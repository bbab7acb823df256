// Replay: the stored input, evaluated again against the stored ruleset version,
// compared byte for byte with the stored result. The version (and every version it
// extends) must still hold the content it held then — same hash — or the replay
// would test a different rule set: RULESET_CHANGED says which one moved.
//
// Every stored file the record names (the result, the input, the rule files of the
// version and of what it extends) is read without the blob store's check and
// hashed here, because an altered archive is exactly what a replay exists to show:
// a file whose bytes no longer match its address is named in `mismatches` (which
// file, the address recorded, the hash of what is there now) and the report says
// `intact: false` — an answer, not a server error. The stored result is still
// compared with a fresh evaluation (where does the altered result depart?); an
// altered input or rule file leaves nothing trustworthy to evaluate, so then there
// is no replay (`replay: null`, no `result`).
import { canonicalJson, evaluate, type Applicant, type EvaluationResult } from '../../engine/index';
import { isStorageError, sha256Address, type EvaluationRecord, type Store } from '../storage/index';
import { HttpError } from './errors';
import { firstDifference } from './json-difference';
import { singleEvaluationOptions, type RulesetResolver } from './ruleset-resolver';

/** A stored file that no longer matches the address the record gives it. */
export interface BlobMismatch {
  /** The result as answered, the applicant as evaluated, or a rule file of a version the evaluation used. */
  blob: 'result' | 'input' | 'ruleset';
  /** For a rule file: the version it belongs to. */
  rulesetId?: string;
  version?: number;
  /** The address recorded (the sha256 of the bytes as written). */
  expected: string;
  /** The sha256 of the bytes there now; null when the file is gone. */
  actual: string | null;
}

export interface ReplayOutcome {
  /** The replay's bytes equal the stored result's bytes. */
  identical: boolean;
  /** Every stored file the record names still matches its address (`mismatches` is empty). */
  intact: boolean;
  mismatches: BlobMismatch[];
  /**
   * `resultHash` of the stored bytes as they are now (null when the file is gone);
   * `recordedHash` is what was answered at the time (the blob's address); `intact`
   * when the two agree.
   */
  original: { resultHash: string | null; recordedHash: string; intact: boolean };
  /** null when the stored input or a rule file no longer matches its hash: nothing was evaluated. */
  replay: { resultHash: string } | null;
  /** JSON pointer of the first place where the stored result and the replay differ (canonical key order). */
  firstDifference?: string;
  result?: EvaluationResult;
}

/** The bytes at an address as they are now, unchecked, with their hash; null when the file is gone. */
async function readStored(store: Store, address: string): Promise<{ bytes: Buffer | null; actual: string | null }> {
  try {
    const bytes = await store.blobs.get(address, { verify: false });
    return { bytes, actual: sha256Address(bytes) };
  } catch (err) {
    if (isStorageError(err, 'NOT_FOUND')) return { bytes: null, actual: null };
    throw err;
  }
}

export async function replayEvaluation(store: Store, resolver: RulesetResolver, record: EvaluationRecord): Promise<ReplayOutcome> {
  const lineage = [{ id: record.rulesetId, version: record.version, hash: record.rulesetHash }, ...record.extends];
  const mismatches: BlobMismatch[] = [];
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
    // The canonical content, and the author's file beside it where one is kept.
    for (const address of [now.hash, ...(now.document !== undefined ? [now.document] : [])]) {
      const { actual } = await readStored(store, address);
      if (actual !== address) mismatches.push({ blob: 'ruleset', rulesetId: ref.id, version: ref.version, expected: address, actual });
    }
  }
  const input = await readStored(store, record.input);
  if (input.actual !== record.input) mismatches.push({ blob: 'input', expected: record.input, actual: input.actual });
  const stored = await readStored(store, record.result);
  if (stored.actual !== record.result) mismatches.push({ blob: 'result', expected: record.result, actual: stored.actual });

  const original = { resultHash: stored.actual, recordedHash: record.result, intact: stored.actual === record.result };
  const evaluable = !mismatches.some((m) => m.blob !== 'result');
  if (!evaluable) return { identical: false, intact: false, mismatches, original, replay: null };

  const compiled = await resolver.compile(store.rulesets.get(record.rulesetId, record.version)!);
  const applicant = JSON.parse(input.bytes!.toString('utf8')) as Applicant;
  const result = evaluate(compiled, applicant, singleEvaluationOptions(record.asOf));
  const replayBytes = Buffer.from(canonicalJson(result), 'utf8');
  const identical = stored.bytes !== null && stored.bytes.equals(replayBytes);
  const outcome: ReplayOutcome = { identical, intact: mismatches.length === 0, mismatches, original, replay: { resultHash: sha256Address(replayBytes) }, result };
  if (!identical) {
    let before: unknown;
    try {
      before = stored.bytes === null ? undefined : JSON.parse(stored.bytes.toString('utf8'));
    } catch {
      before = undefined; // not JSON any more: it differs at the root
    }
    outcome.firstDifference = firstDifference(before, result) ?? '';
  }
  return outcome;
}

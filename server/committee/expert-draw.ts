// The random draw of a review session's members (评委随机抽取), pure: no clock, no
// store. Steps, each recorded so an auditor can replay them:
//   1. Exclude from the series pool, with the reason for each: disabled experts, a
//      term that does not cover the meeting date, experts whose unit is a
//      candidate's unit (本单位有参评人员), standing conflicts (回避) that name a
//      candidate or a candidate's unit, and conflicts declared for this session.
//   2. The eligible experts, sorted by id, are the recorded pool; poolHash is
//      `sha256:` + sha256 of its canonical JSON (engine/canonical.ts).
//   3. The pool is shuffled with the seeded generator (seeded-random.ts, Fisher–Yates
//      from the front); the members are the first `size` experts, in that order.
// `size` is the count asked for (by default the policy minimum for the committee's
// kind, made odd when the policy wants an odd number), capped by the pool and then
// made odd again. A pool below the minimum is reported (`belowMinimum`), never hidden.
import { canonicalJson, sha256Hex } from '../../engine/canonical';
import type { Text } from '../../engine/index';
import { text } from '../io/text';
import type { DrawPoolEntry, ExpertRecord, SessionDraw } from '../storage/index';
import { RANDOM_ALGORITHM, SeededRandom } from './seeded-random';
import { termStatus } from './expert-validation';

export const DRAW_ALGORITHM = `${RANDOM_ALGORITHM}+fisher-yates/v1`;

export type ExclusionCode = 'disabled' | 'term' | 'own-unit' | 'declared-conflict' | 'session-conflict';

/** A conflict declared for one session: the expert must not sit, for the reason given. */
export interface SessionConflict {
  expertId: string;
  applicantId?: string;
  unit?: string;
  reason: string;
}

export interface DrawCandidate {
  applicantId: string;
  name?: string | null;
  unit: string | null;
}

/** One eligible expert as recorded in the draw: what the hash covers. */
export type PoolEntry = DrawPoolEntry;

export interface Exclusion {
  expertId: string;
  name: string;
  unit: string;
  /** Every reason that applies, most basic first. */
  codes: ExclusionCode[];
  /** The reasons in Chinese (what the studio and the filing show). */
  reason: string;
  text: Text;
}

export interface Eligibility {
  /** Eligible experts sorted by id. */
  pool: PoolEntry[];
  poolHash: string;
  excluded: Exclusion[];
}

export interface DrawInput {
  /** The experts of the session's series (others are ignored). */
  pool: ExpertRecord[];
  series: string;
  candidates: DrawCandidate[];
  sessionConflicts: SessionConflict[];
  seed: string;
  /** Members asked for; by default `defaultCount(minimum, odd)`. */
  count?: number;
  /** The meeting date the terms must cover (YYYY-MM-DD). */
  onDate: string;
  minimum: number;
  odd: boolean;
}

export interface DrawOutcome extends Eligibility {
  requested: number;
  /** Members drawn: `requested`, or fewer when the pool is short (then made odd). */
  size: number;
  members: PoolEntry[];
  belowMinimum: boolean;
  warnings: Text[];
}

/** The policy minimum, rounded up to odd when the policy wants an odd committee. */
export function defaultCount(minimum: number, odd: boolean): number {
  return odd && minimum % 2 === 0 ? minimum + 1 : minimum;
}

/** How many members a pool of `available` yields for `requested`: capped by the pool, then made odd (downwards) if need be. */
export function drawSize(requested: number, available: number, odd: boolean): number {
  const size = Math.min(requested, available);
  return odd && size > 0 && size % 2 === 0 ? size - 1 : size;
}

/** Units compare trimmed, with full-width letters and brackets folded (NFKC). */
const unitKey = (unit: string | null | undefined) => (unit ?? '').normalize('NFKC').trim();

export function poolEntry(e: ExpertRecord): PoolEntry {
  return { id: e.id, name: e.name, level: e.level, unit: e.unit, county: e.county, termStart: e.termStart, termEnd: e.termEnd };
}

export function poolHashOf(pool: PoolEntry[]): string {
  return 'sha256:' + sha256Hex(canonicalJson(pool));
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Step 1 and 2: who may be drawn, who may not and why. */
export function eligibility(input: Pick<DrawInput, 'pool' | 'series' | 'candidates' | 'sessionConflicts' | 'onDate'>): Eligibility {
  const candidateUnits = new Map<string, string[]>();
  for (const c of input.candidates) {
    const unit = unitKey(c.unit);
    if (unit === '') continue;
    candidateUnits.set(unit, [...(candidateUnits.get(unit) ?? []), c.name ?? c.applicantId]);
  }
  const candidateIds = new Set(input.candidates.map((c) => c.applicantId));
  const pool: PoolEntry[] = [];
  const excluded: Exclusion[] = [];
  for (const expert of [...input.pool].filter((e) => e.series === input.series).sort(byId)) {
    const reasons: Array<{ code: ExclusionCode; text: Text }> = [];
    if (expert.disabled) reasons.push({ code: 'disabled', text: text('已停用', 'disabled') });
    const status = termStatus(expert, input.onDate);
    if (status !== 'active') {
      const when = `${expert.termStart} 至 ${expert.termEnd}`;
      reasons.push({
        code: 'term',
        text: status === 'expired'
          ? text(`任期（${when}）未覆盖评审日期 ${input.onDate}：已到期`, `term (${expert.termStart} to ${expert.termEnd}) does not cover the meeting date ${input.onDate}: expired`)
          : text(`任期（${when}）未覆盖评审日期 ${input.onDate}：未开始`, `term (${expert.termStart} to ${expert.termEnd}) does not cover the meeting date ${input.onDate}: not yet begun`),
      });
    }
    const colleagues = candidateUnits.get(unitKey(expert.unit));
    if (colleagues) {
      reasons.push({ code: 'own-unit', text: text(`本单位有参评人员（${expert.unit}：${colleagues.join('、')}）`, `a candidate works at the expert's own unit (${expert.unit}: ${colleagues.join(', ')})`) });
    }
    for (const c of expert.conflicts) {
      const byApplicant = c.applicantId !== undefined && candidateIds.has(c.applicantId);
      const byUnit = c.unit !== undefined && candidateUnits.has(unitKey(c.unit));
      if (!byApplicant && !byUnit) continue;
      const whom = byApplicant ? c.applicantId! : c.unit!;
      reasons.push({ code: 'declared-conflict', text: text(`申报回避：${whom}（${c.reason}）`, `declared conflict: ${whom} (${c.reason})`) });
    }
    for (const c of input.sessionConflicts) {
      if (c.expertId !== expert.id) continue;
      const whom = c.applicantId ?? c.unit;
      reasons.push({ code: 'session-conflict', text: text(`本次评审申报回避${whom ? `：${whom}` : ''}（${c.reason}）`, `conflict declared for this session${whom ? `: ${whom}` : ''} (${c.reason})`) });
    }
    if (reasons.length === 0) {
      pool.push(poolEntry(expert));
      continue;
    }
    const zh = reasons.map((r) => r.text.zh).join('；');
    excluded.push({
      expertId: expert.id,
      name: expert.name,
      unit: expert.unit,
      codes: [...new Set(reasons.map((r) => r.code))],
      reason: zh,
      text: text(zh, reasons.map((r) => r.text.en).join('; ')),
    });
  }
  return { pool, poolHash: poolHashOf(pool), excluded };
}

/** Step 3 alone: the members a seed draws from a recorded pool (what verification replays). */
export function shuffleMembers(pool: PoolEntry[], seed: string, size: number): PoolEntry[] {
  return new SeededRandom(seed).shuffle(pool).slice(0, size);
}

export function draw(input: DrawInput): DrawOutcome {
  const found = eligibility(input);
  const requested = input.count ?? defaultCount(input.minimum, input.odd);
  const size = drawSize(requested, found.pool.length, input.odd);
  const members = shuffleMembers(found.pool, input.seed, size);
  const warnings: Text[] = [];
  const belowMinimum = size < input.minimum;
  if (belowMinimum) {
    warnings.push(text(
      `可抽取的专家只有 ${found.pool.length} 人，抽取 ${size} 人，少于评审委员会最低人数 ${input.minimum} 人`,
      `Only ${found.pool.length} eligible expert(s); ${size} drawn, below the committee minimum of ${input.minimum}`,
    ));
  } else if (size < requested) {
    warnings.push(text(
      `可抽取的专家只有 ${found.pool.length} 人，要求 ${requested} 人，实际抽取 ${size} 人`,
      `Only ${found.pool.length} eligible expert(s) for ${requested} requested; ${size} drawn`,
    ));
  }
  return { ...found, requested, size, members, belowMinimum, warnings };
}

export interface DrawVerification {
  ok: boolean;
  problems: Text[];
  /** The members the seed draws from the recorded pool, in order. */
  replayed: string[];
  poolHash: string;
}

/**
 * Replays a recorded draw: the pool's hash recomputed from the recorded pool, the
 * shuffle recomputed from the recorded seed. Any difference is a problem, named.
 */
export function verifyDraw(record: Pick<SessionDraw, 'seed' | 'requested' | 'poolHash' | 'members' | 'excluded' | 'pool' | 'odd'>): DrawVerification {
  const problems: Text[] = [];
  const { pool } = record;
  const poolHash = poolHashOf(pool);
  if (poolHash !== record.poolHash) {
    problems.push(text(`专家池与记录的哈希不符：记录 ${record.poolHash}，重算 ${poolHash}`, `The recorded pool does not match its hash: recorded ${record.poolHash}, recomputed ${poolHash}`));
  }
  const ids = pool.map((e) => e.id);
  if (ids.some((id, i) => i > 0 && ids[i - 1]! >= id)) problems.push(text('专家池未按编号排序或有重复', 'The recorded pool is not sorted by id or repeats an expert'));
  const inPool = new Set(ids);
  for (const e of record.excluded) {
    if (inPool.has(e.expertId)) problems.push(text(`专家 ${e.expertId} 既在可抽取名单中又被排除`, `Expert ${e.expertId} is both in the pool and excluded`));
  }
  let replayed: string[] = [];
  try {
    const size = drawSize(record.requested, pool.length, record.odd);
    replayed = shuffleMembers(pool, record.seed, size).map((e) => e.id);
  } catch (err) {
    problems.push(text(`无法重放：${(err as Error).message}`, `Cannot replay: ${(err as Error).message}`));
  }
  const recorded = record.members.map((m) => m.expertId);
  if (replayed.length > 0 && recorded.length !== replayed.length) {
    problems.push(text(`记录的评委 ${recorded.length} 人，重放应为 ${replayed.length} 人`, `${recorded.length} member(s) recorded; the replay draws ${replayed.length}`));
  }
  for (let i = 0; i < Math.min(recorded.length, replayed.length); i++) {
    if (recorded[i] !== replayed[i]) {
      problems.push(text(`第 ${i + 1} 位评委记录为 ${recorded[i]}，重放为 ${replayed[i]}`, `Member ${i + 1} is recorded as ${recorded[i]}; the replay draws ${replayed[i]}`));
    }
  }
  const byIdInPool = new Map(pool.map((e) => [e.id, e]));
  for (const m of record.members) {
    const entry = byIdInPool.get(m.expertId);
    if (entry && (entry.name !== m.name || entry.unit !== m.unit)) {
      problems.push(text(`评委 ${m.expertId} 的姓名或单位与专家池记录不符`, `Member ${m.expertId}'s name or unit differs from the pool`));
    }
  }
  return { ok: problems.length === 0, problems, replayed, poolHash };
}

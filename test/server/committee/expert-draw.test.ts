// The random draw of a session's members: reproducible from the recorded seed,
// excluding experts who must not judge (own unit, conflicts, term, disabled), and
// verifiable by an auditor from the record alone.
import { describe, expect, it } from 'vitest';
import { defaultCount, draw, drawSize, eligibility, verifyDraw, type DrawInput } from '../../../server/committee/expert-draw';
import type { ExpertRecord, SessionDraw } from '../../../server/storage/index';

const SEED = '7c1e9a0b5d3f28461e9a0b5d3f284601';
const OTHER = '0123456789abcdef0123456789abcdef';

function expert(n: number, over: Partial<ExpertRecord> = {}): ExpertRecord {
  return {
    id: `exp-${String(n).padStart(4, '0')}`,
    name: `专家${n}`,
    series: 'health',
    level: 'full-senior',
    unit: `巴州第${n}医院`,
    county: '库尔勒市',
    termStart: '2024-06-20',
    termEnd: '2027-06-19',
    conflicts: [],
    disabled: false,
    updatedBy: 'admin',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...over,
  };
}

const pool = (n: number, from = 1) => Array.from({ length: n }, (_, i) => expert(from + i));

function input(over: Partial<DrawInput> = {}): DrawInput {
  return {
    pool: pool(40),
    series: 'health',
    candidates: [{ applicantId: 'HA001', name: '王丽', unit: '和静县人民医院' }],
    sessionConflicts: [],
    seed: SEED,
    onDate: '2026-03-10',
    minimum: 25,
    odd: true,
    ...over,
  };
}

/** The record the draw route stores, from a draw outcome. */
function recordOf(inp: DrawInput): SessionDraw {
  const out = draw(inp);
  return {
    algorithm: 'hmac-sha256-ctr/v1+fisher-yates/v1',
    seed: inp.seed,
    requested: out.requested,
    minimum: inp.minimum,
    odd: inp.odd,
    meetingOn: inp.onDate,
    pool: out.pool,
    poolHash: out.poolHash,
    members: out.members.map((m) => ({ expertId: m.id, name: m.name, unit: m.unit })),
    excluded: out.excluded.map(({ expertId, name, unit, codes, reason, text }) => ({ expertId, name, unit, codes, reason, text })),
    sessionConflicts: inp.sessionConflicts,
    acceptedBelowMinimum: false,
    warnings: out.warnings,
    drawnBy: 'admin',
    drawnAt: '2026-03-01T09:00:00.000Z',
  };
}

describe('draw', () => {
  it('is reproducible: the recorded seed draws the same members in the same order', () => {
    const first = draw(input());
    const again = draw(input({ pool: [...pool(40)].reverse() })); // the order the store lists them in does not matter
    expect(first.members).toHaveLength(25);
    expect(again.members.map((m) => m.id)).toEqual(first.members.map((m) => m.id));
    // Pinned (and recomputed independently in Python from seeded-random.ts's header): a change to the
    // generator, the shuffle or the pool order would change every past draw.
    expect(first.members.slice(0, 5).map((m) => m.id)).toEqual(['exp-0004', 'exp-0007', 'exp-0014', 'exp-0035', 'exp-0023']);
    expect(first.poolHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('draws other members with another seed', () => {
    const a = draw(input()).members.map((m) => m.id);
    const b = draw(input({ seed: OTHER })).members.map((m) => m.id);
    expect(b).not.toEqual(a);
    expect(new Set(b).size).toBe(25);
  });

  it('records the eligible pool sorted by id; the members come from it, never twice', () => {
    const out = draw(input());
    expect(out.pool.map((e) => e.id)).toEqual([...out.pool.map((e) => e.id)].sort());
    const ids = new Set(out.pool.map((e) => e.id));
    for (const m of out.members) expect(ids.has(m.id)).toBe(true);
    expect(new Set(out.members.map((m) => m.id)).size).toBe(out.members.length);
  });

  it('excludes an expert whose unit is a candidate\'s unit (本单位有参评人员), whatever the seed', () => {
    const experts = [...pool(30), expert(31, { unit: '和静县人民医院 ' })];
    for (const seed of [SEED, OTHER]) {
      const out = draw(input({ pool: experts, seed }));
      expect(out.members.map((m) => m.id)).not.toContain('exp-0031');
      expect(out.excluded).toEqual([
        expect.objectContaining({ expertId: 'exp-0031', codes: ['own-unit'], reason: expect.stringContaining('本单位有参评人员（和静县人民医院 ：王丽）') }),
      ]);
    }
  });

  it('excludes standing conflicts that concern a candidate, and conflicts declared for the session', () => {
    const experts = [
      ...pool(30),
      expert(31, { conflicts: [{ applicantId: 'HA001', reason: '师生关系' }] }),
      expert(32, { conflicts: [{ unit: '和静县人民医院', reason: '配偶在该院' }] }),
      expert(33, { conflicts: [{ applicantId: 'HA999', reason: '不在本次评审' }] }), // not a candidate: stays eligible
    ];
    const out = draw(input({ pool: experts, sessionConflicts: [{ expertId: 'exp-0005', applicantId: 'HA001', reason: '近亲属' }] }));
    const why = Object.fromEntries(out.excluded.map((e) => [e.expertId, e]));
    expect(Object.keys(why).sort()).toEqual(['exp-0005', 'exp-0031', 'exp-0032']);
    expect(why['exp-0031']).toMatchObject({ codes: ['declared-conflict'], reason: '申报回避：HA001（师生关系）' });
    expect(why['exp-0032']).toMatchObject({ codes: ['declared-conflict'], reason: '申报回避：和静县人民医院（配偶在该院）' });
    expect(why['exp-0005']).toMatchObject({ codes: ['session-conflict'], reason: '本次评审申报回避：HA001（近亲属）' });
    expect(out.pool.map((e) => e.id)).toContain('exp-0033');
    for (const m of out.members) expect(['exp-0005', 'exp-0031', 'exp-0032']).not.toContain(m.id);
  });

  it('excludes an expired term, a term not yet begun and a disabled expert; both term ends count as in office', () => {
    const experts = [
      ...pool(26),
      expert(27, { termStart: '2023-03-01', termEnd: '2026-02-28' }),
      expert(28, { termStart: '2026-04-01', termEnd: '2029-03-31' }),
      expert(29, { disabled: true }),
      expert(30, { termStart: '2023-03-11', termEnd: '2026-03-10' }), // last day of the term is the meeting day
    ];
    const out = eligibility(input({ pool: experts }));
    const why = Object.fromEntries(out.excluded.map((e) => [e.expertId, e]));
    expect(why['exp-0027']).toMatchObject({ codes: ['term'], reason: '任期（2023-03-01 至 2026-02-28）未覆盖评审日期 2026-03-10：已到期' });
    expect(why['exp-0028']).toMatchObject({ codes: ['term'], reason: expect.stringContaining('未开始') });
    expect(why['exp-0029']).toMatchObject({ codes: ['disabled'], reason: '已停用' });
    expect(out.pool.map((e) => e.id)).toContain('exp-0030');
    expect(out.pool).toHaveLength(27);
  });

  it('leaves out experts of other series', () => {
    const out = eligibility(input({ pool: [...pool(3), expert(4, { series: 'teacher' })] }));
    expect(out.pool.map((e) => e.id)).toEqual(['exp-0001', 'exp-0002', 'exp-0003']);
    expect(out.excluded).toEqual([]);
  });

  it('reports a pool too small for the minimum, and draws what it can (odd)', () => {
    const out = draw(input({ pool: pool(20) }));
    expect(out.belowMinimum).toBe(true);
    expect(out.size).toBe(19);
    expect(out.members).toHaveLength(19);
    expect(out.warnings[0]!.zh).toBe('可抽取的专家只有 20 人，抽取 19 人，少于评审委员会最低人数 25 人');
  });

  it('keeps the committee odd: the default count is the minimum made odd, a short pool gives one fewer', () => {
    expect(defaultCount(25, true)).toBe(25);
    expect(defaultCount(24, true)).toBe(25);
    expect(defaultCount(24, false)).toBe(24);
    expect(drawSize(27, 26, true)).toBe(25);
    expect(drawSize(27, 26, false)).toBe(26);
    const out = draw(input({ minimum: 10, pool: pool(14), count: 15 }));
    expect(out.size).toBe(13);
    expect(out.belowMinimum).toBe(false);
    expect(out.warnings[0]!.zh).toBe('可抽取的专家只有 14 人，要求 15 人，实际抽取 13 人');
    expect(draw(input({ minimum: 11 })).members).toHaveLength(11);
  });
});

describe('verifyDraw', () => {
  it('confirms an untouched record', () => {
    const result = verifyDraw(recordOf(input()));
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.replayed).toHaveLength(25);
  });

  it('detects two members swapped in the record', () => {
    const record = recordOf(input());
    [record.members[2], record.members[7]] = [record.members[7]!, record.members[2]!];
    const result = verifyDraw(record);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.zh)).toEqual([
      `第 3 位评委记录为 ${record.members[2]!.expertId}，重放为 ${record.members[7]!.expertId}`,
      `第 8 位评委记录为 ${record.members[7]!.expertId}，重放为 ${record.members[2]!.expertId}`,
    ]);
  });

  it('detects a member replaced by an expert outside the draw', () => {
    const record = recordOf(input());
    record.members[0] = { expertId: 'exp-0999', name: '张三', unit: '巴州人民医院' };
    expect(verifyDraw(record).problems.map((p) => p.zh)).toContainEqual(expect.stringContaining('第 1 位评委记录为 exp-0999'));
  });

  it('detects an altered pool (an expert slipped in, or a name changed) by its hash', () => {
    const added = recordOf(input());
    added.pool = [...added.pool, { id: 'exp-0999', name: '混入', level: 'full-senior', unit: 'x', county: 'y', termStart: '2024-06-20', termEnd: '2027-06-19' }];
    const result = verifyDraw(added);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.zh).toMatch(/^专家池与记录的哈希不符/);

    const renamed = recordOf(input());
    renamed.pool[0] = { ...renamed.pool[0]!, name: '改名' };
    expect(verifyDraw(renamed).problems[0]!.en).toMatch(/does not match its hash/);
  });

  it('detects a changed seed', () => {
    const record = recordOf(input());
    record.seed = OTHER;
    expect(verifyDraw(record).ok).toBe(false);
  });
});

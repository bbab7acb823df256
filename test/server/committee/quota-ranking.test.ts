// 按岗推荐: a unit recommends only within its approved posts, its contenders ordered
// by the policy's tie-break keys. Over-quota applicants and non-contenders keep
// their rows and say why they are not recommended.
import { describe, expect, it } from 'vitest';
import { loadProcessPolicy } from '../../../server/committee/process-policy';
import { markQuotas, quotaRuleText, type TieBreakKey } from '../../../server/committee/quota-ranking';

const SHIPPED = loadProcessPolicy().policy.quotaTieBreak;

interface Person {
  id: string;
  unit: string | null;
  score: number;
  eligible?: boolean;
  vetoed?: boolean;
  grassrootsYears?: number;
  currentTitleDate?: string;
}

function mark(people: Person[], quotas: Array<{ unit: string; posts: number }>, tieBreak: TieBreakKey[] = SHIPPED) {
  const rows = people.map((p) => ({ applicantId: p.id, unit: p.unit, score: p.score, eligible: p.eligible ?? true, vetoed: p.vetoed ?? false }));
  const facts = new Map(people.map((p) => [p.id, { grassrootsYears: p.grassrootsYears, currentTitleDate: p.currentTitleDate }]));
  const marks = markQuotas(rows, (id) => facts.get(id), quotas, tieBreak);
  return Object.fromEntries(people.map((p, i) => [p.id, marks[i]!]));
}

describe('an over-quota tie', () => {
  // 库尔勒市中医医院 has 2 posts; B and C tie on score for the second one.
  const people: Person[] = [
    { id: 'A', unit: '库尔勒市中医医院', score: 90, grassrootsYears: 5, currentTitleDate: '2015-01-01' },
    { id: 'B', unit: '库尔勒市中医医院', score: 80, grassrootsYears: 6, currentTitleDate: '2016-01-01' },
    { id: 'C', unit: '库尔勒市中医医院', score: 80, grassrootsYears: 9, currentTitleDate: '2018-01-01' },
  ];
  const quotas = [{ unit: '库尔勒市中医医院', posts: 2 }];

  it('is decided by the next tie-break key (more grassroots years), and the other is listed over quota, not dropped', () => {
    const marks = mark(people, quotas);
    expect(marks.A).toEqual({ posts: 2, position: 1, recommended: true });
    expect(marks.C).toEqual({ posts: 2, position: 2, recommended: true });
    expect(marks.B).toEqual({ posts: 2, position: 3, recommended: false });
    expect(Object.keys(marks)).toHaveLength(3);
  });

  it('goes the other way when the policy puts the earlier current-title date first', () => {
    const marks = mark(people, quotas, [
      { by: 'score', order: 'desc' },
      { by: 'currentTitleDate', order: 'asc' },
      { by: 'grassrootsYears', order: 'desc' },
    ]);
    expect(marks.B).toMatchObject({ position: 2, recommended: true });
    expect(marks.C).toMatchObject({ position: 3, recommended: false });
  });

  it('falls to the applicant id (ascending, always the final key) when every policy key ties; a missing value sorts last', () => {
    const same: Person[] = [
      { id: 'Z-2', unit: 'U', score: 70, grassrootsYears: 3 },
      { id: 'Z-1', unit: 'U', score: 70, grassrootsYears: 3 },
      { id: 'Z-0', unit: 'U', score: 70 },
    ];
    const marks = mark(same, [{ unit: 'U', posts: 1 }], [{ by: 'score', order: 'desc' }, { by: 'grassrootsYears', order: 'desc' }]);
    expect(marks['Z-1']).toMatchObject({ position: 1, recommended: true });
    expect(marks['Z-2']).toMatchObject({ position: 2, recommended: false });
    expect(marks['Z-0']).toMatchObject({ position: 3, recommended: false });
    expect(quotaRuleText([{ by: 'score', order: 'desc' }])).toContain('applicantId ascending');
  });
});

describe('who is never recommended', () => {
  it('nobody of a unit without a quota row (0 posts), even the top score', () => {
    const marks = mark([{ id: 'A', unit: '若羌县人民医院', score: 99 }], [{ unit: '别的单位', posts: 3 }]);
    expect(marks.A).toEqual({ posts: 0, position: 1, recommended: false });
  });

  it('ineligible and vetoed applicants, even with posts free; they take no place from contenders', () => {
    const marks = mark(
      [
        { id: 'I', unit: 'U', score: 99, eligible: false },
        { id: 'V', unit: 'U', score: 98, vetoed: true },
        { id: 'E', unit: 'U', score: 10 },
        { id: 'N', unit: null, score: 50 },
      ],
      [{ unit: 'U', posts: 5 }],
    );
    expect(marks.I).toEqual({ posts: 5, position: null, recommended: false });
    expect(marks.V).toEqual({ posts: 5, position: null, recommended: false });
    expect(marks.E).toEqual({ posts: 5, position: 1, recommended: true });
    expect(marks.N).toEqual({ posts: 0, position: null, recommended: false });
  });
});

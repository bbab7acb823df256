// What an approver reads before approving a new version: each change as one line,
// Chinese first, with the old and the new value.
import { describe, expect, it } from 'vitest';
import { diffRulesets, type DiffEntry } from '../../engine/diff';
import { mini, shippedRulesets } from '../support/rulesets';

type Edit = (r: any) => void;
const changed = (edit: Edit): DiffEntry[] => {
  const next = mini();
  edit(next);
  return diffRulesets(mini(), next);
};

describe('diffRulesets', () => {
  it('identical versions have no differences; lifecycle-only changes to status neither', () => {
    expect(diffRulesets(mini(), mini())).toEqual([]);
    expect(changed((r) => (r.status = 'published'))).toEqual([]);
  });

  it('an added criterion', () => {
    const entries = changed((r) =>
      r.criteria.push({ id: 'papersReq', title: { zh: '论文要求', en: 'Papers' }, basis: [{ doc: 'bz2024-1' }], conditions: { fact: 'corePapers', operator: 'greaterThanInclusive', value: 1 } }),
    );
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'added', target: 'criterion', id: 'papersReq', text: { zh: '新增资格条件「论文要求」', en: 'Added criterion "Papers"' } }),
    ]);
    expect(entries[0]!.after).toMatchObject({ id: 'papersReq' });
  });

  it('a removed criterion', () => {
    expect(changed((r) => r.criteria.pop())).toEqual([
      expect.objectContaining({ kind: 'removed', target: 'criterion', id: 'degreeYears', text: expect.objectContaining({ zh: '删除资格条件「学历与任职年限」' }) }),
    ]);
  });

  it.each<[string, Edit, string, string, unknown, unknown]>([
    ['a criterion threshold', (r) => (r.criteria[0].conditions.any[1].all[1].value = 6), 'criterion', '资格条件「学历与任职年限」：任现职年限 不少于 5 年 → 不少于 6 年', 5, 6],
    ['a veto threshold', (r) => (r.vetoes[0].conditions.value = 1), 'veto', '否决项「处分影响期内」：影响期内处分 大于 0 → 大于 1', 0, 1],
    ['the options a criterion accepts', (r) => (r.criteria[0].conditions.any[1].all[0].value = ['master']), 'criterion', '资格条件「学历与任职年限」：最高学历 属于 硕士研究生、大学本科 → 属于 硕士研究生', ['master', 'bachelor'], ['master']],
  ])('a changed threshold (%s) reads as one line with the old and the new value', (_name, edit, target, zh, before, after) => {
    const entries = changed(edit);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'changed', target, field: 'threshold', text: { zh } });
    expect((entries[0]!.before as { value: unknown }).value).toEqual(before);
    expect((entries[0]!.after as { value: unknown }).value).toEqual(after);
  });

  it('a changed operator is named as such', () => {
    expect(changed((r) => (r.criteria[0].conditions.any[1].all[1].operator = 'greaterThan'))).toEqual([
      expect.objectContaining({ field: 'operator', text: expect.objectContaining({ zh: '资格条件「学历与任职年限」：任现职年限 不少于 5 年 → 大于 5 年' }) }),
    ]);
  });

  it.each<[string, Edit, string, string, string, unknown, unknown]>([
    ['condition item points', (r) => (r.scoring.categories[1].items[1].points = 6), 'anyPaper', 'points', '计分项「有论文发表」分值：5 → 6 分', 5, 6],
    ['points per unit', (r) => (r.scoring.categories[1].items[0].pointsEach = 5), 'corePaperPoints', 'points', '计分项「核心期刊论文」每项分值：4 → 5 分', 4, 5],
    ['an item cap', (r) => (r.scoring.categories[1].items[0].cap = 10), 'corePaperPoints', 'cap', '计分项「核心期刊论文」上限：12 → 10 分', 12, 10],
    ['a lookup row', (r) => (r.scoring.categories[0].items[0].table[1].points = 13), 'degreePoints', 'table', '计分项「学历赋分」对照表：doctorate:15 master:12 bachelor:10 → doctorate:15 master:13 bachelor:10', undefined, undefined],
    ['a bracket band', (r) => (r.scoring.categories[2].items[0].brackets[1].points = 5), 'township', 'brackets', '计分项「乡镇基层加分」档次：≥5:2 ≥10:4 ≥15:6 ≥20:8 ≥25:10 → ≥5:2 ≥10:5 ≥15:6 ≥20:8 ≥25:10', undefined, undefined],
  ])('changed %s', (_name, edit, id, field, zh, before, after) => {
    const entries = changed(edit);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'changed', target: 'item', id, field, text: { zh } });
    if (before !== undefined) expect([entries[0]!.before, entries[0]!.after]).toEqual([before, after]);
  });

  it.each<[string, Edit, string, string, string]>([
    ['a category cap', (r) => (r.scoring.categories[1].cap = 20), 'category', 'cap', '计分类别「论文」上限：15 → 20 分'],
    ['the total cap', (r) => (r.scoring.cap = 90), 'ruleset', 'cap', '总分上限：100 → 90'],
    ['the pass mark', (r) => (r.pass.minScore = 25), 'ruleset', 'pass', '合格线：≥ 20 → ≥ 25'],
  ])('changed %s', (_name, edit, target, field, zh) => {
    expect(changed(edit)).toEqual([expect.objectContaining({ kind: 'changed', target, field, text: expect.objectContaining({ zh }) })]);
  });

  it('a restructured condition is one "restructured" line, not a leaf-by-leaf guess', () => {
    const entries = changed((r) => (r.criteria[0].conditions = { all: [r.criteria[0].conditions.any[1].all[1]] }));
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'changed', target: 'criterion', id: 'degreeYears', field: 'conditions', text: { zh: '资格条件「学历与任职年限」的条件结构已调整', en: 'criterion "学历与任职年限": conditions restructured' } }),
    ]);
  });

  it('a changed condition of a scoring item', () => {
    expect(changed((r) => (r.scoring.categories[2].items[0].appliesWhen.value = 'county'))).toEqual([expect.objectContaining({ target: 'item', id: 'township', field: 'appliesWhen' })]);
    const when = changed((r) => (r.scoring.categories[1].items[1].when = { fact: 'corePapers', operator: 'greaterThan', value: 0 }));
    expect(when).toEqual([expect.objectContaining({ target: 'item', id: 'anyPaper', field: 'fact' })]);
  });

  it('an item moved to another category', () => {
    expect(changed((r) => r.scoring.categories[0].items.push(r.scoring.categories[1].items.pop()))).toEqual([
      expect.objectContaining({ target: 'item', id: 'anyPaper', field: 'category', text: expect.objectContaining({ zh: '计分项「有论文发表」移至类别 education' }) }),
    ]);
  });

  it('changed fact and derived definitions', () => {
    expect(changed((r) => (r.facts[4].max = 40)).map((e) => [e.target, e.id, e.text.zh])).toEqual([['fact', 'grassrootsYears', '事实「基层工作年限」的定义已修改']]);
    expect(changed((r) => (r.derived[2].let[1].table[0].result = 3)).map((e) => [e.target, e.id, e.text.zh])).toEqual([['derived', 'activeDisciplines', '派生事实「影响期内处分」的算法已修改']]);
  });

  it('several changes are all listed', () => {
    const entries = changed((r) => {
      r.criteria[0].conditions.any[1].all[1].value = 6;
      r.scoring.categories[1].cap = 20;
      r.vetoes.pop();
    });
    expect(entries.map((e) => `${e.kind} ${e.target} ${e.id}`).sort()).toEqual(['changed category papers', 'changed criterion degreeYears', 'removed veto discipline']);
  });

  it('names an inherited fact by its label when given the parent as context', () => {
    const teacher = shippedRulesets().find((s) => s.ruleset.id === 'teacher-deputy-senior')!;
    const parent = shippedRulesets().find((s) => s.ruleset.id === 'bz-common')!.ruleset;
    const next = structuredClone(teacher.ruleset);
    const leaf = JSON.stringify(next.criteria!.find((c) => c.id === 'ruralService')!.conditions);
    expect(leaf).toContain('grassrootsYears');
    const raise = (node: any): void => {
      if (node.fact === 'grassrootsYears') node.value += 1;
      for (const child of [...(node.all ?? []), ...(node.any ?? []), ...(node.not ? [node.not] : [])]) raise(child);
    };
    raise(next.criteria!.find((c) => c.id === 'ruralService')!.conditions);
    const [bare] = diffRulesets(teacher.ruleset, next);
    const [named] = diffRulesets(teacher.ruleset, next, [parent]);
    expect(bare!.text.zh).toContain('grassrootsYears');
    expect(named!.text.zh).not.toContain('grassrootsYears');
    expect(named!.text.zh).toMatch(/基层工作年限 不少于 \d+ 年 → 不少于 \d+ 年/);
  });
});

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
    ['a lookup row', (r) => (r.scoring.categories[0].items[0].table[1].points = 13), 'degreePoints', 'table', '计分项「学历赋分」对照表「硕士研究生」：12 → 13 分', { value: 'master', points: 12 }, { value: 'master', points: 13 }],
    ['a bracket band', (r) => (r.scoring.categories[2].items[0].brackets[1].points = 5), 'township', 'brackets', '计分项「乡镇基层加分」档次「≥ 10 年」：4 → 5 分', { min: 10, points: 4 }, { min: 10, points: 5 }],
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

  it('a restructured condition is one line with the whole condition before and after, in words, not a leaf-by-leaf guess', () => {
    const entries = changed((r) => (r.criteria[0].conditions = { all: [r.criteria[0].conditions.any[1].all[1]] }));
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'changed',
        target: 'criterion',
        id: 'degreeYears',
        field: 'conditions',
        text: {
          zh: '资格条件「学历与任职年限」的条件：（最高学历 等于 博士研究生 且 任现职年限 不少于 2 年） 或 （最高学历 属于 硕士研究生、大学本科 且 任现职年限 不少于 5 年） → 任现职年限 不少于 5 年',
          en: expect.stringContaining('criterion "学历与任职年限": condition (Degree equals'),
        },
      }),
    ]);
  });

  it('a changed condition of a scoring item', () => {
    expect(changed((r) => (r.scoring.categories[2].items[0].appliesWhen.value = 'county'))).toEqual([expect.objectContaining({ target: 'item', id: 'township', field: 'appliesWhen' })]);
    const when = changed((r) => (r.scoring.categories[1].items[1].when = { fact: 'corePapers', operator: 'greaterThan', value: 0 }));
    expect(when).toEqual([expect.objectContaining({ target: 'item', id: 'anyPaper', field: 'fact' })]);
  });

  it('an item moved to another category', () => {
    expect(changed((r) => r.scoring.categories[0].items.push(r.scoring.categories[1].items.pop()))).toEqual([
      expect.objectContaining({ target: 'item', id: 'anyPaper', field: 'category', text: expect.objectContaining({ zh: '计分项「有论文发表」移至类别「学历」' }) }),
    ]);
  });

  it('changed fact and derived definitions', () => {
    expect(changed((r) => (r.facts[4].max = 40)).map((e) => [e.target, e.id, e.text.zh])).toEqual([['fact', 'grassrootsYears', '申报字段「基层工作年限」取值范围：0–50 → 0–40']]);
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

  it('an added criterion says its condition in words, with the fact labels, operators and thresholds', () => {
    const [entry] = changed((r) =>
      r.criteria.push({ id: 'rural', title: { zh: '基层服务' }, basis: [{ doc: 'bz2024-1' }], appliesWhen: { fact: 'postLevel', operator: 'equal', value: 'township' }, conditions: { fact: 'grassrootsYears', operator: 'greaterThanInclusive', value: 3 } }),
    );
    expect(entry!.detail).toEqual({ zh: '条件：基层工作年限 不少于 3 年（仅当工作单位层级 等于 乡镇）', en: 'requires 基层工作年限 at least 3 年 (only when 工作单位层级 equals 乡镇)' });
    const [veto] = changed((r) => r.vetoes.pop());
    expect(veto!.detail!.zh).toBe('触发条件：影响期内处分 大于 0');
  });

  it.each<[string, Edit, string]>([
    ['per unit with a cap', (r) => r.scoring.categories[1].items.push({ id: 'awards', title: { zh: '获得自治区级以上科技奖励' }, basis: [{ doc: 'bz2024-1' }], type: 'perUnit', fact: 'grassrootsYears', pointsEach: 2, cap: 6 }), '计入「论文」，基层工作年限 每年 2 分，最高 6 分'],
    ['by condition', (r) => r.scoring.categories[1].items.push({ id: 'phd', title: { zh: '博士加分' }, basis: [{ doc: 'bz2024-1' }], type: 'condition', points: 3, when: { fact: 'degree', operator: 'equal', value: 'doctorate' } }), '计入「论文」，最高学历 等于 博士研究生 时得 3 分'],
    ['brackets', (r) => r.scoring.categories[2].items.push({ id: 'b', title: { zh: '分档' }, basis: [{ doc: 'bz2024-1' }], type: 'bracket', fact: 'grassrootsYears', brackets: [{ min: 5, points: 1 }, { min: 10, points: 2 }] }), '计入「基层倾斜加分」，按基层工作年限分档：≥ 5 年 1 分，≥ 10 年 2 分'],
    ['lookup rows', (r) => r.scoring.categories[0].items.push({ id: 'l', title: { zh: '层级' }, basis: [{ doc: 'bz2024-1' }], type: 'lookup', fact: 'postLevel', table: [{ value: 'township', points: 3 }, { value: 'county', points: 1 }], default: 0 }), '计入「学历」，按工作单位层级对照：乡镇 3 分，县(市) 1 分，其他 0 分'],
  ])('an added item says its rule in words (%s)', (_name, edit, detail) => {
    const [entry] = changed(edit);
    expect(entry).toMatchObject({ kind: 'added', target: 'item', detail: { zh: detail } });
  });

  it('a removed item says the rule it had', () => {
    const [entry] = changed((r) => r.scoring.categories[1].items.shift());
    expect(entry).toMatchObject({ kind: 'removed', id: 'corePaperPoints', detail: { zh: '计入「论文」，核心期刊论文数 每篇 4 分，最高 12 分', en: 'in "论文": 4 points per 篇 of 核心期刊论文数, at most 12 points' } });
  });

  it('bracket bands added, removed or moved: one line each, before → after', () => {
    const added = changed((r) => r.scoring.categories[2].items[0].brackets.push({ min: 30, points: 12 }));
    expect(added.map((e) => e.text.zh)).toEqual(['计分项「乡镇基层加分」新增档次「≥ 30 年 12 分」']);
    const removed = changed((r) => r.scoring.categories[2].items[0].brackets.pop());
    expect(removed.map((e) => e.text.zh)).toEqual(['计分项「乡镇基层加分」删除档次「≥ 25 年 10 分」']);
    const moved = changed((r) => (r.scoring.categories[2].items[0].brackets[0].min = 3));
    expect(moved.map((e) => [e.field, e.text.zh])).toEqual([['brackets', '计分项「乡镇基层加分」档次：≥ 5 年 2 分 → ≥ 3 年 2 分']]);
  });

  it('lookup rows added or removed and the default, by the option label', () => {
    const entries = changed((r) => {
      const item = r.scoring.categories[0].items[0];
      item.table.pop();
      item.table.push({ value: 'college', points: 8 });
      item.default = 4;
    });
    expect(entries.map((e) => e.text.zh)).toEqual([
      '计分项「学历赋分」对照表删除「大学本科」（10 分）',
      '计分项「学历赋分」对照表新增「大专」（8 分）',
      '计分项「学历赋分」对照表其他情况：6 → 4 分',
    ]);
  });

  it('a scoring item reads its fact, cap and points change by label', () => {
    const entries = changed((r) => {
      const item = r.scoring.categories[1].items[0];
      item.fact = 'grassrootsYears';
      item.cap = undefined;
    });
    expect(entries.map((e) => e.text.zh)).toEqual(['计分项「核心期刊论文」上限：12 分 → 不限', '计分项「核心期刊论文」计分依据：核心期刊论文数 → 基层工作年限']);
  });

  it('applicant fields added, removed and changed: the definition in words, each change before → after', () => {
    const added = changed((r) => r.facts.push({ id: 'awards', label: { zh: '获得自治区级以上科技奖励', en: 'Science awards' }, type: 'integer', unit: { zh: '项' }, min: 0, max: 20 }));
    expect(added).toEqual([
      expect.objectContaining({ kind: 'added', target: 'fact', id: 'awards', text: { zh: '新增申报字段「获得自治区级以上科技奖励」', en: 'Added applicant field "Science awards"' }, detail: { zh: '整数，单位 项，选填，范围 0–20', en: 'integer, unit 项, optional, range 0–20' } }),
    ]);
    const removed = changed((r) => r.facts.splice(3, 1));
    expect(removed).toEqual([expect.objectContaining({ kind: 'removed', target: 'fact', id: 'postLevel', detail: expect.objectContaining({ zh: '单选，必填，选项：乡镇、县(市)、州直' }) })]);
    const edited = changed((r) => {
      const fact = r.facts[4];
      fact.label = { zh: '基层服务年限' };
      fact.required = false;
      fact.unit = { zh: '月' };
      r.facts[1].options.push({ value: 'secondary', label: { zh: '中专' } });
      r.facts[1].options[3].label = { zh: '专科' };
      r.facts[5].fields[0].label = { zh: '年份' };
    });
    expect(edited.map((e) => [e.field, e.text.zh])).toEqual([
      ['options', '申报字段「最高学历」选项「大专」更名为「专科」'],
      ['options', '申报字段「最高学历」新增选项「中专」'],
      ['label', '申报字段「基层工作年限」名称：基层工作年限 → 基层服务年限'],
      ['unit', '申报字段「基层工作年限」单位：年 → 月'],
      ['required', '申报字段「基层工作年限」改为选填'],
      ['label', '申报字段「论文」的字段「发表年份」名称：发表年份 → 年份'],
    ]);
  });

  it('the CLI-style line for an added entry carries its detail (nothing but words)', () => {
    const [entry] = changed((r) => r.scoring.categories[1].items.push({ id: 'awards', title: { zh: '获奖' }, basis: [{ doc: 'bz2024-1' }], type: 'perUnit', fact: 'corePapers', pointsEach: 2, cap: 6 }));
    expect(`${entry!.text.zh}：${entry!.detail!.zh}`).not.toMatch(/corePapers|awards|perUnit/);
  });
});

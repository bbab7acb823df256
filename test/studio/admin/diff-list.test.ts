// The semantic diff as people read it: grouped by what changed, each line marked
// added / removed / changed, worded in the reader's language, lifecycle dates left out.
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it } from 'vitest';
import { diffRulesets, type DiffEntry, type Ruleset } from '../../../engine/index';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import DiffList from '../../../studio/src/pages/ruleset/DiffList.vue';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/rulesets';

const render = (entries: DiffEntry[]) => mount(DiffList, { props: { entries }, global: { plugins: [ElementPlus, i18n] } });

afterEach(() => setLocale('zh-CN'));

const ENTRIES: DiffEntry[] = [
  { kind: 'changed', target: 'ruleset', id: 'r', field: 'effectiveFrom', before: '2024-08-20', after: undefined, text: { zh: 'effectiveFrom：2024-08-20 → —', en: 'effectiveFrom: 2024-08-20 → —' } },
  { kind: 'changed', target: 'criterion', id: 'years', field: 'threshold', before: 5, after: 6, text: { zh: '资格条件「任职年限」：任现职年限 不少于 5 年 → 不少于 6 年', en: 'criterion "Years": years ≥ 5 → ≥ 6' } },
  { kind: 'added', target: 'item', id: 'award', after: {}, text: { zh: '新增计分项「省级奖励」', en: 'Added scoring item "Provincial award"' } },
  { kind: 'removed', target: 'veto', id: 'fraud', before: {}, text: { zh: '删除否决项「学术不端」', en: 'Removed veto "Misconduct"' } },
];

describe('DiffList', () => {
  it('groups entries by target, marks their kind and leaves lifecycle dates out', () => {
    const wrapper = render(ENTRIES);
    const lines = wrapper.findAll('[data-test="diff-entry"]');
    expect(lines.map((l) => l.attributes('data-kind'))).toEqual(['changed', 'removed', 'added']);
    expect(wrapper.findAll('section').map((s) => s.attributes('data-target'))).toEqual(['criterion', 'veto', 'item']);
    expect(lines[0]!.text()).toContain('修改');
    expect(lines[0]!.text()).toContain('不少于 5 年 → 不少于 6 年');
    expect(lines[1]!.text()).toContain('删除');
    expect(lines[2]!.text()).toContain('新增计分项「省级奖励」');
    expect(wrapper.text()).not.toContain('effectiveFrom');
  });

  it('shows an added rule with what it says beneath, and no ids', () => {
    const wrapper = render([{ ...ENTRIES[2]!, detail: { zh: '计入「业绩成果」，获奖数 每项 2 分，最高 6 分', en: 'in "Achievements": 2 points per award, at most 6 points' } }]);
    expect(wrapper.get('[data-test="diff-detail"]').text()).toBe('计入「业绩成果」，获奖数 每项 2 分，最高 6 分');
    expect(wrapper.text()).not.toContain('award');
    expect(render(ENTRIES).text()).not.toMatch(/years|fraud|\baward\b/);
  });

  it('speaks English when the reader switched', async () => {
    setLocale('en');
    const wrapper = render(ENTRIES);
    expect(wrapper.text()).toContain('Added scoring item "Provincial award"');
    expect(wrapper.text()).toContain('Criterion');
  });

  it('says so when nothing but dates changed', () => {
    const wrapper = render([ENTRIES[0]!]);
    expect(wrapper.findAll('[data-test="diff-entry"]')).toHaveLength(0);
    expect(wrapper.text()).toContain('没有规则内容上的变化');
  });

  it('renders a real engine diff of a shipped ruleset with one threshold changed', () => {
    const before = JSON.parse(readFileSync(join(ROOT, 'rules/education/teacher-deputy-senior/v1.json'), 'utf8')) as Ruleset;
    const after = structuredClone(before);
    const rural = after.criteria!.find((c) => c.id === 'ruralService')!;
    (rural.conditions as { value: number }).value = 2;
    const wrapper = render(diffRulesets(before, after));
    const lines = wrapper.findAll('[data-test="diff-entry"]');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text()).toMatch(/州直学校教师的乡村或薄弱学校任教经历.*1.*→.*2/);
  });
});

// Derived facts (计算字段): a count over a list with a filter built in the criteria's
// condition builder over the record's fields by label, a span in years from a date to
// the evaluation date, each with its value for the try-it applicant as the live engine
// computes it; removal refused while an item or a template uses one, naming where.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElSelect, ElSelectV2 } from 'element-plus';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DerivedDef } from '../../../engine/index';
import DerivedEditor from '../../../studio/src/pages/editor/DerivedEditor.vue';
import { derivedText, factIndex } from '../../../studio/src/pages/editor/derived-ops';
import { plainCopy } from '../../../studio/src/pages/editor/live-engine';
import { editorWith, mountWith, wait } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith('veterinary-full-senior');
  // VET-F01: three projects — two led (州级 2019, 县级 2021), one as key member; current title since 2018-04-20.
  const sample = setup.editor.doc!.tests!.find((c) => c.id === 'VET-F01')!;
  setup.editor.tryApplicant = plainCopy(sample.applicant);
  setup.editor.tryAsOf = sample.asOf;
});

async function settle(): Promise<void> {
  await flushPromises();
  await wait(80);
  await flushPromises();
}
async function type(selector: string, value: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>(`input${selector}, ${selector} input`);
  if (!input) throw new Error(`no input in ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}
async function click(selector: string): Promise<void> {
  const target = document.querySelector<HTMLElement>(selector);
  if (!target) throw new Error(`nothing at ${selector}`);
  target.click();
  await flushPromises();
}
const derived = (id: string) => setup.editor.doc!.derived!.find((d) => d.id === id) as DerivedDef;
const card = (wrapper: VueWrapper, id: string) => wrapper.findAll('[data-test="derived-item"]').find((c) => c.attributes('data-id') === id)!;
const preview = (wrapper: VueWrapper, id: string) => card(wrapper, id).find('[data-test="derived-preview-value"]').text();

async function addDerived(wrapper: VueWrapper, zh: string, en: string, op?: string, unit?: string): Promise<void> {
  await wrapper.find('[data-test="add-derived"]').trigger('click');
  await flushPromises();
  await type('[data-test="new-derived-label-zh"]', zh);
  await type('[data-test="new-derived-label-en"]', en);
  if (op) await click(`[data-test="new-derived-op"] [data-op="${op}"] input`);
  if (unit) await type('[data-test="new-derived-unit-zh"]', unit);
  await click('[data-test="new-derived-confirm"]');
  await settle();
}

describe('a count with a filter', () => {
  it('counts the list, then only the records the filter built on the record fields keeps, live for the try-it applicant', async () => {
    const wrapper = await mountWith(DerivedEditor, setup.pinia);
    await addDerived(wrapper, '主持的防控项目', 'Projects led', undefined, '项');

    const def = derived('projectsLed');
    expect(def).toMatchObject({ op: 'count', of: 'projects', label: { zh: '主持的防控项目', en: 'Projects led' }, unit: { zh: '项' } });
    // No filter yet: every project of VET-F01 counts.
    expect(preview(wrapper, 'projectsLed')).toBe('3 项');
    expect(card(wrapper, 'projectsLed').text()).toContain('试算申报人「张海燕」');
    expect(card(wrapper, 'projectsLed').text()).toContain('列表中共 3 条记录');

    await card(wrapper, 'projectsLed').find('[data-test="add-filter"]').trigger('click');
    await settle();
    // It starts on the project's first choice field, as a rule that reads at once: 项目级别 = 国家级 (none of hers).
    expect(def.where).toEqual({ all: [{ fact: 'level', operator: 'equal', value: 'national' }] });
    expect(preview(wrapper, 'projectsLed')).toBe('0 项');
    // The filter's facts are the project's fields, by label, before the ruleset's facts.
    const factSelect = card(wrapper, 'projectsLed').find('[data-test="derived-filter"]').findComponent(ElSelectV2);
    const offered = (factSelect.props('options') as Array<{ label: string }>).map((o) => o.label);
    expect(offered.slice(0, 5)).toEqual(['项目名称', '项目级别', '本人角色', '已结题验收', '立项年度']);
    factSelect.vm.$emit('update:modelValue', 'role');
    await settle();

    expect(def.where).toEqual({ all: [{ fact: 'role', operator: 'equal', value: 'host' }] });
    // Two of the three projects were led.
    expect(preview(wrapper, 'projectsLed')).toBe('2 项');
    expect(card(wrapper, 'projectsLed').find('.summary').text()).toContain('本人角色');
    expect(card(wrapper, 'projectsLed').find('.summary').text()).toContain('主持');

    // Narrowed to the county ones: one left, and the compact value in the card's title follows.
    const group = card(wrapper, 'projectsLed').find('[data-test="derived-filter"] [data-test="group"]');
    await group.find('[data-test="add-leaf"]').trigger('click');
    await settle();
    const selects = card(wrapper, 'projectsLed').find('[data-test="derived-filter"]').findAllComponents(ElSelectV2);
    selects[1]!.vm.$emit('update:modelValue', 'level');
    await settle();
    const levelValue = card(wrapper, 'projectsLed').find('[data-test="derived-filter"]').findAllComponents(ElSelect).filter((s) => s.attributes('data-test') === 'leaf-value')[1]!;
    levelValue.vm.$emit('update:modelValue', 'county');
    await settle();
    expect(preview(wrapper, 'projectsLed')).toBe('1 项');
    expect(card(wrapper, 'projectsLed').find('[data-test="derived-preview-compact"]').text()).toBe('试算：1 项');
  });

  it('says a shipped count with per-record values in words, never by their ids', () => {
    const teacher = editorWith('teacher-deputy-senior');
    const doc = teacher.editor.doc!;
    const corePapers = doc.derived!.find((d) => d.id === 'corePapers')!;
    const text = derivedText(corePapers, teacher.editor.catalog, factIndex(doc, teacher.editor.parents), 'zh');
    expect(text).toContain('从「现职称取得时间」到');
    expect(text).toContain('的整月数');
    expect(text).not.toMatch(/monthsAfterTitle|monthsBeforeAsOf|\$asOf/);
  });
});

describe('a span', () => {
  it('in whole years from the current title date to the evaluation date, then in months', async () => {
    const wrapper = await mountWith(DerivedEditor, setup.pinia);
    await addDerived(wrapper, '任现职称年数', 'Years with the title', 'yearsBetween');
    const def = derived('yearsWithTheTitle');
    // The first date the draft knows (inherited from 巴州通用) to the evaluation date, 年 as its unit.
    expect(def).toMatchObject({ op: 'yearsBetween', from: 'currentTitleDate', to: '$asOf', unit: { zh: '年', en: 'years' } });
    // 2018-04-20 → 2024-09-30: six whole years.
    expect(preview(wrapper, 'yearsWithTheTitle')).toBe('6 年');
    // Both ends by their names, never the ids underneath.
    expect(card(wrapper, 'yearsWithTheTitle').find('[data-test="derived-from"]').text()).toContain('现职称取得时间');
    expect(card(wrapper, 'yearsWithTheTitle').find('[data-test="derived-to"]').text()).toContain('评审基准日');
    expect(card(wrapper, 'yearsWithTheTitle').find('.summary').text()).toBe('从「现职称取得时间」到评审基准日的整年数');

    const op = card(wrapper, 'yearsWithTheTitle').findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'derived-op')!;
    op.vm.$emit('update:modelValue', 'monthsBetween');
    await settle();
    expect(derived('yearsWithTheTitle')).toMatchObject({ op: 'monthsBetween', from: 'currentTitleDate', to: '$asOf', unit: { zh: '月', en: 'months' } });
    expect(preview(wrapper, 'yearsWithTheTitle')).toBe('77 月');

    // A later evaluation date moves it.
    setup.editor.tryAsOf = '2025-04-20';
    await settle();
    expect(preview(wrapper, 'yearsWithTheTitle')).toBe('84 月');
  });
});

describe('removal', () => {
  it('is refused while an item or a template uses the derived fact, naming each', async () => {
    setup.editor.edit((doc) => {
      doc.criteria![0]!.explanation = { pass: { zh: '主持县级项目 {{countyHostedProjects}}' } };
    });
    const wrapper = await mountWith(DerivedEditor, setup.pinia);
    const before = setup.editor.doc!.derived!.length;
    await card(wrapper, 'countyHostedProjects').find('[data-test="remove-derived"]').trigger('click');
    await flushPromises();
    expect(setup.editor.doc!.derived!.length).toBe(before);
    const named = [...document.querySelectorAll('[data-test="in-use-entry"]')].map((e) => e.textContent);
    expect(named).toContain('赋分项「主持完成县级防控项目 每项 3 分，最高 6 分」');
    expect(named).toContain(`资格条件「${setup.editor.doc!.criteria![0]!.title.zh}」`);
  });

  it('goes through when nothing uses it', async () => {
    const wrapper = await mountWith(DerivedEditor, setup.pinia);
    await addDerived(wrapper, '临时', 'Scratch');
    await card(wrapper, 'scratch').find('[data-test="remove-derived"]').trigger('click');
    await flushPromises();
    expect(setup.editor.doc!.derived!.some((d) => d.id === 'scratch')).toBe(false);
  });
});

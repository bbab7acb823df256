// The facts catalogue (申报字段): ids generated from the English name and explained
// when refused, a fact of every type added and shaped, options and record fields,
// reorder and undo, removal refused while a condition, item or derived fact uses the
// fact (with where), inherited facts read-only with the ruleset they come from.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElForm, ElSelect } from 'element-plus';
import { defineComponent, h } from 'vue';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FactDef } from '../../../engine/index';
import FactsEditor from '../../../studio/src/pages/editor/FactsEditor.vue';
import { idProblem, suggestId } from '../../../studio/src/pages/editor/fact-id';
import { FACT_TYPES, retype } from '../../../studio/src/pages/editor/fact-types';
import { useTechnical } from '../../../studio/src/pages/editor/use-technical';
import { factUses, fieldUses } from '../../../studio/src/pages/editor/where-used';
import { editorWith, mountWith } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith('veterinary-full-senior');
});
// 技术信息 is one preference for the whole editor: each test starts with it off.
afterEach(() => {
  useTechnical().value = false;
});

const fact = (id: string) => setup.editor.doc!.facts.find((f) => f.id === id);

/** Element Plus puts an input's attributes on the <input> itself, a checkbox's or number input's on its root. */
const inputAt = (selector: string) => `input${selector}, textarea${selector}, ${selector} input`;
/** Types into the Element Plus input inside `selector` (dialogs are teleported to the body). */
async function type(selector: string, value: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>(inputAt(selector));
  if (!input) throw new Error(`no input in ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}
async function click(selector: string): Promise<void> {
  const button = document.querySelector<HTMLElement>(selector);
  if (!button) throw new Error(`nothing at ${selector}`);
  button.click();
  await flushPromises();
}
function card(wrapper: VueWrapper, id: string) {
  return wrapper.findAll('[data-test="fact-item"]').find((c) => c.attributes('data-id') === id)!;
}
async function openCard(wrapper: VueWrapper, id: string) {
  await card(wrapper, id).find('.el-collapse-item__header').trigger('click');
  await flushPromises();
  return card(wrapper, id);
}

describe('ids', () => {
  it('are suggested from the English name, numbered when taken, and a fallback without one', () => {
    const taken = new Set(['awards', 'regionAwards']);
    expect(suggestId('Region-level science awards', taken)).toBe('regionLevelScienceAwards');
    expect(suggestId('region awards', taken)).toBe('regionAwards2');
    expect(suggestId('', new Set(['fact1']))).toBe('fact2');
    expect(suggestId('2nd prize', new Set())).toBe('fact2ndPrize');
  });

  it('are refused with the reason: empty, not the pattern, too long, taken', () => {
    const taken = new Set(['awards']);
    expect(idProblem('', taken)).toBe('empty');
    expect(idProblem('科技奖励', taken)).toBe('pattern');
    expect(idProblem('region-awards', taken)).toBe('pattern');
    expect(idProblem('1awards', taken)).toBe('pattern');
    expect(idProblem('a'.repeat(65), taken)).toBe('length');
    expect(idProblem('awards', taken)).toBe('taken');
    expect(idProblem('_regionAwards2', taken)).toBeNull();
  });
});

describe('types', () => {
  it('a change of type drops what the new type does not take and starts what it needs', () => {
    const number: FactDef = { id: 'x', label: { zh: 'x' }, type: 'number', unit: { zh: '年' }, min: 0, max: 40, required: true };
    expect(retype(number, 'enum')).toEqual({ id: 'x', label: { zh: 'x' }, type: 'enum', required: true, options: [] });
    expect(retype(number, 'array')).toEqual({ id: 'x', label: { zh: 'x' }, type: 'array', required: true, fields: [] });
    expect(retype({ ...number, type: 'string', maxLength: 20 }, 'integer')).toEqual({ ...number, type: 'integer' });
    expect(retype({ ...number, maxLength: 20 }, 'string')).toEqual({ id: 'x', label: { zh: 'x' }, type: 'string', required: true, maxLength: 20 });
  });
});

describe('where a fact is used', () => {
  it('names the criteria, items and derived facts that read it, and the derived facts that read a record field', () => {
    const doc = setup.editor.doc!;
    const kinds = (uses: ReturnType<typeof factUses>) => uses.map((u) => `${u.kind}:${u.title.zh}`);
    // awards (a list of records) is counted by derived facts; villageWorkYears is read by a scoring item.
    expect(factUses(doc, 'awards', setup.editor.parents).some((u) => u.kind === 'derived')).toBe(true);
    expect(factUses(doc, 'villageWorkYears', setup.editor.parents).map((u) => u.kind)).toContain('item');
    expect(kinds(factUses(doc, 'menteesCount', setup.editor.parents))).toEqual(expect.arrayContaining([expect.stringMatching(/^criterion:/), expect.stringMatching(/^item:/)]));
    expect(fieldUses(doc, 'awards', 'level').map((u) => u.kind)).toContain('derived');
    expect(fieldUses(doc, 'awards', 'name')).toEqual([]);
    expect(factUses(doc, 'noSuchFact', setup.editor.parents)).toEqual([]);
  });
});

describe('the 申报字段 tab', () => {
  it('with 技术信息 off, a fact is added by its names alone: the id is generated and shown nowhere', async () => {
    const wrapper = await mountWith(FactsEditor, setup.pinia);
    await wrapper.find('[data-test="add-fact"]').trigger('click');
    await flushPromises();
    expect(document.querySelector('[data-test="new-fact-id"]')).toBeNull();
    expect(document.querySelector('[data-test="new-fact-dialog"]')!.textContent).not.toContain('标识');
    await type('[data-test="new-fact-label-zh"]', '获得自治区级以上科技奖励');
    await type('[data-test="new-fact-label-en"]', 'Region-level science awards');
    await click('[data-test="new-fact-confirm"]');
    expect(setup.editor.doc!.facts.at(-1)).toMatchObject({ id: 'regionLevelScienceAwards', label: { zh: '获得自治区级以上科技奖励' } });
    const opened = card(wrapper, 'regionLevelScienceAwards');
    expect(opened.find('[data-test="fact-id"]').exists()).toBe(false);
    expect(opened.text()).not.toContain('regionLevelScienceAwards');
    // A fact with a Chinese name only gets a numbered one.
    await wrapper.find('[data-test="add-fact"]').trigger('click');
    await flushPromises();
    await type('[data-test="new-fact-label-zh"]', '备注');
    await click('[data-test="new-fact-confirm"]');
    expect(setup.editor.doc!.facts.at(-1)!.id).toMatch(/^fact\d+$/);
  });

  it('adds 获得自治区级以上科技奖励 (integer, 项) through the dialog, with an id from the English name', async () => {
    useTechnical().value = true;
    const wrapper = await mountWith(FactsEditor, setup.pinia);
    const before = setup.editor.doc!.facts.length;
    await wrapper.find('[data-test="add-fact"]').trigger('click');
    await flushPromises();
    expect(document.querySelector('[data-test="new-fact-dialog"]')).not.toBeNull();
    await type('[data-test="new-fact-label-zh"]', '获得自治区级以上科技奖励');
    await type('[data-test="new-fact-label-en"]', 'Region-level science awards');
    expect(document.querySelector<HTMLInputElement>(inputAt('[data-test="new-fact-id"]'))!.value).toBe('regionLevelScienceAwards');
    await type('[data-test="new-fact-unit-zh"]', '项');

    // An id in Chinese is refused in words, and nothing is added.
    await type('[data-test="new-fact-id"]', '科技奖励');
    expect(document.querySelector('[data-test="new-fact-id-problem"]')!.textContent).toContain('须以英文字母或下划线开头');
    await click('[data-test="new-fact-confirm"]');
    expect(setup.editor.doc!.facts).toHaveLength(before);
    // Facts and derived facts share ids: the derived count 自治区级及以上科技成果奖（前五名） has this one.
    await type('[data-test="new-fact-id"]', 'regionAwards');
    expect(document.querySelector('[data-test="new-fact-id-problem"]')!.textContent).toBe('已有申报字段或计算字段使用标识「regionAwards」，请换一个');
    await type('[data-test="new-fact-id"]', 'regionTechAwards');
    expect(document.querySelector('[data-test="new-fact-id-problem"]')).toBeNull();
    await click('[data-test="new-fact-confirm"]');

    expect(fact('regionTechAwards')).toEqual({ id: 'regionTechAwards', label: { zh: '获得自治区级以上科技奖励', en: 'Region-level science awards' }, type: 'integer', unit: { zh: '项' } });
    expect(setup.editor.doc!.facts.at(-1)!.id).toBe('regionTechAwards');
    expect(setup.editor.catalog.get('regionTechAwards')?.type).toBe('integer');
    // It opens for the rest: a range, required.
    const opened = card(wrapper, 'regionTechAwards');
    expect(opened.find('[data-test="fact-form"]').exists()).toBe(true);
    expect(opened.text()).toContain('整数');
    await setup.editor.check();
    expect(setup.editor.schemaIssues).toEqual([]);
  });

  it('an id typed over another fact’s is refused on the card; a used fact’s id cannot change', async () => {
    useTechnical().value = true;
    const wrapper = await mountWith(FactsEditor, setup.pinia);
    const mentees = await openCard(wrapper, 'menteesCount');
    expect(mentees.find(inputAt('[data-test="fact-id"]')).attributes('disabled')).toBeDefined();
    expect(mentees.find('[data-test="fact-id-locked"]').text()).toMatch(/已被 \d+ 处使用/);

    setup.editor.edit((doc) => doc.facts.push({ id: 'spare', label: { zh: '备用' }, type: 'boolean' }));
    await flushPromises();
    const spare = await openCard(wrapper, 'spare');
    await spare.find(inputAt('[data-test="fact-id"]')).setValue('awards');
    expect(card(wrapper, 'awards').exists()).toBe(true);
    expect(wrapper.find('[data-test="fact-id-problem"]').text()).toContain('使用标识「awards」');
  });

  it('shapes a fact of each type: range and unit, length, options with code and names, record fields', async () => {
    setup.editor.edit((doc) => doc.facts.push({ id: 'probe', label: { zh: '探针' }, type: 'number' }));
    const wrapper = await mountWith(FactsEditor, setup.pinia);
    let probe = await openCard(wrapper, 'probe');
    const typeSelect = () => card(wrapper, 'probe').findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'fact-type')!;
    expect(typeSelect().findAllComponents({ name: 'ElOption' }).map((o) => o.props('label'))).toEqual(['数值', '整数', '是/否', '文本', '单选', '多选', '日期', '记录', '记录列表']);
    expect(FACT_TYPES).toHaveLength(9);

    await probe.find(inputAt('[data-test="fact-unit-zh"]')).setValue('年');
    probe.findAllComponents({ name: 'ElInputNumber' }).find((n) => n.attributes('data-test') === 'fact-min')!.vm.$emit('update:modelValue', 0);
    probe.findAllComponents({ name: 'ElInputNumber' }).find((n) => n.attributes('data-test') === 'fact-max')!.vm.$emit('update:modelValue', 40);
    await probe.find(inputAt('[data-test="fact-required"]')).setValue(true);
    await flushPromises();
    expect(fact('probe')).toMatchObject({ type: 'number', unit: { zh: '年' }, min: 0, max: 40, required: true });

    typeSelect().vm.$emit('update:modelValue', 'string');
    await flushPromises();
    expect(fact('probe')).toEqual({ id: 'probe', label: { zh: '探针' }, type: 'string', required: true });
    card(wrapper, 'probe').findAllComponents({ name: 'ElInputNumber' }).find((n) => n.attributes('data-test') === 'fact-max-length')!.vm.$emit('update:modelValue', 100);
    await flushPromises();
    expect(fact('probe')!.maxLength).toBe(100);

    typeSelect().vm.$emit('update:modelValue', 'enum');
    await flushPromises();
    probe = card(wrapper, 'probe');
    expect(probe.find('[data-test="options-missing"]').text()).toBe('至少需要一个选项');
    await probe.find('[data-test="add-option"]').trigger('click');
    await probe.find('[data-test="add-option"]').trigger('click');
    await flushPromises();
    const rows = card(wrapper, 'probe').findAll('[data-test="fact-option"]');
    await rows[0]!.find(inputAt('[data-test="option-zh"]')).setValue('国家级');
    await rows[0]!.find(inputAt('[data-test="option-en"]')).setValue('National');
    await rows[0]!.find(inputAt('[data-test="option-code"]')).setValue('national');
    await rows[1]!.find(inputAt('[data-test="option-zh"]')).setValue('自治区级');
    expect(fact('probe')!.options).toEqual([
      { value: 'national', label: { zh: '国家级', en: 'National' } },
      { value: 'option2', label: { zh: '自治区级' } },
    ]);

    typeSelect().vm.$emit('update:modelValue', 'array');
    await flushPromises();
    expect(fact('probe')).toEqual({ id: 'probe', label: { zh: '探针' }, type: 'array', required: true, fields: [] });
    expect(card(wrapper, 'probe').find('[data-test="fields-missing"]').exists()).toBe(true);
    await card(wrapper, 'probe').find('[data-test="add-field"]').trigger('click');
    await flushPromises();
    await type('[data-test="new-fact-label-zh"]', '获奖年度');
    await type('[data-test="new-fact-label-en"]', 'Year');
    await click('[data-test="new-fact-confirm"]');
    expect(fact('probe')!.fields).toEqual([{ id: 'year', label: { zh: '获奖年度', en: 'Year' }, type: 'integer' }]);
    expect(card(wrapper, 'probe').findAll('[data-test="fact-field"]')).toHaveLength(1);

    await setup.editor.check();
    expect(setup.editor.schemaIssues.filter((i) => i.pointer.startsWith(`/facts/${setup.editor.doc!.facts.length - 1}`))).toEqual([]);
  });

  it('reorders, and undo brings the order back', async () => {
    const wrapper = await mountWith(FactsEditor, setup.pinia);
    const ids = () => setup.editor.doc!.facts.map((f) => f.id);
    const [first, second] = ids();
    await card(wrapper, first!).find('[data-test="fact-down"]').trigger('click');
    expect(ids().slice(0, 2)).toEqual([second, first]);
    setup.editor.undo();
    await flushPromises();
    expect(ids().slice(0, 2)).toEqual([first, second]);
  });

  it('refuses to remove a fact still used, naming where; removes one nobody uses', async () => {
    const wrapper = await mountWith(FactsEditor, setup.pinia);
    await card(wrapper, 'menteesCount').find('[data-test="remove-fact"]').trigger('click');
    await flushPromises();
    expect(fact('menteesCount')).toBeDefined();
    const dialog = document.querySelector('[data-test="in-use-dialog"]')!;
    expect(dialog.textContent).toContain('「指导培养中级及以下专业技术人员」仍被以下条目使用，不能删除');
    const entries = [...document.querySelectorAll('[data-test="in-use-entry"]')].map((e) => e.textContent);
    expect(entries.some((e) => e!.startsWith('资格条件「'))).toBe(true);
    expect(entries.some((e) => e!.startsWith('赋分项「'))).toBe(true);

    setup.editor.edit((doc) => doc.facts.push({ id: 'spare', label: { zh: '备用' }, type: 'boolean' }));
    await flushPromises();
    await card(wrapper, 'spare').find('[data-test="remove-fact"]').trigger('click');
    expect(fact('spare')).toBeUndefined();
  });

  it('refuses to remove a record field a derived fact counts by', async () => {
    const wrapper = await mountWith(FactsEditor, setup.pinia);
    const awards = await openCard(wrapper, 'awards');
    const level = awards.findAll('[data-test="fact-field"]').find((f) => f.attributes('data-id') === 'level')!;
    await level.find('[data-test="remove-field"]').trigger('click');
    await flushPromises();
    expect(fact('awards')!.fields!.some((f) => f.id === 'level')).toBe(true);
    expect(document.querySelector('[data-test="in-use-dialog"]')!.textContent).toContain('字段「奖励级别」仍被以下条目使用');
    expect(document.querySelector('[data-test="in-use-entry"]')!.textContent).toMatch(/^计算字段「/);
  });

  it('shows inherited facts read-only with the ruleset they come from, and copies one to override it', async () => {
    const wrapper = await mountWith(FactsEditor, setup.pinia);
    const rows = wrapper.findAll('[data-test="inherited-fact"]');
    const parent = setup.editor.parents[0]!;
    expect(rows.length).toBe(parent.facts.filter((f) => !fact(f.id)).length);
    expect(wrapper.find('[data-test="inherited-facts"] h4').text()).toBe(`继承自「${parent.title.zh}（第 ${parent.version} 版）」的申报字段（只读）`);
    expect(rows[0]!.find('input').exists()).toBe(false);

    const id = rows[0]!.attributes('data-id')!;
    await rows[0]!.find('[data-test="override-fact"]').trigger('click');
    await flushPromises();
    expect(fact(id)).toEqual(parent.facts.find((f) => f.id === id));
    expect(wrapper.findAll('[data-test="inherited-fact"]').some((r) => r.attributes('data-id') === id)).toBe(false);
    expect(card(wrapper, id).text()).toContain('覆盖继承的同名字段');
  });

  it('read-only (submitted, or another department’s ruleset): every field and button of a fact is disabled, ids and moves included', async () => {
    setup.editor.edit((doc) => doc.facts.unshift({ id: 'spare', label: { zh: '备用' }, type: 'enum', options: [{ value: 'a', label: { zh: '甲' } }, { value: 'b', label: { zh: '乙' } }] }));
    setup.editor.readOnly = true;
    // The page wraps its views in one disabled form; an explicit :disabled="false" would override it.
    const Page = defineComponent(() => () => h(ElForm, { disabled: true }, () => h(FactsEditor, { open: ['facts/0'] })));
    const wrapper = await mountWith(Page, setup.pinia);
    const first = card(wrapper, 'spare');
    expect(first.find('[data-test="fact-form"]').exists()).toBe(true);
    const enabled = [...first.element.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')].filter((e) => !e.disabled);
    expect(enabled.map((e) => e.outerHTML.slice(0, 80))).toEqual([]);
  });
});

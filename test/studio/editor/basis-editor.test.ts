// Policy basis (政策依据): a citation editor on every criterion, veto, category, item and
// the pass rule (document by title, clause, note, the 示例值 flag), a missing basis shown
// on the entry that lacks it, the ruleset's documents edited on their own tab (removal
// refused while cited), inherited documents read-only; and the whole path of issue 13 —
// a new fact and a scoring item with its basis, no JSON, the schema passing afterwards.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElForm, ElSelect } from 'element-plus';
import { defineComponent, h } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScoringItem } from '../../../engine/index';
import BasisDocumentsEditor from '../../../studio/src/pages/editor/BasisDocumentsEditor.vue';
import CriteriaBuilder from '../../../studio/src/pages/editor/CriteriaBuilder.vue';
import FactsEditor from '../../../studio/src/pages/editor/FactsEditor.vue';
import ScoringGrid from '../../../studio/src/pages/editor/ScoringGrid.vue';
import { documentUses } from '../../../studio/src/pages/editor/where-used';
import { editorWith, mountWith, wait } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith('veterinary-full-senior');
});

/** Element Plus puts an input's attributes on the <input> itself, a checkbox's on its root. */
const inputAt = (selector: string) => `input${selector}, textarea${selector}, ${selector} input`;
async function type(selector: string, value: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>(inputAt(selector));
  if (!input) throw new Error(`no input in ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}
function keepCategories(...ids: string[]): void {
  setup.editor.edit((doc) => {
    doc.scoring!.categories = doc.scoring!.categories.filter((c) => ids.includes(c.id));
  });
}
const category = (id: string) => setup.editor.doc!.scoring!.categories.find((c) => c.id === id)!;
const select = (wrapper: VueWrapper | ReturnType<VueWrapper['find']>, test: string) => (wrapper as VueWrapper).findAllComponents(ElSelect).find((s) => s.attributes('data-test') === test)!;

describe('basis on a scoring item', () => {
  it('a missing basis is said on the item’s own row, not under its fact; citing a document clears it', async () => {
    keepCategories('awards');
    setup.editor.edit(() => {
      category('awards').items.push({ id: 'techAward', title: { zh: '科技奖励' }, basis: [], type: 'perUnit', fact: 'menteesCount', pointsEach: 2, cap: 6 });
    });
    await setup.editor.check();
    expect(setup.editor.schemaIssues.map((i) => i.pointer)).toContain('/scoring/categories/0/items/4/basis');
    const wrapper = await mountWith(ScoringGrid, setup.pinia);
    const row = () => wrapper.findAll('[data-test="item"]').find((r) => r.attributes('data-id') === 'techAward')!;
    // The points cell (with the fact picker) no longer carries the basis error.
    expect(row().find('.col-points').text()).not.toContain('不应少于');
    const summary = row().find('[data-test="basis-summary"]');
    expect(summary.attributes('data-missing')).toBe('true');
    expect(summary.text()).toContain('缺少依据');

    await summary.trigger('click');
    const editorRow = wrapper.find('[data-test="item-basis"]');
    expect(editorRow.find('[data-test="basis-missing"]').text()).toBe('缺少政策依据：请至少引用一份文件的条款');
    await editorRow.find('[data-test="add-citation"]').trigger('click');
    await flushPromises();
    // It starts at the document the draft cites most: the common work plan, not the first in the list.
    expect(category('awards').items.at(-1)!.basis).toEqual([{ doc: 'bz2024-1' }]);
    const citation = wrapper.find('[data-test="item-basis"] [data-test="citation"]');
    // Documents are offered by title: the ruleset's own and those inherited from the common policy.
    const docs = select(citation as never, 'citation-doc').findAllComponents({ name: 'ElOption' }).map((o) => o.props('label'));
    expect(docs).toContain('巴州事业单位专业技术人员职称“定向评价、定向使用”工作方案（试行）');
    expect(docs).toContain('自治区县以下基层专业技术人员职称定向评价、定向使用工作通知（2022年，文号待核实）');
    select(citation as never, 'citation-doc').vm.$emit('update:modelValue', 'xj2022-grassroots');
    select(citation as never, 'citation-doc').vm.$emit('update:modelValue', 'bz2024-1');
    await citation.find(inputAt('[data-test="citation-clause"]')).setValue('四(一)4');
    await citation.find(inputAt('[data-test="citation-note"]')).setValue('每项 2 分、最高 6 分为示例值，待行业主管部门确认');
    await citation.find(inputAt('[data-test="citation-example"]')).setValue(true);
    await flushPromises();

    const item = category('awards').items.find((i) => i.id === 'techAward')!;
    expect(item.basis).toEqual([{ doc: 'bz2024-1', clause: '四(一)4', note: { zh: '每项 2 分、最高 6 分为示例值，待行业主管部门确认' }, example: true }]);
    await setup.editor.check();
    expect(setup.editor.schemaIssues).toEqual([]);
    expect(row().find('[data-test="basis-summary"]').attributes('data-missing')).toBe('false');
    expect(row().find('[data-test="basis-summary"]').text()).toContain('巴职改办字〔2024〕1号 四(一)4');
    expect(row().find('[data-test="basis-summary"]').text()).toContain('示例值，待确认');

    // Removing the last citation says it is missing again; undo (a separate step once typing paused) brings it back.
    await wait(650);
    await wrapper.find('[data-test="item-basis"] [data-test="remove-citation"]').trigger('click');
    expect(item.basis).toEqual([]);
    expect(wrapper.find('[data-test="item-basis"] [data-test="basis-missing"]').exists()).toBe(true);
    setup.editor.undo();
    await flushPromises();
    expect(category('awards').items.at(-1)!.basis).toHaveLength(1);
  });

  it('categories and the pass rule have theirs; the pass rule’s is optional and left out when emptied', async () => {
    keepCategories('assessment');
    const wrapper = await mountWith(ScoringGrid, setup.pinia);
    const head = wrapper.find('[data-test="category"] .category-head [data-test="basis-summary"]');
    expect(head.text()).toContain('巴职改办字〔2024〕1号 四(一)4 等 1 条');
    await head.trigger('click');
    expect(wrapper.findAll('[data-test="category"] [data-test="citation"]')).toHaveLength(2);

    const pass = wrapper.find('[data-basis="pass"]');
    expect(pass.text()).toContain('示例值，待确认');
    await pass.trigger('click');
    const passEditor = wrapper.findAll('[data-test="basis-editor"]').find((e) => !e.element.closest('[data-test="category"]'))!;
    expect(passEditor.find('[data-test="basis-missing"]').exists()).toBe(false);
    await passEditor.find('[data-test="remove-citation"]').trigger('click');
    expect(setup.editor.doc!.pass).toEqual({ mode: 'minScore', minScore: 65 });
    expect(wrapper.find('[data-basis="pass"]').attributes('data-missing')).toBe('false');
  });
});

describe('basis on a criterion or veto', () => {
  it('edits a criterion’s citation in its card', async () => {
    setup.editor.edit((doc) => {
      doc.criteria = doc.criteria!.slice(0, 1);
      doc.vetoes = [];
    });
    const wrapper = await mountWith(CriteriaBuilder, setup.pinia, { props: { open: ['criteria/0'] } });
    const card = wrapper.find('[data-test="rule-card"] [data-test="basis-editor"]');
    expect(card.findAll('[data-test="citation"]')).toHaveLength(setup.editor.doc!.criteria![0]!.basis.length);
    await card.find(inputAt('[data-test="citation-clause"]')).setValue('三(一)');
    expect(setup.editor.doc!.criteria![0]!.basis[0]!.clause).toBe('三(一)');
    setup.editor.edit((doc) => {
      doc.criteria![0]!.basis = [];
    });
    await flushPromises();
    expect(wrapper.find('[data-test="rule-card"] [data-test="basis-missing"]').exists()).toBe(true);
  });
});

describe('the 政策依据 tab', () => {
  it('edits a document’s title, 文号, issuer and date', async () => {
    const wrapper = await mountWith(BasisDocumentsEditor, setup.pinia);
    const own = wrapper.findAll('[data-test="basis-document"]');
    expect(own).toHaveLength(1);
    await own[0]!.find(inputAt('[data-test="document-number"]')).setValue('新人社发〔2022〕9号');
    const date = own[0]!.findAllComponents({ name: 'ElDatePicker' })[0]!;
    date.vm.$emit('update:modelValue', '2022-06-01');
    await flushPromises();
    expect(setup.editor.doc!.basis[0]).toMatchObject({ id: 'xj2022-grassroots', number: '新人社发〔2022〕9号', date: '2022-06-01' });
    expect(own[0]!.find('[data-test="cited"]').text()).toMatch(/^被引用 \d+ 处$/);
  });

  it('adds a document that items can then cite by its title', async () => {
    const wrapper = await mountWith(BasisDocumentsEditor, setup.pinia);
    await wrapper.find('[data-test="add-document"]').trigger('click');
    await flushPromises();
    const added = wrapper.findAll('[data-test="basis-document"]').at(-1)!;
    expect(added.text()).toContain('尚未被引用');
    await added.find(inputAt('[data-test="document-title"]')).setValue('关于进一步做好畜牧兽医职称评审工作的通知');
    await added.find(inputAt('[data-test="document-issuer"]')).setValue('巴州畜牧兽医局');
    expect(setup.editor.doc!.basis.at(-1)).toEqual({ id: 'doc-2', title: { zh: '关于进一步做好畜牧兽医职称评审工作的通知' }, issuer: '巴州畜牧兽医局' });
    await setup.editor.check();
    expect(setup.editor.schemaIssues).toEqual([]);
  });

  it('refuses to remove a document still cited, naming the entries; removes one nobody cites', async () => {
    const wrapper = await mountWith(BasisDocumentsEditor, setup.pinia);
    const uses = documentUses(setup.editor.doc!, 'xj2022-grassroots');
    expect(uses.length).toBeGreaterThan(0);
    await wrapper.find('[data-test="remove-document"]').trigger('click');
    await flushPromises();
    expect(setup.editor.doc!.basis).toHaveLength(1);
    expect(document.querySelector('[data-test="in-use-dialog"]')!.textContent).toContain('仍被以下条目引用，不能删除');
    expect(document.querySelectorAll('[data-test="in-use-entry"]')).toHaveLength(uses.length);

    await wrapper.find('[data-test="add-document"]').trigger('click');
    await flushPromises();
    await wrapper.findAll('[data-test="remove-document"]').at(-1)!.trigger('click');
    expect(setup.editor.doc!.basis).toHaveLength(1);
  });

  it('read-only: every field and button of the documents is disabled, moves included', async () => {
    setup.editor.edit((doc) => doc.basis.push({ id: 'doc-2', title: { zh: '另一份文件' } }));
    setup.editor.readOnly = true;
    const Page = defineComponent(() => () => h(ElForm, { disabled: true }, () => h(BasisDocumentsEditor)));
    const wrapper = await mountWith(Page, setup.pinia);
    const enabled = [...wrapper.find('[data-test="basis-documents"]').element.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')].filter((e) => !e.disabled);
    expect(enabled.map((e) => e.outerHTML.slice(0, 80))).toEqual([]);
  });

  it('lists inherited documents read-only with the ruleset they come from', async () => {
    const wrapper = await mountWith(BasisDocumentsEditor, setup.pinia);
    const rows = wrapper.findAll('[data-test="inherited-document"]');
    const parent = setup.editor.parents[0]!;
    expect(rows).toHaveLength(parent.basis.length);
    expect(rows[0]!.text()).toContain('巴职改办字〔2024〕1号');
    expect(wrapper.find('[data-test="inherited-documents"] h4').text()).toBe(`继承自「${parent.title.zh}（第 1 版）」的政策文件（只读）`);
    expect(rows[0]!.find('input').exists()).toBe(false);
  });
});

describe('issue 13: a new fact and a scoring item with its basis, without the JSON view', () => {
  it('adds 获得自治区级以上科技奖励 (integer, 项), an item 每项 2 分，最高 6 分 citing its basis, and the schema passes', async () => {
    const facts = await mountWith(FactsEditor, setup.pinia);
    await facts.find('[data-test="add-fact"]').trigger('click');
    await flushPromises();
    await type('[data-test="new-fact-label-zh"]', '获得自治区级以上科技奖励');
    await type('[data-test="new-fact-label-en"]', 'Region-level science awards');
    await type('[data-test="new-fact-unit-zh"]', '项');
    document.querySelector<HTMLElement>('[data-test="new-fact-confirm"]')!.click();
    await flushPromises();
    const fact = setup.editor.doc!.facts.at(-1)!;
    expect(fact).toMatchObject({ id: 'regionLevelScienceAwards', type: 'integer', unit: { zh: '项' } });
    facts.unmount();
    document.body.innerHTML = '';

    keepCategories('awards');
    const grid = await mountWith(ScoringGrid, setup.pinia);
    const rowsBefore = grid.findAll('[data-test="category"][data-id="awards"] [data-test="item"]').length;
    const addItem = grid.findAll('[data-test="category"][data-id="awards"] button').find((b) => b.text().includes('添加赋分项'))!;
    await addItem.trigger('click');
    await flushPromises();
    const rows = grid.findAll('[data-test="category"][data-id="awards"] [data-test="item"]');
    expect(rows).toHaveLength(rowsBefore + 1);
    const row = rows.at(-1)!;
    await row.find(inputAt('[aria-label="赋分项"]')).setValue('获得自治区级以上科技奖励 每项 2 分，最高 6 分');
    row.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'item-kind')!.vm.$emit('update:modelValue', 'perUnit');
    await flushPromises();
    const fresh = () => grid.findAll('[data-test="category"][data-id="awards"] [data-test="item"]').at(-1)!;
    fresh().findComponent({ name: 'ElSelectV2' }).vm.$emit('update:modelValue', fact.id);
    fresh().findAllComponents({ name: 'ElInputNumber' }).find((n) => n.attributes('data-test') === 'points-each')!.vm.$emit('update:modelValue', 2);
    fresh().find('.col-cap').findComponent({ name: 'ElInputNumber' }).vm.$emit('update:modelValue', 6);
    await flushPromises();

    await fresh().find('[data-test="basis-summary"]').trigger('click');
    await grid.find('[data-test="item-basis"] [data-test="add-citation"]').trigger('click');
    await flushPromises();
    const citation = grid.find('[data-test="item-basis"] [data-test="citation"]');
    select(citation as never, 'citation-doc').vm.$emit('update:modelValue', 'bz2024-1');
    await citation.find(inputAt('[data-test="citation-clause"]')).setValue('四(一)4');
    await citation.find(inputAt('[data-test="citation-example"]')).setValue(true);
    await flushPromises();

    const item = category('awards').items.at(-1)! as ScoringItem & { type: 'perUnit' };
    expect(item).toMatchObject({ title: { zh: '获得自治区级以上科技奖励 每项 2 分，最高 6 分' }, type: 'perUnit', fact: fact.id, pointsEach: 2, cap: 6, basis: [{ doc: 'bz2024-1', clause: '四(一)4', example: true }] });
    await setup.editor.check();
    expect(setup.editor.schemaIssues).toEqual([]);
    expect(setup.editor.lintIssues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

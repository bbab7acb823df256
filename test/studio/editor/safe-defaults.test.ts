// Safe defaults: a scoring item, criterion or veto added in the grid or the builder
// starts inert and "未完成" — the try-it score and outcome stay what they were — and
// takes part only once its fact and values are set.
import { ElInputNumber } from 'element-plus';
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LeafCondition, Ruleset, ScoringItem } from '../../../engine/index';
import { blankItem, itemUnfinished, ruleUnfinished, withoutUnfinished } from '../../../studio/src/pages/editor/completeness';
import ConditionLeaf from '../../../studio/src/pages/editor/ConditionLeaf.vue';
import CriteriaBuilder from '../../../studio/src/pages/editor/CriteriaBuilder.vue';
import FactSelect from '../../../studio/src/pages/editor/FactSelect.vue';
import { plainCopy } from '../../../studio/src/pages/editor/live-engine';
import ScoringGrid from '../../../studio/src/pages/editor/ScoringGrid.vue';
import { TRY_DEBOUNCE_MS } from '../../../studio/src/stores/editor.store';
import { editorWith, mountWith, wait } from './support';

let setup: ReturnType<typeof editorWith>;

async function settle(): Promise<void> {
  await wait(TRY_DEBOUNCE_MS + 20);
  await flushPromises();
}

/** The veterinary full-senior ruleset with its first case (VET-F01, 81.5 points) as the try-it applicant. */
async function vetWithApplicant(): Promise<void> {
  setup = editorWith('veterinary-full-senior');
  const first = setup.editor.doc!.tests![0]!;
  setup.editor.tryAsOf = first.asOf;
  setup.editor.tryApplicant = plainCopy(first.applicant);
  await settle();
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('a new scoring item', () => {
  it('“+ 添加赋分项” leaves the try-it score unchanged and marks the item 未完成 until its fact and points are set', async () => {
    await vetWithApplicant();
    expect(setup.editor.tryResult!.score).toBe(81.5);
    // Two categories keep the grid quick to mount; the score is taken again over what they leave.
    setup.editor.edit((doc) => {
      doc.scoring!.categories = doc.scoring!.categories.filter((c) => ['experience', 'awards'].includes(c.id));
    });
    await settle();
    const before = setup.editor.tryResult!.score;

    const wrapper = await mountWith(ScoringGrid, setup.pinia);
    const awards = () => wrapper.find('[data-test="category"][data-id="awards"]');
    await awards().find('[data-test="add-item"]').trigger('click');
    await settle();
    const added = setup.editor.doc!.scoring!.categories.find((c) => c.id === 'awards')!.items.at(-1)!;
    expect(added).toMatchObject({ type: 'perUnit', fact: '', pointsEach: 0 });
    expect(setup.editor.tryResult!.score).toBe(before);
    const row = () => awards().findAll('[data-test="item"]').at(-1)!;
    expect(row().find('[data-test="unfinished"]').text()).toBe('未完成');
    expect(row().find('[data-test="unfinished"]').attributes('title')).toContain('按 0 分计');
    // What it lacks is said plainly beside it, once: not the schema's pattern and lint's undeclared "".
    await setup.editor.check();
    await flushPromises();
    const last = setup.editor.doc!.scoring!.categories[1]!.items.length - 1;
    const said = setup.editor.issues.filter((i) => i.pointer === `/scoring/categories/1/items/${last}/fact`);
    expect(said.map((i) => i.message.zh)).toEqual(['请选择事实']);
    expect(row().find('[data-test="issue-note"]').text()).toContain('请选择事实');

    // The fact alone: still 0 points each, still unfinished, still no change.
    row().findComponent(FactSelect).vm.$emit('update:modelValue', 'grassrootsYears');
    await settle();
    expect(setup.editor.tryResult!.score).toBe(before);
    expect(row().find('[data-test="unfinished"]').exists()).toBe(true);

    // Points each, capped at 6: now it counts.
    row().findAllComponents(ElInputNumber).find((c) => c.attributes('data-test') === 'points-each')!.vm.$emit('update:modelValue', 1);
    await settle();
    expect(row().find('[data-test="unfinished"]').exists()).toBe(false);
    expect(setup.editor.tryResult!.score).toBeGreaterThan(before);
  });

  it('is unfinished without a fact, with 0 points at every value, or with an unset condition', () => {
    const base = { id: 'x', title: { zh: 'x' }, basis: [] };
    expect(itemUnfinished(blankItem('x', 'x'))).toBe(true);
    expect(itemUnfinished({ ...base, type: 'perUnit', fact: 'a', pointsEach: 2 })).toBe(false);
    expect(itemUnfinished({ ...base, type: 'bracket', fact: 'a', brackets: [{ min: 0, points: 0 }, { min: 1, points: 0 }] })).toBe(true);
    expect(itemUnfinished({ ...base, type: 'lookup', fact: 'a', table: [{ value: 'x', points: 0 }], default: 1 })).toBe(false);
    expect(itemUnfinished({ ...base, type: 'condition', when: { all: [{ fact: '', operator: 'equal', value: null }] }, points: 3 } as ScoringItem)).toBe(true);
    expect(itemUnfinished({ ...base, type: 'condition', when: { all: [{ fact: 'a', operator: 'equal', value: true }] }, points: 3 } as ScoringItem)).toBe(false);
  });
});

describe('a new criterion or veto', () => {
  it('adds no condition of its own to the try-it outcome until its fact and value are set', async () => {
    await vetWithApplicant();
    expect(setup.editor.tryResult!.eligible).toBe(true);
    const criteria = setup.editor.doc!.criteria!.length;
    const wrapper = await mountWith(CriteriaBuilder, setup.pinia);

    await wrapper.find('[data-test="add-criteria"]').trigger('click');
    await wrapper.find('[data-test="add-vetoes"]').trigger('click');
    await settle();
    const added = setup.editor.doc!.criteria![criteria]!;
    expect(added.conditions).toEqual({ all: [{ fact: '', operator: 'equal', value: null }] });
    expect(setup.editor.tryResult!.eligible).toBe(true);
    expect(setup.editor.tryResult!.vetoed).toBe(false);
    expect(setup.editor.tryResult!.score).toBe(81.5);
    const card = () => wrapper.find(`[data-location="criteria/${criteria}"]`);
    expect(card().find('[data-test="unfinished"]').text()).toBe('未完成');
    expect(card().find('[data-test="unfinished-hint"]').text()).toContain('不参与试算和测试');
    expect(wrapper.findAll('[data-test="vetoes-item"]').at(-1)!.find('[data-test="unfinished"]').exists()).toBe(true);

    // Choosing the fact does not choose a value for the user: still unfinished, still not applied.
    const leaf = () => card().findComponent(ConditionLeaf);
    leaf().findComponent(FactSelect).vm.$emit('update:modelValue', 'grassrootsYears');
    await settle();
    expect((added.conditions as { all: LeafCondition[] }).all[0]).toMatchObject({ fact: 'grassrootsYears', value: null });
    expect(ruleUnfinished(setup.editor.doc!.criteria![criteria]!)).toBe(true);
    expect(setup.editor.tryResult!.eligible).toBe(true);

    // A threshold the applicant does not reach: now it applies, and the outcome follows.
    leaf().findComponent(ElInputNumber).vm.$emit('update:modelValue', 60);
    await settle();
    expect(card().find('[data-test="unfinished"]').exists()).toBe(false);
    expect(setup.editor.tryResult!.eligible).toBe(false);
  });

  it('left out of the evaluated draft only while unfinished; the document keeps it', () => {
    setup = editorWith('veterinary-full-senior');
    const doc = plainCopy(setup.editor.doc!) as Ruleset;
    expect(withoutUnfinished(doc)).toBe(doc);
    doc.criteria!.push({ id: 'c', title: { zh: 'c' }, basis: [], conditions: { all: [{ fact: '', operator: 'equal', value: null }] } });
    const evaluated = withoutUnfinished(doc);
    expect(evaluated.criteria).toHaveLength(doc.criteria!.length - 1);
    expect(doc.criteria!.at(-1)!.id).toBe('c');
  });
});

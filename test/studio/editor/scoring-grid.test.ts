// The scoring grid: each category's running maximum against its cap (a warning when
// the items can award more, which is allowed), bracket scales edited as a table.
import { ElInputNumber } from 'element-plus';
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScoringItem } from '../../../engine/index';
import ScoringGrid from '../../../studio/src/pages/editor/ScoringGrid.vue';
import { categoryMax, itemMax, totalMax } from '../../../studio/src/pages/editor/scoring-max';
import { editorWith, mountWith } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith();
});

/** Element Plus inputs are slow to mount in happy-dom: the grid is mounted over two of the categories. */
function keepCategories(...ids: string[]): void {
  setup.editor.edit((doc) => {
    doc.scoring!.categories = doc.scoring!.categories.filter((c) => ids.includes(c.id));
  });
}

const category = (id: string) => setup.editor.doc!.scoring!.categories.find((c) => c.id === id)!;
const item = (categoryId: string, id: string) => category(categoryId).items.find((i) => i.id === id)!;

describe('running maximum', () => {
  it.each<[string, ScoringItem, number | null]>([
    ['condition', { id: 'a', title: { zh: 'a' }, basis: [], type: 'condition', when: { all: [] }, points: 2 }, 2],
    ['bracket', { id: 'a', title: { zh: 'a' }, basis: [], type: 'bracket', fact: 'x', brackets: [{ min: 0, points: 1 }, { min: 5, points: 4 }] }, 4],
    ['lookup with default', { id: 'a', title: { zh: 'a' }, basis: [], type: 'lookup', fact: 'x', table: [{ value: 'a', points: 3 }], default: 5 }, 5],
    ['per unit, uncapped', { id: 'a', title: { zh: 'a' }, basis: [], type: 'perUnit', fact: 'x', pointsEach: 1 }, null],
    ['per unit, capped', { id: 'a', title: { zh: 'a' }, basis: [], type: 'perUnit', fact: 'x', pointsEach: 1, cap: 3 }, 3],
  ])('%s', (_, entry, max) => {
    expect(itemMax(entry)).toBe(max);
  });

  it('sums the items against the category cap and the categories into base and bonus', () => {
    expect(categoryMax(category('assessment'))).toEqual({ itemsMax: 5, effective: 5, overCap: false });
    const totals = totalMax(setup.editor.doc!.scoring);
    expect(totals.base).toBeGreaterThan(0);
  });

  it('shows each category against its cap and warns when an item cap raises the items above it', async () => {
    keepCategories('assessment');
    const wrapper = await mountWith(ScoringGrid, setup.pinia);
    const assessment = wrapper.find('[data-test="category"][data-id="assessment"]');
    const tag = assessment.find('[data-test="running-max"]');
    expect(tag.text()).toContain('各项最高合计 5 分 / 类别上限 5 分');
    expect(tag.attributes('data-over')).toBe('false');

    // excellentPoints: per unit with an item cap of 3; raise the cap to 4 in the grid.
    const row = assessment.findAll('[data-test="item"]').find((r) => r.attributes('data-id') === 'excellentPoints')!;
    const capInput = row.find('.col-cap').findComponent(ElInputNumber);
    capInput.vm.$emit('update:modelValue', 4);
    await flushPromises();
    expect(item('assessment', 'excellentPoints').cap).toBe(4);
    const after = wrapper.find('[data-test="category"][data-id="assessment"] [data-test="running-max"]');
    expect(after.text()).toContain('各项最高合计 6 分 / 类别上限 5 分');
    expect(after.attributes('data-over')).toBe('true');
    expect(row.find('[data-test="item-max"]').text()).toBe('4');
  });
});

describe('bracket table', () => {
  it('edits a bracket’s points and adds a row, in the document and the running maximum', async () => {
    keepCategories('tenure');
    const wrapper = await mountWith(ScoringGrid, setup.pinia);
    const tenure = () => wrapper.find('[data-test="category"][data-id="tenure"]');
    const table = () => tenure().find('[data-test="bracket-table"]');
    const rows = table().findAll('[data-test="bracket-row"]');
    const brackets = () => (item('tenure', 'tenurePoints') as ScoringItem & { type: 'bracket' }).brackets;
    expect(rows).toHaveLength(brackets().length);

    rows.at(-1)!.find('[data-test="bracket-points"]').findComponent(ElInputNumber).vm.$emit('update:modelValue', 18);
    await flushPromises();
    expect(brackets().at(-1)!.points).toBe(18);
    expect(tenure().find('[data-test="running-max"]').attributes('data-over')).toBe('true');
    expect(setup.editor.jsonText).toContain('"points": 18');

    const count = brackets().length;
    await table().find('[data-test="add-bracket"]').trigger('click');
    expect(brackets()).toHaveLength(count + 1);
    expect(brackets().at(-1)!.min).toBeGreaterThan(brackets().at(-2)!.min);
    expect(table().findAll('[data-test="bracket-row"]')).toHaveLength(count + 1);
  });
});

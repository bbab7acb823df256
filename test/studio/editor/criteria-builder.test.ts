// The criteria builder: operators offered by the fact's type, a threshold typed into
// a comparison lands in the document, nested groups added, regrouped and removed.
import { ElInputNumber, ElOption, ElSelect } from 'element-plus';
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnyCondition, Condition, LeafCondition } from '../../../engine/index';
import ConditionNode from '../../../studio/src/pages/editor/ConditionNode.vue';
import CriteriaBuilder from '../../../studio/src/pages/editor/CriteriaBuilder.vue';
import { operatorsFor } from '../../../studio/src/pages/editor/condition-ops';
import { editorWith, mountWith } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith();
});

const criterion = (id: string) => setup.editor.doc!.criteria!.find((c) => c.id === id)!;

async function mountNode(node: Condition, pointer: string) {
  return mountWith(ConditionNode, setup.pinia, { props: { node, pointer } });
}

describe('operators offered by fact type', () => {
  it.each([
    ['headTeacherYears', 'integer', ['≥ 不少于', '> 大于', '≤ 不超过', '< 小于', '= 等于', '≠ 不等于']],
    ['schoolStage', 'enum', ['= 等于', '≠ 不等于', '∈ 属于', '∉ 不属于']],
    ['ethicsQualified', 'boolean', ['= 等于']],
  ])('%s (%s)', async (fact, type, labels) => {
    expect(setup.editor.catalog.get(fact)?.type).toBe(type);
    const leaf: LeafCondition = { fact, operator: 'equal', value: null };
    const wrapper = await mountNode(leaf, '/criteria/0/conditions');
    const operator = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'leaf-operator')!;
    expect(operator.findAllComponents(ElOption).map((o) => o.props('label'))).toEqual(labels);
  });

  it('offers contains for a set, and keeps an unusual operator already written', () => {
    expect(operatorsFor({ id: 'x', label: { zh: 'x' }, type: 'set' })).toEqual(['contains', 'doesNotContain']);
    expect(operatorsFor({ id: 'x', label: { zh: 'x' }, type: 'integer' }, 'everyFact:equal')).toContain('everyFact:equal');
  });
});

describe('editing a comparison', () => {
  it('a threshold typed into the number input changes the document and the JSON text', async () => {
    const headTeacher = criterion('headTeacher');
    const wrapper = await mountNode(headTeacher.conditions, '/criteria/3/conditions');
    expect(wrapper.text()).toContain('年');
    await wrapper.findComponent(ElInputNumber).vm.$emit('update:modelValue', 7);
    expect((headTeacher.conditions as LeafCondition).value).toBe(7);
    expect(setup.editor.dirty).toBe(true);
    expect(setup.editor.jsonText).toMatch(/"fact": "headTeacherYears",\s*"operator": "greaterThanInclusive",\s*"value": 7/);
  });

  it('switching an enum comparison to 属于 turns its value into a multi-select list', async () => {
    const leaf = (criterion('degreeYears').conditions as AnyCondition).any[0]!;
    const first = (leaf as { all: LeafCondition[] }).all[0]!;
    const wrapper = await mountNode(first, '/x');
    const operator = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'leaf-operator')!;
    operator.vm.$emit('update:modelValue', 'in');
    await flushPromises();
    expect(first).toMatchObject({ operator: 'in', value: ['doctorate'] });
    const value = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'leaf-value')!;
    expect(value.props('multiple')).toBe(true);
  });
});

describe('nested groups', () => {
  it('adds a group inside a group, regroups it and removes it', async () => {
    // A small tree: Element Plus selects are slow to mount in happy-dom, the shipped trees have dozens.
    setup.editor.edit(() => {
      criterion('headTeacher').conditions = { any: [{ fact: 'headTeacherYears', operator: 'greaterThanInclusive', value: 3 }] };
    });
    const root = criterion('headTeacher').conditions as AnyCondition;
    const before = root.any.length;
    const wrapper = await mountNode(root, '/criteria/3/conditions');
    await wrapper.find('[data-test="add-group"]').trigger('click');
    expect(root.any).toHaveLength(before + 1);
    expect(root.any.at(-1)).toMatchObject({ all: [{ operator: expect.any(String) }] });

    // The new group (last child): 任一满足 instead of 全部满足, then a comparison added inside it.
    const groups = () => wrapper.findAll('[data-test="group"]');
    const added = groups().at(-1)!;
    added.findComponent({ name: 'ElRadioGroup' }).vm.$emit('update:modelValue', 'any');
    await flushPromises();
    expect(root.any.at(-1)).toHaveProperty('any');
    await groups().at(-1)!.find('[data-test="add-leaf"]').trigger('click');
    expect((root.any.at(-1) as AnyCondition).any).toHaveLength(2);

    await groups().at(-1)!.find('[data-test="remove-node"]').trigger('click');
    expect(root.any).toHaveLength(before);
    expect(setup.editor.undoStack.length).toBeGreaterThan(0);
  });

  it('wraps a single comparison in a group when the criterion card replaces its root', async () => {
    setup.editor.tryApplicant = null;
    const wrapper = await mountWith(CriteriaBuilder, setup.pinia, { props: { open: ['criteria/3'] } });
    await wrapper.find('[data-location="criteria/3"] [data-test="wrap-leaf"]').trigger('click');
    expect(criterion('headTeacher').conditions).toMatchObject({ all: [{ fact: 'headTeacherYears' }] });
  });
});

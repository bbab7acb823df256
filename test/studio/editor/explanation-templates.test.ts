// Explanation templates: a picker that names facts by their labels and inserts the
// `{{id}}` underneath at the cursor (value, name or required value), a preview under
// each language rendered by the engine for the try-it applicant, the template the
// applicant gets now marked; an item's template from the scoring grid with its points.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElRadioGroup, ElSelectV2 } from 'element-plus';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Criterion } from '../../../engine/index';
import ExplanationTemplates from '../../../studio/src/pages/editor/ExplanationTemplates.vue';
import ScoringGrid from '../../../studio/src/pages/editor/ScoringGrid.vue';
import { plainCopy } from '../../../studio/src/pages/editor/live-engine';
import { editorWith, mountWith, wait } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith('veterinary-full-senior');
  // VET-F01 (张海燕): 16 years of front-line work, a master's degree.
  const sample = setup.editor.doc!.tests!.find((c) => c.id === 'VET-F01')!;
  setup.editor.tryApplicant = plainCopy(sample.applicant);
  setup.editor.tryAsOf = sample.asOf;
});

async function settle(): Promise<void> {
  await flushPromises();
  await wait(80);
  await flushPromises();
}
const field = (wrapper: VueWrapper, branch: string) => wrapper.findAll('[data-test="template-field"]').find((f) => f.attributes('data-branch') === branch)!;
async function pick(wrapper: VueWrapper, branch: string, value: string, mode?: 'value' | 'label' | 'threshold'): Promise<void> {
  const f = field(wrapper, branch);
  if (mode) {
    f.findComponent(ElRadioGroup).vm.$emit('update:modelValue', mode);
    await flushPromises();
  }
  f.findComponent(ElSelectV2).vm.$emit('update:modelValue', value);
  await settle();
}

describe('a criterion', () => {
  const criterion = () => setup.editor.doc!.criteria!.find((c) => c.id === 'epidemicDuty') as Criterion;
  async function mountCriterion() {
    const at = setup.editor.doc!.criteria!.indexOf(criterion());
    const wrapper = await mountWith(ExplanationTemplates, setup.pinia, { props: { entry: criterion(), kind: 'criterion', pointer: `/criteria/${at}` } });
    await settle();
    return wrapper;
  }

  it('previews the template the applicant gets, in words, and marks it', async () => {
    const wrapper = await mountCriterion();
    expect(field(wrapper, 'pass').find('[data-test="template-applies"]').text()).toBe('「张海燕」适用此说明');
    expect(field(wrapper, 'fail').find('[data-test="template-applies"]').exists()).toBe(false);
    expect(field(wrapper, 'pass').find('[data-test="template-preview-zh"]').text()).toBe('预览：累计从事动物防疫检疫一线工作 16 年，达到 10 年');
    expect(field(wrapper, 'pass').find('[data-test="template-preview-en"]').text()).toBe('预览：16 years of front-line disease control, meets 10 years');
  });

  it('the picker lists facts by name and inserts the placeholder at the cursor; the preview follows', async () => {
    const wrapper = await mountCriterion();
    const options = field(wrapper, 'fail').findComponent(ElSelectV2).props('options') as Array<{ label: string; options: Array<{ label: string; value: string }> }>;
    const labels = options.flatMap((g) => [g.label, ...g.options.map((o) => o.label)]);
    expect(labels).toContain('从事动物防疫检疫一线工作年限');
    expect(labels).toContain('主持完成的防控项目');
    expect(labels.some((l) => /^[A-Za-z_]+$/.test(l))).toBe(false);

    // The official writes a new text and puts the cursor after “一线工作”.
    const area = field(wrapper, 'fail').find<HTMLTextAreaElement>('[data-test="template-zh"] textarea, textarea[data-test="template-zh"]');
    await area.setValue('一线工作，未达到要求');
    area.element.setSelectionRange(4, 4);
    await area.trigger('focus');
    await pick(wrapper, 'fail', 'epidemicDutyYears');
    expect(criterion().explanation!.fail!.zh).toBe('一线工作{{epidemicDutyYears}}，未达到要求');
    // Then the required value, at the cursor the insertion left.
    await pick(wrapper, 'fail', 'epidemicDutyYears', 'threshold');
    expect(criterion().explanation!.fail!.zh).toBe('一线工作{{epidemicDutyYears}}{{threshold:epidemicDutyYears}}，未达到要求');
    // The preview shows values, never the placeholders.
    expect(field(wrapper, 'fail').find('[data-test="template-preview-zh"]').text()).toBe('预览：一线工作16 年10 年，未达到要求');

    // A name: the fact's label.
    await area.setValue('');
    await area.trigger('focus');
    await pick(wrapper, 'fail', 'epidemicDutyYears', 'label');
    expect(criterion().explanation!.fail!.zh).toBe('{{label:epidemicDutyYears}}');
    expect(field(wrapper, 'fail').find('[data-test="template-preview-zh"]').text()).toBe('预览：从事动物防疫检疫一线工作年限');
    // The applicant's value changes, the preview with it.
    setup.editor.tryApplicant = { ...setup.editor.tryApplicant!, epidemicDutyYears: 8 };
    await settle();
    expect(field(wrapper, 'pass').find('[data-test="template-applies"]').exists()).toBe(false);
    expect(field(wrapper, 'fail').find('[data-test="template-applies"]').exists()).toBe(true);
    expect(field(wrapper, 'pass').find('[data-test="template-preview-zh"]').text()).toBe('预览：累计从事动物防疫检疫一线工作 8 年，达到 10 年');
  });

  it('emptied, the system explanation is used (said so), and the explanation goes from the document', async () => {
    const wrapper = await mountCriterion();
    for (const branch of ['pass', 'fail']) {
      for (const lang of ['zh', 'en']) await field(wrapper, branch).find<HTMLTextAreaElement>(`textarea[data-test="template-${lang}"], [data-test="template-${lang}"] textarea`).setValue('');
    }
    await settle();
    expect(criterion().explanation).toBeUndefined();
    // The applicant passes: the pass template's place shows what the engine writes instead; the other says it is unused.
    expect(field(wrapper, 'pass').find('[data-test="template-preview-zh"]').text()).toMatch(/^未填写，显示系统生成的说明：.*从事动物防疫检疫一线工作年限 16 年/);
    expect(field(wrapper, 'fail').find('[data-test="template-preview-zh"]').text()).toBe('未填写：使用系统生成的说明');
  });
});

describe('a scoring item', () => {
  it('opens its template from the grid; the picker offers its points, previewed for the applicant', async () => {
    // One category is enough (the whole grid takes a minute to mount under jsdom).
    setup.editor.edit((doc) => {
      doc.scoring!.categories = doc.scoring!.categories.slice(0, 1);
    });
    const wrapper = await mountWith(ScoringGrid, setup.pinia);
    const row = wrapper.findAll('[data-test="item"]').find((r) => r.attributes('data-id') === 'degreePoints')!;
    await row.find('[data-test="item-explanation-toggle"]').trigger('click');
    await settle();
    const templates = wrapper.find('[data-test="item-explanation"]');
    const area = templates.find<HTMLTextAreaElement>('textarea[data-test="template-zh"], [data-test="template-zh"] textarea');
    await area.setValue('学历为');
    await area.trigger('focus');
    await pick(templates as unknown as VueWrapper, 'item', 'degree');

    await area.setValue(`${area.element.value}，得 `);
    await area.trigger('focus');
    await pick(templates as unknown as VueWrapper, 'item', 'special:points');
    const item = setup.editor.doc!.scoring!.categories[0]!.items.find((i) => i.id === 'degreePoints')!;
    expect(item.explanation!.zh).toBe('学历为{{degree}}，得 {{points}}');
    // master → its option label, 9 points.
    expect(templates.find('[data-test="template-preview-zh"]').text()).toMatch(/^预览：学历为硕士[^a-z]*，得 9$/);
    expect(templates.find('[data-test="template-applies"]').text()).toBe('「张海燕」适用此说明');
    expect(row.find('[data-test="item-explanation-toggle"]').text()).toBe('说明模板（已填写）');
  });
});

// Try-it's structured applicant form: every fact by its name with a typed control — an
// integer in a number input, an option picked by its name (the code underneath), a date
// typed into the date picker — and a list of records (awards) as a sub-table with typed
// cells and rows added and removed; the live score follows. A fact left unfilled stays
// out of the applicant (not 0), and a value the controls cannot hold is shown with the
// reason, never clamped.
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { ElOption, ElSelect } from 'element-plus';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FactDef } from '../../../engine/index';
import ApplicantForm from '../../../studio/src/pages/editor/ApplicantForm.vue';
import TryItPanel from '../../../studio/src/pages/editor/TryItPanel.vue';
import { missingRequired, valueProblem } from '../../../studio/src/pages/editor/applicant-record';
import { plainCopy } from '../../../studio/src/pages/editor/live-engine';
import { TRY_DEBOUNCE_MS } from '../../../studio/src/stores/editor.store';
import { editorWith, mountWith, wait } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith('teacher-deputy-senior');
});

const settle = async () => {
  await flushPromises();
  await wait(TRY_DEBOUNCE_MS + 20);
  await flushPromises();
};
const score = () => setup.editor.tryResult!.score;
const item = (id: string) => setup.editor.tryResult!.items.find((i) => i.id === id)?.points;
const applicant = () => setup.editor.tryApplicant as Record<string, unknown>;

/** The try-it panel in 填写 mode, holding the shipped case TD01 (66.5 points) unless told otherwise. */
async function formWith(sample: string | null = 'TD01'): Promise<VueWrapper> {
  if (sample) {
    const test = setup.editor.doc!.tests!.find((t) => t.id === sample)!;
    setup.editor.tryAsOf = test.asOf;
    setup.editor.tryApplicant = plainCopy(test.applicant);
  }
  const wrapper = await mountWith(TryItPanel, setup.pinia);
  const enter = wrapper.findAll('.el-radio-button').find((b) => b.text() === '填写')!;
  await enter.find('input').setValue(true);
  await settle();
  expect(wrapper.find('[data-test="try-form"]').exists()).toBe(true);
  return wrapper;
}

const row = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-test="form-row"][data-fact="${id}"]`);

/** Types into the input in `at` (number input, date picker, text) and commits it as leaving the field would. */
async function typeInto(at: DOMWrapper<Element>, value: string): Promise<void> {
  // A date picker is built when its input is first focused.
  await at.get('input').trigger('focus');
  await flushPromises();
  const input = at.get('input');
  await input.setValue(value);
  await input.trigger('change');
  await flushPromises();
}

/** Opens the select in `at` and picks the option with this visible name (added to those chosen, for a set). */
async function pick(at: DOMWrapper<Element> | VueWrapper, name: string): Promise<void> {
  const select = (at as VueWrapper).findComponent(ElSelect);
  await select.get('.el-select__wrapper').trigger('click');
  await flushPromises();
  const options = select.findAllComponents(ElOption);
  const option = options.find((o) => o.props('label') === name);
  if (!option) throw new Error(`no option named ${name} among ${options.map((o) => o.props('label')).join(', ')}`);
  await option.trigger('click');
  await flushPromises();
}

describe('the try-it applicant form', () => {
  it('edits an integer, an option by its name and a date, and the score follows each', async () => {
    const wrapper = await formWith();
    expect(score()).toBe(66.5);
    // No JSON text box anywhere in the form.
    expect(wrapper.find('[data-test="try-form"] textarea').exists()).toBe(false);

    // Integer: 教学设计、案例等专业技术报告 2 → 3 篇, one point each up to 3.
    const reports = row(wrapper, 'teachingReports');
    expect(reports.text()).toContain('篇 0–50');
    await typeInto(reports, '3');
    await settle();
    expect(applicant().teachingReports).toBe(3);
    expect(score()).toBe(67.5);

    // Option by its name: 最高学历 本科 (9) → 硕士研究生 (10); the code is what is stored.
    const degree = row(wrapper, 'degree');
    expect(degree.find('.el-select').text()).toContain('大学本科');
    await pick(degree, '硕士研究生');
    await settle();
    expect(applicant().degree).toBe('master');
    expect(score()).toBe(68.5);

    // Date: 现职称取得时间 2018-08-01 → 2014-08-01: ten years in the title instead of six (10 → 14 points).
    await typeInto(row(wrapper, 'currentTitleDate'), '2014-08-01');
    await settle();
    expect(applicant().currentTitleDate).toBe('2014-08-01');
    expect(item('tenurePoints')).toBe(14);
    expect(score()).toBe(72.5);
    expect(wrapper.get('[data-test="try-score"]').text()).toBe('得分 72.5');
  });

  it('adds two awards in the sub-table with typed cells, each counted, and removes one', async () => {
    const wrapper = await formWith();
    const awards = wrapper.get('[data-test="record-list"][data-fact="awards"]');
    expect(awards.findAll('th').map((th) => th.text())).toEqual(['#', '奖项名称*', '获奖日期*', '级别*', '类别*', '']);
    expect(awards.findAll('[data-test="record-row"]')).toHaveLength(3);
    // The shipped awards show their level and kind by name.
    expect(awards.findAll('[data-test="record-row"]')[0]!.text()).toContain('州级');

    for (const [n, title] of [[4, '自治区级教学成果奖二等奖'], [5, '自治区优秀教师']] as const) {
      await awards.get('[data-test="add-row"]').trigger('click');
      await flushPromises();
      const added = awards.findAll('[data-test="record-row"]')[n - 1]!;
      // A new row is empty: its required cells are marked, nothing is made up.
      expect(added.findAll('.missing')).toHaveLength(4);
      await typeInto(added.get('[data-fact="title"]'), title);
      await typeInto(added.get('[data-fact="date"]'), '2023-05-20');
      await pick(added.get('[data-fact="level"]'), '自治区级');
      await pick(added.get('[data-fact="kind"]'), '教学成果奖');
      expect(added.findAll('.missing')).toHaveLength(0);
    }
    await settle();
    const list = applicant().awards as Array<Record<string, unknown>>;
    expect(list).toHaveLength(5);
    expect(list.slice(3)).toEqual([
      { title: '自治区级教学成果奖二等奖', date: '2023-05-20', level: 'region', kind: 'achievement' },
      { title: '自治区优秀教师', date: '2023-05-20', level: 'region', kind: 'achievement' },
    ]);
    // 自治区级及以上奖励 5 points each: 66.5 + 10.
    expect(item('highAwardPoints')).toBe(10);
    expect(score()).toBe(76.5);
    expect(wrapper.get('[data-fact="awards"] .count').text()).toBe('5 条');

    await awards.findAll('[data-test="remove-row"]')[4]!.trigger('click');
    await settle();
    expect(applicant().awards).toHaveLength(4);
    expect(score()).toBe(71.5);
  });

  it('leaves an optional fact unfilled (absent, not 0) and clears one back to 未填写', async () => {
    const wrapper = await formWith(null);
    expect(wrapper.get('[data-test="form-missing"]').text()).toMatch(/^还有 \d+ 项必填内容未填写$/);
    // A first value starts the applicant; what was not filled in is not in it.
    await typeInto(row(wrapper, 'headTeacherYears'), '4');
    await flushPromises();
    expect(applicant()).toEqual({ headTeacherYears: 4 });
    expect('mentoredTeachers' in applicant()).toBe(false);
    const mentored = row(wrapper, 'mentoredTeachers');
    expect(mentored.get('input').attributes('placeholder')).toBe('未填写');
    expect(row(wrapper, 'weeklyLessons').get('input').attributes('placeholder')).toBe('必填');

    // From TD01: 指导青年教师人数 1 → cleared is absent (mentoring points 1 → 0), and 0 is a value of its own.
    setup.editor.tryApplicant = plainCopy(setup.editor.doc!.tests!.find((t) => t.id === 'TD01')!.applicant);
    await settle();
    expect(score()).toBe(66.5);
    await typeInto(row(wrapper, 'mentoredTeachers'), '');
    await settle();
    expect('mentoredTeachers' in applicant()).toBe(false);
    expect(row(wrapper, 'mentoredTeachers').get('[data-unfilled]').attributes('data-unfilled')).toBe('true');
    expect(score()).toBe(65.5);
    await typeInto(row(wrapper, 'mentoredTeachers'), '0');
    expect(applicant().mentoredTeachers).toBe(0);

    // An optional boolean: the switch sets 是/否, ✕ takes it back to 未填写 (absent, not false).
    const lead = row(wrapper, 'teachingLeadRole');
    expect(applicant().teachingLeadRole).toBe(true);
    await lead.get('[data-test="value-clear"]').trigger('click');
    await settle();
    expect('teachingLeadRole' in applicant()).toBe(false);
    expect(row(wrapper, 'teachingLeadRole').text()).toContain('未填写');
    expect(score()).toBe(63.5);
  });

  it('opens the same form in a wide window beside the outcome, and edits there', async () => {
    const wrapper = await formWith();
    await wrapper.get('[data-test="try-form-expand"]').trigger('click');
    await flushPromises();
    // The panel keeps the outcome and says where the form went; the drawer holds the form, two facts a line.
    expect(wrapper.find('[data-test="try-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="try-it"]').text()).toContain('正在左侧的大窗口中填写');
    const drawer = document.body.querySelector('.el-drawer')!;
    expect(drawer.querySelector('[data-test="applicant-form"]')!.classList.contains('wide')).toBe(true);
    const input = drawer.querySelector<HTMLInputElement>('[data-test="form-row"][data-fact="teachingReports"] input')!;
    input.value = '3';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    await settle();
    expect(applicant().teachingReports).toBe(3);
    expect(wrapper.get('[data-test="try-score"]').text()).toBe('得分 67.5');
  });

  it('shows a value the controls cannot hold with the reason, and leaves it as given', async () => {
    const given = plainCopy(setup.editor.doc!.tests!.find((t) => t.id === 'TD01')!.applicant) as Record<string, unknown>;
    given.headTeacherYears = 60;
    given.weeklyLessons = 'many';
    setup.editor.tryApplicant = given;
    const wrapper = await formWith(null);
    expect(row(wrapper, 'headTeacherYears').get('[data-test="value-problem"]').text()).toContain('60 超出范围 0–50');
    expect(row(wrapper, 'weeklyLessons').get('[data-test="value-problem"]').text()).toContain('"many"');
    expect(applicant().headTeacherYears).toBe(60);
    await row(wrapper, 'headTeacherYears').get('[data-test="value-clear"]').trigger('click');
    expect('headTeacherYears' in applicant()).toBe(false);
  });
});

describe('ApplicantForm on its own', () => {
  const facts: FactDef[] = [
    { id: 'stage', label: { zh: '学段' }, type: 'enum', required: true, options: [{ value: 'primary', label: { zh: '小学' } }, { value: 'junior', label: { zh: '初中' } }] },
    { id: 'subjects', label: { zh: '任教学科' }, type: 'set', options: [{ value: 'math', label: { zh: '数学' } }, { value: 'art', label: { zh: '美术' } }] },
    {
      id: 'projects',
      label: { zh: '课题' },
      type: 'array',
      required: true,
      fields: [
        { id: 'title', label: { zh: '名称' }, type: 'string', required: true },
        { id: 'members', label: { zh: '成员' }, type: 'array', fields: [{ id: 'name', label: { zh: '姓名' }, type: 'string', required: true }] },
      ],
    },
  ];

  it('picks a set by names, nests a list inside a list, and writes an empty required list as []', async () => {
    let value: Record<string, unknown> = {};
    const wrapper = await mountWith(ApplicantForm, setup.pinia, {
      props: { facts, modelValue: value, summary: true, 'onUpdate:modelValue': (v: Record<string, unknown>) => wrapper.setProps({ modelValue: (value = v) }) },
    });
    expect(missingRequired(facts, value)).toBe(2);
    expect(wrapper.get('[data-test="form-missing"]').text()).toBe('还有 2 项必填内容未填写');

    await pick(wrapper.get('[data-fact="subjects"]'), '美术');
    await pick(wrapper.get('[data-fact="subjects"]'), '数学');
    expect(value.subjects).toEqual(['art', 'math']);

    const projects = wrapper.get('[data-test="record-list"][data-fact="projects"]');
    await projects.get('[data-test="add-row"]').trigger('click');
    await flushPromises();
    await typeInto(projects.get('[data-test="record-row"] [data-fact="title"]'), '阅读教学研究');
    await projects.get('[data-test="record-row"] .el-button--primary').trigger('click');
    await flushPromises();
    const members = projects.get('[data-test="record-list"][data-fact="members"]');
    await members.get('[data-test="add-row"]').trigger('click');
    await flushPromises();
    await typeInto(members.get('[data-fact="name"]'), '王芳');
    expect(value.projects).toEqual([{ title: '阅读教学研究', members: [{ name: '王芳' }] }]);
    expect(wrapper.get('[data-test="form-missing"]').text()).toBe('还有 1 项必填内容未填写');

    await projects.get('[data-test="remove-row"]').trigger('click');
    await flushPromises();
    expect(value.projects).toEqual([]);
    expect(valueProblem(facts[0]!, 'senior')).toBe('option');
  });
});

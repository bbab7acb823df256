// New rulesets from the list: 新建规则集 (the id's rule said in words, department fixed to
// the official's own, series and level by label, the ruleset to extend by title),
// 复制为新规则集 per row, 导入规则文件 as a new ruleset — each landing in the new draft's
// editor — and 停用 for administrators, after a confirmation.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElMessageBox, ElOption, ElSelect } from 'element-plus';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../studio/src/api/http';
import type { RulesetSummary, VersionRecord } from '../../../studio/src/api/rulesets.api';
import { mountPage } from '../admin/support';

const api = vi.hoisted(() => ({ list: vi.fn(), create: vi.fn(), importAsNew: vi.fn(), retire: vi.fn() }));
vi.mock('../../../studio/src/api/rulesets.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/rulesets.api')>();
  return {
    ...actual,
    rulesetsApi: { ...actual.rulesetsApi, list: api.list },
    rulesetCreateApi: { create: api.create, importAsNew: api.importAsNew },
    rulesetLifecycleApi: { ...actual.rulesetLifecycleApi, retire: api.retire },
  };
});
const { default: RulesetListPage } = await import('../../../studio/src/pages/rulesets/RulesetListPage.vue');

const summary = (id: string, department: string, series: string | null, level: string | null, zh: string, versions: RulesetSummary['versions']): RulesetSummary => ({ id, department, series, level, title: { zh }, latest: versions.length, versions });
const RULESETS = [
  summary('bz-common', 'hrss', null, null, '巴州定向评价通用条件', [{ version: 1, status: 'published', effectiveFrom: '2024-01-01', effectiveTo: null }]),
  summary('teacher-deputy-senior', 'education', 'teacher', 'deputy-senior', '中小学高级教师', [
    { version: 1, status: 'published', effectiveFrom: '2024-01-01', effectiveTo: null },
    { version: 2, status: 'draft', effectiveFrom: null, effectiveTo: null },
  ]),
  summary('health-deputy-senior', 'health', 'health', 'deputy-senior', '卫生副高级', [{ version: 1, status: 'published', effectiveFrom: '2024-01-01', effectiveTo: null }]),
];
const created = (id: string, zh: string): VersionRecord => ({ id, version: 1, department: 'education', title: { zh }, status: 'draft', author: 'edu-official', savedAt: '2026-01-05T09:00:00.000Z', note: '', basedOn: null, hash: 'sha256:x', approvals: [], history: [] });

beforeEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
  api.list.mockResolvedValue({ rulesets: structuredClone(RULESETS) });
});

const dialog = () => document.querySelector<HTMLElement>('[data-test="new-ruleset-dialog"]')!;
const field = (test: string) => dialog().querySelector<HTMLInputElement>(`[data-test="${test}"] input, input[data-test="${test}"]`)!;
async function type(test: string, value: string): Promise<void> {
  const input = field(test);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}
/** Chooses the option shown as `label` in the dialog's select `test` (the page's filters offer the same labels). */
async function pick(wrapper: VueWrapper, test: string, label: string): Promise<void> {
  const select = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === test);
  if (!select) throw new Error(`no select ${test}`);
  const option = select.findAllComponents(ElOption).find((o) => o.props('label') === label);
  if (!option) throw new Error(`no option ${label} in ${test}: ${select.findAllComponents(ElOption).map((o) => o.props('label')).join(', ')}`);
  select.vm.$emit('update:modelValue', option.props('value'));
  await flushPromises();
}
const landed = (router: { currentRoute: { value: { fullPath: string } } }, path: string) => vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe(path));
const submit = async () => {
  dialog().querySelector<HTMLButtonElement>('[data-test="new-submit"]')!.click();
  await flushPromises();
};

describe('新建规则集', () => {
  it('explains the id in words, fixes the department to the official’s own, picks series, level and parent by label, and lands in the editor', async () => {
    api.create.mockResolvedValue({ record: created('teacher-full-senior-2026', '正高级教师（2026）'), warnings: [] });
    const { wrapper, router } = await mountPage(RulesetListPage, 'official');
    await wrapper.get('[data-test="new-ruleset"]').trigger('click');
    await flushPromises();
    expect(dialog().textContent).toContain('以小写英文字母开头，只能包含小写英文字母、数字和连字符“-”，最多 64 个字符');
    expect(dialog().querySelector('[data-test="new-department"]')!.textContent).toBe('州教育局');
    expect(dialog().querySelector('[data-test="new-department"] input')).toBeNull();

    // A wrong id is said at once, in words; a taken one names the ruleset that has it.
    await type('new-id', 'Teacher_2026');
    expect(dialog().querySelector('[data-test="id-error"]')!.textContent).toBe('标识只能以小写英文字母开头，只包含小写英文字母、数字和连字符“-”，最多 64 个字符');
    await type('new-id', 'teacher-deputy-senior');
    expect(dialog().querySelector('[data-test="id-error"]')!.textContent).toBe('标识已被规则集「中小学高级教师」使用，请换一个');
    await submit();
    expect(api.create).not.toHaveBeenCalled();

    await type('new-id', 'teacher-full-senior-2026');
    await type('new-title', '正高级教师（2026）');
    await pick(wrapper, 'new-series', '中小学教师');
    await pick(wrapper, 'new-level', '正高级');
    await pick(wrapper, 'new-extends', '巴州定向评价通用条件（v1）');
    await submit();
    expect(api.create).toHaveBeenCalledWith({ id: 'teacher-full-senior-2026', title: { zh: '正高级教师（2026）' }, department: 'education', series: 'teacher', level: 'full-senior', extends: 'bz-common@1' });
    await landed(router, '/rulesets/teacher-full-senior-2026/edit');
  });

  it('shows the server’s refusal in the dialog and stays open', async () => {
    api.create.mockRejectedValue(new ApiError({ statusCode: 409, code: 'ALREADY_EXISTS', message: 'taken', details: { text: { zh: '规则集标识 teacher-new 已被使用（新规则），请换一个', en: 'taken' } } }));
    const { wrapper, router } = await mountPage(RulesetListPage, 'official');
    await wrapper.get('[data-test="new-ruleset"]').trigger('click');
    await flushPromises();
    await type('new-id', 'teacher-new');
    await type('new-title', '新规则');
    await pick(wrapper, 'new-series', '中小学教师');
    await pick(wrapper, 'new-level', '副高级');
    await submit();
    expect(dialog().querySelector('[data-test="api-error"]')!.textContent).toContain('已被使用');
    expect(router.currentRoute.value.fullPath).not.toContain('/edit');
  });
});

describe('复制为新规则集', () => {
  it('copies the version in force of any readable ruleset into the official’s department, prefilled from it', async () => {
    api.create.mockResolvedValue({ record: created('health-copy', '卫生副高级（副本）'), warnings: [] });
    const { wrapper, router } = await mountPage(RulesetListPage, 'official');
    const row = wrapper.findAll('[data-test="ruleset-table"] .el-table__row').find((r) => r.text().includes('卫生副高级'))!;
    await row.get('[data-test="copy-ruleset"]').trigger('click');
    await flushPromises();
    expect(dialog().getAttribute('data-mode')).toBe('copy');
    expect(dialog().textContent).toContain('复制「卫生副高级」的全部内容');
    expect(field('new-title').value).toBe('卫生副高级（副本）');
    expect(dialog().querySelector('[data-test="new-level"]')!.textContent).toContain('副高级');
    expect(dialog().querySelector('[data-test="copy-version"]')!.textContent).toContain('v1 已发布（现行）');
    await type('new-id', 'health-copy');
    await submit();
    expect(api.create).toHaveBeenCalledWith({ id: 'health-copy', title: { zh: '卫生副高级（副本）' }, department: 'education', series: 'health', level: 'deputy-senior', copyFrom: { id: 'health-deputy-senior', version: 1 } });
    await landed(router, '/rulesets/health-copy/edit');
  });
});

describe('导入规则文件', () => {
  it('reads a rule file, takes its id and title as a start, and imports it as a new ruleset of the official’s department', async () => {
    api.importAsNew.mockResolvedValue({ record: created('teacher-imported', '导入的规则'), warnings: [] });
    const { wrapper, router } = await mountPage(RulesetListPage, 'official');
    await wrapper.get('[data-test="import-ruleset"]').trigger('click');
    await flushPromises();
    const input = dialog().querySelector<HTMLInputElement>('[data-test="import-file"]')!;
    const choose = async (name: string, text: string) => {
      Object.defineProperty(input, 'files', { configurable: true, value: [new File([text], name, { type: 'application/json' })] });
      input.dispatchEvent(new Event('change'));
      await flushPromises();
      await new Promise((r) => setTimeout(r, 10));
      await flushPromises();
    };
    await choose('broken.json', '{"id": ');
    expect(dialog().querySelector('[data-test="file-error"]')!.textContent).toContain('无法读取文件「broken.json」');

    const file = { id: 'teacher-deputy-senior', version: 3, status: 'published', title: { zh: '导入的规则' }, department: 'health', series: 'teacher', level: 'deputy-senior', basis: [], facts: [] };
    await choose('v3.json', JSON.stringify(file));
    expect(field('new-title').value).toBe('导入的规则');
    // The file's id is taken: said before anything is sent.
    expect(dialog().querySelector('[data-test="id-error"]')!.textContent).toContain('标识已被规则集「中小学高级教师」使用');
    await type('new-id', 'teacher-imported');
    await submit();
    expect(api.importAsNew).toHaveBeenCalledWith({ ...file, id: 'teacher-imported', department: 'education' }, 'v3.json');
    await landed(router, '/rulesets/teacher-imported/edit');
  });
});

describe('roles', () => {
  it('committee members and auditors see no create, copy, import or retire', async () => {
    for (const role of ['committee', 'auditor'] as const) {
      const { wrapper } = await mountPage(RulesetListPage, role);
      expect(wrapper.find('[data-test="new-ruleset"]').exists()).toBe(false);
      expect(wrapper.find('[data-test="import-ruleset"]').exists()).toBe(false);
      expect(wrapper.find('[data-test="copy-ruleset"]').exists()).toBe(false);
      wrapper.unmount();
    }
  });

  it('停用 is for administrators, on rulesets with a published version, after a confirmation; every published version is retired', async () => {
    const official = await mountPage(RulesetListPage, 'official');
    expect(official.wrapper.find('[data-test="retire-ruleset"]').exists()).toBe(false);
    official.wrapper.unmount();

    const confirm = vi.spyOn(ElMessageBox, 'confirm');
    api.retire.mockResolvedValue({ record: {} });
    const { wrapper } = await mountPage(RulesetListPage, 'admin');
    const row = wrapper.findAll('[data-test="ruleset-table"] .el-table__row').find((r) => r.text().includes('中小学高级教师'))!;
    // Cancelled: nothing is retired.
    confirm.mockRejectedValueOnce('cancel');
    await row.get('[data-test="retire-ruleset"]').trigger('click');
    await flushPromises();
    expect(confirm.mock.calls[0]![0]).toContain('停用「中小学高级教师」后，已发布的版本 v1 不再用于新的评审');
    expect(api.retire).not.toHaveBeenCalled();
    confirm.mockResolvedValueOnce('confirm' as never);
    await row.get('[data-test="retire-ruleset"]').trigger('click');
    await flushPromises();
    expect(api.retire).toHaveBeenCalledTimes(1);
    expect(api.retire).toHaveBeenCalledWith('teacher-deputy-senior', 1);
    expect(api.list).toHaveBeenCalledTimes(3);
  });
});

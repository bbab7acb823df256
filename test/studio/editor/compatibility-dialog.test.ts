// Before 保存草稿 and 提交审批: the warning lists each change of the applicant fields in
// words with how many of the latest run's applicants it would refuse and the usual
// fix; 返回修改 keeps the official in the editor, 仍然保存 / 仍然提交 goes on; nothing
// breaking, no dialog.
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import type { CompatibilityReport } from '../../../studio/src/api/compatibility.api';
import { ApiError } from '../../../studio/src/api/http';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import { useSessionStore } from '../../../studio/src/stores/session.store';
import { editorWith, mountWith, parentsOf, shipped, wait } from './support';

const api = vi.hoisted(() => ({ compatibility: vi.fn(), versions: vi.fn(), version: vi.fn(), save: vi.fn(), check: vi.fn(), submit: vi.fn() }));
vi.mock('../../../studio/src/api/compatibility.api', () => ({ compatibilityApi: { check: api.compatibility } }));
vi.mock('../../../studio/src/api/rulesets.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/rulesets.api')>();
  return {
    ...actual,
    rulesetsApi: { ...actual.rulesetsApi, versions: api.versions, version: api.version },
    rulesetDraftApi: { save: api.save, check: api.check },
    rulesetLifecycleApi: { ...actual.rulesetLifecycleApi, submit: api.submit },
  };
});
const { default: CompatibilityDialog } = await import('../../../studio/src/pages/editor/CompatibilityDialog.vue');
const { default: RulesetEditorPage } = await import('../../../studio/src/pages/editor/RulesetEditorPage.vue');
const { useCompatibility } = await import('../../../studio/src/pages/editor/use-compatibility');

const ID = 'teacher-deputy-senior';
const AWARDS = { zh: '获得自治区级以上科技奖励', en: 'Regional science awards' };

const REPORT: CompatibilityReport = {
  base: { version: 1, hash: 'sha256:x', effectiveFrom: '2024-08-20', inForce: true },
  run: {
    id: 'run-000003',
    version: 1,
    asOf: '2024-09-30',
    finishedAt: '2026-01-05T09:00:00.000Z',
    file: 'applicants.xlsx',
    applicants: 200,
    refused: 200,
    reasons: [
      { field: 'regionalAwards', label: AWARDS, count: 200, example: { zh: '缺少必填字段「获得自治区级以上科技奖励」', en: 'Required field "Regional science awards" is missing' } },
      { field: 'degree', label: { zh: '最高学历', en: 'Degree' }, count: 3, example: { zh: '「最高学历」的值 "phd" 不在可选范围内', en: '"Degree" has "phd"' } },
    ],
  },
  changes: [
    {
      kind: 'required-added',
      effect: 'refused',
      fact: 'regionalAwards',
      field: 'regionalAwards',
      label: { before: null, after: AWARDS },
      message: { zh: '新增必填申报字段「获得自治区级以上科技奖励」：现有申报文件没有这一列，每名申报人都会因缺少它被拒绝', en: 'New required field "Regional science awards"' },
      hint: { zh: '将其改为非必填，没有这一列的文件仍可读取', en: 'Make it optional' },
      affected: 200,
      impact: { zh: '最近一次批量评审的 200 名申报人将全部因缺少「获得自治区级以上科技奖励」被拒绝', en: 'All 200 applicants of the latest batch run would be refused: "Regional science awards" is missing' },
    },
    {
      kind: 'removed',
      effect: 'ignored',
      fact: 'keySpecialty',
      field: 'keySpecialty',
      label: { before: { zh: '参与重点专科建设' }, after: null },
      message: { zh: '删除申报字段「参与重点专科建设」：申报文件中填写的这一列将不再读取', en: 'Field removed' },
      hint: { zh: '如仍需该项，请保留', en: 'Keep it' },
      affected: 183,
      impact: { zh: '最近一次批量评审的 200 名申报人中，183 名填写了「参与重点专科建设」，这些内容将不再读取', en: '183 filled it in' },
    },
  ],
};
const CLEAN: CompatibilityReport = { base: REPORT.base, run: { ...REPORT.run!, refused: 0, reasons: [] }, changes: [] };

beforeEach(() => {
  document.body.innerHTML = '';
  setLocale('zh-CN');
  for (const fn of Object.values(api)) fn.mockReset();
});

const dialogText = () => document.querySelector('[data-test="compatibility-dialog"]')?.textContent ?? '';
const button = (test: string) => document.querySelector<HTMLButtonElement>(`[data-test="${test}"]`);

describe('CompatibilityDialog', () => {
  it('lists each change in words with whom it refuses and its fix, the worst first; the other reasons apart; the buttons emit', async () => {
    const { pinia } = editorWith(ID);
    // Catalogue order puts the dropped field first; the refusal of everyone is read first.
    const report = { ...REPORT, changes: [...REPORT.changes].reverse() };
    const wrapper = await mountWith(CompatibilityDialog, pinia, { props: { report, error: null, action: 'save', modelValue: true } });
    const text = dialogText();
    expect(text).toContain('保存前请注意：修改会影响现有申报文件');
    expect(document.querySelector('[data-test="compatibility-summary"]')!.textContent).toContain('按本草稿，最近一次批量评审（applicants.xlsx，评审基准日 2024-09-30）的 200 名申报人中，将有 200 名被拒绝。');
    expect(document.querySelector('[data-test="compatibility-base"]')!.textContent).toContain('对照现行版本 v1（2024-08-20 起施行）');
    const changes = [...document.querySelectorAll('[data-test="compatibility-change"]')].map((li) => ['.kind', '.message', '.impact', '.hint'].map((part) => li.querySelector(part)!.textContent!.trim()));
    expect(changes).toEqual([
      ['新增必填', '新增必填申报字段「获得自治区级以上科技奖励」：现有申报文件没有这一列，每名申报人都会因缺少它被拒绝', '最近一次批量评审的 200 名申报人将全部因缺少「获得自治区级以上科技奖励」被拒绝', '建议：将其改为非必填，没有这一列的文件仍可读取'],
      ['删除字段', '删除申报字段「参与重点专科建设」：申报文件中填写的这一列将不再读取', '最近一次批量评审的 200 名申报人中，183 名填写了「参与重点专科建设」，这些内容将不再读取', '建议：如仍需该项，请保留'],
    ]);
    // A refusal is in red; data no longer read, in amber.
    expect([...document.querySelectorAll('[data-test="compatibility-impact"]')].map((p) => p.classList.contains('severe'))).toEqual([true, false]);
    // The refusal the changes do not explain (already in the version in force) is named apart.
    expect(document.querySelector('[data-test="compatibility-other"]')!.textContent).toContain('「最高学历」：3 名');
    expect(document.querySelector('[data-test="compatibility-other"]')!.textContent).not.toContain('获得自治区级以上科技奖励');
    // No run id, hash or code in front of the official.
    expect(text).not.toMatch(/run-0|sha256|APPLICANT_INVALID|required-added/);

    expect(button('compatibility-back')!.textContent!.trim()).toBe('返回修改');
    expect(button('compatibility-proceed')!.textContent!.trim()).toBe('仍然保存');
    button('compatibility-proceed')!.click();
    button('compatibility-back')!.click();
    expect(Object.keys(wrapper.emitted())).toEqual(expect.arrayContaining(['proceed', 'back']));

    await wrapper.setProps({ action: 'submit' });
    expect(button('compatibility-proceed')!.textContent!.trim()).toBe('仍然提交');
    expect(dialogText()).toContain('提交前请注意');
    setLocale('en');
    await flushPromises();
    expect(button('compatibility-proceed')!.textContent!.trim()).toBe('Submit anyway');
    expect(dialogText()).toContain('All 200 applicants of the latest batch run would be refused');
  });

  it('without a run, says nobody could be counted; a failed check says so and still lets the official choose', async () => {
    const { pinia } = editorWith(ID);
    const wrapper = await mountWith(CompatibilityDialog, pinia, { props: { report: { ...REPORT, run: null }, error: null, action: 'save', modelValue: true } });
    expect(document.querySelector('[data-test="compatibility-summary"]')!.textContent).toContain('该规则集还没有完成的批量评审，无法统计受影响的申报人');
    await wrapper.setProps({ report: null, error: new ApiError({ statusCode: 503, code: 'SERVER_BUSY', message: 'busy', details: { text: { zh: '服务器正忙', en: 'busy' } } }) });
    expect(dialogText()).toContain('服务器正忙');
    expect(document.querySelector('[data-test="compatibility-unchecked"]')!.textContent).toContain('未能检查这次修改对现有申报文件的影响');
  });
});

describe('useCompatibility', () => {
  it('nothing breaking: clean without a dialog; breaking: the official chooses; invalid content: left to the save', async () => {
    const c = useCompatibility();
    api.compatibility.mockResolvedValueOnce(CLEAN);
    expect(await c.check(ID, shipped(ID), 'save')).toBe('clean');
    expect(c.open.value).toBe(false);

    api.compatibility.mockResolvedValueOnce(REPORT);
    const verdict = c.check(ID, shipped(ID), 'submit');
    await flushPromises();
    expect(c.open.value).toBe(true);
    expect(c.action.value).toBe('submit');
    c.choose('back');
    expect(await verdict).toBe('back');
    expect(c.open.value).toBe(false);

    api.compatibility.mockRejectedValueOnce(new ApiError({ statusCode: 422, code: 'RULESET_INVALID', message: 'invalid', details: { issues: [] } }));
    expect(await c.check(ID, shipped(ID), 'save')).toBe('clean');
  });
});

/** The editor page for the teacher ruleset, signed in as an official of its department. */
async function openPage() {
  const { pinia, editor } = editorWith(ID);
  useSessionStore().user = { username: 'u', displayName: 'U', disabled: false, role: 'official', department: 'education' };
  api.versions.mockResolvedValue({ versions: [{ id: ID, version: 1, status: 'published' }] });
  api.version.mockImplementation(async (id: string, version: number) => ({ record: { id, version, status: 'published' }, ruleset: [shipped(ID), ...parentsOf(shipped(ID))].find((r) => r.id === id && r.version === version)! }));
  api.check.mockResolvedValue({ warnings: [] });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/rulesets/:id/edit', name: 'ruleset-edit', component: RulesetEditorPage },
      { path: '/rulesets/:id', name: 'ruleset', component: { template: '<div />' } },
    ],
  });
  await router.push(`/rulesets/${ID}/edit`);
  const wrapper = mount({ components: { RouterView }, template: '<router-view />' }, { attachTo: document.body, global: { plugins: [ElementPlus, i18n, pinia, router] } });
  await flushPromises();
  await wait(20);
  return { wrapper, editor };
}

describe('the editor page', () => {
  it('保存草稿 asks first: 返回修改 stays in the editor, 仍然保存 opens the save dialog; the draft sent is the edited one', async () => {
    const { wrapper, editor } = await openPage();
    editor.edit((doc) => doc.facts.push({ id: 'regionalAwards', label: AWARDS, type: 'integer', required: true }));
    api.compatibility.mockResolvedValue(REPORT);

    await wrapper.find('[data-test="save"]').trigger('click');
    await flushPromises();
    expect(api.compatibility).toHaveBeenCalledWith(ID, expect.objectContaining({ id: ID, facts: expect.arrayContaining([expect.objectContaining({ id: 'regionalAwards' })]) }));
    expect(api.compatibility.mock.calls[0]![1]).not.toHaveProperty('status');
    expect(dialogText()).toContain('最近一次批量评审的 200 名申报人将全部因缺少「获得自治区级以上科技奖励」被拒绝');
    button('compatibility-back')!.click();
    await flushPromises();
    await wait(350);
    expect(document.querySelector('[data-test="save-note"]')).toBeNull();

    await wrapper.find('[data-test="save"]').trigger('click');
    await flushPromises();
    button('compatibility-proceed')!.click();
    await flushPromises();
    await wait(50);
    expect(document.querySelector('[data-test="save-note"]')).not.toBeNull();
  });

  it('nothing breaking: the save dialog opens directly', async () => {
    const { wrapper } = await openPage();
    api.compatibility.mockResolvedValue(CLEAN);
    await wrapper.find('[data-test="save"]').trigger('click');
    await flushPromises();
    await wait(50);
    expect(document.querySelector('[data-test="compatibility-dialog"]')).toBeNull();
    expect(document.querySelector('[data-test="save-note"]')).not.toBeNull();
  });
});

// The editor's housekeeping: after submitting, the page is read-only and says the
// version waits for approval (no 保存草稿, no "保存为基于 v2 的新草稿"); on a ruleset the
// user cannot edit every field is disabled and the document refuses edits; the JSON
// view's panels and syntax errors are in Chinese; a test case whose name quotes a
// threshold is flagged when that threshold changes.
import { openSearchPanel } from '@codemirror/search';
import { EditorView } from '@codemirror/view';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus, { ElInput } from 'element-plus';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import type { LeafCondition, Ruleset } from '../../../engine/index';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import { useSessionStore } from '../../../studio/src/stores/session.store';
import { editorWith, mountWith, parentsOf, shipped, wait } from './support';

const api = vi.hoisted(() => ({ versions: vi.fn(), version: vi.fn(), save: vi.fn(), check: vi.fn(), submit: vi.fn() }));
vi.mock('../../../studio/src/api/rulesets.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/rulesets.api')>();
  return {
    ...actual,
    rulesetsApi: { ...actual.rulesetsApi, versions: api.versions, version: api.version },
    rulesetDraftApi: { save: api.save, check: api.check },
    rulesetLifecycleApi: { ...actual.rulesetLifecycleApi, submit: api.submit },
  };
});
const { default: RulesetEditorPage } = await import('../../../studio/src/pages/editor/RulesetEditorPage.vue');
const { default: JsonView } = await import('../../../studio/src/pages/editor/JsonView.vue');
const { default: TestCasesPanel } = await import('../../../studio/src/pages/editor/TestCasesPanel.vue');

const ID = 'teacher-deputy-senior';
const record = (version: number, status: string) => ({ id: ID, version, department: 'education', title: shipped(ID).title, status, author: 'edu-official', savedAt: '2026-01-05T09:00:00.000Z', note: '', basedOn: null, hash: 'sha256:x', approvals: [], history: [] });

beforeEach(() => {
  document.body.innerHTML = '';
  for (const fn of Object.values(api)) fn.mockReset();
  api.versions.mockResolvedValue({ versions: [record(1, 'published')] });
  api.version.mockImplementation(async (id: string, version: number) => {
    const found = [shipped(ID), ...parentsOf(shipped(ID))].find((r) => r.id === id && r.version === version)!;
    return { record: record(version, 'published'), ruleset: found };
  });
  api.check.mockResolvedValue({ warnings: [] });
});

/** The editor page for the teacher ruleset (education), signed in as `user`. */
async function openPage(user: { role: 'admin' | 'official'; department?: string }) {
  const { pinia, editor } = editorWith(ID);
  useSessionStore().user = { username: 'u', displayName: 'U', disabled: false, ...user };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/rulesets/:id/edit', name: 'ruleset-edit', component: RulesetEditorPage },
      { path: '/rulesets/:id', name: 'ruleset', component: { template: '<div />' } },
    ],
  });
  await router.push(`/rulesets/${ID}/edit`);
  // Inside a router view, as the app shows it (the page guards leaving with unsaved changes).
  const wrapper = mount({ components: { RouterView }, template: '<router-view />' }, { attachTo: document.body, global: { plugins: [ElementPlus, i18n, pinia, router] } });
  await flushPromises();
  await wait(20);
  return { wrapper, editor, pinia };
}

const headTeacher = (doc: Ruleset) => doc.criteria!.find((c) => c.id === 'headTeacher')!.conditions as LeafCondition;

describe('after submitting', () => {
  it('the editor is read-only and says 已提交，等待审批; no 保存草稿, no “保存为基于 v2 的新草稿”', async () => {
    const { wrapper, editor } = await openPage({ role: 'official', department: 'education' });
    expect(wrapper.find('[data-test="save"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="based-on"]').text()).toBe('保存为基于 v1 的新草稿');

    editor.edit((doc) => (headTeacher(doc).value = 4));
    api.save.mockResolvedValue({ record: record(2, 'draft'), warnings: [] });
    await editor.save(ID, '班主任年限 4 年');
    api.submit.mockResolvedValue({ record: record(2, 'submitted') });
    await editor.submit();
    await flushPromises();

    expect(wrapper.find('[data-test="save"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="submit"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="submitted-tag"]').text()).toBe('已提交，等待审批');
    expect(wrapper.find('[data-test="submitted-banner"]').text()).toContain('v2 已提交，等待审批');
    expect(wrapper.find('[data-test="based-on"]').exists()).toBe(false);
    // Every field of the views is disabled, and the document refuses edits from anywhere.
    const inputs = wrapper.find('.view-form').findAllComponents(ElInput);
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.every((i) => i.find('input, textarea').attributes('disabled') !== undefined)).toBe(true);
    editor.edit((doc) => (headTeacher(doc).value = 9));
    editor.setJsonText('{}');
    expect(headTeacher(editor.doc!).value).toBe(4);
  });
});

describe('a ruleset the user cannot edit', () => {
  it('has every field read-only, not only a note: inputs, selects and buttons disabled, the JSON text not editable', async () => {
    const { wrapper, editor, pinia } = await openPage({ role: 'official', department: 'health' });
    expect(editor.readOnly).toBe(true);
    expect(wrapper.find('[data-test="read-only-banner"]').text()).toContain('只有州教育局的部门用户和管理员可以修改');
    expect(wrapper.find('[data-test="save"]').attributes('disabled')).toBeDefined();
    const form = wrapper.find('.view-form');
    expect(form.findAll('input').every((i) => i.attributes('disabled') !== undefined)).toBe(true);
    expect(form.find('[data-test="add-criteria"]').attributes('disabled')).toBeDefined();
    editor.edit((doc) => (headTeacher(doc).value = 9));
    expect(headTeacher(editor.doc!).value).toBe(3);

    const json = await mountWith(JsonView, pinia);
    expect(json.find('.cm-content').attributes('contenteditable')).toBe('false');
  });

  it('an official of the department edits it', async () => {
    const { wrapper, editor } = await openPage({ role: 'official', department: 'education' });
    expect(editor.readOnly).toBe(false);
    expect(wrapper.find('[data-test="read-only-banner"]').exists()).toBe(false);
    expect(wrapper.find('.view-form').find('input').attributes('disabled')).toBeUndefined();
  });
});

describe('the JSON view in Chinese', () => {
  it('the search panel speaks Chinese (English when switched)', async () => {
    const { pinia } = editorWith(ID);
    const view = await mountWith(JsonView, pinia);
    const cm = EditorView.findFromDOM(view.find('.cm-editor').element as HTMLElement)!;
    openSearchPanel(cm);
    await flushPromises();
    const panel = view.find('.cm-search');
    expect(panel.find('input[name="search"]').attributes('placeholder')).toBe('查找');
    expect(panel.find('input[name="replace"]').attributes('placeholder')).toBe('替换');
    expect(panel.text()).toContain('下一个');
    expect(panel.text()).toContain('区分大小写');
    expect(panel.text()).toContain('全部替换');
    setLocale('en');
    await flushPromises();
    expect(cm.state.phrase('Find')).toBe('Find');
    setLocale('zh-CN');
  });

  it('a JSON syntax error says where and what in Chinese, without the engine’s English', () => {
    const { editor } = editorWith(ID);
    const text = editor.jsonText;
    editor.setJsonText(text.replace('"id": "teacher-deputy-senior",', '"id": "teacher-deputy-senior",,'));
    expect(editor.jsonIssues[0]!.message.zh).toMatch(/^JSON 格式错误：第 3 行第 \d+ 列，此处应为用双引号括起的属性名/);
    expect(editor.jsonIssues[0]!.message.zh.replace('JSON', '')).not.toMatch(/[A-Za-z]{3,}/);
    editor.setJsonText(text.slice(0, 200));
    expect(editor.jsonIssues[0]!.message.zh).toMatch(/第 \d+ 行第 \d+ 列，/);
    expect(editor.jsonIssues[0]!.message.zh).not.toMatch(/Unterminated|Expected|Unexpected/);
    editor.setJsonText('{"a": abc}');
    expect(editor.jsonIssues[0]!.message.zh).toContain('此处不应出现“a”');
  });
});

describe('test cases whose names quote a threshold', () => {
  it('are flagged when that threshold changes, and no longer when it is set back', async () => {
    const { pinia, editor } = editorWith(ID);
    const panel = await mountWith(TestCasesPanel, pinia);
    expect(panel.find('[data-test="stale-title"]').exists()).toBe(false);

    // 班主任年限 ≥ 3 → 4: "TD10 班主任年限 2 年，不足 3 年" quotes the old threshold; "TD-LEAP4 … 差 1 年" does not.
    editor.edit((doc) => (headTeacher(doc).value = 4));
    await flushPromises();
    const flagged = () => panel.findAll('[data-test="test-case"]').filter((c) => c.find('[data-test="stale-title"]').exists());
    expect(flagged().map((c) => c.attributes('data-id'))).toEqual(['TD10']);
    expect(flagged()[0]!.find('[data-test="stale-title"]').text()).toBe('⚠ 名称中的“3 年”可能已过时：“担任班主任（辅导员）累计年限”的阈值已由 3 年 改为 4 年');
    expect(panel.find('[data-test="stale-titles"]').text()).toContain('1 个用例的名称提到了已修改的阈值');

    // The pass mark 60 → 65: "TD-LOW … 低于合格线 60 分" too.
    editor.edit((doc) => (doc.pass!.minScore = 65));
    await flushPromises();
    expect(flagged().map((c) => c.attributes('data-id'))).toEqual(['TD10', 'TD-LOW']);

    editor.edit((doc) => {
      headTeacher(doc).value = 3;
      doc.pass!.minScore = 60;
    });
    await flushPromises();
    expect(flagged()).toHaveLength(0);
  });
});

// Issue 13: officials author whole rulesets in the editor, so no generated id, issue
// code or timing is in front of them unless they switch 技术信息 on. With it off, no
// view of the editor page prints the ruleset's criterion, veto, category, item, fact,
// derived-fact or test-case ids; with it on, they are there for those who need them.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import type { Ruleset } from '../../../engine/index';
import { i18n } from '../../../studio/src/i18n/index';
import { useTechnical } from '../../../studio/src/pages/editor/use-technical';
import { useSessionStore } from '../../../studio/src/stores/session.store';
import { editorWith, parentsOf, shipped, wait } from './support';

const api = vi.hoisted(() => ({ versions: vi.fn(), version: vi.fn(), save: vi.fn(), check: vi.fn() }));
vi.mock('../../../studio/src/api/rulesets.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/rulesets.api')>();
  return { ...actual, rulesetsApi: { ...actual.rulesetsApi, versions: api.versions, version: api.version }, rulesetDraftApi: { save: api.save, check: api.check } };
});
const { default: RulesetEditorPage } = await import('../../../studio/src/pages/editor/RulesetEditorPage.vue');

const ID = 'teacher-deputy-senior';

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  useTechnical().value = false;
});

/** Every generated id of the ruleset: criteria, vetoes, categories, items, facts, derived facts, test cases. */
function idsOf(r: Ruleset): string[] {
  return [
    ...(r.criteria ?? []).map((c) => c.id),
    ...(r.vetoes ?? []).map((v) => v.id),
    ...(r.scoring?.categories ?? []).flatMap((c) => [c.id, ...c.items.map((i) => i.id)]),
    ...r.facts.map((f) => f.id),
    ...(r.derived ?? []).map((d) => d.id),
    ...(r.tests ?? []).map((t) => t.id),
  ];
}

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

async function tab(wrapper: VueWrapper, name: string): Promise<void> {
  await wrapper.find(`#tab-${name}`).trigger('click');
  await flushPromises();
}
/** What the official reads in a view: its text and what its inputs hold (cards closed: opening them is slow in jsdom; their forms have their own tests). */
async function read(): Promise<string> {
  await flushPromises();
  const inputs = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((i) => i.value);
  return [document.body.textContent ?? '', ...inputs].join('\n');
}
async function everyView(wrapper: VueWrapper, views = ['criteria', 'scoring', 'facts']): Promise<string> {
  const seen: string[] = [];
  for (const view of views) {
    await tab(wrapper, view);
    seen.push(await read());
  }
  for (const side of ['tests', 'issues']) {
    await tab(wrapper, side);
    seen.push(await read());
  }
  return seen.join('\n');
}
const shownIds = (text: string, ids: string[]) => ids.filter((id) => new RegExp(`(^|[^A-Za-z0-9_])${id}([^A-Za-z0-9_]|$)`).test(text));

describe('技术信息 on the editor page', () => {
  it('off (the default): no view prints a criterion, item, fact or test-case id, an issue code or a timing', { timeout: 240_000 }, async () => {
    const { wrapper, editor } = await openPage();
    const ids = [...new Set(idsOf(shipped(ID)))];
    expect(ids.length).toBeGreaterThan(20);
    // An issue of the draft: a category over its cap shows a message, and its code only on demand.
    editor.edit((doc) => {
      doc.scoring!.categories[0]!.cap = 0.5;
    });
    await editor.check();
    await flushPromises();
    expect(editor.issues.length).toBeGreaterThan(0);
    expect(useTechnical().value).toBe(false);
    const text = await everyView(wrapper);
    expect(shownIds(text, ids)).toEqual([]);
    for (const issue of editor.issues) expect(text).not.toContain(issue.code);
    expect(text).not.toMatch(/\d+ ms/);
    expect(text).not.toContain('粘贴 JSON');
    expect(text).not.toMatch(/@\d/);
  });

  it('on: the ids and codes are there for those who asked for them', { timeout: 240_000 }, async () => {
    const { wrapper, editor } = await openPage();
    editor.edit((doc) => {
      doc.scoring!.categories[0]!.cap = 0.5;
    });
    await editor.check();
    await wrapper.find('[data-test="technical-toggle"]').trigger('click');
    await flushPromises();
    expect(useTechnical().value).toBe(true);
    const text = await everyView(wrapper, ['scoring']);
    const doc = shipped(ID);
    expect(shownIds(text, [doc.scoring!.categories[0]!.id, doc.scoring!.categories[0]!.items[0]!.id, ...(doc.tests ?? []).slice(0, 1).map((c) => c.id)])).toHaveLength(2 + Math.min(1, doc.tests?.length ?? 0));
    for (const issue of editor.issues) expect(text).toContain(issue.code);
    expect(text).toContain('粘贴 JSON');
  });
});

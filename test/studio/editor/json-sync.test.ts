// One document, three views: an edit in the JSON view shows in the builder, an edit
// in the builder shows in the JSON text, and JSON that does not parse (or cannot be
// shown) leaves the document as it was while the JSON view reports its errors.
import { EditorView } from '@codemirror/view';
import { ElInputNumber } from 'element-plus';
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LeafCondition } from '../../../engine/index';
import CriteriaBuilder from '../../../studio/src/pages/editor/CriteriaBuilder.vue';
import IssueList from '../../../studio/src/pages/editor/IssueList.vue';
import JsonView from '../../../studio/src/pages/editor/JsonView.vue';
import { editorWith, mountWith, wait } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith();
});

const headTeacher = () => setup.editor.doc!.criteria!.find((c) => c.id === 'headTeacher')!;
const threshold = () => (headTeacher().conditions as LeafCondition).value;

describe('JSON → builder', () => {
  it('an edit typed as JSON shows in the criteria builder', async () => {
    const builder = await mountWith(CriteriaBuilder, setup.pinia, { props: { open: ['criteria/3'] } });
    const input = () => builder.find('[data-location="criteria/3"]').findComponent(ElInputNumber);
    expect(input().props('modelValue')).toBe(3);

    const text = setup.editor.jsonText.replace(/("fact": "headTeacherYears",\s*"operator": "greaterThanInclusive",\s*"value": )3/, '$112');
    setup.editor.setJsonText(text);
    await flushPromises();
    expect(threshold()).toBe(12);
    expect(input().props('modelValue')).toBe(12);
    expect(setup.editor.jsonIssues).toEqual([]);
  });

  it('the CodeMirror view hands typed text to the store', async () => {
    const view = await mountWith(JsonView, setup.pinia);
    expect(view.find('.cm-content').text()).toContain('"id": "teacher-deputy-senior"');
    const cm = EditorView.findFromDOM(view.find('.cm-editor').element as HTMLElement)!;
    const at = cm.state.doc.toString().indexOf('"title": {');
    cm.dispatch({ changes: { from: at, to: at + '"title": {'.length, insert: '"title": {"zh": "改过的标题"}, "x": {' } });
    await wait(250);
    // Not a valid document (an unknown member is the schema's business, not the builder's): applied all the same.
    expect(setup.editor.doc!.title.zh).toBe('改过的标题');
  });
});

describe('builder → JSON', () => {
  it('a threshold changed in the builder is in the JSON text and the open JSON view', async () => {
    const view = await mountWith(JsonView, setup.pinia);
    const builder = await mountWith(CriteriaBuilder, setup.pinia, { props: { open: ['criteria/3'] } });
    builder.find('[data-location="criteria/3"]').findComponent(ElInputNumber).vm.$emit('update:modelValue', 9);
    await flushPromises();
    expect(threshold()).toBe(9);
    expect(setup.editor.jsonText).toMatch(/"fact": "headTeacherYears",\s*"operator": "greaterThanInclusive",\s*"value": 9/);
    const cm = EditorView.findFromDOM(view.find('.cm-editor').element as HTMLElement)!;
    expect(cm.state.doc.toString()).toBe(setup.editor.jsonText);
  });
});

describe('invalid JSON', () => {
  it('keeps the last valid document, marks the JSON view as unapplied and lists the error', async () => {
    const before = JSON.stringify(setup.editor.doc);
    const list = await mountWith(IssueList, setup.pinia);
    setup.editor.setJsonText(setup.editor.jsonText.replace('"version": 1,', '"version": 1,,'));
    await flushPromises();
    expect(JSON.stringify(setup.editor.doc)).toBe(before);
    expect(setup.editor.jsonIssues).toHaveLength(1);
    expect(setup.editor.jsonIssues[0]!.message.zh).toMatch(/JSON 格式错误：第 \d+ 行第 \d+ 列/);
    expect(setup.editor.dirty).toBe(true);
    expect(list.find('[data-test="json-unapplied-alert"]').exists()).toBe(true);
    expect(list.text()).toContain('JSON 格式错误');

    // Parses, but the builder could not show it: still not applied.
    setup.editor.setJsonText('{"id": "teacher-deputy-senior", "facts": {}}');
    expect(JSON.stringify(setup.editor.doc)).toBe(before);
    expect(setup.editor.jsonIssues[0]!.message.zh).toContain('未应用');

    // Fixed: applied, the error gone.
    setup.editor.setJsonText(before.replace('"teacher-deputy-senior"', '"teacher-deputy-senior"'));
    expect(setup.editor.jsonIssues).toEqual([]);
  });

  it('an edit in the builder replaces unapplied JSON with the document’s text', async () => {
    setup.editor.setJsonText('{ broken');
    setup.editor.edit((doc) => {
      doc.title.zh = '新标题';
    });
    expect(setup.editor.jsonIssues).toEqual([]);
    expect(setup.editor.jsonText).toContain('"zh": "新标题"');
  });
});

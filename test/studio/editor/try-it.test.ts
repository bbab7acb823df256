// Try it: the outcome follows edits to the document (debounced), in the browser's
// engine; embedded test cases run against the draft and the try-it applicant becomes
// a case. The budget: an edit's outcome within 100 ms on the largest shipped ruleset.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LeafCondition, Ruleset } from '../../../engine/index';
import { evaluateDraft, plainCopy, resolve } from '../../../studio/src/pages/editor/live-engine';
import TestCasesPanel from '../../../studio/src/pages/editor/TestCasesPanel.vue';
import TryItPanel from '../../../studio/src/pages/editor/TryItPanel.vue';
import { TRY_DEBOUNCE_MS, useEditorStore } from '../../../studio/src/stores/editor.store';
import { editorWith, largestShipped, mountWith, parentsOf, wait } from './support';

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  setup = editorWith();
});

const sample = (id: string) => setup.editor.doc!.tests!.find((t) => t.id === id)!;

describe('try it', () => {
  it('recomputes the outcome when a threshold changes', async () => {
    const wrapper = await mountWith(TryItPanel, setup.pinia);
    setup.editor.tryAsOf = sample('TD01').asOf;
    setup.editor.tryApplicant = plainCopy(sample('TD01').applicant);
    await wait(TRY_DEBOUNCE_MS + 20);
    await flushPromises();
    expect(wrapper.find('[data-test="try-eligible"]').text()).toBe('符合资格');
    expect(wrapper.find('[data-test="explanation"]').exists()).toBe(true);

    setup.editor.edit((doc) => {
      (doc.criteria!.find((c) => c.id === 'headTeacher')!.conditions as LeafCondition).value = 40;
    });
    await wait(TRY_DEBOUNCE_MS + 20);
    await flushPromises();
    expect(wrapper.find('[data-test="try-eligible"]').text()).toBe('不符合资格');
    expect(setup.editor.tryLatencyMs).toBeGreaterThan(0);
    expect(setup.editor.tryResult!.hints.some((h) => h.fact === 'headTeacherYears' && h.required === 40)).toBe(true);
  });

  it('reports an applicant the engine refuses instead of an outcome', async () => {
    const wrapper = await mountWith(TryItPanel, setup.pinia);
    setup.editor.tryAsOf = 'not a date';
    setup.editor.tryApplicant = plainCopy(sample('TD01').applicant);
    await wait(TRY_DEBOUNCE_MS + 20);
    await flushPromises();
    expect(wrapper.find('[data-test="try-error"]').text()).toContain('YYYY-MM-DD');
  });
});

describe('test cases', () => {
  it('runs every embedded case against the draft and adds the try-it applicant as a case', async () => {
    const wrapper = await mountWith(TestCasesPanel, setup.pinia);
    await wrapper.find('[data-test="run-all-tests"]').trigger('click');
    const total = setup.editor.doc!.tests!.length;
    expect(wrapper.find('[data-test="tests-summary"]').text()).toBe(`${total} / ${total} 个用例通过`);

    setup.editor.edit((doc) => {
      (doc.criteria!.find((c) => c.id === 'headTeacher')!.conditions as LeafCondition).value = 40;
    });
    await wrapper.find('[data-test="run-all-tests"]').trigger('click');
    const failed = setup.editor.testResults!.filter((r) => !r.passed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.failures.join(' ')).toMatch(/eligible: expected true, got false|criteria\.headTeacher/);

    setup.editor.tryAsOf = sample('TD01').asOf;
    setup.editor.tryApplicant = plainCopy(sample('TD01').applicant);
    await wait(TRY_DEBOUNCE_MS + 20);
    await flushPromises();
    await wrapper.find('[data-test="add-case"]').trigger('click');
    const added = setup.editor.doc!.tests!.at(-1)!;
    expect(added.expect).toEqual({ eligible: false, vetoed: false, passed: false, score: setup.editor.tryResult!.score });
    await wrapper.find('[data-test="run-all-tests"]').trigger('click');
    expect(setup.editor.testResults!.find((r) => r.id === added.id)!.passed).toBe(true);
  });
});

// The latency (budget ≤ 100 ms from edit to outcome) is printed by test/e2e/editor.test.ts in Chromium
// and here in Node; neither is a pass mark: a timed assertion fails on a loaded machine, not on slow code.
describe('try-it cost on the largest shipped ruleset', () => {
  it('an edit re-evaluates the largest shipped ruleset (time per edit printed)', async () => {
    const largest = largestShipped();
    const editor = useEditorStore();
    editor.load(largest, { loadedFrom: largest.version, basedOn: largest.version, parents: parentsOf(largest) });
    const applicant = largest.tests![0]!;
    // Warm up once (module and JIT), then time edit → outcome the way the store does it.
    evaluateDraft(resolve(largest, parentsOf(largest)), applicant.applicant, applicant.asOf);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      editor.edit((doc: Ruleset) => {
        doc.scoring!.cap = 100 + i;
      });
      editor.tryAsOf = applicant.asOf;
      editor.tryApplicant = applicant.applicant;
      editor.runTryIt();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[5]!;
    console.log(`try-it on ${largest.id} (${JSON.stringify(largest).length} bytes): median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms per edit (+ ${TRY_DEBOUNCE_MS} ms debounce)`);
    expect(editor.tryResult).not.toBeNull();
    expect(Number.isFinite(median)).toBe(true);
  });
});

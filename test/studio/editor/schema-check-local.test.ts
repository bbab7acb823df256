// Under the served studio's CSP (script-src 'self', no 'unsafe-eval') Ajv cannot compile
// a schema. The editor checks a draft with the engine's precompiled validator instead:
// a schema error shows in the issue list after an edit, in the server's own words, and
// no request goes to the server for it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import IssueList from '../../../studio/src/pages/editor/IssueList.vue';
import { editorWith, mountWith, wait } from './support';

const fetchSpy = vi.fn(() => Promise.reject(new Error('no server in this test')));
const NativeFunction = globalThis.Function;

beforeEach(() => {
  document.body.innerHTML = '';
  fetchSpy.mockClear();
  vi.stubGlobal('fetch', fetchSpy);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** What the browser does under the CSP: `new Function(...)` throws an EvalError. */
function refuseCodeGeneration(): void {
  const refused = function (): never {
    throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source of script");
  };
  refused.prototype = NativeFunction.prototype;
  vi.stubGlobal('Function', refused);
}

describe('schema check in the browser', () => {
  it('shows a schema error after an edit with code generation refused and no request to the server', async () => {
    const setup = editorWith('veterinary-full-senior');
    refuseCodeGeneration();
    expect(() => new Function('return 1')).toThrow(EvalError);
    const list = await mountWith(IssueList, setup.pinia);
    expect(list.findAll('[data-code="SCHEMA"]')).toHaveLength(0);

    setup.editor.edit((doc) => {
      doc.criteria![0]!.conditions = { all: [] };
    });
    await wait(400);
    await list.vm.$nextTick();

    const schema = list.findAll('[data-code="SCHEMA"]');
    expect(schema).toHaveLength(1);
    expect(schema[0]!.text()).toContain('不应少于 1 个项');
    expect(setup.editor.schemaIssues.map((i) => i.pointer)).toEqual(['/criteria/0/conditions/all']);
    expect(fetchSpy).not.toHaveBeenCalled();

    // Fixing it clears the error the same way.
    setup.editor.undo();
    await wait(400);
    await list.vm.$nextTick();
    expect(list.findAll('[data-code="SCHEMA"]')).toHaveLength(0);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

// Saving: a stale save keeps the edits and says who saved which version, a refused
// save's issues appear beside the entries they concern (like local lint), and an
// issue's JSON pointer is read as the criterion, item or fact it is under.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeafCondition } from '../../../engine/index';
import { ApiError } from '../../../studio/src/api/http';
import { locate } from '../../../studio/src/pages/editor/issue-location';
import { editorWith, mountWith } from './support';

const api = vi.hoisted(() => ({ save: vi.fn(), check: vi.fn() }));
vi.mock('../../../studio/src/api/rulesets.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/rulesets.api')>();
  return { ...actual, rulesetDraftApi: { save: api.save, check: api.check } };
});
const { default: CriteriaBuilder } = await import('../../../studio/src/pages/editor/CriteriaBuilder.vue');
const { default: IssueList } = await import('../../../studio/src/pages/editor/IssueList.vue');

let setup: ReturnType<typeof editorWith>;
beforeEach(() => {
  document.body.innerHTML = '';
  api.save.mockReset();
  setup = editorWith();
});

const raise = (threshold: number) =>
  setup.editor.edit((doc) => {
    (doc.criteria!.find((c) => c.id === 'headTeacher')!.conditions as LeafCondition).value = threshold;
  });

describe('locate', () => {
  it.each([
    ['/criteria/3/conditions/value', 'criterion', 'criteria/3', '班主任（辅导员）工作经历', 'criteria'],
    ['/vetoes/0/basis/0/doc', 'veto', 'vetoes/0', undefined, 'criteria'],
    ['/scoring/categories/1/items/0/brackets/2/min', 'item', 'categories/1/items/0', undefined, 'scoring'],
    ['/scoring/categories/1/cap', 'category', 'categories/1', '任现职年限', 'scoring'],
    ['/facts/1/options', 'fact', 'facts/1', undefined, 'facts'],
    ['/basis/0/number', 'document', 'basis/0', undefined, 'basis'],
    ['/derived/0/of', 'derived', 'derived/0', undefined, 'derived'],
    ['/extends', 'ruleset', 'ruleset', undefined, 'json'],
  ])('%s', (pointer, kind, key, label, view) => {
    const found = locate(pointer, setup.editor.doc);
    expect(found).toMatchObject({ kind, key, view });
    if (label) expect(found.label).toBe(label);
  });
});

describe('save', () => {
  it('a conflict keeps the edits and names the newer version, its author and the base', async () => {
    raise(7);
    api.save.mockRejectedValue(
      new ApiError({
        statusCode: 409,
        code: 'VERSION_CONFLICT',
        message: 'conflict',
        details: { text: { zh: '已有更新的版本 v2', en: 'newer version v2' }, latest: { version: 2, author: 'edu-official-2', savedAt: '2024-09-01T08:00:00.000Z', note: '合格线调整' }, basedOn: 1 },
      }),
    );
    await expect(setup.editor.save('teacher-deputy-senior', '我的修改')).rejects.toThrow();
    expect(setup.editor.conflict).toMatchObject({ latest: { version: 2, author: 'edu-official-2' }, basedOn: 1 });
    expect(setup.editor.dirty).toBe(true);
    expect((setup.editor.doc!.criteria!.find((c) => c.id === 'headTeacher')!.conditions as LeafCondition).value).toBe(7);

    // Saving on top of the latest: based on v2 this time, the same content.
    setup.editor.rebaseOnLatest();
    api.save.mockResolvedValue({ record: { id: 'teacher-deputy-senior', version: 3, status: 'draft' }, warnings: [] });
    await setup.editor.save('teacher-deputy-senior', '我的修改');
    expect(api.save.mock.calls[1]![1]).toMatchObject({ basedOn: 2, note: '我的修改' });
    expect(api.save.mock.calls[1]![1].ruleset.status).toBeUndefined();
    expect(setup.editor.dirty).toBe(false);
    expect(setup.editor.basedOn).toBe(3);
  });

  it('a refused save shows the server’s issues beside the criterion and in the list', async () => {
    const builder = await mountWith(CriteriaBuilder, setup.pinia, { props: { open: ['criteria/3'] } });
    const list = await mountWith(IssueList, setup.pinia);
    api.save.mockRejectedValue(
      new ApiError({
        statusCode: 422,
        code: 'RULESET_INVALID',
        message: 'invalid',
        details: { issues: [{ code: 'OPERATOR_TYPE', severity: 'error', pointer: '/criteria/3/conditions/value', message: { zh: '比较值应为数字', en: 'needs a number' } }] },
      }),
    );
    await expect(setup.editor.save('teacher-deputy-senior', 'x')).rejects.toThrow();
    await flushPromises();
    const note = builder.find('[data-location="criteria/3"] [data-test="leaf"] [data-test="issue-note"]');
    expect(note.text()).toContain('比较值应为数字');
    expect(list.text()).toContain('资格条件「班主任（辅导员）工作经历」');
    expect(list.text()).toContain('服务器');
  });
});

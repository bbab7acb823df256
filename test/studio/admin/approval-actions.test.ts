// The approval queue's steps and how it shows a refusal: the server's code and
// message in the step's dialog (SELF_APPROVAL), an approval with an optional comment,
// a rejection that needs a reason before it is sent, a publication with its effective
// date; what changes read in words, people by display name, no ids.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../studio/src/api/http';
import type { RulesetSummary, VersionRecord } from '../../../studio/src/api/rulesets.api';
import { mountPage } from './support';

const api = vi.hoisted(() => ({
  list: vi.fn(),
  versions: vi.fn(),
  diff: vi.fn(),
  approve: vi.fn(),
  reject: vi.fn(),
  publish: vi.fn(),
  retire: vi.fn(),
}));

// 待我处理's count is refreshed after each step; it has its own tests.
vi.mock('../../../studio/src/api/inbox.api', () => ({ inboxApi: { list: vi.fn().mockResolvedValue({ items: [], people: {} }) } }));

vi.mock('../../../studio/src/api/rulesets.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/rulesets.api')>();
  return {
    ...actual,
    rulesetsApi: { ...actual.rulesetsApi, list: api.list, versions: api.versions },
    rulesetLifecycleApi: { ...actual.rulesetLifecycleApi, diff: api.diff, approve: api.approve, reject: api.reject, publish: api.publish, retire: api.retire },
  };
});

const { default: ApprovalQueuePage } = await import('../../../studio/src/pages/approvals/ApprovalQueuePage.vue');

const record = (version: number, status: VersionRecord['status'], extra: Partial<VersionRecord> = {}): VersionRecord => ({
  id: 'teacher-deputy-senior',
  version,
  department: 'education',
  title: { zh: '高级教师评审规则' },
  status,
  author: 'edu-official',
  savedAt: `2024-09-0${version}T08:00:00.000Z`,
  note: '',
  basedOn: version > 1 ? 1 : null,
  hash: `sha256:${String(version).repeat(64)}`,
  approvals: [],
  history: [],
  ...extra,
});

function serve(versions: VersionRecord[], people: Record<string, string> = {}): void {
  const summary: RulesetSummary = {
    id: 'teacher-deputy-senior',
    department: 'education',
    series: 'teacher',
    title: { zh: '高级教师评审规则' },
    latest: versions.length,
    versions: versions.map((v) => ({ version: v.version, status: v.status, effectiveFrom: v.effectiveFrom ?? null, effectiveTo: v.effectiveTo ?? null })),
  };
  api.list.mockResolvedValue({ rulesets: [summary] });
  api.versions.mockResolvedValue({ versions, people });
}

const selfApproval = new ApiError({
  statusCode: 403,
  code: 'SELF_APPROVAL',
  message: 'admin wrote teacher-deputy-senior v2 and cannot approve it',
  details: { text: { zh: 'admin 是 teacher-deputy-senior v2 的作者，不能批准自己的版本', en: 'admin wrote teacher-deputy-senior v2 and cannot approve it' } },
});

beforeEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
  api.diff.mockResolvedValue({
    id: 'teacher-deputy-senior',
    from: 1,
    to: 2,
    entries: [{ kind: 'changed', target: 'criterion', id: 'ruralService', field: 'threshold', before: {}, after: {}, text: { zh: '资格条件「乡村任教」：基层工作年限 不少于 1 年 → 不少于 2 年', en: 'x' } }],
  });
});

describe('approval queue actions', () => {
  it('shows the diff against the version in force and the server refusing self-approval in the dialog', async () => {
    serve([record(1, 'published', { effectiveFrom: '2024-01-01', author: 'system' }), record(2, 'submitted', { author: 'admin' })]);
    api.approve.mockRejectedValue(selfApproval);
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    expect(api.diff).toHaveBeenCalledWith('teacher-deputy-senior', 1, 2);
    const card = wrapper.get('[data-test="approval-teacher-deputy-senior@2"]');
    expect(card.text()).toContain('与 现行 v1 比较');
    expect(card.text()).toContain('不少于 1 年 → 不少于 2 年');
    // The card warns before the click…
    expect(card.find('[data-test="yours"]').exists()).toBe(true);
    await card.get('[data-test="approve"]').trigger('click');
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-test="dialog-confirm"]')!.click();
    await flushPromises();
    // …and after it says what the server said, its code, and what to do.
    const alert = document.querySelector('.el-dialog [data-test="api-error"]')!;
    expect(alert.getAttribute('data-code')).toBe('SELF_APPROVAL');
    expect(alert.textContent).toContain('不能批准自己的版本');
    expect(alert.textContent).toContain('请由另一位管理员批准');
    expect(api.list).toHaveBeenCalledTimes(1);
  });

  it('approves with an optional comment and reloads the queue', async () => {
    serve([record(1, 'published', { effectiveFrom: '2024-01-01' }), record(2, 'submitted')]);
    api.approve.mockResolvedValue({ record: record(2, 'approved') });
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    await wrapper.get('[data-test="approve"]').trigger('click');
    await flushPromises();
    // The dialog names the version by its title, not its id.
    expect(document.querySelector('.el-dialog__title')!.textContent).toBe('批准「高级教师评审规则」第 2 版');
    const comment = document.querySelector<HTMLTextAreaElement>('textarea[data-test="approve-comment"], [data-test="approve-comment"] textarea')!;
    comment.value = '依据已核对，同意';
    comment.dispatchEvent(new Event('input'));
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-test="dialog-confirm"]')!.click();
    await flushPromises();
    expect(api.approve).toHaveBeenCalledWith('teacher-deputy-senior', 2, '依据已核对，同意');
    expect(api.list).toHaveBeenCalledTimes(2);
    expect(document.querySelector('.el-dialog [data-test="api-error"]')).toBeNull();
  });

  it('approves without a comment when none is written', async () => {
    serve([record(1, 'published', { effectiveFrom: '2024-01-01' }), record(2, 'submitted')]);
    api.approve.mockResolvedValue({ record: record(2, 'approved') });
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    await wrapper.get('[data-test="approve"]').trigger('click');
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-test="dialog-confirm"]')!.click();
    await flushPromises();
    expect(api.approve).toHaveBeenCalledWith('teacher-deputy-senior', 2, undefined);
  });

  it('reads what changes in words, people by display name, earlier decisions with their comments, and shows no ids', async () => {
    serve(
      [
        record(1, 'published', { effectiveFrom: '2024-01-01', author: 'system' }),
        record(2, 'submitted', {
          note: '新增获奖加分',
          history: [
            { action: 'save', by: 'edu-official', at: '2024-09-02T08:00:00.000Z', comment: '新增获奖加分' },
            { action: 'submit', by: 'edu-official', at: '2024-09-02T09:00:00.000Z' },
            { action: 'reject', by: 'admin2', at: '2024-09-03T09:00:00.000Z', comment: '请补充依据' },
            { action: 'submit', by: 'edu-official', at: '2024-09-04T09:00:00.000Z' },
          ],
        }),
      ],
      { 'edu-official': '王科长', admin2: '李处长' },
    );
    api.diff.mockResolvedValue({
      id: 'teacher-deputy-senior',
      from: 1,
      to: 2,
      entries: [
        { kind: 'added', target: 'item', id: 'scienceAwards', after: {}, text: { zh: '新增计分项「获得自治区级以上科技奖励」', en: 'x' }, detail: { zh: '计入「业绩成果」，获得自治区级以上科技奖励 每项 2 分，最高 6 分', en: 'x' } },
        { kind: 'changed', target: 'item', id: 'township', field: 'brackets', before: {}, after: {}, text: { zh: '计分项「乡镇基层加分」档次「≥ 10 年」：4 → 5 分', en: 'x' } },
      ],
    });
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    const card = wrapper.get('[data-test="approval-teacher-deputy-senior@2"]');
    expect(card.get('[data-test="author"]').text()).toContain('作者 王科长');
    expect(card.get('[data-test="decisions"]').text()).toContain('退回 · 李处长');
    expect(card.get('[data-test="decisions"]').text()).toContain('“请补充依据”');
    expect(card.get('[data-test="diff-detail"]').text()).toBe('计入「业绩成果」，获得自治区级以上科技奖励 每项 2 分，最高 6 分');
    expect(card.text()).toContain('档次「≥ 10 年」：4 → 5 分');
    for (const code of ['teacher-deputy-senior', 'scienceAwards', 'township', 'edu-official', 'admin2', 'sha256']) expect(card.text()).not.toContain(code);
  });

  it('a resubmission shows why the version it revises was sent back', async () => {
    serve(
      [
        record(1, 'published', { effectiveFrom: '2024-01-01', author: 'system' }),
        record(2, 'draft', { history: [{ action: 'save', by: 'edu-official', at: '2024-09-02T08:00:00.000Z' }, { action: 'submit', by: 'edu-official', at: '2024-09-02T09:00:00.000Z' }, { action: 'reject', by: 'admin2', at: '2024-09-03T09:00:00.000Z', comment: '请补充依据' }] }),
        record(3, 'submitted', { basedOn: 2 }),
      ],
      { admin2: '李处长' },
    );
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    const card = wrapper.get('[data-test="approval-teacher-deputy-senior@3"]');
    expect(card.get('[data-test="previous-return"]').text()).toMatch(/^所依据的第 2 版曾被 李处长 于 .+ 退回：“请补充依据”$/);
  });

  it('will not send back a version without a reason, then sends the reason', async () => {
    serve([record(1, 'published', { effectiveFrom: '2024-01-01' }), record(2, 'submitted')]);
    api.reject.mockResolvedValue({ record: record(2, 'draft') });
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    await wrapper.get('[data-test="reject"]').trigger('click');
    await flushPromises();
    const confirm = document.querySelector<HTMLButtonElement>('[data-test="dialog-confirm"]')!;
    confirm.click();
    await flushPromises();
    expect(api.reject).not.toHaveBeenCalled();
    // The field is marked in error (Element Plus animates the message in, which test-utils stubs).
    expect(document.querySelector('.el-dialog .el-form-item.is-error textarea')).not.toBeNull();
    const comment = document.querySelector<HTMLTextAreaElement>('[data-test="reject-comment"] textarea, textarea[data-test="reject-comment"]')!;
    comment.value = '乡村任教年限的依据不足';
    comment.dispatchEvent(new Event('input'));
    await flushPromises();
    confirm.click();
    await flushPromises();
    expect(api.reject).toHaveBeenCalledWith('teacher-deputy-senior', 2, '乡村任教年限的依据不足');
  });

  it('publishes an approved version from the chosen date and keeps a refusal inside the dialog', async () => {
    serve([record(1, 'published', { effectiveFrom: '2024-01-01' }), record(2, 'approved', { approvals: [{ by: 'admin', at: '2024-09-03T00:00:00.000Z' }] })]);
    api.publish.mockRejectedValueOnce(
      new ApiError({ statusCode: 409, code: 'INVALID_TRANSITION', message: 'no', details: { text: { zh: 'teacher-deputy-senior v2 的状态是 已发布，不能发布', en: 'no' } } }),
    );
    api.publish.mockResolvedValueOnce({ record: record(2, 'published') });
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    const card = wrapper.get('[data-test="approval-teacher-deputy-senior@2"]');
    expect(card.find('[data-test="approve"]').exists()).toBe(false);
    await card.get('[data-test="publish"]').trigger('click');
    await flushPromises();
    const confirm = document.querySelector<HTMLButtonElement>('[data-test="dialog-confirm"]')!;
    confirm.click();
    await flushPromises();
    expect(api.publish).toHaveBeenCalledWith('teacher-deputy-senior', 2, { effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const refusal = document.querySelector('.el-dialog [data-test="api-error"]');
    expect(refusal?.getAttribute('data-code')).toBe('INVALID_TRANSITION');
    expect(refusal?.textContent).toContain('请刷新后重试');
    confirm.click();
    await flushPromises();
    expect(api.publish).toHaveBeenCalledTimes(2);
    expect(api.list).toHaveBeenCalledTimes(2);
  });

  it('offers the date a new ruleset’s author planned as the effective date', async () => {
    serve([record(1, 'approved', { effectiveFrom: '2026-03-01', approvals: [{ by: 'admin2', at: '2026-01-05T00:00:00.000Z' }] })]);
    api.publish.mockResolvedValueOnce({ record: record(1, 'published') });
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    await wrapper.get('[data-test="approval-teacher-deputy-senior@1"] [data-test="publish"]').trigger('click');
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-test="dialog-confirm"]')!.click();
    await flushPromises();
    expect(api.publish).toHaveBeenCalledWith('teacher-deputy-senior', 1, { effectiveFrom: '2026-03-01' });
  });

  it('says the queue is empty when nothing waits', async () => {
    serve([record(1, 'published', { effectiveFrom: '2024-01-01' })]);
    const { wrapper } = await mountPage(ApprovalQueuePage, 'admin');
    expect(wrapper.text()).toContain('没有待审批的版本');
    expect(wrapper.text()).toContain('没有待发布的版本');
  });
});

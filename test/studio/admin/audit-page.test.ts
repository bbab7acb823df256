// The audit page shows the head to copy out, checks a head copied earlier (an anchor),
// explains a pending roll-forward and names users that differ from the log.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditVerification } from '../../../studio/src/api/audit.api';
import { mountPage } from './support';

const api = vi.hoisted(() => ({ verify: vi.fn(), entries: vi.fn() }));
vi.mock('../../../studio/src/api/audit.api', async (original) => ({
  ...(await original<typeof import('../../../studio/src/api/audit.api')>()),
  auditApi: { verify: api.verify, entries: api.entries, page: vi.fn() },
}));
const { default: AuditLogPage } = await import('../../../studio/src/pages/audit/AuditLogPage.vue');

const HASH = 'sha256:' + 'ab'.repeat(32);
const head = { seq: 42, hash: HASH };
const verified = (patch: Partial<AuditVerification> = {}): AuditVerification => ({ ok: true, entries: 42, head, ...patch });

beforeEach(() => {
  vi.clearAllMocks();
  api.entries.mockResolvedValue({ entries: [] });
});

describe('the audit page', () => {
  it('shows the head as seq:hash to copy out, and checks a copied head only when it is well formed', async () => {
    api.verify.mockResolvedValue(verified());
    const { wrapper } = await mountPage(AuditLogPage, 'auditor');
    expect(wrapper.get('[data-test="audit-head"]').text()).toContain(`42:${HASH}`);
    expect(api.verify).toHaveBeenLastCalledWith(undefined);

    const input = wrapper.get('input[data-test="anchor-input"]');
    await input.setValue('latest');
    expect(wrapper.get('[data-test="anchor-check"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('格式应为“序号:sha256:64 位十六进制哈希”');

    api.verify.mockResolvedValue(verified({ anchor: { seq: 7, hash: HASH } }));
    await input.setValue(`7:${HASH}`);
    await wrapper.get('[data-test="anchor-check"]').trigger('click');
    await flushPromises();
    expect(api.verify).toHaveBeenLastCalledWith(`7:${HASH}`);
    expect(wrapper.get('[data-test="anchor-held"]').text()).toContain('日志延续抄录的链头（第 7 条）');
  });

  it('a rewritten log against the anchor is shown as broken, in words', async () => {
    api.verify.mockResolvedValue({ ok: false, entries: 42, brokenAt: 7, reason: 'anchor', head });
    const { wrapper } = await mountPage(AuditLogPage, 'auditor');
    expect(wrapper.get('[data-test="audit-chain"]').text()).toContain('审计链在第 7 条处断开（与抄录的链头不符，日志被改写过）');
  });

  it('a pending roll-forward is intact, with the reason', async () => {
    api.verify.mockResolvedValue(verified({ pending: true }));
    const { wrapper } = await mountPage(AuditLogPage, 'admin');
    expect(wrapper.get('[data-test="audit-chain"]').text()).toContain('审计链完整');
    expect(wrapper.get('[data-test="audit-pending"]').text()).toContain('这不是断裂');
  });

  it('users edited in the data file are named', async () => {
    api.verify.mockResolvedValue({
      ok: false,
      entries: 42,
      reason: 'users',
      head,
      users: [
        { username: 'li', field: 'role', recorded: 'official', stored: 'admin' },
        { username: 'intruder', field: 'unrecorded', stored: { role: 'admin' } },
      ],
    });
    const { wrapper } = await mountPage(AuditLogPage, 'admin');
    const list = wrapper.get('[data-test="user-mismatches"]').text();
    expect(wrapper.get('[data-test="audit-chain"]').text()).toContain('用户数据与审计记录不符');
    expect(list).toContain('li：角色：审计记录为 official，数据文件中为 admin');
    expect(list).toContain('intruder：没有任何有审计记录的操作创建过该用户');
  });
});

// 待我处理: an administrator's versions to approve or publish, an official's drafts sent
// back with the reason (on the inbox page, under the ruleset's title in the list, as a
// banner in the editor), the menu's count — people by name, no ids.
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxItem } from '../../../studio/src/api/inbox.api';
import { i18n } from '../../../studio/src/i18n/index';
import { useInboxStore } from '../../../studio/src/stores/inbox.store';
import { mountPage, signedIn } from './support';

const api = vi.hoisted(() => ({ list: vi.fn() }));
vi.mock('../../../studio/src/api/inbox.api', () => ({ inboxApi: { list: api.list } }));

const { default: InboxPage } = await import('../../../studio/src/pages/inbox/InboxPage.vue');
const { default: ReturnedNotice } = await import('../../../studio/src/pages/inbox/ReturnedNotice.vue');
const { default: AppLayout } = await import('../../../studio/src/layouts/AppLayout.vue');

const item = (extra: Partial<InboxItem>): InboxItem => ({
  kind: 'submitted',
  id: 'teacher-deputy-senior',
  version: 2,
  department: 'education',
  title: { zh: '中小学高级教师评审规则' },
  status: 'submitted',
  author: 'edu-official',
  savedAt: '2026-01-05T01:00:00.000Z',
  note: '乡村任教年限由 1 年提高到 2 年',
  since: '2026-01-05T02:00:00.000Z',
  ...extra,
});
const RETURNED = item({ kind: 'returned', status: 'draft', version: 3, note: '已补充依据', returned: { version: 2, by: 'admin', at: '2026-01-06T03:00:00.000Z', comment: '请补充乡村任教年限的政策依据' } });
const PEOPLE = { 'edu-official': '王科长', admin: '李处长' };

beforeEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

describe('待我处理', () => {
  it('an administrator sees what to approve and what to publish, by title and author name', async () => {
    api.list.mockResolvedValue({ items: [item({}), item({ kind: 'approved', status: 'approved', id: 'health-deputy-senior', department: 'health', title: { zh: '卫生副高级' } })], people: PEOPLE });
    const { wrapper, router } = await mountPage(InboxPage, 'admin');
    const rows = wrapper.findAll('[data-test="inbox-item"]');
    expect(rows.map((r) => r.attributes('data-kind'))).toEqual(['submitted', 'approved']);
    expect(rows[0]!.text()).toContain('待审批');
    expect(rows[0]!.text()).toContain('中小学高级教师评审规则');
    expect(rows[0]!.text()).toContain('王科长 于');
    expect(rows[0]!.text()).toContain('州教育局');
    expect(rows[1]!.text()).toContain('待发布');
    for (const code of ['teacher-deputy-senior', 'edu-official', 'education']) expect(wrapper.text()).not.toContain(code);
    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined);
    await rows[0]!.get('[data-test="inbox-review"]').trigger('click');
    expect(push).toHaveBeenCalledWith({ name: 'approvals' });
  });

  it('an official sees the drafts sent back with who, when and why, and goes to fix them', async () => {
    api.list.mockResolvedValue({ items: [RETURNED], people: PEOPLE });
    const { wrapper, router } = await mountPage(InboxPage, 'official');
    const row = wrapper.get('[data-test="inbox-item"]');
    expect(row.text()).toContain('已退回');
    expect(row.text()).toContain('李处长 于');
    expect(row.text()).toContain('已修改为第 3 版，尚未提交');
    expect(row.get('[data-test="inbox-reason"]').text()).toBe('退回理由：请补充乡村任教年限的政策依据');
    expect(wrapper.text()).not.toContain('admin');
    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined);
    await row.get('[data-test="inbox-fix"]').trigger('click');
    expect(push).toHaveBeenCalledWith({ name: 'ruleset-edit', params: { id: 'teacher-deputy-senior' }, query: { from: '3' } });
  });

  it('says when nothing waits', async () => {
    api.list.mockResolvedValue({ items: [], people: {} });
    const { wrapper } = await mountPage(InboxPage, 'official');
    expect(wrapper.get('[data-test="inbox-empty"]').text()).toContain('没有被退回的草稿');
  });

  it('the reason shows under the ruleset in the list and as a banner in the editor, only for the ruleset sent back', async () => {
    const pinia = signedIn('official');
    api.list.mockResolvedValue({ items: [RETURNED], people: PEOPLE });
    await useInboxStore().refresh();
    const global = { plugins: [ElementPlus, i18n, pinia] };
    const line = mount(ReturnedNotice, { props: { rulesetId: 'teacher-deputy-senior', compact: true }, global });
    expect(line.get('[data-test="returned-line"]').text()).toContain('已退回请补充乡村任教年限的政策依据（李处长）');
    const banner = mount(ReturnedNotice, { props: { rulesetId: 'teacher-deputy-senior' }, global });
    expect(banner.get('[data-test="returned-notice"]').text()).toContain('第 2 版被 李处长 于');
    expect(banner.text()).toContain('本草稿（第 3 版）尚未重新提交');
    expect(banner.text()).toContain('退回理由：请补充乡村任教年限的政策依据');
    expect(mount(ReturnedNotice, { props: { rulesetId: 'teacher-full-senior' }, global }).html()).not.toContain('退回');
  });

  it('the menu shows 待我处理 with its count to administrators and officials, and asks nothing for others', async () => {
    api.list.mockResolvedValue({ items: [RETURNED], people: PEOPLE });
    const stubs = { global: { stubs: { RouterView: true } } };
    const { wrapper } = await mountPage(AppLayout, 'official', stubs);
    expect(wrapper.get('[data-test="inbox-count"]').text()).toBe('1');
    expect(wrapper.find('.el-menu-item').text()).toContain('待我处理');
    api.list.mockClear();
    const committee = await mountPage(AppLayout, 'committee', stubs);
    expect(committee.wrapper.text()).not.toContain('待我处理');
    expect(api.list).not.toHaveBeenCalled();
  });
});

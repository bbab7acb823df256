// The review sessions page: the table (title, series, level, year, status, candidates),
// the 新建评审会 dialog for administrators and committee members offering completed
// runs only (a run that already has a session disabled), creating and opening the
// session; no create button for an auditor. The API is mocked.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../../../studio/src/api/runs.api';
import type { ReviewSession } from '../../../studio/src/api/sessions.api';
import SessionListPage from '../../../studio/src/pages/sessions/SessionListPage.vue';
import { mountPage } from '../admin/support';

const sessions = vi.hoisted(() => ({ list: vi.fn(), get: vi.fn(), create: vi.fn() }));
const runs = vi.hoisted(() => ({ list: vi.fn() }));
vi.mock('../../../studio/src/api/sessions.api', async (original) => ({ ...(await original<object>()), sessionsApi: sessions }));
vi.mock('../../../studio/src/api/runs.api', async (original) => ({ ...(await original<object>()), runsApi: runs }));

const SESSION = {
  id: 'session-0001',
  title: '2024年度卫生副高级双定向评审会',
  series: 'health',
  level: 'deputy-senior',
  year: 2024,
  runId: 'run-000001',
  status: 'meeting',
  candidates: [{ applicantId: 'A01' }, { applicantId: 'A02' }],
  createdBy: 'admin',
  createdAt: '2026-01-05T09:00:00Z',
} as unknown as ReviewSession;
const run = (id: string, status: Run['status']) => ({ id, rulesetId: 'health-deputy-senior', version: 1, asOf: '2024-09-30', status, input: { hash: 'x', name: `${id}.xlsx` } }) as unknown as Run;

beforeEach(() => {
  vi.clearAllMocks();
  sessions.list.mockResolvedValue({ sessions: [SESSION] });
  runs.list.mockResolvedValue({ runs: [run('run-000003', 'completed'), run('run-000002', 'failed'), run('run-000001', 'completed')] });
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the review sessions page', () => {
  it('lists the sessions with series, level, year, status and candidates', async () => {
    const { wrapper } = await mountPage(SessionListPage, 'auditor');
    const row = wrapper.get('[data-test="sessions-table"] .el-table__body tr').text();
    for (const part of ['2024年度卫生副高级双定向评审会', '卫生', '副高级', '2024', '会议中', '2']) expect(row).toContain(part);
    expect(wrapper.find('[data-test="new-session"]').exists()).toBe(false);
  });

  it('creates a session from a completed run and opens it', async () => {
    const { wrapper, router } = await mountPage(SessionListPage, 'committee');
    await wrapper.get('[data-test="new-session"]').trigger('click');
    await flushPromises();
    const options = [...document.querySelectorAll('.el-select-dropdown__item')].map((o) => [o.textContent?.trim().slice(0, 10), o.classList.contains('is-disabled')]);
    expect(options).toEqual([
      ['run-000003', false],
      ['run-000001', true],
    ]);
    sessions.create.mockResolvedValue({ session: { ...SESSION, id: 'session-0002' } });
    const select = wrapper.findComponent({ name: 'ElSelect' });
    select.vm.$emit('update:modelValue', 'run-000003');
    // The dialog is teleported to the body: reach its parts through the component tree.
    await wrapper.findComponent({ name: 'ElInput' }).get('input').setValue('  卫生系列专业评审组 ');
    const submit = wrapper.findAllComponents({ name: 'ElButton' }).find((b) => b.attributes('data-test') === 'new-session-submit')!;
    await submit.trigger('click');
    await flushPromises();
    expect(sessions.create).toHaveBeenCalledWith({ runId: 'run-000003', committeeKind: 'series', title: '卫生系列专业评审组' });
    // The session page is loaded lazily.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/sessions/session-0002'), { timeout: 5000 });
  });
});

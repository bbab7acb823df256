// The publicity tab: the start no earlier than today in China time (earlier days
// cannot be picked; a typed or refused one is said beside the field), the end date
// shown (from the server's count) before the administrator confirms; an uncovered
// year said plainly; the list; finalising disabled with the reason until the day
// after the period in China time, then asking for confirmation with the period.
import { flushPromises } from '@vue/test-utils';
import { ElMessageBox } from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../studio/src/api/http';
import type { PublicityList } from '../../../studio/src/api/publicity.api';
import type { ReviewSession } from '../../../studio/src/api/sessions.api';
import SessionPublicityTab from '../../../studio/src/pages/sessions/SessionPublicityTab.vue';
import { mountPage } from '../admin/support';

const publicity = vi.hoisted(() => ({ start: vi.fn(), list: vi.fn(), finalise: vi.fn(), xlsxUrl: vi.fn((id: string) => `/api/v1/sessions/${id}/publicity/list?format=xlsx`) }));
const calendar = vi.hoisted(() => ({ get: vi.fn(), workdays: vi.fn(), putYear: vi.fn(), deleteYear: vi.fn() }));
vi.mock('../../../studio/src/api/publicity.api', async (original) => ({ ...(await original<object>()), publicityApi: publicity }));
vi.mock('../../../studio/src/api/calendar.api', async (original) => ({ ...(await original<object>()), calendarApi: calendar }));

const COUNTED = ['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'];
const result = (applicantId: string, name: string, yes: number, passed: boolean) => ({ applicantId, name, unit: '库尔勒市人民医院', committeeScores: {}, score: 88, scorePassed: true, votes: { yes, no: 24 - yes, abstain: 0 }, passed });
const VOTED: ReviewSession = {
  id: 'session-0001',
  title: '2026 年卫生系列副高级评审会',
  series: 'health',
  level: 'deputy-senior',
  year: 2026,
  runId: 'run-000001',
  rulesetId: 'health-deputy-senior',
  version: 1,
  rulesetHash: `sha256:${'a'.repeat(64)}`,
  asOf: '2026-08-31',
  committeeKind: 'series',
  candidates: [],
  quotas: [],
  status: 'voted',
  meeting: { heldOn: '2026-09-29', present: Array.from({ length: 24 }, (_, i) => `exp-${i}`), quorumMet: true, quorum: { numerator: 2, denominator: 3, of: 'members' }, passVotes: { numerator: 2, denominator: 3, of: 'present' }, results: [result('A1', '张三', 16, true), result('A2', '李四', 15, false)], closedAt: '2026-09-29T10:00:00Z' },
  createdBy: 'admin',
  createdAt: '2026-09-01T00:00:00Z',
  updatedAt: '2026-09-29T10:00:00Z',
};
const PERIOD = { start: '2026-09-30', end: '2026-10-12', workingDays: 5, listed: ['A1'], startedBy: 'admin', startedAt: '2026-09-30T01:00:00Z', counted: COUNTED, calendar: [{ year: 2026, origin: 'shipped' as const, source: '国务院办公厅通知' }], finaliseFrom: '2026-10-13' };
const IN_PUBLICITY: ReviewSession = { ...VOTED, status: 'publicity', publicity: PERIOD };
const LIST: PublicityList = {
  session: { id: VOTED.id, title: VOTED.title, series: 'health', level: 'deputy-senior', year: 2026, status: 'publicity', finalisedAt: null },
  publicity: PERIOD,
  rows: [{ no: 1, applicantId: 'A1', name: '张三', unit: '库尔勒市人民医院', series: '卫生', level: '副高级', score: 88, yes: 16, present: 24, start: '2026-09-30', end: '2026-10-12' }],
};

beforeEach(() => {
  vi.clearAllMocks();
  publicity.list.mockResolvedValue(LIST);
  calendar.workdays.mockResolvedValue({ from: '2026-09-30', days: 5, date: '2026-10-12', counted: COUNTED, skipped: [{ date: '2026-10-01', reason: 'holiday', name: '国庆节' }, { date: '2026-10-11', reason: 'weekend' }] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

/** The clock of the browser: 09:00 on 2026-09-30 in Shanghai unless a test says otherwise. */
function today(iso = '2026-09-30T01:00:00Z'): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

async function pickStart(wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], date: string): Promise<void> {
  wrapper.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', date);
  await flushPromises();
}

describe('starting the publicity', () => {
  it('shows the end date counted by the server before the administrator confirms, then starts it', async () => {
    today();
    const { wrapper } = await mountPage(SessionPublicityTab, 'admin', { props: { session: VOTED } });
    expect(wrapper.find('[data-test="publicity-confirm"]').exists()).toBe(false);
    await pickStart(wrapper, '2026-09-30');
    expect(calendar.workdays).toHaveBeenCalledWith('2026-09-30');
    expect(wrapper.get('[data-test="publicity-end-preview"]').text()).toBe('2026-10-12');
    expect(wrapper.findAll('[data-test="preview-counted"]').map((t) => t.text())).toEqual(['1. 9/30 周三', '2. 10/8 周四', '3. 10/9 周五', '4. 10/10 周六', '5. 10/12 周一']);
    expect(wrapper.get('[data-test="publicity-preview"]').text()).toContain('国庆节');

    publicity.start.mockResolvedValue({ session: IN_PUBLICITY, publicity: PERIOD });
    await wrapper.get('[data-test="publicity-confirm"]').trigger('click');
    await flushPromises();
    expect(publicity.start).toHaveBeenCalledWith('session-0001', '2026-09-30');
    expect(wrapper.emitted('changed')?.[0]).toEqual([IN_PUBLICITY]);
  });

  it('starts no earlier than today (China time): earlier days cannot be picked, a typed one is said beside the field and cannot be confirmed', async () => {
    today('2026-09-30T16:30:00Z'); // 00:30 on 10-01 in Shanghai
    const { wrapper } = await mountPage(SessionPublicityTab, 'admin', { props: { session: VOTED } });
    const disabled = wrapper.findComponent({ name: 'ElDatePicker' }).props('disabledDate') as (d: Date) => boolean;
    expect([new Date(2026, 8, 28), new Date(2026, 8, 30), new Date(2026, 9, 1), new Date(2026, 9, 8)].map(disabled)).toEqual([true, true, false, false]);
    await pickStart(wrapper, '2026-09-30');
    expect(wrapper.get('[data-test="publicity-start-error"]').text()).toBe('公示开始日期 2026-09-30 早于今天 2026-10-01：公示期从张贴之日起计算');
    expect(wrapper.get('[data-test="publicity-confirm"]').attributes('disabled')).toBeDefined();
    await pickStart(wrapper, '2026-10-01');
    expect(wrapper.find('[data-test="publicity-start-error"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="publicity-confirm"]').attributes('disabled')).toBeUndefined();
  });

  it("the server's refusal of the start (its clock decides) is said beside the field", async () => {
    today();
    publicity.start.mockRejectedValue(new ApiError({ statusCode: 400, code: 'PUBLICITY_START_PAST', message: 'x', details: { text: { zh: '公示开始日期 2026-09-30 早于今天 2026-10-01：公示期从张贴之日起计算，不能补记过去的日期', en: 'x' } } }));
    const { wrapper } = await mountPage(SessionPublicityTab, 'admin', { props: { session: VOTED } });
    await pickStart(wrapper, '2026-09-30');
    await wrapper.get('[data-test="publicity-confirm"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="publicity-start-error"]').text()).toContain('不能补记过去的日期');
    expect(wrapper.find('[data-test="api-error"]').exists()).toBe(false);
  });

  it('a start in a year the calendar lacks is said plainly, with nothing to confirm', async () => {
    today();
    calendar.workdays.mockRejectedValue(new ApiError({ statusCode: 422, code: 'CALENDAR_NOT_COVERED', message: 'x', details: { text: { zh: '工作日历中没有 2027 年的节假日安排', en: 'no 2027' } } }));
    const { wrapper } = await mountPage(SessionPublicityTab, 'admin', { props: { session: VOTED } });
    await pickStart(wrapper, '2026-12-29');
    const alert = wrapper.get('[data-test="api-error"]');
    expect(alert.attributes('data-code')).toBe('CALENDAR_NOT_COVERED');
    expect(alert.text()).toContain('没有 2027 年');
    expect(wrapper.find('[data-test="publicity-confirm"]').exists()).toBe(false);
  });

  it('before the tallies are closed there is nothing to start', async () => {
    const { wrapper } = await mountPage(SessionPublicityTab, 'admin', { props: { session: { ...VOTED, status: 'meeting' } } });
    expect(wrapper.find('[data-test="publicity-not-yet"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="publicity-start"]').exists()).toBe(false);
  });
});

describe('the list and finalising', () => {
  it('during the period: the list, the .xlsx and print links; finalise disabled with the reason', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-12T15:00:00Z')); // 23:00 on 10-12 in Shanghai
    const { wrapper } = await mountPage(SessionPublicityTab, 'admin', { props: { session: IN_PUBLICITY } });
    expect(wrapper.findAll('[data-test="publicity-row"]').map((r) => r.text())).toEqual(['张三']);
    expect(wrapper.get('[data-test="publicity-range"]').text()).toBe('2026-09-30 — 2026-10-12');
    expect(wrapper.get('[data-test="publicity-xlsx"]').attributes('href')).toBe('/api/v1/sessions/session-0001/publicity/list?format=xlsx');
    expect(wrapper.get('[data-test="publicity-print-link"]').attributes('href')).toContain('/sessions/session-0001/publicity/print');
    const button = wrapper.get('[data-test="publicity-finalise"]');
    expect(button.attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-test="finalise-reason"]').text()).toBe('公示期至 2026-10-12 结束，2026-10-13 起才能确认结果（今天是 2026-10-12）');
  });

  it('from the day after the period (China time) the administrator finalises, after confirming the period shown', async () => {
    today('2026-10-12T16:30:00Z'); // 00:30 on 10-13 in Shanghai
    publicity.finalise.mockResolvedValue({ session: { ...IN_PUBLICITY, status: 'finalised', finalisedAt: '2026-10-12T16:30:00Z' } });
    const { wrapper } = await mountPage(SessionPublicityTab, 'admin', { props: { session: IN_PUBLICITY } });
    expect(wrapper.find('[data-test="finalise-reason"]').exists()).toBe(false);
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel');
    await wrapper.get('[data-test="publicity-finalise"]').trigger('click');
    await flushPromises();
    expect(confirm.mock.calls[0]![0]).toBe('公示期 2026-09-30 至 2026-10-12（5 个工作日）已结束。确认后，公示名单中的 1 人即为通过评审人员，评审会不能再修改。确定确认？');
    expect(publicity.finalise).not.toHaveBeenCalled(); // cancelled
    confirm.mockResolvedValueOnce('confirm' as never);
    await wrapper.get('[data-test="publicity-finalise"]').trigger('click');
    await flushPromises();
    expect(publicity.finalise).toHaveBeenCalledWith('session-0001');
    expect((wrapper.emitted('changed')?.[0]?.[0] as ReviewSession).status).toBe('finalised');
  });

  it('auditors read the list but neither start nor finalise', async () => {
    const { wrapper } = await mountPage(SessionPublicityTab, 'auditor', { props: { session: IN_PUBLICITY } });
    expect(wrapper.findAll('[data-test="publicity-row"]')).toHaveLength(1);
    expect(wrapper.find('[data-test="publicity-finalise"]').exists()).toBe(false);
  });
});

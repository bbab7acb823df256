// The calendar page: a year's days off and worked weekend days month by month, the
// working-day counter, and the administrator's form table (a block of days, the
// server's row problems shown beside the row). The API is mocked.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalendarView } from '../../../studio/src/api/calendar.api';
import { ApiError } from '../../../studio/src/api/http';
import CalendarPage from '../../../studio/src/pages/calendar/CalendarPage.vue';
import { mountPage } from '../admin/support';

const calendar = vi.hoisted(() => ({ get: vi.fn(), workdays: vi.fn(), putYear: vi.fn(), deleteYear: vi.fn() }));
vi.mock('../../../studio/src/api/calendar.api', async (original) => ({ ...(await original<object>()), calendarApi: calendar }));

const year = (y: number, days: CalendarView['years'][number]['days']) => ({ year: y, source: `国务院办公厅关于 ${y} 年部分节假日安排的通知`, days, origin: 'shipped' as const, replacesShipped: false });
const VIEW: CalendarView = {
  years: [
    year(2025, [{ date: '2025-01-01', kind: 'holiday', name: '元旦' }]),
    year(2026, [
      { date: '2026-05-27', kind: 'holiday', name: '古尔邦节' },
      { date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' },
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
    ]),
  ],
  covered: [2025, 2026],
  publicityWorkingDays: 5,
};

beforeEach(() => {
  vi.clearAllMocks();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-20T02:00:00Z'));
  calendar.get.mockResolvedValue(VIEW);
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('the calendar page', () => {
  it("opens on this year: days off and worked weekend days month by month, coloured by kind, with the source", async () => {
    const { wrapper } = await mountPage(CalendarPage, 'committee');
    const days = wrapper.findAll('[data-test="calendar-day"]');
    expect(days.map((d) => [d.text(), d.attributes('data-kind')])).toEqual([
      ['5/27 周三 · 古尔邦节', 'holiday'],
      ['9/20 周日 · 国庆节调休上班', 'workday'],
      ['10/1 周四 · 国庆节', 'holiday'],
      ['10/10 周六 · 国庆节调休上班', 'workday'],
    ]);
    expect(wrapper.findAll('[data-test="calendar-month"]')).toHaveLength(3);
    expect(wrapper.get('[data-test="calendar-source"]').text()).toContain('2026 年部分节假日安排');
    expect(wrapper.find('[data-test="calendar-add-year"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="calendar-edit-year"]').exists()).toBe(false);
  });

  it('counts working days: the date and each day counted or skipped', async () => {
    calendar.workdays.mockResolvedValue({ from: '2026-09-30', days: 5, date: '2026-10-12', counted: ['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'], skipped: [{ date: '2026-10-01', reason: 'holiday', name: '国庆节' }, { date: '2026-10-11', reason: 'weekend' }] });
    const { wrapper } = await mountPage(CalendarPage, 'auditor');
    wrapper.findAllComponents({ name: 'ElDatePicker' })[0]!.vm.$emit('update:modelValue', '2026-09-30');
    await flushPromises();
    await wrapper.get('[data-test="counter-run"]').trigger('click');
    await flushPromises();
    expect(calendar.workdays).toHaveBeenCalledWith('2026-09-30', 5);
    expect(wrapper.get('[data-test="counter-result"]').text()).toBe('2026-10-12');
    const chips = wrapper.findAll('[data-test="counter-day"]').map((c) => c.text());
    expect(chips[0]).toBe('9/30 周三 · 第 1 天');
    expect(chips).toContain('10/1 周四 · 国庆节');
    expect(chips).toContain('10/11 周日 · 周末');
    expect(chips.at(-1)).toBe('10/12 周一 · 第 5 天');
  });

  it('an administrator adds 2027 through the form table: a block of days, the source; row problems from the server shown by the row', async () => {
    const { wrapper } = await mountPage(CalendarPage, 'admin');
    await wrapper.get('[data-test="calendar-add-year"]').trigger('click');
    await flushPromises();
    const dialog = wrapper.findComponent({ name: 'ElDialog' });
    expect(dialog.findComponent({ name: 'ElInputNumber' }).props('modelValue')).toBe(2027);
    await dialog.get('textarea[data-test="calendar-form-source"]').setValue('国务院办公厅关于 2027 年部分节假日安排的通知');
    dialog.findAllComponents({ name: 'ElDatePicker' })[0]!.vm.$emit('update:modelValue', ['2027-01-01', '2027-01-03']);
    await dialog.get('input[data-test="calendar-form-range-name"]').setValue('元旦');
    await dialog.get('[data-test="calendar-form-add-range"]').trigger('click');
    await flushPromises();
    expect(dialog.findAll('[data-test="calendar-form-rows"] tbody tr')).toHaveLength(3);

    calendar.putYear.mockRejectedValueOnce(new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', details: { text: { zh: '问题', en: 'problem' }, issues: [{ pointer: '/days/1/date', text: { zh: '2027 年第 2 条：2027-01-02 与第 1 条重复', en: 'dup' } }] } }));
    await dialog.get('[data-test="calendar-form-save"]').trigger('click');
    await flushPromises();
    expect(calendar.putYear).toHaveBeenCalledWith(2027, {
      source: '国务院办公厅关于 2027 年部分节假日安排的通知',
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-02', kind: 'holiday', name: '元旦' },
        { date: '2027-01-03', kind: 'holiday', name: '元旦' },
      ],
    });
    expect(dialog.findAll('[data-test="calendar-form-problem"]').map((p) => p.text())).toEqual(['2027 年第 2 条：2027-01-02 与第 1 条重复']);

    calendar.putYear.mockResolvedValueOnce({ year: { ...year(2027, []), origin: 'admin' } });
    await dialog.get('[data-test="calendar-form-save"]').trigger('click');
    await flushPromises();
    expect(calendar.get).toHaveBeenCalledTimes(2);
  });
});

// The quota page: the table with its totals per series × level, inline and dialog
// edits for administrators only, delete after a confirmation, and an import whose
// bad rows are listed with the choice to fix the file or import the valid rows.
// The API is mocked.
import { flushPromises } from '@vue/test-utils';
import { ElMessageBox } from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../studio/src/api/http';
import type { Quota } from '../../../studio/src/api/quotas.api';
import QuotaPage from '../../../studio/src/pages/quotas/QuotaPage.vue';
import { mountPage } from '../admin/support';

const api = vi.hoisted(() => ({ list: vi.fn(), put: vi.fn(), remove: vi.fn(), import: vi.fn(), forRun: vi.fn() }));
vi.mock('../../../studio/src/api/quotas.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/quotas.api')>();
  return { ...actual, quotasApi: { ...actual.quotasApi, ...api } };
});

const quota = (over: Partial<Quota>): Quota => ({ unit: '库尔勒市中医医院', series: 'health', level: 'deputy-senior', posts: 2, updatedBy: 'admin', updatedAt: '2026-01-05T09:00:00Z', ...over });
const QUOTAS = [quota({}), quota({ unit: '和静县第一中学', series: 'teacher', posts: 1, note: '新增' })];

beforeEach(() => {
  vi.clearAllMocks();
  api.list.mockResolvedValue({
    quotas: QUOTAS,
    totals: [
      { series: 'health', level: 'deputy-senior', units: 1, posts: 2 },
      { series: 'teacher', level: 'deputy-senior', units: 1, posts: 1 },
    ],
  });
  api.put.mockImplementation(async (q: Quota) => ({ quota: { ...q, updatedBy: 'admin', updatedAt: '2026-01-05T10:00:00Z' } }));
  api.remove.mockResolvedValue(undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('quota page', () => {
  it('lists the units with their posts and the totals per series × level; auditors get no edit controls but can export', async () => {
    const { wrapper } = await mountPage(QuotaPage, 'auditor');
    expect(wrapper.get('[data-test="quota-table"]').text()).toContain('库尔勒市中医医院');
    expect(wrapper.get('[data-test="quota-table"]').text()).toContain('卫生');
    expect(wrapper.findAll('[data-test="quota-total"]').map((t) => t.text())).toEqual(['副高级卫生：1 个单位，共 2 个职数', '副高级中小学教师：1 个单位，共 1 个职数']);
    expect(wrapper.find('[data-test="quota-add"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="quota-import"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="quota-posts-input"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="quota-export-xlsx"]').attributes('href')).toBe('/api/v1/quotas/export?format=xlsx');
    const search = wrapper.get('[data-test="quota-search"]');
    await (search.element.tagName === 'INPUT' ? search : search.get('input')).setValue('和静');
    expect(wrapper.get('[data-test="quota-table"]').text()).not.toContain('库尔勒市中医医院');
  });

  it('shows a committee member their own series only', async () => {
    await mountPage(QuotaPage, 'committee');
    expect(api.list).toHaveBeenCalledWith({ series: 'teacher', level: undefined });
  });

  it('lets an administrator change posts in place and delete a row after confirming', async () => {
    const { wrapper } = await mountPage(QuotaPage, 'admin');
    const input = wrapper.findAll('[data-test="quota-posts-input"] input')[0]!;
    await input.setValue('3');
    await input.trigger('change');
    await flushPromises();
    expect(api.put).toHaveBeenCalledWith({ unit: '库尔勒市中医医院', series: 'health', level: 'deputy-senior', posts: 3 });

    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never);
    await wrapper.findAll('[data-test="quota-delete"]')[1]!.trigger('click');
    await flushPromises();
    expect(confirm.mock.calls[0]![0]).toContain('和静县第一中学');
    expect(api.remove).toHaveBeenCalledWith(expect.objectContaining({ unit: '和静县第一中学', series: 'teacher', level: 'deputy-senior' }));

    confirm.mockRejectedValue('cancel');
    await wrapper.findAll('[data-test="quota-delete"]')[0]!.trigger('click');
    await flushPromises();
    expect(api.remove).toHaveBeenCalledTimes(1);
  });

  it('imports a file: every bad row listed by row, column and reason, then the valid rows only when asked', async () => {
    const invalid = [
      { row: 3, column: '系列', field: 'series', code: 'SERIES_UNKNOWN', message: { zh: '「系列」：未知的系列 "医疗"', en: 'unknown series' } },
      { row: 4, column: '核定职数', field: 'posts', code: 'POSTS_NOT_NUMBER', message: { zh: '「核定职数」："三" 不是数字', en: 'not a number' } },
    ];
    api.import
      .mockRejectedValueOnce(new ApiError({ statusCode: 422, code: 'ROWS_INVALID', message: 'bad', details: { text: { zh: '2 行数据有误', en: 'bad' }, rows: 3, valid: 1, invalidRows: 2, invalid, notices: [] } }))
      .mockResolvedValueOnce({ rows: 3, valid: 1, invalidRows: 2, invalid, notices: [], imported: 1, quotas: [] });
    const { wrapper } = await mountPage(QuotaPage, 'admin');
    await wrapper.get('[data-test="quota-import"]').trigger('click');
    await flushPromises();
    const fileInput = document.querySelector<HTMLInputElement>('[data-test="quota-file"]')!;
    const file = new File(['单位,系列,级别,核定职数\n'], '职数.csv', { type: 'text/csv' });
    Object.defineProperty(fileInput, 'files', { value: [file] });
    fileInput.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(api.import).toHaveBeenCalledWith(file, '职数.csv', false);
    const errors = document.querySelector('[data-test="quota-import-errors"]')!;
    expect(errors.textContent).toContain('共 3 行，2 行有误，1 行有效');
    expect([...document.querySelectorAll('[data-test="quota-import-error"]')].map((e) => e.textContent)).toEqual(['「系列」：未知的系列 "医疗"', '「核定职数」："三" 不是数字']);
    expect(errors.textContent).toContain('修正文件后重新上传');

    document.querySelector<HTMLButtonElement>('[data-test="quota-valid-only"]')!.click();
    await flushPromises();
    expect(api.import).toHaveBeenLastCalledWith(file, '职数.csv', true);
    expect(api.list).toHaveBeenCalledTimes(2); // the table is read again after the import
  });
});

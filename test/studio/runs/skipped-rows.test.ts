// 跳过的行 on the run page: a run of the valid rows only says, folded under a line with
// the count, who it left out — row, applicant id, name — and every reason with its
// field; the page asks the server once (GET /runs/:id) and shows nothing of the kind
// for a run that skipped nobody.
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Run, SkippedRows } from '../../../studio/src/api/runs.api';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import RunResultsPage from '../../../studio/src/pages/runs/RunResultsPage.vue';
import SkippedRowsPanel from '../../../studio/src/pages/runs/SkippedRowsPanel.vue';
import { mountPage } from '../admin/support';

const hash = (c: string) => `sha256:${c.repeat(64)}`;

const SKIPPED: SkippedRows = {
  total: 3,
  rows: [
    { row: 3, applicantId: 'WS-F-0002', name: '韩春花', reasons: [{ code: 'APPLICANT_INVALID', field: 'degree', column: '最高学历', message: { zh: '「最高学历」：无法识别 "研究生"', en: '"Highest education": "研究生" is not an option' } }] },
    {
      row: 6,
      applicantId: 'WS-F-0005',
      name: '徐梅',
      reasons: [
        { code: 'APPLICANT_INVALID', field: 'currentTitleDate', column: '现职称取得时间', message: { zh: '「现职称取得时间」：应为日期（如 2024-01-05），实际为 "2019-02-30"', en: 'date' } },
        { code: 'APPLICANT_INVALID', field: 'unitName', column: '工作单位', message: { zh: '缺少必填字段「工作单位」', en: 'missing' } },
      ],
    },
    { row: 4, sheet: '论文', applicantId: null, name: null, reasons: [{ code: 'APPLICANT_INVALID', field: 'id', message: { zh: '缺少编号，这条「论文」记录无处归属', en: 'no id' } }] },
  ],
};

describe('SkippedRowsPanel', () => {
  const panel = (skipped: SkippedRows) => {
    setLocale('zh-CN');
    return mount(SkippedRowsPanel, { props: { skipped }, global: { plugins: [ElementPlus, i18n] }, attachTo: document.body });
  };
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is folded under 跳过的行 with the count, and opens to row, id, name and every reason naming its field', async () => {
    const wrapper = panel(SKIPPED);
    expect(wrapper.get('[data-test="skipped-rows"]').text()).toContain('跳过的行');
    expect(wrapper.get('[data-test="skipped-count"]').text()).toBe('3 行数据有误，未参加本次评审');
    expect(wrapper.find('.el-collapse-item.is-active').exists()).toBe(false);
    await wrapper.get('.el-collapse-item__header').trigger('click');
    await flushPromises();
    expect(wrapper.find('.el-collapse-item.is-active').exists()).toBe(true);
    const rows = wrapper.findAll('[data-test="skipped-table"] .el-table__body tr');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.findAll('td').map((td) => td.text())).toEqual(['3', 'WS-F-0002', '韩春花', '「最高学历」：无法识别 "研究生"']);
    expect(rows[1]!.findAll('[data-test="skipped-reason"]').map((r) => r.text())).toEqual(['「现职称取得时间」：应为日期（如 2024-01-05），实际为 "2019-02-30"', '缺少必填字段「工作单位」']);
    expect(rows[2]!.findAll('td').map((td) => td.text()).slice(0, 3)).toEqual(['工作表「论文」第 4 行', '—', '—']);
    // Codes are for machines: none of them in front of an official.
    expect(wrapper.text()).not.toContain('APPLICANT_INVALID');
    expect(wrapper.find('[data-test="skipped-truncated"]').exists()).toBe(false);
  });

  it('says when only the first rows are listed and where the rest are', () => {
    const wrapper = panel({ total: 1200, rows: SKIPPED.rows });
    expect(wrapper.get('[data-test="skipped-truncated"]').text()).toBe('此处列出前 3 行，共 1200 行；完整名单见下载的 Excel 或 CSV 文件。');
  });
});

describe('run page', () => {
  const run = (over: Partial<Run> = {}): Run => ({
    id: 'run-000001',
    rulesetId: 'health-deputy-senior',
    version: 1,
    rulesetHash: hash('a'),
    asOf: '2024-09-30',
    startedBy: 'health-committee',
    startedAt: '2026-03-01T08:00:00.000Z',
    input: { hash: hash('b'), name: 'bad.xlsx' },
    engineVersion: '1.0.0',
    skipped: 3,
    status: 'failed',
    error: 'x',
    ...over,
  });
  let answer: unknown;
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(async (input: string) => {
      const url = new URL(input, 'http://studio.test');
      if (url.pathname === '/api/v1/runs/run-000001') return new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } });
      return new Response(JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'no', details: {} }), { status: 404, headers: { 'Content-Type': 'application/json' } });
    }));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  const open = async () => {
    const { wrapper, router } = await mountPage(RunResultsPage, 'auditor');
    await router.push('/runs/run-000001');
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[data-test="run-meta"]').exists()).toBe(true));
    return wrapper;
  };

  it('shows the skipped rows the server lists beside the run', async () => {
    answer = { run: run({ skippedRows: { hash: hash('c'), name: 'skipped-rows.json' } }), skippedRows: SKIPPED };
    const wrapper = await open();
    expect(wrapper.get('[data-test="run-skipped"]').text()).toBe('3');
    expect(wrapper.get('[data-test="skipped-count"]').text()).toContain('3 行');
    expect(wrapper.get('[data-test="skipped-table"]').text()).toContain('韩春花');
  });

  it('shows no such panel for a run that skipped nobody', async () => {
    answer = { run: run({ skipped: 0 }) };
    const wrapper = await open();
    expect(wrapper.find('[data-test="skipped-rows"]').exists()).toBe(false);
  });
});

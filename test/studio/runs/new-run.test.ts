// The new-run form: the check comes before any run; row errors are listed by row,
// column and reason; a file with bad rows offers "fix the file" or "run the valid
// rows only", never a plain run; progress follows the run's events and the results
// open when it completes. The API is mocked here; the e2e test drives the real one.
import { flushPromises } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../studio/src/api/http';
import type { RulesetSummary } from '../../../studio/src/api/rulesets.api';
import type { CheckReport, RunCounts } from '../../../studio/src/api/runs.api';
import NewRunPage from '../../../studio/src/pages/runs/NewRunPage.vue';
import RowErrorsList from '../../../studio/src/pages/runs/RowErrorsList.vue';
import { acceptedFile, nextStep, percent, pinnableVersions, rowPlace, runnableRulesets } from '../../../studio/src/pages/runs/run-form';
import { mountPage } from '../admin/support';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { i18n } from '../../../studio/src/i18n/index';

const api = vi.hoisted(() => ({
  list: vi.fn(),
  uploads: vi.fn(),
  upload: vi.fn(),
  check: vi.fn(),
  start: vi.fn(),
  follow: vi.fn(),
}));

vi.mock('../../../studio/src/api/rulesets.api', async (original) => ({
  ...(await original<object>()),
  rulesetsApi: { list: api.list, versions: vi.fn(), version: vi.fn() },
}));
vi.mock('../../../studio/src/api/runs.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/runs.api')>();
  return {
    ...actual,
    runsApi: { ...actual.runsApi, uploads: api.uploads, upload: api.upload, check: api.check, start: api.start },
    followRun: api.follow,
  };
});

const version = (v: number, status: RulesetSummary['versions'][number]['status']) => ({ version: v, status, effectiveFrom: '2024-08-20', effectiveTo: null });
const TEACHER: RulesetSummary = { id: 'teacher-deputy-senior', department: 'education', series: 'teacher', title: { zh: '中小学教师副高级' }, latest: 2, versions: [version(1, 'published'), version(2, 'draft')] };
const HEALTH: RulesetSummary = { id: 'health-deputy-senior', department: 'health', series: 'health', title: { zh: '卫生副高级' }, latest: 1, versions: [version(1, 'published')] };
const COMMON: RulesetSummary = { id: 'bz-common', department: 'hrss', series: null, title: { zh: '通用政策' }, latest: 1, versions: [version(1, 'published')] };
const SAMPLE = { hash: `sha256:${'a'.repeat(64)}`, name: 'teacher-deputy-senior.xlsx', size: 40_000, format: 'xlsx', uploadedBy: 'system:seed', uploadedAt: '2026-01-01T00:00:00Z' };

const report = (over: Partial<CheckReport> = {}): CheckReport => ({
  ruleset: { id: 'teacher-deputy-senior', version: 1, hash: `sha256:${'b'.repeat(64)}` },
  upload: { hash: SAMPLE.hash, name: SAMPLE.name },
  rows: 200,
  valid: 200,
  invalidRows: 0,
  invalid: [],
  notices: [],
  ...over,
});
const BAD = report({
  valid: 198,
  invalidRows: 2,
  invalid: [
    { row: 5, applicantId: 'JS-0004', column: '最高学历', field: 'degree', code: 'ENUM_VALUE', message: { zh: '“研究僧”不是可选的学历', en: '"x" is not a degree' } },
    { row: 9, applicantId: 'JS-0008', column: '现职称取得时间', field: 'currentTitleDate', sheet: '论文', sheetRow: 3, code: 'DATE', message: { zh: '日期格式不正确', en: 'not a date' } },
  ],
});

let handlers: { progress: (p: { done: number; total: number }) => void; completed: (s: RunCounts) => void; failed: (m: string) => void } | undefined;

beforeEach(() => {
  vi.clearAllMocks();
  api.list.mockResolvedValue({ rulesets: [TEACHER] });
  api.uploads.mockResolvedValue({ uploads: [SAMPLE] });
  api.follow.mockImplementation((_id: string, h: typeof handlers) => {
    handlers = h;
    return { close: vi.fn() };
  });
});
afterEach(() => {
  document.body.innerHTML = '';
});

/** Mounts the page as a committee member and picks the stored sample file. */
async function ready() {
  const mounted = await mountPage(NewRunPage, 'committee');
  const stored = mounted.wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'stored-upload')!;
  stored.vm.$emit('update:modelValue', SAMPLE.hash);
  await flushPromises();
  return mounted;
}

describe('new batch run', () => {
  it('checks the file first and lists each bad row by row, column and reason, with the choice to fix or run the valid rows', async () => {
    api.check.mockResolvedValue(BAD);
    api.start.mockResolvedValue({ run: { id: 'run-000007' } });
    const { wrapper, router } = await ready();
    expect(api.list).toHaveBeenCalledWith({ series: 'teacher' });
    expect(api.check).toHaveBeenCalledWith(expect.objectContaining({ rulesetId: 'teacher-deputy-senior', upload: SAMPLE.hash }));
    expect(api.check.mock.calls[0]![0]).not.toHaveProperty('version');
    expect(wrapper.get('[data-test="check-summary"]').text()).toContain('有误 2 行');
    const errors = wrapper.get('[data-test="row-errors"]');
    expect(errors.text()).toContain('最高学历');
    expect(errors.text()).toContain('“研究僧”不是可选的学历');
    expect(errors.text()).toContain('论文 · 3');
    expect(wrapper.find('[data-test="start-run"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('修正文件后重新上传');

    await wrapper.get('[data-test="start-valid"]').trigger('click');
    await flushPromises();
    expect(api.start).toHaveBeenCalledWith(expect.objectContaining({ validRowsOnly: true, upload: SAMPLE.hash }));
    expect(api.follow).toHaveBeenCalledWith('run-000007', expect.anything());
    handlers!.progress({ done: 99, total: 198 });
    await flushPromises();
    expect(wrapper.get('[data-test="run-progress"]').text()).toContain('99 / 198');
    handlers!.completed({ evaluated: 198 });
    await flushPromises();
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/runs/run-000007'));
  });

  it('runs a clean file without validRowsOnly, and pins a version when asked', async () => {
    api.check.mockResolvedValue(report());
    api.start.mockResolvedValue({ run: { id: 'run-000008' } });
    const { wrapper } = await ready();
    expect(wrapper.find('[data-test="row-errors"]').exists()).toBe(false);
    await wrapper.get('[data-test="start-run"]').trigger('click');
    await flushPromises();
    expect(api.start.mock.calls[0]![0]).not.toHaveProperty('validRowsOnly');

    const modes = wrapper.findAll('[data-test="version-mode"] input');
    await modes[1]!.setValue(true);
    await flushPromises();
    // A committee member pins published (or retired) versions only: v1, not the draft v2.
    expect(api.check).toHaveBeenLastCalledWith(expect.objectContaining({ version: 1 }));
  });

  it('offers only "fix the file" when no row is valid', async () => {
    api.check.mockResolvedValue(report({ valid: 0, invalidRows: 200, invalid: [BAD.invalid[0]!] }));
    const { wrapper } = await ready();
    expect(wrapper.find('[data-test="start-run"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="start-valid"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('没有可评审的有效数据');
  });

  it('shows the server refusing the check in plain words, with what to do', async () => {
    api.check.mockRejectedValue(new ApiError({ statusCode: 404, code: 'NO_VERSION_IN_FORCE', message: 'none', details: { text: { zh: '2020-01-01 没有生效的版本', en: 'none in force' } } }));
    const { wrapper } = await ready();
    expect(wrapper.get('[data-test="api-error"]').text()).toContain('2020-01-01 没有生效的版本');
    expect(wrapper.get('[data-test="run-error-help"]').text()).toContain('换一个基准日');
  });
});

describe('RowErrorsList', () => {
  it('shows one line per problem: place, applicant, column and reason', async () => {
    const wrapper = mount(RowErrorsList, { props: { rows: BAD.invalid, invalidRows: 2 }, global: { plugins: [ElementPlus, i18n] }, attachTo: document.body });
    await flushPromises();
    expect(wrapper.text()).toContain('2 行有误，共 2 处问题');
    expect(wrapper.findAll('[data-test="row-error"]').map((e) => e.text())).toEqual(['“研究僧”不是可选的学历', '日期格式不正确']);
    expect(wrapper.text()).toContain('JS-0004');
    expect(wrapper.text()).toContain('ENUM_VALUE');
  });
});

describe('run form decisions', () => {
  it('keeps series rulesets a role may run: committee its own series, never the common policy', () => {
    expect(runnableRulesets([TEACHER, HEALTH, COMMON], 'committee', 'teacher').map((r) => r.id)).toEqual(['teacher-deputy-senior']);
    expect(runnableRulesets([TEACHER, HEALTH, COMMON], 'admin').map((r) => r.id)).toEqual(['teacher-deputy-senior', 'health-deputy-senior']);
  });

  it('lets administrators pin drafts and committee members published or retired versions only', () => {
    expect(pinnableVersions(TEACHER, 'admin').map((v) => v.version)).toEqual([2, 1]);
    expect(pinnableVersions(TEACHER, 'committee').map((v) => v.version)).toEqual([1]);
  });

  it.each([
    [{ valid: 10, invalidRows: 0 }, 'run'],
    [{ valid: 9, invalidRows: 1 }, 'choose'],
    [{ valid: 0, invalidRows: 3 }, 'fix'],
    [{ valid: 0, invalidRows: 0 }, 'fix'],
  ] as const)('after a check of %o the next step is %s', (check, step) => {
    expect(nextStep(check)).toBe(step);
  });

  it('accepts .xlsx, .csv and .json only, places side-sheet rows and counts progress', () => {
    expect(['a.XLSX', 'b.csv', 'c.json', 'd.xls', 'e.txt'].map(acceptedFile)).toEqual([true, true, true, false, false]);
    expect(rowPlace(BAD.invalid[1]!)).toBe('论文 · 3');
    expect(rowPlace(BAD.invalid[0]!)).toBe('5');
    expect([percent(0, 0), percent(1, 3), percent(3, 3), percent(5, 3)]).toEqual([0, 33, 100, 100]);
  });
});

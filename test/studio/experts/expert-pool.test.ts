// The expert pool page and the session's draw tab, with the API mocked: term status
// tags, the form's term rule, every bad import row shown; the pool-too-small warning
// before drawing, the confirmed draw handing the session back, the record with its
// seed and pool hash, and 验证抽取's verdict.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrawPreview } from '../../../studio/src/api/draws.api';
import type { Expert, ExpertList } from '../../../studio/src/api/experts.api';
import { ApiError } from '../../../studio/src/api/http';
import type { ReviewSession, SessionDraw } from '../../../studio/src/api/sessions.api';
import ExpertPoolPage from '../../../studio/src/pages/experts/ExpertPoolPage.vue';
import { createBody, emptyExpertForm, formOf, latestTermEnd, patchBody, validateExpertForm } from '../../../studio/src/pages/experts/expert-form';
import SessionDrawTab from '../../../studio/src/pages/sessions/SessionDrawTab.vue';
import { mountPage } from '../admin/support';

const experts = vi.hoisted(() => ({ list: vi.fn(), create: vi.fn(), update: vi.fn(), import: vi.fn() }));
const draws = vi.hoisted(() => ({ preview: vi.fn(), draw: vi.fn(), verify: vi.fn() }));
vi.mock('../../../studio/src/api/experts.api', async (original) => ({ ...(await original<object>()), expertsApi: experts }));
vi.mock('../../../studio/src/api/draws.api', async (original) => ({ ...(await original<object>()), drawsApi: draws }));

const expert = (over: Partial<Expert>): Expert => ({
  id: 'exp-0001',
  name: '李建华',
  series: 'health',
  level: 'full-senior',
  unit: '巴州人民医院',
  county: '库尔勒市',
  termStart: '2024-06-20',
  termEnd: '2027-06-19',
  conflicts: [],
  disabled: false,
  termStatus: 'active',
  updatedBy: 'admin',
  updatedAt: '2026-01-05T09:00:00Z',
  ...over,
});
const LIST: ExpertList = {
  today: '2026-01-05',
  termMaxYears: 3,
  experts: [
    expert({ conflicts: [{ unit: '和静县人民医院', reason: '配偶在该院' }] }),
    expert({ id: 'exp-0002', name: '阿依古丽·艾力', termStart: '2021-06-20', termEnd: '2024-06-19', termStatus: 'expired' }),
    expert({ id: 'exp-0003', name: '巴特尔', termStart: '2026-06-20', termEnd: '2029-06-19', termStatus: 'future' }),
    expert({ id: 'exp-0004', name: '王丽', disabled: true }),
  ],
};

const wait = async () => {
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 350));
  await flushPromises();
};
const confirmBox = () => document.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')!.click();

beforeEach(() => {
  vi.clearAllMocks();
  experts.list.mockResolvedValue(LIST);
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the expert pool page', () => {
  it('shows each expert\'s term status (在任 / 已到期 / 未开始), disabled ones and standing conflicts', async () => {
    const { wrapper } = await mountPage(ExpertPoolPage, 'admin');
    expect(['exp-0001', 'exp-0002', 'exp-0003'].map((id) => wrapper.get(`[data-test="term-status-${id}"]`).text())).toEqual(['在任', '已到期', '未开始']);
    expect(wrapper.text()).toContain('已停用');
    expect(wrapper.text()).toContain('和静县人民医院（配偶在该院）');
    expect(wrapper.get('[data-test="expert-summary"]').text()).toBe('共 4 人，在任 1 人（2026-01-05）');
  });

  it('gives administrators add, import, edit and disable; auditors read only', async () => {
    const admin = await mountPage(ExpertPoolPage, 'admin');
    expect(admin.wrapper.find('[data-test="create-expert"]').exists()).toBe(true);
    expect(admin.wrapper.find('[data-test="import-experts"]').exists()).toBe(true);
    expect(admin.wrapper.find('[data-test="toggle-exp-0001"]').exists()).toBe(true);
    admin.wrapper.unmount();
    const auditor = await mountPage(ExpertPoolPage, 'auditor');
    expect(auditor.wrapper.find('[data-test="create-expert"]').exists()).toBe(false);
    expect(auditor.wrapper.find('[data-test="edit-exp-0001"]').exists()).toBe(false);
    expect(auditor.wrapper.text()).toContain('只读：专家库由州人社局维护');
  });

  it('disables an expert after a confirmation', async () => {
    experts.update.mockResolvedValue({ expert: { ...LIST.experts[0]!, disabled: true } });
    const { wrapper } = await mountPage(ExpertPoolPage, 'admin');
    await wrapper.get('[data-test="toggle-exp-0001"]').trigger('click');
    await flushPromises();
    document.querySelector<HTMLButtonElement>('.el-message-box .el-button--danger')!.click();
    await wait();
    expect(experts.update).toHaveBeenCalledWith('exp-0001', { disabled: true });
  });

  it('lists every bad row of a refused import, by row and column', async () => {
    experts.import.mockRejectedValue(
      new ApiError({
        statusCode: 422,
        code: 'ROWS_INVALID',
        message: 'rows',
        details: {
          text: { zh: '2 行数据有误，未导入', en: '2 invalid rows' },
          invalidRows: 2,
          invalid: [
            { row: 3, column: '任期结束', field: 'termEnd', code: 'TERM_TOO_LONG', message: { zh: '第 3 行（王丽），「任期结束」2028-06-19 使任期超过 3 年：自 2024-06-20 起最晚至 2027-06-19', en: 'Row 3' } },
            { row: 4, column: '系列', field: 'series', code: 'UNKNOWN_SERIES', message: { zh: '第 4 行（张伟），「系列」不是已知的系列："护理"', en: 'Row 4' } },
          ],
        },
      }),
    );
    const { wrapper } = await mountPage(ExpertPoolPage, 'admin');
    await wrapper.get('[data-test="import-experts"]').trigger('click');
    await flushPromises();
    const input = document.querySelector<HTMLInputElement>('[data-test="import-file"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['姓名'], '专家库.csv')] });
    input.dispatchEvent(new Event('change'));
    document.querySelector<HTMLButtonElement>('[data-test="import-submit"]')!.click();
    await flushPromises();
    expect(experts.import).toHaveBeenCalledWith(expect.any(File), '专家库.csv', false);
    const rows = [...document.querySelectorAll('[data-test="import-error"]')].map((n) => n.textContent);
    expect(rows).toEqual(['第 3 行（王丽），「任期结束」2028-06-19 使任期超过 3 年：自 2024-06-20 起最晚至 2027-06-19', '第 4 行（张伟），「系列」不是已知的系列："护理"']);
    expect(document.querySelector('[data-test="import-errors"]')!.textContent).toContain('2 行，共 2 处问题');
  });
});

describe('the expert form', () => {
  it('checks the term as the server does: at most the policy\'s years, ending the day before the anniversary', () => {
    const form = { ...formOf(LIST.experts[0]!), termEnd: '2027-06-20' };
    expect(validateExpertForm(form, 3)).toEqual({ termEnd: { key: 'experts.form.termTooLong', params: { years: 3, latest: '2027-06-19' } } });
    expect(validateExpertForm({ ...form, termEnd: '2024-06-19' }, 3)).toEqual({ termEnd: { key: 'experts.form.termOrder' } });
    expect(validateExpertForm({ ...form, termEnd: '2027-06-19' }, 3)).toEqual({});
    expect(latestTermEnd('2024-02-29', 3)).toBe('2027-02-28');
    expect(Object.keys(validateExpertForm(emptyExpertForm(), 3)).sort()).toEqual(['county', 'name', 'series', 'termEnd', 'termStart', 'unit']);
  });

  it('sends conflicts by kind, and on edit only what changed', () => {
    const form = { ...emptyExpertForm('health'), name: ' 王丽 ', unit: '巴州中医医院', county: '库尔勒市', termStart: '2024-06-20', termEnd: '2027-06-19', conflicts: [{ kind: 'applicant' as const, target: 'HA001', reason: '师生' }] };
    expect(createBody(form)).toMatchObject({ name: '王丽', conflicts: [{ applicantId: 'HA001', reason: '师生' }] });
    const before = LIST.experts[0]!;
    expect(patchBody({ ...formOf(before), unit: '巴州第二人民医院' }, before)).toEqual({ unit: '巴州第二人民医院' });
    expect(patchBody(formOf(before), before)).toEqual({});
  });
});

const SESSION: ReviewSession = {
  id: 'session-0001',
  title: '2026 年度卫生系列正高级评审',
  series: 'health',
  level: 'full-senior',
  year: 2026,
  runId: 'run-000001',
  rulesetId: 'health-full-senior',
  version: 1,
  rulesetHash: `sha256:${'0'.repeat(64)}`,
  asOf: '2025-12-31',
  committeeKind: 'series',
  candidates: [{ applicantId: 'HA001', name: '王丽', unit: '巴州中医医院', rank: 1, score: 88 }],
  quotas: [],
  status: 'preparing',
  createdBy: 'admin',
  createdAt: '2026-01-05T09:00:00Z',
  updatedAt: '2026-01-05T09:00:00Z',
};
const excluded = { expertId: 'exp-0009', name: '赵军', unit: '巴州中医医院', codes: ['own-unit'], reason: '本单位有参评人员（巴州中医医院：王丽）', text: { zh: '本单位有参评人员（巴州中医医院：王丽）', en: 'own unit' } };
const preview = (over: Partial<DrawPreview> = {}): DrawPreview => ({
  sessionId: 'session-0001',
  series: 'health',
  committeeKind: 'series',
  status: 'preparing',
  meetingOn: '2026-01-05',
  minimum: 25,
  odd: true,
  requested: 25,
  total: 21,
  eligible: 20,
  eligibleIds: Array.from({ length: 20 }, (_, i) => `exp-${String(i + 1).padStart(4, '0')}`),
  excluded: [excluded],
  enough: false,
  warnings: [{ zh: 'health 系列可抽取的专家只有 20 人，少于评审委员会最低人数 25 人', en: 'too small' }],
  ...over,
});
const DRAW: SessionDraw = {
  algorithm: 'hmac-sha256-ctr/v1+fisher-yates/v1',
  seed: 'a3f1c2e4b5d6978812345678abcdef01',
  requested: 25,
  minimum: 25,
  odd: true,
  meetingOn: '2026-03-10',
  pool: [],
  poolHash: `sha256:${'b'.repeat(64)}`,
  members: [
    { expertId: 'exp-0007', name: '巴特尔', unit: '和静县蒙医医院' },
    { expertId: 'exp-0002', name: '阿依古丽·艾力', unit: '新疆医科大学第一附属医院' },
  ],
  excluded: [excluded],
  sessionConflicts: [],
  acceptedBelowMinimum: true,
  warnings: [{ zh: '管理员 admin 确认在人数不足的情况下抽取', en: 'accepted' }],
  drawnBy: 'admin',
  drawnAt: '2026-01-05T09:00:00Z',
};

describe('the draw tab', () => {
  it('warns before drawing when the pool is below the minimum, and lists the excluded with reasons', async () => {
    draws.preview.mockResolvedValue(preview());
    const { wrapper } = await mountPage(SessionDrawTab, 'auditor', { props: { session: SESSION } });
    const alert = wrapper.get('[data-test="draw-pool-alert"]');
    expect(alert.attributes('data-enough')).toBe('false');
    expect(alert.text()).toContain('可抽取专家只有 20 人，少于评审委员会最低人数 25 人');
    expect(wrapper.get('[data-test="draw-preview-excluded"]').text()).toContain('本单位有参评人员（巴州中医医院：王丽）');
    // Only administrators draw.
    expect(wrapper.find('[data-test="draw-submit"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="draw-only-admin"]').text()).toContain('评委由州人社局（管理员）抽取');
  });

  it('lets an administrator accept a small pool, confirm, and hands the drawn session back', async () => {
    draws.preview.mockResolvedValue(preview());
    const drawn = { ...SESSION, status: 'drawn' as const, draw: DRAW };
    draws.draw.mockResolvedValue({ session: drawn, draw: DRAW });
    const { wrapper } = await mountPage(SessionDrawTab, 'admin', { props: { session: SESSION } });
    expect(experts.list).toHaveBeenCalledWith('health');
    await wrapper.get('[data-test="draw-accept-below"] input').setValue(true);
    await wrapper.get('input[data-test="draw-seed"]').setValue(DRAW.seed);
    await wrapper.get('[data-test="draw-submit"]').trigger('click');
    await flushPromises();
    expect(document.querySelector('.el-message-box')!.textContent).toContain('每个评审会只能抽取一次');
    confirmBox();
    await wait();
    expect(draws.draw).toHaveBeenCalledWith('session-0001', { seed: DRAW.seed, acceptBelowMinimum: true });
    expect(wrapper.emitted('changed')).toEqual([[drawn]]);
  });

  it('refuses a malformed seed before asking the server', async () => {
    draws.preview.mockResolvedValue(preview({ enough: true, eligible: 30, warnings: [] }));
    const { wrapper } = await mountPage(SessionDrawTab, 'admin', { props: { session: SESSION } });
    expect(wrapper.find('[data-test="draw-accept-below"]').exists()).toBe(false);
    await wrapper.get('input[data-test="draw-seed"]').setValue('NOT-HEX');
    await wrapper.get('[data-test="draw-submit"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="draw-seed-error"]').text()).toBe('种子应为 32–128 位小写十六进制数字（偶数位）');
    expect(document.querySelector('.el-message-box')).toBeNull();
    expect(draws.draw).not.toHaveBeenCalled();
  });

  it('shows the record after the draw: members in draw order, seed and pool hash, and the verification', async () => {
    draws.verify.mockResolvedValueOnce({ ok: true, problems: [], algorithm: DRAW.algorithm, seed: DRAW.seed, poolHash: DRAW.poolHash, recomputedPoolHash: DRAW.poolHash, members: ['exp-0007', 'exp-0002'], replayed: ['exp-0007', 'exp-0002'], auditSeq: 42 });
    const { wrapper } = await mountPage(SessionDrawTab, 'auditor', { props: { session: { ...SESSION, status: 'drawn', draw: DRAW } } });
    expect(draws.preview).not.toHaveBeenCalled();
    expect(wrapper.get('[data-test="draw-seed-value"]').text()).toBe(DRAW.seed);
    expect(wrapper.get('[data-test="draw-pool-hash"]').text()).toBe(DRAW.poolHash);
    expect(wrapper.get('[data-test="draw-members"]').text()).toMatch(/1\s*exp-0007\s*巴特尔[\s\S]*2\s*exp-0002/);
    expect(wrapper.get('[data-test="draw-excluded"]').text()).toContain('本单位');
    expect(wrapper.get('[data-test="draw-warning"]').text()).toContain('确认在人数不足的情况下抽取');

    await wrapper.get('[data-test="draw-verify"]').trigger('click');
    await flushPromises();
    const ok = wrapper.get('[data-test="draw-verify-result"]');
    expect(ok.attributes('data-ok')).toBe('true');
    expect(ok.text()).toContain('与审计日志第 42 条相符');

    draws.verify.mockResolvedValueOnce({ ok: false, problems: [{ zh: '第 1 位评委记录为 exp-0002，重放为 exp-0007', en: 'x' }], algorithm: DRAW.algorithm, seed: DRAW.seed, poolHash: DRAW.poolHash, recomputedPoolHash: DRAW.poolHash, members: [], replayed: [], auditSeq: 42 });
    await wrapper.get('[data-test="draw-verify"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="draw-verify-result"]').attributes('data-ok')).toBe('false');
    expect(wrapper.get('[data-test="draw-verify-problem"]').text()).toBe('第 1 位评委记录为 exp-0002，重放为 exp-0007');
  });
});

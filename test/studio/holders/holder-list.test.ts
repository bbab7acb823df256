// The holders page: the overdue / pending / appointed tabs with their counts, the
// deadline tag (days left, overdue days, late appointment), the validity tag (有效 /
// 回退至原级别 / 南疆以外无效) opening the rule's explanation, actions for
// administrators only; and the form's own rules. The API is mocked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flushPromises } from '@vue/test-utils';
import { compileRuleset, evaluate, type Ruleset } from '../../../engine/index';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Holder, HolderList } from '../../../studio/src/api/holders.api';
import HolderListPage from '../../../studio/src/pages/holders/HolderListPage.vue';
import { createBody, emptyHolderForm, formOf, isMove, patchBody, validateHolderForm } from '../../../studio/src/pages/holders/holder-form';
import { mountPage } from '../admin/support';

const api = vi.hoisted(() => ({ list: vi.fn(), get: vi.fn(), create: vi.fn(), update: vi.fn(), fromSession: vi.fn() }));
vi.mock('../../../studio/src/api/holders.api', async (original) => ({ ...(await original<object>()), holdersApi: api }));
// The drawer reads the ruleset's fact labels for the explanation.
vi.mock('../../../studio/src/api/rulesets.api', async (original) => ({
  ...(await original<object>()),
  rulesetsApi: { list: vi.fn(), versions: vi.fn(), version: vi.fn(async () => ({ ruleset: JSON.parse(readFileSync(join(import.meta.dirname, '../../../rules/hrss/directional-use/v1.json'), 'utf8')) })) },
}));
vi.mock('../../../studio/src/api/sessions.api', async (original) => ({ ...(await original<object>()), sessionsApi: { list: vi.fn().mockResolvedValue({ sessions: [] }), get: vi.fn() } }));

const RULESET = { id: 'directional-use', version: 1, hash: `sha256:${'a'.repeat(64)}` };
const holder = (over: Partial<Holder>): Holder => ({
  id: 'holder-0001',
  name: '热娜·艾力',
  series: 'health',
  level: 'deputy-senior',
  priorLevel: 'intermediate',
  unit: '轮台县人民医院',
  prefecture: '巴音郭楞蒙古自治州',
  documentNo: '巴职改办字〔2025〕12号',
  documentDate: '2025-12-01',
  updatedBy: 'admin',
  updatedAt: '2026-01-05T09:00:00Z',
  appointment: { deadline: '2026-02-01', deadlineMonths: 2, state: 'pending', daysLeft: 27 },
  validity: { validity: 'valid', effectiveLevel: 'deputy-senior', failed: [], ruleset: RULESET, asOf: '2026-01-05' },
  ...over,
});
const HOLDERS: Holder[] = [
  holder({}),
  holder({ id: 'holder-0002', name: '买买提·吐尔逊', documentDate: '2025-11-04', appointment: { deadline: '2026-01-04', deadlineMonths: 2, state: 'overdue', daysLate: 1 } }),
  holder({
    id: 'holder-0003',
    name: '古丽娜尔',
    unit: '库尔勒市第二人民医院',
    appointedAt: '2025-12-20',
    appointment: { deadline: '2026-02-01', deadlineMonths: 2, state: 'appointed', onTime: true },
    validity: { validity: 'reverts', effectiveLevel: 'intermediate', failed: [{ id: 'participatingUnit', title: '单位参与定向使用', explanation: '库尔勒市第二人民医院未参与定向使用，定向职称暂不作为聘任依据；重新评审前按原层级（中级）聘任' }], ruleset: RULESET, asOf: '2026-01-05' },
  }),
  holder({
    id: 'holder-0004',
    name: '王芳',
    unit: '乌鲁木齐市第一人民医院',
    prefecture: '乌鲁木齐市',
    appointedAt: '2026-01-05',
    appointment: { deadline: '2026-01-04', deadlineMonths: 2, state: 'appointed', onTime: false, daysLate: 1 },
    validity: { validity: 'void', effectiveLevel: 'intermediate', failed: [{ id: 'southernXinjiang', title: '岗位在南疆地区', explanation: '岗位所在地为乌鲁木齐市，不在南疆地区，定向职称在此无效；按取得定向职称前的层级（中级）认定' }], ruleset: RULESET, asOf: '2026-01-05' },
  }),
];
const LIST: HolderList = { holders: HOLDERS, today: '2026-01-05', deadlineMonths: 2, counts: { all: 4, overdue: 1, pending: 1, appointed: 2 }, rulesInForce: true };

beforeEach(() => {
  vi.clearAllMocks();
  api.list.mockResolvedValue(LIST);
  api.get.mockImplementation(async (id: string) => ({ holder: HOLDERS.find((h) => h.id === id)!, result: null }));
});
afterEach(() => {
  document.body.innerHTML = '';
});

const names = (w: Awaited<ReturnType<typeof mountPage>>['wrapper']) => w.findAll('[data-test="holder-name"]').map((n) => n.text());

describe('the holders page', () => {
  it('shows every holder with the deadline and validity tags, and the counts on the tabs', async () => {
    const { wrapper } = await mountPage(HolderListPage, 'admin');
    expect(names(wrapper)).toEqual(['热娜·艾力', '买买提·吐尔逊', '古丽娜尔', '王芳']);
    expect(wrapper.findAll('[data-test="deadline-tag"]').map((t) => t.text())).toEqual(['剩 27 天', '逾期 1 天', '按期聘任', '逾期 1 天聘任']);
    expect(wrapper.findAll('[data-test="validity-tag"]').map((t) => t.text())).toEqual(['有效', '有效', '回退至原级别', '南疆以外无效']);
    expect(wrapper.text()).toContain('按中级聘任');
    expect(wrapper.get('[data-test="holders-tab-overdue"]').text()).toBe('逾期未聘（1）');
    expect(wrapper.text()).toContain('2 个月内聘任');
  });

  it('逾期未聘 lists the overdue only; 已聘 the appointed', async () => {
    const { wrapper } = await mountPage(HolderListPage, 'admin');
    await wrapper.get('[data-test="holders-tab-overdue"] input').setValue(true);
    await flushPromises();
    expect(names(wrapper)).toEqual(['买买提·吐尔逊']);
    await wrapper.get('[data-test="holders-tab-appointed"] input').setValue(true);
    await flushPromises();
    expect(names(wrapper)).toEqual(['古丽娜尔', '王芳']);
  });

  it('the validity tag opens the explanation: the failing criterion in the rule\'s words', async () => {
    const { wrapper } = await mountPage(HolderListPage, 'admin');
    await wrapper.findAll('[data-test="validity-tag"]')[3]!.trigger('click');
    await flushPromises();
    expect(api.get).toHaveBeenCalledWith('holder-0004');
    const drawer = document.querySelector('[data-test="drawer-failed"]');
    expect(drawer?.textContent).toContain('不在南疆地区，定向职称在此无效');
  });

  it('shows the engine\'s full explanation of the directional-use ruleset beneath', async () => {
    const rules = JSON.parse(readFileSync(join(import.meta.dirname, '../../../rules/hrss/directional-use/v1.json'), 'utf8')) as Ruleset;
    const result = evaluate(compileRuleset(rules), { id: 'holder-0003', name: '古丽娜尔', unit: '库尔勒市第二人民医院', prefecture: '巴音郭楞蒙古自治州', unitParticipates: false, titleLevel: 'deputy-senior', priorLevel: 'intermediate' }, { asOf: '2026-01-05' });
    api.get.mockResolvedValueOnce({ holder: HOLDERS[2], result });
    const { wrapper } = await mountPage(HolderListPage, 'admin');
    await wrapper.findAll('[data-test="validity-tag"]')[2]!.trigger('click');
    await flushPromises();
    const explanation = document.querySelector('[data-test="holder-drawer"] [data-test="explanation"]');
    expect(explanation?.textContent).toContain('重新评审前按原层级（中级）聘任');
    expect(explanation?.textContent).toContain('岗位所在地为巴音郭楞蒙古自治州，属南疆地区');
  });

  it('offers 登记聘任 to administrators for those not yet appointed; auditors get no actions', async () => {
    const admin = await mountPage(HolderListPage, 'admin');
    expect(admin.wrapper.find('[data-test="appoint-holder-0001"]').exists()).toBe(true);
    expect(admin.wrapper.find('[data-test="appoint-holder-0003"]').exists()).toBe(false);
    expect(admin.wrapper.find('[data-test="holders-import"]').exists()).toBe(true);
    admin.wrapper.unmount();
    const auditor = await mountPage(HolderListPage, 'auditor');
    expect(auditor.wrapper.find('[data-test="holders-create"]').exists()).toBe(false);
    expect(auditor.wrapper.find('[data-test="appoint-holder-0001"]').exists()).toBe(false);
    expect(names(auditor.wrapper)).toHaveLength(4);
  });
});

describe('the holder form', () => {
  it('requires the record, the prior level below the title and the appointment after the document', () => {
    expect(Object.keys(validateHolderForm(emptyHolderForm())).sort()).toEqual(['documentDate', 'documentNo', 'name', 'series', 'unit']);
    const form = { ...formOf(HOLDERS[0]!), priorLevel: 'deputy-senior', appointedAt: '2025-11-30' };
    expect(validateHolderForm(form)).toEqual({ priorLevel: 'holders.form.priorBelow', appointedAt: 'holders.form.appointedBeforeDocument' });
  });

  it('sends only what changed; a new unit is a move; clearing the appointment sends null', () => {
    const h = HOLDERS[2]!;
    const moved = { ...formOf(h), unit: ' 轮台县人民医院 ' };
    expect(isMove(moved, h)).toBe(true);
    expect(patchBody(moved, h)).toEqual({ unit: '轮台县人民医院' });
    expect(patchBody({ ...formOf(h), appointedAt: '' }, h)).toEqual({ appointedAt: null });
    expect(createBody({ ...formOf(HOLDERS[0]!), name: ' 热娜 ' })).not.toHaveProperty('appointedAt');
  });
});

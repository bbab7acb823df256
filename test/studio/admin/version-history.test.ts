// A ruleset's version history as its author reads it: people by display name, the
// reason a version was sent back and an approval's comment on its row; ids and
// content hashes only for administrators and auditors.
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../studio/src/api/auth.api';
import type { VersionRecord } from '../../../studio/src/api/rulesets.api';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import { signedIn, studioRouter } from './support';

const api = vi.hoisted(() => ({ versions: vi.fn(), version: vi.fn(), diff: vi.fn() }));
vi.mock('../../../studio/src/api/rulesets.api', async (original) => {
  const actual = await original<typeof import('../../../studio/src/api/rulesets.api')>();
  return { ...actual, rulesetsApi: { ...actual.rulesetsApi, versions: api.versions, version: api.version }, rulesetLifecycleApi: { ...actual.rulesetLifecycleApi, diff: api.diff } };
});
const { default: RulesetDetailPage } = await import('../../../studio/src/pages/ruleset/RulesetDetailPage.vue');

const HASH = `sha256:${'ab'.repeat(32)}`;
const base = { id: 'teacher-deputy-senior', department: 'education', title: { zh: '中小学高级教师评审规则' }, note: '', hash: HASH, approvals: [] } as const;
const VERSIONS: VersionRecord[] = [
  { ...base, version: 1, status: 'published', author: 'system', savedAt: '2024-08-01T00:00:00.000Z', basedOn: null, effectiveFrom: '2024-08-20', approvals: [{ by: 'system:seed', at: '2024-08-01T00:00:00.000Z' }], history: [{ action: 'save', by: 'system', at: '2024-08-01T00:00:00.000Z' }] },
  {
    ...base,
    version: 2,
    status: 'draft',
    author: 'edu-official',
    savedAt: '2026-01-05T01:00:00.000Z',
    basedOn: 1,
    history: [
      { action: 'save', by: 'edu-official', at: '2026-01-05T01:00:00.000Z' },
      { action: 'submit', by: 'edu-official', at: '2026-01-05T02:00:00.000Z' },
      { action: 'reject', by: 'admin', at: '2026-01-06T02:00:00.000Z', comment: '请补充依据' },
    ],
  },
  {
    ...base,
    version: 3,
    status: 'approved',
    author: 'edu-official',
    savedAt: '2026-01-07T01:00:00.000Z',
    basedOn: 2,
    approvals: [{ by: 'admin', at: '2026-01-08T02:00:00.000Z', comment: '同意' }],
    history: [
      { action: 'save', by: 'edu-official', at: '2026-01-07T01:00:00.000Z' },
      { action: 'submit', by: 'edu-official', at: '2026-01-07T02:00:00.000Z' },
      { action: 'approve', by: 'admin', at: '2026-01-08T02:00:00.000Z', comment: '同意' },
    ],
  },
];

async function open(role: Role) {
  setLocale('zh-CN');
  const pinia = signedIn(role);
  const router = studioRouter();
  await router.push('/rulesets/teacher-deputy-senior');
  await router.isReady();
  const wrapper = mount(RulesetDetailPage, { attachTo: document.body, global: { plugins: [ElementPlus, i18n, pinia, router] } });
  await flushPromises();
  return wrapper;
}

beforeEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
  api.versions.mockResolvedValue({ versions: VERSIONS, people: { 'edu-official': '王科长', admin: '李处长' } });
  api.version.mockReturnValue(new Promise(() => undefined));
  api.diff.mockReturnValue(new Promise(() => undefined));
});

describe('version history', () => {
  it('names people by display name and shows why a version came back and what the approver said', async () => {
    const wrapper = await open('official');
    const table = wrapper.get('[data-test="version-table"]');
    expect(wrapper.findAll('[data-test="version-author"]').map((a) => a.text())).toEqual(['王科长', '王科长', '系统（初始导入）']);
    expect(wrapper.findAll('[data-test="version-comment"]').map((c) => c.text())).toEqual(['批准 · 李处长：“同意”', '退回 · 李处长：“请补充依据”']);
    expect(table.text()).toContain('李处长');
    // An official reads titles and versions, not ids or hashes.
    expect(wrapper.text()).not.toContain('edu-official');
    expect(wrapper.text()).not.toContain(HASH.slice(7, 19));
    expect(wrapper.find('[data-test="copy-hash"]').exists()).toBe(false);
  });

  it('keeps the content hash for administrators and auditors', async () => {
    const wrapper = await open('auditor');
    expect(wrapper.find('[data-test="copy-hash"]').exists()).toBe(true);
  });
});

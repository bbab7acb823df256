// The filing tab: the recorded package with its manifest hash and files; verifying
// an uploaded package names each file at fault. The API is mocked.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FilingManifest, FilingRecord } from '../../../studio/src/api/filing.api';
import type { ReviewSession } from '../../../studio/src/api/sessions.api';
import SessionFilingTab from '../../../studio/src/pages/sessions/SessionFilingTab.vue';
import { mountPage } from '../admin/support';

const filing = vi.hoisted(() => ({ build: vi.fn(), manifest: vi.fn(), verify: vi.fn(), downloadUrl: vi.fn((id: string) => `/api/v1/sessions/${id}/filing`) }));
vi.mock('../../../studio/src/api/filing.api', async (original) => ({ ...(await original<object>()), filingApi: filing }));

const HASH = `sha256:${'b'.repeat(64)}`;
const RECORD: FilingRecord = { package: { hash: `sha256:${'c'.repeat(64)}`, name: 'session-0001-备案.zip' }, manifestHash: HASH, builtBy: 'admin', builtAt: '2026-10-14T02:00:00.000Z' };
const MANIFEST: FilingManifest = {
  format: 'pingshen-filing/1',
  session: { id: 'session-0001', title: '2026 年卫生系列副高级评审会', series: 'health', level: 'deputy-senior', year: 2026 },
  finalisedAt: '2026-10-13T01:00:00.000Z',
  files: [
    { path: 'audit-head.json', sha256: `sha256:${'1'.repeat(64)}`, size: 120 },
    { path: 'meeting.json', sha256: `sha256:${'2'.repeat(64)}`, size: 2048 },
  ],
};
const SESSION = { id: 'session-0001', title: MANIFEST.session.title, series: 'health', level: 'deputy-senior', year: 2026, status: 'finalised', finalisedAt: MANIFEST.finalisedAt, filing: RECORD } as unknown as ReviewSession;

beforeEach(() => {
  vi.clearAllMocks();
  filing.manifest.mockResolvedValue({ filing: RECORD, manifest: MANIFEST });
});
afterEach(() => {
  document.body.innerHTML = '';
});

async function choose(wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], file: File): Promise<void> {
  const input = wrapper.get('[data-test="filing-verify-input"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await flushPromises();
}

describe('the filing tab', () => {
  it('shows the recorded package: manifest hash, download, every file with its sha256', async () => {
    const { wrapper } = await mountPage(SessionFilingTab, 'auditor', { props: { session: SESSION } });
    expect(wrapper.get('[data-test="filing-manifest-hash"]').text()).toBe(HASH);
    expect(wrapper.get('[data-test="filing-download"]').attributes('href')).toBe('/api/v1/sessions/session-0001/filing');
    expect(wrapper.findAll('[data-test="manifest-row"]').map((r) => r.text())).toEqual(['audit-head.json', 'meeting.json']);
    expect(wrapper.find('[data-test="filing-build"]').exists()).toBe(false);
  });

  it('verifying a package names each file at fault and whether it is the recorded one', async () => {
    filing.verify.mockResolvedValue({
      ok: false,
      manifestHash: HASH,
      session: MANIFEST.session,
      files: 3,
      problems: [
        { file: 'meeting.json', reason: 'hash-mismatch', message: { zh: 'meeting.json 的 sha256 与清单不符（内容被改动）', en: 'x' } },
        { file: 'notes.txt', reason: 'unlisted', message: { zh: 'notes.txt 不在清单中（多出的文件）', en: 'y' } },
      ],
      recorded: { manifestHash: HASH, matches: true },
    });
    const { wrapper } = await mountPage(SessionFilingTab, 'admin', { props: { session: SESSION } });
    const file = new File([new Uint8Array([80, 75, 3, 4])], 'pkg.zip', { type: 'application/zip' });
    await choose(wrapper, file);
    expect(filing.verify).toHaveBeenCalledWith(file);
    const result = wrapper.get('[data-test="verify-result"]');
    expect(result.attributes('data-ok')).toBe('false');
    expect(result.text()).toContain('pkg.zip：校验未通过，2 个问题');
    expect(wrapper.findAll('[data-test="verify-problem"]').map((p) => p.text())).toEqual(['meeting.json', 'notes.txt']);
    expect(result.text()).toContain('内容被改动');
    expect(result.text()).toContain('清单外文件');
  });

  it('before finalising there is nothing to build; an administrator builds once finalised', async () => {
    const { wrapper: early } = await mountPage(SessionFilingTab, 'admin', { props: { session: { ...SESSION, status: 'publicity', filing: undefined } } });
    expect(early.find('[data-test="filing-not-yet"]').exists()).toBe(true);
    expect(early.find('[data-test="filing-build"]').exists()).toBe(false);
    early.unmount();

    filing.build.mockResolvedValue({ filing: RECORD, manifest: MANIFEST });
    const { wrapper } = await mountPage(SessionFilingTab, 'admin', { props: { session: { ...SESSION, filing: undefined } } });
    await wrapper.get('[data-test="filing-build"]').trigger('click');
    await flushPromises();
    expect(filing.build).toHaveBeenCalledWith('session-0001');
    expect((wrapper.emitted('changed')?.[0]?.[0] as ReviewSession).filing).toEqual(RECORD);
  });
});

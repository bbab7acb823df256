// Stored evaluations in the studio, against a mocked fetch (the real server is the
// e2e test's): the list shows each record's ruleset version and hash, applicant, date
// and outcome, pages on the server and filters by ruleset; the replay says "identical"
// with both hashes, or shows the first difference and whether the stored result is
// intact; RULESET_CHANGED reads as a clear message, not a generic error.
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus, { ElPagination, ElSelect } from 'element-plus';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileRuleset, evaluate, type Applicant, type EvaluationResult } from '../../../engine/index';
import type { EvaluationRecord, ReplayOutcome } from '../../../studio/src/api/evaluations.api';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import EvaluationDetailPage from '../../../studio/src/pages/evaluations/EvaluationDetailPage.vue';
import EvaluationListPage from '../../../studio/src/pages/evaluations/EvaluationListPage.vue';
import ReplayPanel from '../../../studio/src/pages/evaluations/ReplayPanel.vue';
import { ROOT, shippedRulesets } from '../../support/rulesets';
import { navFor } from '../../../studio/src/navigation';
import { mountPage, signedIn, studioRouter } from '../admin/support';

const hash = (c: string) => `sha256:${c.repeat(64)}`;
const shipped = shippedRulesets().find((s) => s.ruleset.id === 'teacher-deputy-senior')!;
const sample = (JSON.parse(readFileSync(join(ROOT, 'rules/samples/named/teacher.json'), 'utf8')) as Array<{ applicant: Applicant }>)[0]!;
const RESULT: EvaluationResult = evaluate(compileRuleset(shipped.resolved), sample.applicant, { asOf: '2024-09-30' });

const record = (n: number, over: Partial<EvaluationRecord> = {}): EvaluationRecord => ({
  id: `eval-${String(n).padStart(6, '0')}`,
  rulesetId: 'teacher-deputy-senior',
  version: 1,
  rulesetHash: hash('a'),
  extends: [{ id: 'bz-common', version: 1, hash: hash('c') }],
  series: 'teacher',
  asOf: '2024-09-30',
  pinned: false,
  engineVersion: '1.0.0',
  inputHash: hash('b'),
  applicantId: `JS-F-N0${n}`,
  outcome: { eligible: true, vetoed: false, score: 71.9, passed: true },
  by: 'teacher-committee',
  at: '2026-03-01T08:00:00.000Z',
  input: hash('b'),
  result: hash('d'),
  ...over,
});

/** Answers by method and path; records each request so tests can check the query. */
type Route = (url: URL, init: RequestInit | undefined) => { status?: number; body: unknown } | undefined;
let routes: Route[] = [];
const requests: Array<{ method: string; url: URL }> = [];

beforeEach(() => {
  routes = [];
  requests.length = 0;
  vi.stubGlobal('fetch', vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://studio.test');
    requests.push({ method: init?.method ?? 'GET', url });
    for (const route of routes) {
      const answer = route(url, init);
      if (answer) return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'Content-Type': 'application/json' } });
    }
    return new Response(JSON.stringify({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'no route', details: {} }), { status: 404, headers: { 'Content-Type': 'application/json' } });
  }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const RULESETS = {
  rulesets: [
    { id: 'teacher-deputy-senior', department: 'education', series: 'teacher', title: { zh: '中小学教师副高级' }, latest: 1, versions: [] },
    { id: 'health-deputy-senior', department: 'health', series: 'health', title: { zh: '卫生副高级' }, latest: 1, versions: [] },
  ],
};

describe('menu and routes', () => {
  it.each([
    ['admin', true],
    ['committee', true],
    ['auditor', true],
    ['official', false],
  ] as const)('%s: 评审记录 in the menu and its pages open = %s', async (role, allowed) => {
    expect(navFor(role).some((item) => item.route === 'evaluations')).toBe(allowed);
    signedIn(role);
    const router = studioRouter();
    await router.push('/evaluations/eval-000001');
    expect(router.currentRoute.value.name).toBe(allowed ? 'evaluation' : 'forbidden');
    await router.push('/evaluations');
    expect(router.currentRoute.value.name).toBe(allowed ? 'evaluations' : 'forbidden');
  });
});

describe('evaluations list', () => {
  it('shows each record newest first with ruleset@version, short hash, applicant, date, outcome tags, by and at; pages and filters on the server', async () => {
    const vetoed = record(2, { applicantId: 'JS-F-N02', outcome: { eligible: true, vetoed: true, score: 64.25, passed: false } });
    routes.push((url) => (url.pathname === '/api/v1/rulesets' ? { body: RULESETS } : undefined));
    routes.push((url) => (url.pathname === '/api/v1/evaluations' ? { body: { evaluations: [vetoed, record(1)], total: 45, offset: Number(url.searchParams.get('offset') ?? 0), limit: 20 } } : undefined));
    const { wrapper, router } = await mountPage(EvaluationListPage, 'auditor');

    const rows = wrapper.findAll('[data-test="evaluations-table"] .el-table__body tr');
    expect(rows).toHaveLength(2);
    const first = rows[0]!.text();
    expect(first).toContain('eval-000002');
    expect(first).toContain('teacher-deputy-senior@v1');
    expect(first).toContain('aaaaaaaaaaaa');
    expect(first).not.toContain('a'.repeat(20));
    expect(first).toContain('JS-F-N02');
    expect(first).toContain('2024-09-30');
    expect(first).toContain('资格符合');
    expect(first).toContain('一票否决');
    expect(first).toContain('64.25 分');
    expect(first).toContain('未通过');
    expect(first).toContain('teacher-committee');
    expect(rows[1]!.text()).toContain('71.9 分');
    expect(rows[1]!.text()).toContain('通过');
    expect(rows[1]!.text()).not.toContain('一票否决');
    expect(wrapper.text()).toContain('共 45 条');
    expect(requests.find((r) => r.url.pathname === '/api/v1/evaluations')!.url.search).toBe('?offset=0&limit=20');

    // Page 3 is asked of the server, not sliced here.
    wrapper.findComponent(ElPagination).vm.$emit('update:current-page', 3);
    await flushPromises();
    await vi.waitFor(() => expect(requests.at(-1)!.url.search).toBe('?offset=40&limit=20'));

    // Filtering by ruleset starts again at the first page.
    wrapper.findComponent(ElSelect).vm.$emit('update:modelValue', 'health-deputy-senior');
    await flushPromises();
    await vi.waitFor(() => expect(requests.at(-1)!.url.search).toBe('?rulesetId=health-deputy-senior&offset=0&limit=20'));
    expect(router.currentRoute.value.query).toEqual({ rulesetId: 'health-deputy-senior' });
  });

  it('says so when there is nothing, and shows the server’s error with a retry', async () => {
    routes.push((url) => (url.pathname === '/api/v1/rulesets' ? { body: RULESETS } : undefined));
    let fail = true;
    routes.push((url) =>
      url.pathname === '/api/v1/evaluations'
        ? fail
          ? { status: 403, body: { statusCode: 403, code: 'FORBIDDEN', message: 'no', details: { text: { zh: '无权查看评审记录', en: 'Not allowed' } } } }
          : { body: { evaluations: [], total: 0, offset: 0, limit: 20 } }
        : undefined,
    );
    routes.push((url) => (url.pathname === '/api/v1/auth/me' ? { body: { user: { username: 'auditor', displayName: '赵审计', role: 'auditor', disabled: false } } } : undefined));
    const { wrapper } = await mountPage(EvaluationListPage, 'auditor');
    expect(wrapper.get('[role="alert"]').text()).toContain('无权查看评审记录');
    fail = false;
    await wrapper.get('[role="alert"] button').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="evaluations-table"]').text()).toContain('还没有评审记录');
    expect(wrapper.find('[data-test="evaluations-pager"]').exists()).toBe(false);
  });
});

describe('evaluation detail', () => {
  it('shows the record’s hashes, the explanation and a link to the printable page', async () => {
    const rec = record(1, { rulesetHash: RESULT.ruleset.hash, inputHash: RESULT.inputHash, input: RESULT.inputHash });
    routes.push((url) => (url.pathname === '/api/v1/evaluations/eval-000001' ? { body: { record: rec, result: RESULT } } : undefined));
    routes.push((url) => (url.pathname.startsWith('/api/v1/rulesets/') ? { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'x', details: {} } } : undefined));
    const { wrapper, router } = await mountPage(EvaluationDetailPage, 'committee');
    await router.push('/evaluations/eval-000001');
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[data-test="evaluation-record"]').exists()).toBe(true));
    expect(wrapper.get('[data-test="record-ruleset-hash"]').text()).toBe(RESULT.ruleset.hash);
    expect(wrapper.get('[data-test="record-input-hash"]').text()).toBe(RESULT.inputHash);
    expect(wrapper.get('[data-test="record-result-blob"]').text()).toBe(hash('d'));
    expect(wrapper.text()).toContain(`bz-common v1 · ${hash('c')}`);
    expect(wrapper.find('[data-test="explanation"]').exists()).toBe(true);
    expect(wrapper.get('[data-test="print-link"]').attributes('href')).toBe('/evaluations/eval-000001/print');
  });
});

describe('evaluation detail of an altered archive', () => {
  it('says the stored result was altered (BLOB_CORRUPT) and still offers the replay, which names the file', async () => {
    routes.push((url) =>
      url.pathname === '/api/v1/evaluations/eval-000001'
        ? { status: 500, body: { statusCode: 500, code: 'BLOB_CORRUPT', message: 'corrupt', details: { hash: hash('d'), actual: hash('e'), text: { zh: '文件内容与其地址不符', en: 'corrupt' } } } }
        : undefined,
    );
    routes.push((url, init) =>
      url.pathname === '/api/v1/evaluations/eval-000001/replay' && init?.method === 'POST'
        ? { body: { identical: false, intact: false, mismatches: [{ blob: 'result', expected: hash('d'), actual: hash('e') }], original: { resultHash: hash('e'), recordedHash: hash('d'), intact: false }, replay: { resultHash: hash('d') }, firstDifference: '/score', result: RESULT } satisfies ReplayOutcome }
        : undefined,
    );
    const { wrapper, router } = await mountPage(EvaluationDetailPage, 'auditor');
    await router.push('/evaluations/eval-000001');
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[data-test="evaluation-altered"]').exists()).toBe(true));
    expect(wrapper.get('[data-test="evaluation-altered"]').text()).toContain('存档结果已被改动');
    expect(wrapper.text()).not.toContain('BLOB_CORRUPT');
    await wrapper.get('[data-test="replay-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-test="replay-mismatch"]').map((m) => m.text())).toEqual(['评审结果（当时答复的结论）已被改动']);
  });
});

describe('replay', () => {
  const mountPanel = () => {
    setLocale('zh-CN');
    return mount(ReplayPanel, { props: { evaluationId: 'eval-000001' }, global: { plugins: [ElementPlus, i18n] } });
  };
  const replayAnswers = (answer: { status?: number; body: unknown }) =>
    routes.push((url, init) => (url.pathname === '/api/v1/evaluations/eval-000001/replay' && init?.method === 'POST' ? answer : undefined));

  it('says the result is identical, byte for byte, with both hashes', async () => {
    const outcome: ReplayOutcome = { identical: true, intact: true, mismatches: [], original: { resultHash: hash('d'), recordedHash: hash('d'), intact: true }, replay: { resultHash: hash('d') }, result: RESULT };
    replayAnswers({ body: outcome });
    const wrapper = mountPanel();
    await wrapper.get('[data-test="replay-button"]').trigger('click');
    await flushPromises();
    const verdict = wrapper.get('[data-test="replay-identical"]');
    expect(verdict.text()).toContain('结果一致（逐字节相同）');
    expect(wrapper.get('[data-test="replay-stored-hash"]').text()).toBe(hash('d'));
    expect(wrapper.get('[data-test="replay-replay-hash"]').text()).toBe(hash('d'));
    expect(wrapper.find('[data-test="replay-different"]').exists()).toBe(false);
    expect(requests.at(-1)!.method).toBe('POST');
  });

  it('shows the first difference and that the stored result was altered when it no longer matches its recorded hash', async () => {
    replayAnswers({ body: { identical: false, intact: false, mismatches: [{ blob: 'result', expected: hash('d'), actual: hash('e') }], original: { resultHash: hash('e'), recordedHash: hash('d'), intact: false }, replay: { resultHash: hash('d') }, firstDifference: '/score', result: RESULT } satisfies ReplayOutcome });
    const wrapper = mountPanel();
    await wrapper.get('[data-test="replay-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test="replay-identical"]').exists()).toBe(false);
    const verdict = wrapper.get('[data-test="replay-different"]');
    expect(verdict.text()).toContain('结果不一致');
    expect(verdict.text()).not.toContain('逐字节相同');
    expect(wrapper.get('[data-test="replay-first-difference"]').text()).toBe('/score');
    expect(wrapper.get('[data-test="replay-integrity"]').text()).toContain('存档已被改动');
    expect(wrapper.findAll('[data-test="replay-mismatch"]').map((m) => m.text())).toEqual(['评审结果（当时答复的结论）已被改动']);
    expect(wrapper.find('[data-test="replay-not-replayed"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="replay-stored-hash"]').text()).toBe(hash('e'));
    expect(wrapper.get('[data-test="replay-recorded-hash"]').text()).toBe(hash('d'));
    expect(wrapper.get('[data-test="replay-replay-hash"]').text()).toBe(hash('d'));
  });

  it('says an intact stored result differs from the replay (another engine), with the root as the difference when it is the whole result', async () => {
    replayAnswers({ body: { identical: false, intact: true, mismatches: [], original: { resultHash: hash('d'), recordedHash: hash('d'), intact: true }, replay: { resultHash: hash('f') }, firstDifference: '', result: RESULT } satisfies ReplayOutcome });
    const wrapper = mountPanel();
    await wrapper.get('[data-test="replay-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="replay-integrity"]').text()).toContain('存档结果完好');
    expect(wrapper.get('[data-test="replay-first-difference"]').text()).toBe('（整个结果）');
  });

  it('says in plain words that the stored input and a rule file were altered or lost and that nothing could be evaluated again, hashes folded beneath', async () => {
    replayAnswers({
      body: {
        identical: false,
        intact: false,
        mismatches: [
          { blob: 'ruleset', rulesetId: 'bz-common', version: 1, expected: hash('c'), actual: hash('9') },
          { blob: 'input', expected: hash('b'), actual: null },
        ],
        original: { resultHash: hash('d'), recordedHash: hash('d'), intact: true },
        replay: null,
      } satisfies ReplayOutcome,
    });
    const wrapper = mountPanel();
    await wrapper.get('[data-test="replay-button"]').trigger('click');
    await flushPromises();
    const verdict = wrapper.get('[data-test="replay-different"]');
    expect(verdict.text()).toContain('无法复核：存档已被改动');
    expect(wrapper.findAll('[data-test="replay-mismatch"]').map((m) => m.text())).toEqual(['规则集 bz-common 第 1 版的规则文件已被改动', '申报人数据（当时评审所用的材料）已丢失']);
    expect(wrapper.get('[data-test="replay-not-replayed"]').text()).toContain('无法重新评审');
    // No first difference or replay hash without a replay; the hashes sit in a folded block.
    expect(wrapper.find('[data-test="replay-first-difference"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="replay-replay-hash"]').exists()).toBe(false);
    const details = verdict.get('details');
    expect(details.attributes('open')).toBeUndefined();
    expect(details.text()).toContain(hash('9'));
    expect(details.text()).toContain('（文件已丢失）');
  });

  it('reads RULESET_CHANGED as a clear message naming the version and both hashes', async () => {
    replayAnswers({
      status: 409,
      body: {
        statusCode: 409,
        code: 'RULESET_CHANGED',
        message: 'changed',
        details: { rulesetId: 'bz-common', version: 1, expected: hash('c'), actual: null, text: { zh: '评审 eval-000001 所用的规则集 bz-common v1 的内容已不存在', en: 'gone' } },
      },
    });
    const wrapper = mountPanel();
    await wrapper.get('[data-test="replay-button"]').trigger('click');
    await flushPromises();
    const message = wrapper.get('[data-test="replay-ruleset-changed"]').text();
    expect(message).toContain('无法复核：所用规则集版本的内容已改变');
    expect(message).toContain('bz-common v1');
    expect(message).toContain(hash('c'));
    expect(message).toContain('该版本已不存在');
    expect(wrapper.find('[data-test="replay-error"]').exists()).toBe(false);
  });
});

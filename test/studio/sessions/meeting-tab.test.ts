// The meeting tab: the meeting date limited to the draw's day .. today (a refusal said
// beside the field), the live quorum indicator as members are ticked (16 of 24 meets
// 2/3, 15 does not), the yes votes needed with 16 present (11) and the 表决 part as a
// clerk types a tally — a tally that does not add up to those present is said beside
// it and cannot be saved —, 分数线, 表决 and 结论 side by side from the server's
// verdicts (58.9 against 65 does not pass with 16 yes), saving a row (scores, then the
// ballot) and handing the new session up, a refused ballot keeping what was typed,
// closing disabled with the reason while scores are missing, the closing confirm, and
// everything read-only for an auditor and after closing. The API is mocked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flushPromises } from '@vue/test-utils';
import { ElMessageBox } from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileRuleset, evaluate, type Ruleset } from '../../../engine/index';
import type { CandidateVerdict, MeetingView } from '../../../studio/src/api/meetings.api';
import type { MeetingResult, ReviewSession, SessionMeeting } from '../../../studio/src/api/sessions.api';
import SessionMeetingTab from '../../../studio/src/pages/sessions/SessionMeetingTab.vue';
import { mountPage } from '../admin/support';

const api = vi.hoisted(() => ({ get: vi.fn(), attendance: vi.fn(), scores: vi.fn(), ballot: vi.fn(), close: vi.fn(), explanation: vi.fn() }));
vi.mock('../../../studio/src/api/meetings.api', async (original) => ({ ...(await original<object>()), meetingsApi: api }));
// The drawer asks for fact labels; without them the explanation reads facts by id.
vi.mock('../../../studio/src/api/rulesets.api', async (original) => ({ ...(await original<object>()), rulesetsApi: { list: vi.fn(), versions: vi.fn(), version: vi.fn().mockRejectedValue(new Error('not in this test')) } }));

const TWO_THIRDS_MEMBERS = { numerator: 2, denominator: 3, of: 'members' as const };
const TWO_THIRDS_PRESENT = { numerator: 2, denominator: 3, of: 'present' as const };
const MEMBERS = Array.from({ length: 24 }, (_, i) => ({ expertId: `exp-${String(i + 1).padStart(4, '0')}`, name: `专家${i + 1}`, unit: '巴州人民医院' }));
const ITEMS: MeetingView['items'] = [
  { factId: 'reviewReport', label: { zh: '个人述职得分' }, min: 0, max: 3, integer: false, itemId: 'reviewReportPoints', itemTitle: { zh: '个人述职' }, cap: 3 },
  { factId: 'reviewDefence', label: { zh: '业绩答辩得分' }, min: 0, max: 4, integer: false, itemId: 'reviewDefencePoints', itemTitle: { zh: '业绩答辩' }, cap: 4 },
  { factId: 'reviewDisplay', label: { zh: '成果展示得分' }, min: 0, max: 3, integer: false, itemId: 'reviewDisplayPoints', itemTitle: { zh: '成果展示' }, cap: 3 },
];

function result(applicantId: string, over: Partial<MeetingResult> = {}): MeetingResult {
  return { applicantId, name: null, unit: null, committeeScores: { reviewReport: 3, reviewDefence: 4, reviewDisplay: 3 }, score: 88, scorePassed: true, votes: { yes: 0, no: 0, abstain: 0 }, passed: false, scoredAt: '2026-01-05T09:00:00Z', ...over };
}

function meetingOf(present: number, results: MeetingResult[] = [], over: Partial<SessionMeeting> = {}): SessionMeeting {
  return { heldOn: '2026-01-05', present: MEMBERS.slice(0, present).map((m) => m.expertId), quorumMet: present >= 16, quorum: TWO_THIRDS_MEMBERS, passVotes: TWO_THIRDS_PRESENT, results, members: 24, quorumNeeded: 16, attendanceAt: '2026-01-05T09:00:00Z', ...over };
}

function sessionWith(meeting?: SessionMeeting, status: ReviewSession['status'] = meeting ? 'meeting' : 'drawn'): ReviewSession {
  return {
    id: 'session-0001',
    title: '2024年度卫生副高级双定向评审会',
    series: 'health',
    level: 'deputy-senior',
    year: 2024,
    runId: 'run-000001',
    rulesetId: 'health-deputy-senior',
    version: 1,
    rulesetHash: `sha256:${'a'.repeat(64)}`,
    asOf: '2024-09-30',
    committeeKind: 'series',
    candidates: [
      { applicantId: 'A01', name: '敖登', unit: '轮台县人民医院', rank: 1, score: 86.5 },
      { applicantId: 'A02', name: '韩春花', unit: '轮台县人民医院', rank: 2, score: 84 },
    ],
    quotas: [{ unit: '轮台县人民医院', posts: 2 }],
    status,
    draw: { algorithm: 'x', seed: '00', requested: 25, minimum: 25, odd: true, meetingOn: '2026-01-05', pool: [], poolHash: 'sha256:0', members: MEMBERS, excluded: [], sessionConflicts: [], acceptedBelowMinimum: true, warnings: [], drawnBy: 'admin', drawnAt: '2026-01-05T09:00:00Z' },
    ...(meeting ? { meeting } : {}),
    createdBy: 'admin',
    createdAt: '2026-01-05T09:00:00Z',
    updatedAt: '2026-01-05T09:00:00Z',
  };
}

type Part = CandidateVerdict['score']['state'];
/** A verdict as the server answers it: the score part against a pass mark of 65, the vote part of 16 present. */
function verdictOf(applicantId: string, score: Part, votes: Part, over: { score?: number; yes?: number; reasons?: string[] } = {}): CandidateVerdict {
  const passed = score === 'passed' && votes === 'passed';
  return {
    applicantId,
    score: { required: true, state: score, score: score === 'pending' ? null : (over.score ?? 88), passMark: 65, reasons: [] },
    votes: { required: true, state: votes, yes: votes === 'pending' ? null : (over.yes ?? 11), needed: 11, base: 16, reasons: [] },
    passed,
    reasons: (over.reasons ?? []).map((zh) => ({ zh })),
  };
}

function view(over: Partial<MeetingView> = {}): MeetingView {
  return {
    sessionId: 'session-0001',
    status: 'meeting',
    members: MEMBERS,
    items: ITEMS,
    quorum: { fraction: TWO_THIRDS_MEMBERS, members: 24, present: 0, needed: 16, met: false },
    passVotes: { fraction: TWO_THIRDS_PRESENT, needed: 0 },
    passRule: { requires: ['enginePassed', 'passVotes'], recorded: true },
    passMark: 65,
    verdicts: [verdictOf('A01', 'pending', 'pending'), verdictOf('A02', 'pending', 'pending')],
    closing: { missingScores: ['A01', 'A02'], missingBallots: ['A01', 'A02'] },
    heldOnRange: { earliest: '2026-01-02', latest: '2026-01-05' },
    meeting: null,
    ...over,
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  api.get.mockResolvedValue(view());
});
afterEach(() => {
  document.body.innerHTML = '';
});

type Wrapper = Awaited<ReturnType<typeof mountPage>>['wrapper'];
const mountTab = (session: ReviewSession, role: 'admin' | 'committee' | 'auditor' = 'committee') => mountPage(SessionMeetingTab, role, { props: { session } });
const at = (w: Wrapper, test: string, applicant: string) => w.get(`[data-test="${test}"][data-applicant="${applicant}"]`);
async function type(w: Wrapper, test: string, applicant: string, value: number): Promise<void> {
  const input = at(w, test, applicant).get('input');
  await input.setValue(String(value));
  await input.trigger('change');
}

describe('the meeting tab', () => {
  it('shows the quorum live while members are ticked: 16 of 24 meets 2/3, 15 does not', async () => {
    const { wrapper } = await mountTab(sessionWith());
    expect(wrapper.get('[data-test="quorum-indicator"]').text()).toContain('出席 0 / 24，法定人数 ≥ 16 ✗');
    await wrapper.get('[data-test="attendance-all"]').trigger('click');
    expect(wrapper.get('[data-test="quorum-indicator"]').text()).toContain('出席 24 / 24，法定人数 ≥ 16 ✓');
    const boxes = wrapper.findAll('[data-test="attendance-member"] input');
    for (const box of boxes.slice(16)) await box.setValue(false);
    expect(wrapper.get('[data-test="quorum-indicator"]').text()).toContain('出席 16 / 24，法定人数 ≥ 16 ✓');
    await boxes[15]!.setValue(false);
    expect(wrapper.get('[data-test="quorum-indicator"]').attributes('data-met')).toBe('false');
    expect(wrapper.get('[data-test="quorum-indicator"]').text()).toContain('出席 15 / 24，法定人数 ≥ 16 ✗');
    expect(wrapper.find('[data-test="meeting-need-attendance"]').exists()).toBe(true);

    const saved = sessionWith(meetingOf(15));
    api.attendance.mockResolvedValue({ session: saved, meeting: saved.meeting });
    await wrapper.get('[data-test="attendance-save"]').trigger('click');
    await flushPromises();
    expect(api.attendance).toHaveBeenCalledWith('session-0001', { heldOn: '2026-01-05', present: MEMBERS.slice(0, 15).map((m) => m.expertId) });
    expect(wrapper.emitted('changed')).toEqual([[saved]]);
  });

  it('dates the meeting from the day of the draw to today: other days cannot be picked, and a refusal is said beside the field', async () => {
    const { ApiError } = await import('../../../studio/src/api/http');
    const { wrapper } = await mountTab(sessionWith());
    expect(wrapper.get('[data-test="held-on-range"]').text()).toBe('可选 2026-01-02 至 2026-01-05（抽取评委之日至今天）');
    const picker = wrapper.findComponent({ name: 'ElDatePicker' });
    const disabled = picker.props('disabledDate') as (d: Date) => boolean;
    expect([new Date(2026, 0, 1), new Date(2026, 0, 2), new Date(2026, 0, 5), new Date(2026, 0, 6)].map(disabled)).toEqual([true, false, false, true]);

    picker.vm.$emit('update:modelValue', '2026-01-06');
    await flushPromises();
    expect(wrapper.get('[data-test="held-on-error"]').text()).toBe('会议日期 2026-01-06 晚于今天 2026-01-05：会议开过后再登记出席情况');
    await wrapper.get('[data-test="attendance-all"]').trigger('click');
    expect(wrapper.get('[data-test="attendance-save"]').attributes('disabled')).toBeDefined();

    // The server's own refusal (its clock decides) is said beside the field too, in its words.
    picker.vm.$emit('update:modelValue', '2026-01-03');
    await flushPromises();
    api.attendance.mockRejectedValue(new ApiError({ statusCode: 400, code: 'MEETING_BEFORE_DRAW', message: 'x', details: { text: { zh: '会议日期 2026-01-03 早于评委抽取日期 2026-01-04：评委须先抽取、后开会', en: 'x' } } }));
    await wrapper.get('[data-test="attendance-save"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="held-on-error"]').text()).toBe('会议日期 2026-01-03 早于评委抽取日期 2026-01-04：评委须先抽取、后开会');
    expect(wrapper.find('[data-test="api-error"]').exists()).toBe(false);
  });

  it('with 16 present needs 11 yes: the 表决 part follows the tally typed, which must add up to the 16 present; saving sends scores, then the ballot', async () => {
    api.get.mockResolvedValue(view({ verdicts: [verdictOf('A01', 'passed', 'pending'), verdictOf('A02', 'pending', 'pending')] }));
    const session = sessionWith(meetingOf(16, [result('A01')]));
    const { wrapper } = await mountTab(session);
    expect(wrapper.get('[data-test="needed-hint"]').text()).toBe('需同意 ≥ 11');
    expect(at(wrapper, 'vote-part', 'A01').text()).toBe('未表决');
    expect(at(wrapper, 'pass-tag', 'A01').text()).toBe('待定');

    await type(wrapper, 'vote-yes', 'A01', 10);
    await type(wrapper, 'vote-no', 'A01', 4);
    await type(wrapper, 'vote-abstain', 'A01', 2);
    expect(at(wrapper, 'vote-part', 'A01').text()).toBe('未通过');
    expect(at(wrapper, 'ballot-count', 'A01').text()).toBe('同意 10 / 需 11');
    // Unsaved: the outcome waits for the server.
    expect(at(wrapper, 'pass-tag', 'A01').attributes('data-verdict')).toBe('unsaved');
    // 17 and 15 ballots of 16 present: said beside the fields, not saved.
    await type(wrapper, 'vote-yes', 'A01', 11);
    expect(at(wrapper, 'vote-part', 'A01').attributes('data-state')).toBe('mismatch');
    expect(at(wrapper, 'ballot-count', 'A01').text()).toBe('同意 11 + 反对 4 + 弃权 2 = 17，应等于出席 16 人');
    expect(at(wrapper, 'row-save', 'A01').attributes('disabled')).toBeDefined();
    await type(wrapper, 'vote-no', 'A01', 2);
    expect(at(wrapper, 'ballot-count', 'A01').text()).toBe('同意 11 + 反对 2 + 弃权 2 = 15，应等于出席 16 人');
    expect(at(wrapper, 'row-save', 'A01').attributes('disabled')).toBeDefined();
    await type(wrapper, 'vote-no', 'A01', 3);
    expect(at(wrapper, 'vote-part', 'A01').text()).toBe('通过');
    expect(at(wrapper, 'row-save', 'A01').attributes('disabled')).toBeUndefined();

    const afterBallot = sessionWith(meetingOf(16, [result('A01', { votes: { yes: 11, no: 3, abstain: 2 }, passed: true, votedAt: '2026-01-05T09:00:00Z' })]));
    api.ballot.mockResolvedValue({ session: afterBallot, result: afterBallot.meeting!.results[0] });
    api.get.mockResolvedValue(view({ verdicts: [verdictOf('A01', 'passed', 'passed'), verdictOf('A02', 'pending', 'pending')] }));
    await at(wrapper, 'row-save', 'A01').trigger('click');
    await flushPromises();
    // A01's scores were saved before: only the ballot goes.
    expect(api.scores).not.toHaveBeenCalled();
    expect(api.ballot).toHaveBeenCalledWith('session-0001', 'A01', { yes: 11, no: 3, abstain: 2 });
    expect(wrapper.emitted('changed')).toEqual([[afterBallot]]);
    await wrapper.setProps({ session: afterBallot });
    expect(at(wrapper, 'pass-tag', 'A01').text()).toBe('通过');

    await type(wrapper, 'score-reviewReport', 'A02', 2.5);
    await type(wrapper, 'score-reviewDefence', 'A02', 3);
    await type(wrapper, 'score-reviewDisplay', 'A02', 2);
    const afterScores = sessionWith(meetingOf(16, [result('A02', { committeeScores: { reviewReport: 2.5, reviewDefence: 3, reviewDisplay: 2 } })]));
    api.scores.mockResolvedValue({ session: afterScores, result: afterScores.meeting!.results[0] });
    await at(wrapper, 'row-save', 'A02').trigger('click');
    await flushPromises();
    expect(api.scores).toHaveBeenCalledWith('session-0001', 'A02', { reviewReport: 2.5, reviewDefence: 3, reviewDisplay: 2 });
    expect(api.ballot).toHaveBeenCalledTimes(1);
  });

  it('shows 分数线, 表决 and 结论 side by side: 58.9 against a pass mark of 65 with 16 yes does not pass, and says why', async () => {
    const below = verdictOf('A01', 'notPassed', 'passed', { score: 58.9, yes: 16, reasons: ['得分 58.9 低于分数线 65'] });
    api.get.mockResolvedValue(view({ verdicts: [below, verdictOf('A02', 'passed', 'passed', { score: 70 })], closing: { missingScores: [], missingBallots: [] } }));
    const voted = { votes: { yes: 16, no: 0, abstain: 0 }, votedAt: '2026-01-05T09:00:00Z' };
    const { wrapper } = await mountTab(sessionWith(meetingOf(16, [result('A01', { ...voted, score: 58.9, scorePassed: false }), result('A02', { ...voted, score: 70, passed: true })])));
    expect(wrapper.get('[data-test="pass-rule"]').text()).toBe('通过须同时满足：评议后得分达到分数线 65 分（且具备资格、无否决项），同意票达到出席评委的 2/3。');
    expect(at(wrapper, 'score-part', 'A01').attributes('data-state')).toBe('notPassed');
    expect(at(wrapper, 'score-part', 'A01').text()).toContain('58.9 / 65');
    expect(at(wrapper, 'score-part', 'A01').text()).toContain('未达');
    expect(at(wrapper, 'vote-part', 'A01').text()).toBe('通过');
    expect(at(wrapper, 'pass-tag', 'A01').text()).toBe('未通过');
    expect(at(wrapper, 'verdict-reason', 'A01').text()).toBe('得分 58.9 低于分数线 65');
    expect(at(wrapper, 'score-part', 'A02').text()).toContain('达到');
    expect(at(wrapper, 'pass-tag', 'A02').text()).toBe('通过');
    expect(wrapper.get('[data-test="meeting-summary"]').text()).toBe('通过 1 人，未通过 1 人，未表决 0 人');
  });

  it('closing is disabled with the reason while a candidate has no committee scores', async () => {
    api.get.mockResolvedValue(view({ verdicts: [verdictOf('A01', 'passed', 'passed'), verdictOf('A02', 'pending', 'pending')], closing: { missingScores: ['A02'], missingBallots: ['A02'] } }));
    const { wrapper } = await mountTab(sessionWith(meetingOf(16, [result('A01', { votes: { yes: 16, no: 0, abstain: 0 }, passed: true, votedAt: 'x' })])));
    expect(wrapper.get('[data-test="meeting-close"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-test="close-blocked"]').text()).toBe('还有 1 名参评人员未录入评委会评分（韩春花），不能结束会议');
    expect(at(wrapper, 'score-part', 'A02').text()).toContain('待评分');
  });

  it('says a refused ballot beside the row in the server words, and keeps what was typed', async () => {
    const { ApiError } = await import('../../../studio/src/api/http');
    const { wrapper } = await mountTab(sessionWith(meetingOf(16, [result('A01')])));
    api.ballot.mockRejectedValue(new ApiError({ statusCode: 409, code: 'QUORUM_NOT_MET', message: 'x', details: { text: { zh: '出席评委 15 人，未达到法定人数 16 人', en: 'x' } } }));
    await type(wrapper, 'vote-yes', 'A01', 12);
    await type(wrapper, 'vote-no', 'A01', 4);
    await type(wrapper, 'vote-abstain', 'A01', 0);
    await at(wrapper, 'row-save', 'A01').trigger('click');
    await flushPromises();
    expect(at(wrapper, 'row-error', 'A01').text()).toBe('出席评委 15 人，未达到法定人数 16 人');
    expect(at(wrapper, 'row-error', 'A01').attributes('data-code')).toBe('QUORUM_NOT_MET');
    expect((at(wrapper, 'vote-yes', 'A01').get('input').element as HTMLInputElement).value).toBe('12');
    expect((at(wrapper, 'vote-no', 'A01').get('input').element as HTMLInputElement).value).toBe('4');
  });

  it('closes the meeting after a confirm, and locks attendance once a ballot was cast', async () => {
    const voted = result('A01', { votes: { yes: 16, no: 0, abstain: 0 }, passed: true, votedAt: '2026-01-05T09:00:00Z' });
    api.get.mockResolvedValue(view({ verdicts: [verdictOf('A01', 'passed', 'passed'), verdictOf('A02', 'passed', 'passed')], closing: { missingScores: [], missingBallots: [] } }));
    const { wrapper } = await mountTab(sessionWith(meetingOf(16, [voted, result('A02', { votes: { yes: 16, no: 0, abstain: 0 }, passed: true, votedAt: 'x' })])));
    expect(wrapper.find('[data-test="attendance-save"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="attendance-locked"]').exists()).toBe(true);
    expect(wrapper.get('[data-test="meeting-summary"]').text()).toBe('通过 2 人，未通过 0 人，未表决 0 人');

    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never);
    const closedSession = sessionWith(meetingOf(16, [voted], { closedAt: '2026-01-05T10:00:00Z', closedBy: 'admin' }), 'voted');
    api.close.mockResolvedValue({ session: closedSession, meeting: closedSession.meeting });
    await wrapper.get('[data-test="meeting-close"]').trigger('click');
    await flushPromises();
    expect(confirm).toHaveBeenCalled();
    expect(api.close).toHaveBeenCalledWith('session-0001');
    expect(wrapper.emitted('changed')).toEqual([[closedSession]]);

    await wrapper.setProps({ session: closedSession });
    expect(wrapper.get('[data-test="meeting-closed"]').text()).toContain('会议已于 2026-01-05 10:00 结束（admin）');
    expect(wrapper.find('[data-test="meeting-close"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="row-save"]').exists()).toBe(false);
  });

  it('is read-only for an auditor, who may still open the explanation', async () => {
    // Any engine result will do: the drawer shows it with the shared explanation view.
    const rules = JSON.parse(readFileSync(join(import.meta.dirname, '../../../rules/hrss/directional-use/v1.json'), 'utf8')) as Ruleset;
    const evaluated = evaluate(compileRuleset(rules), rules.tests![0]!.applicant, { asOf: '2026-01-05' });
    api.explanation.mockResolvedValue({ applicantId: 'A01', applied: false, committeeScores: {}, items: ITEMS, result: evaluated });
    const { wrapper } = await mountTab(sessionWith(meetingOf(16, [result('A01')])), 'auditor');
    expect(wrapper.find('[data-test="attendance-save"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="row-save"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="meeting-close"]').exists()).toBe(false);
    expect(at(wrapper, 'vote-yes', 'A01').classes()).toContain('is-disabled');
    expect(at(wrapper, 'score-reviewReport', 'A02').classes()).toContain('is-disabled');
    await at(wrapper, 'row-explain', 'A01').trigger('click');
    await flushPromises();
    expect(api.explanation).toHaveBeenCalledWith('session-0001', 'A01');
    expect(document.querySelector('[data-test="meeting-explanation-drawer"] [data-test="explanation"]')).not.toBeNull();
    expect(document.querySelector('[data-test="meeting-explanation-drawer"]')?.textContent).toContain('尚未录入评委会评分');
  });

  it('asks for the draw first when no members are drawn', async () => {
    const session = sessionWith();
    delete session.draw;
    session.status = 'preparing';
    const { wrapper } = await mountTab(session, 'admin');
    expect(wrapper.get('[data-test="meeting-no-draw"]').text()).toContain('请先在“评委抽取”中抽取评委');
  });
});

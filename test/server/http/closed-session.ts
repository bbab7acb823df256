// For the publicity and filing suites: an app whose clock a test moves (finalising
// depends on the day in China time), signed-in agents, and review sessions made
// directly in the store up to a closed meeting — the other stages' routes are not
// needed to test what comes after them.
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../server/http/app';
import { hashPassword } from '../../../server/http/passwords';
import { seedRules } from '../../../server/seed-rules';
import { openStore, type MeetingResult, type ReviewSession, type Store } from '../../../server/storage/index';
import { AT, COST, PASSWORD, RULES_DIR, USERS, type Agents } from './helpers';

export interface Clocked {
  store: Store;
  app: Express;
  agents: Agents;
  /** The server clock; tests set it. */
  clock: { now: string };
}

export async function setupClocked(): Promise<Clocked> {
  const store = await openStore({ memory: true });
  await seedRules(store, RULES_DIR, AT);
  const hash = await hashPassword(PASSWORD, COST);
  for (const user of USERS) await store.users.create({ ...user, passwordHash: hash }, { actor: 'system', at: AT });
  const clock = { now: AT };
  const app = createApp({ store, config: { scryptCost: COST, now: () => clock.now, logError: () => undefined } });
  const agents: Agents = {};
  for (const user of USERS) {
    const agent = request.agent(app);
    await agent.post('/api/v1/auth/login').send({ username: user.username, password: PASSWORD });
    agents[user.username] = agent;
  }
  return { store, app, agents, clock };
}

const act = { actor: 'admin', at: '2026-09-01T02:00:00.000Z' };

const entered = { eligible: true, vetoed: false, passMark: 60, scoredBy: 'admin', scoredAt: '2026-09-29T03:00:00.000Z', votedBy: 'admin', votedAt: '2026-09-29T04:00:00.000Z' };

/** 24 members drawn, 24 present, all above the pass mark of 60; A1 passes 16/24, A2 fails 15/24, A3 passes 20/24. */
export const RESULTS: MeetingResult[] = [
  { applicantId: 'A1', name: '张三', unit: '库尔勒市人民医院', committeeScores: { reviewReport: 8 }, score: 86.5, scorePassed: true, votes: { yes: 16, no: 6, abstain: 2 }, passed: true, ...entered },
  { applicantId: 'A2', name: '李四', unit: '轮台县人民医院', committeeScores: { reviewReport: 6 }, score: 71, scorePassed: true, votes: { yes: 15, no: 9, abstain: 0 }, passed: false, ...entered },
  { applicantId: 'A3', name: '王五', unit: '和静县人民医院', committeeScores: { reviewReport: 9 }, score: 90.25, scorePassed: true, votes: { yes: 20, no: 4, abstain: 0 }, passed: true, ...entered },
];

/** A health deputy-senior session, drawn and met on `heldOn`; `closed: false` leaves the meeting open. */
export async function closedSession(store: Store, options: { heldOn?: string; closed?: boolean; series?: string } = {}): Promise<ReviewSession> {
  const heldOn = options.heldOn ?? '2026-09-29';
  const record = store.rulesets.get('health-deputy-senior', 1)!;
  const session = await store.sessions.create(
    {
      title: '2026 年卫生系列副高级评审会',
      series: options.series ?? 'health',
      level: 'deputy-senior',
      year: 2026,
      runId: 'run-000001',
      rulesetId: record.id,
      version: record.version,
      rulesetHash: record.hash,
      asOf: '2026-08-31',
      committeeKind: 'series',
      candidates: RESULTS.map((r, i) => ({ applicantId: r.applicantId, name: r.name, unit: r.unit, rank: i + 1, score: r.score })),
      quotas: [{ unit: '库尔勒市人民医院', posts: 1 }],
    },
    act,
  );
  const members = Array.from({ length: 24 }, (_, i) => ({ expertId: `exp-${String(i + 1).padStart(4, '0')}`, name: `专家${i + 1}`, unit: `单位${i + 1}` }));
  await store.sessions.change(
    session.id,
    'draw',
    (s) => {
      s.draw = { algorithm: 'hmac-sha256-ctr/v1+fisher-yates/v1', seed: 'ab'.repeat(16), requested: 24, minimum: 11, odd: false, meetingOn: heldOn, pool: [], poolHash: `sha256:${'0'.repeat(64)}`, members, excluded: [], sessionConflicts: [], acceptedBelowMinimum: false, warnings: [], drawnBy: 'admin', drawnAt: act.at };
      s.status = 'drawn';
      return {};
    },
    act,
  );
  return store.sessions.change(
    session.id,
    'meeting',
    (s) => {
      s.meeting = {
        heldOn,
        present: members.map((m) => m.expertId),
        quorumMet: true,
        quorum: { numerator: 2, denominator: 3, of: 'members' },
        passVotes: { numerator: 2, denominator: 3, of: 'present' },
        results: structuredClone(RESULTS),
        ...(options.closed === false ? {} : { closedAt: `${heldOn}T10:00:00.000Z` }),
      };
      s.status = options.closed === false ? 'meeting' : 'voted';
      return {};
    },
    act,
  );
}

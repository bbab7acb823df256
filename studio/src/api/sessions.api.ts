// Review sessions (server/http/sessions.routes.ts): the wire shape of a session and
// reading them. Each stage's own calls live in its api file (draws, meetings,
// publicity, filing).
import type { LocalText } from './http';
import { http } from './http';

export type SessionStatus = 'preparing' | 'drawn' | 'meeting' | 'voted' | 'publicity' | 'finalised';

export interface SessionCandidate {
  applicantId: string;
  name: string | null;
  unit: string | null;
  rank: number | null;
  score: number;
}

export interface SessionDraw {
  seed: string;
  requested: number;
  minimum: number;
  poolHash: string;
  members: Array<{ expertId: string; name: string; unit: string }>;
  excluded: Array<{ expertId: string; name: string; reason: string }>;
  warnings: LocalText[];
  drawnBy: string;
  drawnAt: string;
}

export interface MeetingResult {
  applicantId: string;
  name: string | null;
  unit: string | null;
  committeeScores: Record<string, number>;
  score: number;
  scorePassed: boolean;
  votes: { yes: number; no: number; abstain: number };
  passed: boolean;
}

export interface Fraction {
  numerator: number;
  denominator: number;
  of: 'members' | 'present';
}

export interface SessionMeeting {
  heldOn: string;
  present: string[];
  quorumMet: boolean;
  quorum: Fraction;
  passVotes: Fraction;
  results: MeetingResult[];
  closedAt?: string;
}

export interface SessionPublicity {
  start: string;
  end: string;
  workingDays: number;
  listed: string[];
  startedBy: string;
  startedAt: string;
}

export interface ReviewSession {
  id: string;
  title: string;
  series: string;
  level: string;
  year: number;
  runId: string;
  rulesetId: string;
  version: number;
  rulesetHash: string;
  asOf: string;
  committeeKind: 'series' | 'specialty';
  candidates: SessionCandidate[];
  quotas: Array<{ unit: string; posts: number }>;
  status: SessionStatus;
  draw?: SessionDraw;
  meeting?: SessionMeeting;
  publicity?: SessionPublicity;
  finalisedAt?: string;
  filing?: { package: { hash: string; name: string }; manifestHash: string; builtBy: string; builtAt: string };
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const sessionsApi = {
  list: () => http.get<{ sessions: ReviewSession[] }>('/sessions'),
  get: (id: string) => http.get<{ session: ReviewSession }>(`/sessions/${encodeURIComponent(id)}`),
};

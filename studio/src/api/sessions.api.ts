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

export interface SessionDrawExclusion {
  expertId: string;
  name: string;
  unit: string;
  /** disabled | term | own-unit | declared-conflict | session-conflict */
  codes: string[];
  /** The reasons in Chinese; `text` has both languages. */
  reason: string;
  text: LocalText;
}

export interface DrawPoolEntry {
  id: string;
  name: string;
  level: string;
  unit: string;
  county: string;
  termStart: string;
  termEnd: string;
}

/** server/storage/types.ts SessionDraw: replayable from the seed and the recorded pool. */
export interface SessionDraw {
  algorithm: string;
  seed: string;
  requested: number;
  minimum: number;
  odd: boolean;
  meetingOn: string;
  /** The eligible experts sorted by id: what the seed shuffled. */
  pool: DrawPoolEntry[];
  poolHash: string;
  /** In draw order. */
  members: Array<{ expertId: string; name: string; unit: string }>;
  excluded: SessionDrawExclusion[];
  sessionConflicts: Array<{ expertId: string; applicantId?: string; unit?: string; reason: string }>;
  acceptedBelowMinimum: boolean;
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
  /** The engine's verdict with the committee's scores applied, and its parts (absent in results recorded before they were kept). */
  scorePassed: boolean;
  eligible?: boolean;
  vetoed?: boolean;
  passMark?: number | null;
  votes: { yes: number; no: number; abstain: number };
  /** The verdict under the meeting's pass rule as stored; the meeting view's `verdicts` explain it. */
  passed: boolean;
  /** The score in the batch run, before the committee's values. */
  runScore?: number;
  scoredBy?: string;
  scoredAt?: string;
  /** Absent until the tally is entered. */
  votedBy?: string;
  votedAt?: string;
  yesNeeded?: number;
}

/** The parts of the pass rule: the engine's result passed, the yes votes reach the fraction. */
export type PassPart = 'enginePassed' | 'passVotes';

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
  /** The pass rule used, recorded with the attendance and at closing. */
  passRule?: { requires: PassPart[] };
  results: MeetingResult[];
  closedAt?: string;
  closedBy?: string;
  members?: number;
  quorumNeeded?: number;
  attendanceBy?: string;
  attendanceAt?: string;
}

export interface SessionPublicity {
  start: string;
  end: string;
  workingDays: number;
  /** The working days counted, start to end. */
  counted: string[];
  /** The calendar years the count went through, and whose they were. */
  calendar: Array<{ year: number; origin: 'shipped' | 'admin'; source: string }>;
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

export interface NewSession {
  runId: string;
  title?: string;
  committeeKind?: 'series' | 'specialty';
}

export const sessionsApi = {
  list: () => http.get<{ sessions: ReviewSession[] }>('/sessions'),
  get: (id: string) => http.get<{ session: ReviewSession }>(`/sessions/${encodeURIComponent(id)}`),
  /** From a completed run: candidates are its applicants recommended within quota. */
  create: (body: NewSession) => http.post<{ session: ReviewSession }>('/sessions', body),
};

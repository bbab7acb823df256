// The review meeting (server/http/meetings.routes.ts): attendance and quorum, the
// committee's scores, the secret-ballot tallies, closing; one candidate's explanation
// with the committee's scores applied.
import type { EvaluationResult } from '../../../engine/index';
import type { LocalText } from './http';
import { http } from './http';
import type { Fraction, MeetingResult, PassPart, ReviewSession, SessionMeeting } from './sessions.api';

/** A fact the committee enters, found in the ruleset's committeeReview category. */
export interface CommitteeItem {
  factId: string;
  label: LocalText | { zh: string; en?: string };
  unit?: LocalText | { zh: string; en?: string };
  min: number;
  max: number | null;
  integer: boolean;
  itemId: string;
  itemTitle: LocalText | { zh: string; en?: string };
  cap: number | null;
}

export type PartState = 'passed' | 'notPassed' | 'pending';

/** One candidate's verdict (server/committee/meeting.ts verdict): 分数线 and 表决 side by side, and the conclusion. */
export interface CandidateVerdict {
  applicantId: string;
  score: { required: boolean; state: PartState; score: number | null; passMark: number | null; reasons: LocalText[] };
  votes: { required: boolean; state: PartState; yes: number | null; needed: number; base: number; reasons: LocalText[] };
  passed: boolean;
  reasons: LocalText[];
}

export interface MeetingView {
  sessionId: string;
  status: ReviewSession['status'];
  members: Array<{ expertId: string; name: string; unit: string }>;
  items: CommitteeItem[];
  quorum: { fraction: Fraction; members: number; present: number; needed: number; met: boolean };
  passVotes: { fraction: Fraction; needed: number };
  passRule: { requires: PassPart[]; recorded: boolean };
  /** The ruleset's pass mark, null when it has none. */
  passMark: number | null;
  /** Every candidate's verdict, in the candidates' order. */
  verdicts: CandidateVerdict[];
  /** What still stops the tallies from being closed. */
  closing: { missingScores: string[]; missingBallots: string[] };
  /** The dates the meeting may carry: from the day of the draw to today (China time, by the server's clock). */
  heldOnRange: { earliest: string | null; latest: string };
  meeting: SessionMeeting | null;
}

export interface Votes {
  yes: number;
  no: number;
  abstain: number;
}

export interface CandidateExplanation {
  applicantId: string;
  /** Whether the committee's scores were entered (else the run's filed values). */
  applied: boolean;
  committeeScores: Record<string, number>;
  items: CommitteeItem[];
  result: EvaluationResult;
}

const base = (id: string) => `/sessions/${encodeURIComponent(id)}/meeting`;

export const meetingsApi = {
  get: (id: string) => http.get<MeetingView>(base(id)),
  attendance: (id: string, body: { heldOn: string; present: string[] }) => http.put<{ session: ReviewSession; meeting: SessionMeeting }>(`${base(id)}/attendance`, body),
  scores: (id: string, applicantId: string, scores: Record<string, number>) =>
    http.put<{ session: ReviewSession; result: MeetingResult }>(`${base(id)}/scores/${encodeURIComponent(applicantId)}`, { scores }),
  ballot: (id: string, applicantId: string, votes: Votes) =>
    http.put<{ session: ReviewSession; result: MeetingResult; verdict: CandidateVerdict }>(`${base(id)}/ballots/${encodeURIComponent(applicantId)}`, votes),
  close: (id: string) => http.post<{ session: ReviewSession; meeting: SessionMeeting }>(`${base(id)}/close`),
  explanation: (id: string, applicantId: string) => http.get<CandidateExplanation>(`${base(id)}/results/${encodeURIComponent(applicantId)}`),
};

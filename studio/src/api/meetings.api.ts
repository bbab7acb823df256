// The review meeting (server/http/meetings.routes.ts): attendance and quorum, the
// committee's scores, the secret-ballot tallies, closing; one candidate's explanation
// with the committee's scores applied.
import type { EvaluationResult } from '../../../engine/index';
import type { LocalText } from './http';
import { http } from './http';
import type { Fraction, MeetingResult, ReviewSession, SessionMeeting } from './sessions.api';

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

export interface MeetingView {
  sessionId: string;
  status: ReviewSession['status'];
  members: Array<{ expertId: string; name: string; unit: string }>;
  items: CommitteeItem[];
  quorum: { fraction: Fraction; members: number; present: number; needed: number; met: boolean };
  passVotes: { fraction: Fraction; needed: number };
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
  ballot: (id: string, applicantId: string, votes: Votes) => http.put<{ session: ReviewSession; result: MeetingResult }>(`${base(id)}/ballots/${encodeURIComponent(applicantId)}`, votes),
  close: (id: string) => http.post<{ session: ReviewSession; meeting: SessionMeeting }>(`${base(id)}/close`),
  explanation: (id: string, applicantId: string) => http.get<CandidateExplanation>(`${base(id)}/results/${encodeURIComponent(applicantId)}`),
};

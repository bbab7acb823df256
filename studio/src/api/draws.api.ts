// Drawing a session's members (server/http/draws.routes.ts): the preview before,
// the one draw, and the replay that verifies it.
import type { LocalText } from './http';
import { http } from './http';
import type { ReviewSession, SessionDraw, SessionDrawExclusion } from './sessions.api';

export interface DrawPreview {
  sessionId: string;
  series: string;
  committeeKind: 'series' | 'specialty';
  status: string;
  meetingOn: string;
  minimum: number;
  odd: boolean;
  /** The default number of members (the minimum, made odd). */
  requested: number;
  total: number;
  eligible: number;
  eligibleIds: string[];
  excluded: SessionDrawExclusion[];
  enough: boolean;
  warnings: LocalText[];
}

export interface SessionConflictInput {
  expertId: string;
  applicantId?: string;
  unit?: string;
  reason: string;
}

export interface DrawRequest {
  seed?: string;
  count?: number;
  meetingOn?: string;
  conflicts?: SessionConflictInput[];
  acceptBelowMinimum?: boolean;
}

export interface DrawVerification {
  ok: boolean;
  problems: LocalText[];
  algorithm: string;
  seed: string;
  poolHash: string;
  recomputedPoolHash: string;
  members: string[];
  replayed: string[];
  auditSeq: number | null;
}

const path = (id: string) => `/sessions/${encodeURIComponent(id)}/draw`;

export const drawsApi = {
  preview: (id: string, meetingOn?: string) => http.get<DrawPreview>(`${path(id)}/preview`, { meetingOn }),
  /** POOL_TOO_SMALL (409, details { available, minimum }) unless acceptBelowMinimum; INVALID_TRANSITION once drawn. */
  draw: (id: string, body: DrawRequest) => http.post<{ session: ReviewSession; draw: SessionDraw }>(path(id), body),
  verify: (id: string) => http.get<DrawVerification>(`${path(id)}/verify`),
};

// The publicity stage (server/http/publicity.routes.ts): start the period, read the
// list (JSON, or the .xlsx by URL), finalise.
import { apiUrl, http } from './http';
import type { ReviewSession, SessionPublicity } from './sessions.api';

/** The period as the server records it, with the first day on which finalising is allowed. */
export interface PublicityPeriod extends SessionPublicity {
  finaliseFrom: string;
}

export interface PublicityRow {
  no: number;
  applicantId: string;
  name: string | null;
  unit: string | null;
  series: string;
  level: string;
  score: number;
  yes: number;
  present: number;
  start: string;
  end: string;
}

export interface PublicityList {
  session: { id: string; title: string; series: string; level: string; year: number; status: ReviewSession['status']; finalisedAt: string | null };
  publicity: PublicityPeriod;
  rows: PublicityRow[];
}

const path = (id: string) => `/sessions/${encodeURIComponent(id)}`;

export const publicityApi = {
  start: (id: string, start: string) => http.post<{ session: ReviewSession; publicity: PublicityPeriod }>(`${path(id)}/publicity`, { start }),
  list: (id: string) => http.get<PublicityList>(`${path(id)}/publicity/list`, { format: 'json' }),
  xlsxUrl: (id: string) => apiUrl(`${path(id)}/publicity/list`, { format: 'xlsx' }),
  finalise: (id: string) => http.post<{ session: ReviewSession }>(`${path(id)}/finalise`),
};

/** Today in China time (Asia/Shanghai), as the server decides when a period is over. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

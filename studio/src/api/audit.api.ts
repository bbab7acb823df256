// The audit chain (server/http/audit.routes.ts): its verification and its export as
// JSONL, which the studio parses itself because the server has no paged reading of
// entries. Each export is itself recorded in the chain (audit.export).
import { ApiError, apiUrl, http, type ErrorBody } from './http';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: 'unreadable' | 'seq' | 'prevHash' | 'hash' | 'missing' | 'extra' | 'head';
}

export const AUDIT_EXPORT_URL = apiUrl('/audit/export');

/** One entry per non-blank line; a line that is not JSON is kept as a gap rather than failing the whole log. */
export function parseAuditJsonl(text: string): { entries: AuditEntry[]; unreadable: number[] } {
  const entries: AuditEntry[] = [];
  const unreadable: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      entries.push(JSON.parse(line) as AuditEntry);
    } catch {
      unreadable.push(index + 1);
    }
  });
  return { entries, unreadable };
}

async function getText(path: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), { credentials: 'same-origin', headers: { Accept: 'application/x-ndjson, application/json' }, signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ statusCode: 0, code: 'NETWORK', message: 'network error', details: { text: { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server; check the network' } } });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as Partial<ErrorBody>;
    throw new ApiError({ statusCode: response.status, code: body.code ?? 'HTTP_ERROR', message: body.message ?? `HTTP ${response.status}`, details: body.details ?? {} });
  }
  return response.text();
}

export const auditApi = {
  verify: () => http.get<AuditVerification>('/audit/verify'),
  entries: async (signal?: AbortSignal) => parseAuditJsonl(await getText('/audit/export', signal)),
};

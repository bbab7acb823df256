// Sessions live in memory, keyed by random ids: a restart logs everyone out,
// which is acceptable for a single-process server. The cookie carries only the id.
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'pingshen_session';

export interface Session {
  id: string;
  username: string;
  expiresAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly ttlMs: number) {}

  create(username: string, now = Date.now()): Session {
    const session = { id: randomBytes(32).toString('base64url'), username, expiresAt: now + this.ttlMs };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined, now = Date.now()): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= now) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** After a password change or a disable: every session of that user ends (but `keep`). */
  deleteUser(username: string, keep?: string): void {
    for (const [id, s] of this.sessions) if (s.username === username && id !== keep) this.sessions.delete(id);
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A malformed value (`%E0%A4%A`) is no session: the caller answers UNAUTHENTICATED, not a URIError.
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/api', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

// Sign-in sessions: the cookie holds a random token (32 bytes, base64url); the store
// (server/storage/sign-ins.ts, a file beside db.json) keeps only its sha256, so the
// sessions survive a restart and a copy of the file signs no one in. A session ends
// at its absolute lifetime (`sessionTtlMs`), after `sessionIdleMs` without a request,
// on sign-out, and when its user's password or role changes or the user is disabled
// (users.routes.ts, auth.routes.ts). A user keeps at most MAX_PER_USER sessions: a
// script signing in in a loop replaces its own oldest ones instead of growing the file.
import { createHash, randomBytes } from 'node:crypto';
import type { SignInRecord, SignInRepository } from '../storage/index';

export const SESSION_COOKIE = 'pingshen_session';
export const MAX_PER_USER = 20;

export interface Session {
  /** The token the cookie holds (only in memory, for this request). */
  token: string;
  username: string;
  expiresAt: number;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionStore {
  constructor(
    private readonly repo: SignInRepository,
    private readonly settings: { ttlMs: number; idleMs: number; clock: () => number; now: () => string },
  ) {}

  /** A new session, written to the store before it is handed out (or kept in memory only when the write fails: `persisted` false). */
  async create(username: string, from?: string): Promise<{ session: Session; persisted: unknown }> {
    const at = this.settings.clock();
    const token = randomBytes(32).toString('base64url');
    const record: SignInRecord = { tokenHash: tokenHash(token), username, createdAt: this.settings.now(), expiresAt: at + this.settings.ttlMs, lastSeenAt: at, ...(from !== undefined ? { from } : {}) };
    const own = this.repo.list(username).sort((a, b) => a.lastSeenAt - b.lastSeenAt);
    const ended = [...this.ended(at), ...own.slice(0, Math.max(0, own.length - MAX_PER_USER + 1)).map((s) => s.tokenHash)];
    let persisted: unknown = true;
    try {
      if (ended.length > 0) await this.repo.remove(ended);
      await this.repo.add(record);
    } catch (err) {
      persisted = err;
    }
    return { session: { token, username, expiresAt: record.expiresAt }, persisted };
  }

  /** The live session of this token, marked as used now; undefined when absent, expired or idle too long. */
  get(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const hash = tokenHash(token);
    const record = this.repo.get(hash);
    if (!record) return undefined;
    const at = this.settings.clock();
    if (record.expiresAt <= at || record.lastSeenAt + this.settings.idleMs <= at) {
      void this.repo.remove([hash]).catch(() => undefined); // gone either way; the next write drops it
      return undefined;
    }
    this.repo.touch(hash, at);
    return { token, username: record.username, expiresAt: record.expiresAt };
  }

  async delete(token: string): Promise<void> {
    await this.repo.remove([tokenHash(token)]);
  }

  /** After a password or role change or a disable: every session of that user ends (but `keep`'s). */
  async deleteUser(username: string, keep?: string): Promise<number> {
    const kept = keep === undefined ? undefined : tokenHash(keep);
    return this.repo.remove(this.repo.list(username).filter((s) => s.tokenHash !== kept).map((s) => s.tokenHash));
  }

  /** When the user last signed in (ISO 8601): the store's record, not db.json's (never rewritten for a sign-in). */
  lastSignIn(username: string): string | undefined {
    return this.repo.lastSignIn(username);
  }

  /** Sessions past their end or idle time, to drop while writing anyway. */
  private ended(at: number): string[] {
    return this.repo.list().filter((s) => s.expiresAt <= at || s.lastSeenAt + this.settings.idleMs <= at).map((s) => s.tokenHash);
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

/** The cookie that ends the session in the browser. */
export function clearedCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

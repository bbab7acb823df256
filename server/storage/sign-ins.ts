// Sign-in sessions, kept across restarts in <dataDir>/sessions.json — beside db.json,
// not in it: db.json is rewritten whole on every write and each of its writes is an
// audited commit, while a session is neither part of the record nor worth an audit
// entry. The file never holds a session's token, only its sha256 (`tokenHash`): a copy
// of the file signs no one in. The HTTP layer (server/http/sessions.ts) makes the
// tokens and decides expiry; this keeps the records.
//
// Writes go through lowdb's JSONFile (steno: a temporary file renamed over the old
// one, so a killed process leaves the old or the new file, never half). A session
// created or revoked is written before the caller goes on; the time a session was last
// used (for the idle timeout) is written lazily, at most every `touchWriteMs` — after a
// crash a session may look idle a little earlier than it was, never later. A file that
// cannot be read (removed, truncated by hand) is an empty one: everyone signs in again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import type { SignInRecord, SignInRepository } from './types';

export const SIGN_INS_FILE = 'sessions.json';
const TOUCH_WRITE_MS = 60_000;

interface SignInFile {
  format: 1;
  sessions: SignInRecord[];
  /** When each user last signed in (ISO 8601): the users list shows it; db.json is not rewritten for it. */
  lastSignIn: Record<string, string>;
}

const empty = (): SignInFile => ({ format: 1, sessions: [], lastSignIn: {} });

export class SignIns implements SignInRepository {
  private readonly sessions = new Map<string, SignInRecord>();
  private readonly lastSignIns = new Map<string, string>();
  private touchTimer: NodeJS.Timeout | undefined;
  private dirty = false;

  private constructor(
    private readonly file: JSONFile<SignInFile> | undefined,
    data: SignInFile,
    private readonly touchWriteMs: number,
  ) {
    for (const s of data.sessions ?? []) if (isRecord(s)) this.sessions.set(s.tokenHash, { ...s });
    for (const [user, at] of Object.entries(data.lastSignIn ?? {})) if (typeof at === 'string') this.lastSignIns.set(user, at);
  }

  /** The sessions of a data directory (none when its file is absent or unreadable); in memory without one. */
  static async open(dataDir?: string, options: { touchWriteMs?: number } = {}): Promise<SignIns> {
    if (dataDir === undefined) return new SignIns(undefined, empty(), options.touchWriteMs ?? TOUCH_WRITE_MS);
    const path = join(dataDir, SIGN_INS_FILE);
    let data = empty();
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<SignInFile>;
      if (parsed && parsed.format === 1 && Array.isArray(parsed.sessions)) data = { format: 1, sessions: parsed.sessions, lastSignIn: parsed.lastSignIn ?? {} };
    } catch {
      // Absent or unreadable: no one is signed in (see the top of the file).
    }
    return new SignIns(new JSONFile<SignInFile>(path), data, options.touchWriteMs ?? TOUCH_WRITE_MS);
  }

  async add(record: SignInRecord): Promise<void> {
    this.sessions.set(record.tokenHash, { ...record });
    this.lastSignIns.set(record.username, record.createdAt);
    await this.write();
  }

  get(tokenHash: string): SignInRecord | undefined {
    const found = this.sessions.get(tokenHash);
    return found && { ...found };
  }

  list(username?: string): SignInRecord[] {
    return [...this.sessions.values()].filter((s) => username === undefined || s.username === username).map((s) => ({ ...s }));
  }

  touch(tokenHash: string, at: number): void {
    const found = this.sessions.get(tokenHash);
    if (!found || found.lastSeenAt >= at) return;
    found.lastSeenAt = at;
    this.dirty = true;
    if (this.file && !this.touchTimer) {
      this.touchTimer = setTimeout(() => {
        this.touchTimer = undefined;
        if (this.dirty) void this.write().catch(() => undefined); // the next write carries it
      }, this.touchWriteMs);
      this.touchTimer.unref();
    }
  }

  async remove(tokenHashes: readonly string[]): Promise<number> {
    let removed = 0;
    for (const hash of tokenHashes) if (this.sessions.delete(hash)) removed++;
    if (removed > 0) await this.write();
    return removed;
  }

  lastSignIn(username: string): string | undefined {
    return this.lastSignIns.get(username);
  }

  async flush(): Promise<void> {
    clearTimeout(this.touchTimer);
    this.touchTimer = undefined;
    if (this.dirty) await this.write();
  }

  /** The whole file from memory: memory is what counts, so a failed write is repaired by the next one. */
  private async write(): Promise<void> {
    this.dirty = false;
    if (!this.file) return;
    try {
      await this.file.write({ format: 1, sessions: [...this.sessions.values()], lastSignIn: Object.fromEntries(this.lastSignIns) });
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }
}

function isRecord(value: unknown): value is SignInRecord {
  const s = value as Partial<SignInRecord> | null;
  return (
    typeof s === 'object' && s !== null && typeof s.tokenHash === 'string' && typeof s.username === 'string' && typeof s.createdAt === 'string' && typeof s.expiresAt === 'number' && typeof s.lastSeenAt === 'number'
  );
}

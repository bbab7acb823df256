// The audit trail: append-only entries, each carrying the hash of the one before,
// so changing, removing or reordering any entry breaks a link that verify() names.
// Entries live in `audit.jsonl` (one JSON object per line, appended and fsynced),
// not in lowdb: lowdb rewrites its whole file on every write, and this log only
// grows. lowdb keeps the head (seq, hash and the whole last entry), written in the
// same atomic write as the change the entry describes: that write is the commit.
// The line is appended after it; if the process dies in between, the next open
// appends it from the head (roll forward), so a crash never loses or forks an entry.
import { hash as nodeHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { canonicalJson } from '../../engine/index';
import { exists } from './exists';
import type { AuditAnchor, AuditEntry, AuditInput, AuditVerification } from './types';

export const GENESIS_HASH = 'sha256:' + '0'.repeat(64);

export interface AuditHead {
  seq: number;
  hash: string;
  /** The last entry, so a crash between commit and append can be rolled forward. */
  entry: AuditEntry | null;
}

export const EMPTY_HEAD: AuditHead = { seq: 0, hash: GENESIS_HASH, entry: null };

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, target, details, prevHash } = entry;
  return 'sha256:' + nodeHash('sha256', canonicalJson({ seq, at, actor, action, target, details, prevHash }), 'hex');
}

/** The entry that follows `head`. Details pass through JSON first, so what is hashed is what is stored. */
export function chainEntry(input: AuditInput, head: AuditHead): AuditEntry {
  const details = JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>;
  const entry = { seq: head.seq + 1, at: input.at, actor: input.actor, action: input.action, target: input.target, details, prevHash: head.hash };
  return { ...entry, hash: entryHash(entry) };
}

export interface VerifyOptions {
  /** A head copied out of the server earlier (a filing package, a run record): the log must still extend it. */
  anchor?: AuditAnchor;
  /** Sees every entry that links, in order (the pending one last): replays of what the log says happened. */
  onEntry?: (entry: AuditEntry) => void;
}

/**
 * Walks the log once (streaming) and names the first entry that does not link.
 *
 * A crash between the commit (db.json, which holds the whole last entry in its head) and
 * the append leaves the log one entry short, or that entry torn. That is not a break:
 * the entry is committed and the next start writes it (roll forward), so the log is
 * reported intact with `pending: true` as long as the head's entry links and hashes.
 */
export async function verifyChain(lines: AsyncIterable<string>, head: AuditHead, options: VerifyOptions = {}): Promise<AuditVerification> {
  const { anchor, onEntry } = options;
  let expected = 1;
  let prev = GENESIS_HASH;
  let entries = 0;
  let anchorHash: string | undefined;
  let torn = false;
  let broken: Pick<AuditVerification, 'brokenAt' | 'reason'> | undefined;
  for await (const line of lines) {
    entries++;
    if (broken) continue; // keep counting
    if (torn) {
      broken = { brokenAt: expected, reason: 'unreadable' }; // an unreadable line with more after it: not a torn append
      continue;
    }
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      if (expected === head.seq) torn = true;
      else broken = { brokenAt: expected, reason: 'unreadable' };
      continue;
    }
    if (typeof entry !== 'object' || entry === null || entry.seq !== expected) broken = { brokenAt: expected, reason: 'seq' };
    else if (expected > head.seq) broken = { brokenAt: expected, reason: 'extra' };
    else if (entry.prevHash !== prev) broken = { brokenAt: expected, reason: 'prevHash' };
    else if (entryHash(entry) !== entry.hash) broken = { brokenAt: expected, reason: 'hash' };
    else {
      onEntry?.(entry);
      if (entry.seq === anchor?.seq) anchorHash = entry.hash;
      prev = entry.hash;
      expected++;
    }
  }
  let pending = false;
  if (!broken && expected === head.seq && head.entry && rollsForward(head, prev)) {
    pending = true;
    entries -= torn ? 1 : 0;
    onEntry?.(head.entry);
    if (head.seq === anchor?.seq) anchorHash = head.hash;
    prev = head.hash;
    expected++;
  } else if (!broken && torn) broken = { brokenAt: expected, reason: 'unreadable' };
  if (!broken && expected - 1 < head.seq) broken = { brokenAt: expected, reason: 'missing' };
  // The last entry may have been rewritten with a fresh hash: only the head knows.
  if (!broken && head.seq > 0 && prev !== head.hash) broken = { brokenAt: head.seq, reason: 'head' };
  if (!broken && anchor && anchorHash !== anchor.hash) broken = { brokenAt: anchor.seq, reason: anchor.seq > head.seq ? 'anchorBeyond' : 'anchor' };
  if (broken) return { ok: false, entries, ...broken };
  return pending ? { ok: true, entries, pending: true } : { ok: true, entries };
}

/** The head's own entry follows the last one in the log and is what the head says it is. */
function rollsForward(head: AuditHead, prev: string): boolean {
  const entry = head.entry!;
  return entry.seq === head.seq && entry.prevHash === prev && entry.hash === head.hash && entryHash(entry) === head.hash;
}

/** `<seq>:<hash>` as printed in filing packages, run records and the studio's audit page. */
export function parseAnchor(text: string): AuditAnchor | undefined {
  const match = /^(\d{1,12}):(sha256:[0-9a-f]{64})$/.exec(text.trim());
  if (!match) return undefined;
  const seq = Number(match[1]);
  return seq > 0 ? { seq, hash: match[2]! } : undefined;
}

export function formatAnchor(head: AuditAnchor): string {
  return `${head.seq}:${head.hash}`;
}

/** Where the entries are kept: a JSONL file, or an array for in-memory stores. */
export interface Journal {
  lines(): AsyncIterable<string>;
  append(line: string): Promise<void>;
  /** The last complete line; a torn line (a crash mid-append) is cut off first. */
  lastLine(): Promise<string | undefined>;
  stream(): Readable;
}

export class MemoryJournal implements Journal {
  readonly entries: string[] = [];
  async *lines(): AsyncIterable<string> {
    yield* this.entries;
  }
  async append(line: string): Promise<void> {
    this.entries.push(line);
  }
  async lastLine(): Promise<string | undefined> {
    return this.entries.at(-1);
  }
  stream(): Readable {
    return Readable.from(this.entries.map((l) => l + '\n'));
  }
}

const TAIL_BYTES = 1 << 20; // an entry is far smaller

export class FileJournal implements Journal {
  constructor(readonly path: string) {}

  async *lines(): AsyncIterable<string> {
    if (!(await exists(this.path))) return;
    yield* createInterface({ input: createReadStream(this.path), crlfDelay: Infinity });
  }

  async append(line: string): Promise<void> {
    const file = await open(this.path, 'a');
    try {
      await file.write(line + '\n');
      await file.sync();
    } finally {
      await file.close();
    }
  }

  async lastLine(): Promise<string | undefined> {
    let file;
    try {
      file = await open(this.path, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      const size = (await file.stat()).size;
      const length = Math.min(size, TAIL_BYTES);
      const start = size - length;
      const buf = Buffer.alloc(length);
      await file.read(buf, 0, length, start);
      let end = length;
      if (length > 0 && buf[length - 1] !== 0x0a) {
        end = buf.lastIndexOf(0x0a) + 1;
        await file.truncate(start + end);
        await file.sync();
      }
      if (end === 0) return undefined;
      const body = buf.subarray(0, end - 1);
      return body.subarray(body.lastIndexOf(0x0a) + 1).toString('utf8');
    } finally {
      await file.close();
    }
  }

  stream(): Readable {
    const path = this.path;
    return Readable.from(
      (async function* () {
        if (await exists(path)) yield* createReadStream(path);
      })(),
      { objectMode: false },
    );
  }
}

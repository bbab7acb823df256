// Sign-ins in the audit log as one summary entry per period (`auth.sign-ins`), not an
// entry per attempt: each audit entry rewrites db.json whole, and a stream of guessed
// user names (35 a second in the issue) turned into ~18 MB/s of rewrites — and with a
// full disk a correct sign-in failed. Now a sign-in writes nothing to db.json (its
// session goes to sessions.json); attempts are counted in memory and written every
// `intervalMs` (and at shutdown), when there was any.
//
// The entry says, for the period: who signed in (count, addresses), and the failed
// attempts per user name — whether the name exists, how many, how many were refused
// unchecked by the throttle, from which addresses. Lists are capped (MAX_NAMES names,
// MAX_ADDRESSES addresses each); what is left out is counted, never dropped silently.
import type { Store } from '../storage/index';

const MAX_NAMES = 100;
const MAX_ADDRESSES = 10;

interface Tally {
  count: number;
  addresses: Map<string, number>;
  /** Attempts from addresses beyond MAX_ADDRESSES. */
  otherAddresses: number;
}

interface Failures extends Tally {
  known: boolean;
  /** Refused by the throttle without checking the password. */
  refused: number;
}

export class LoginAudit {
  private succeeded = new Map<string, Tally>();
  private failed = new Map<string, Failures>();
  /** Attempts under names beyond MAX_NAMES: counted only. */
  private overflow = { names: new Set<string>(), attempts: 0 };
  private since: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly settings: { intervalMs: number; now: () => string; logError: (err: unknown) => void },
  ) {}

  success(username: string, from: string): void {
    this.start();
    add(this.succeeded, username, from, () => ({ count: 0, addresses: new Map(), otherAddresses: 0 }));
  }

  failure(username: string, from: string, outcome: { known: boolean; refused: boolean }): void {
    this.start();
    if (!this.failed.has(username) && this.failed.size >= MAX_NAMES) {
      if (this.overflow.names.size < 100_000) this.overflow.names.add(username);
      this.overflow.attempts++;
      return;
    }
    const entry = add(this.failed, username, from, () => ({ count: 0, addresses: new Map(), otherAddresses: 0, known: outcome.known, refused: 0 }));
    if (outcome.refused) entry.refused++;
  }

  /** Writes what was counted since the last entry, if anything; the next period starts now. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((err: unknown) => this.settings.logError(err));
    return this.flushing;
  }

  /** At shutdown: the last summary, and no more timer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private start(): void {
    this.since ??= this.settings.now();
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.settings.intervalMs);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    if (this.since === undefined) return;
    const details = {
      from: this.since,
      to: this.settings.now(),
      succeeded: [...this.succeeded].map(([username, t]) => ({ username, count: t.count, ...addresses(t) })),
      failed: [...this.failed].map(([username, f]) => ({ username, known: f.known, count: f.count, refused: f.refused, ...addresses(f) })),
      ...(this.overflow.attempts > 0 ? { moreNames: this.overflow.names.size, moreAttempts: this.overflow.attempts } : {}),
    };
    this.succeeded = new Map();
    this.failed = new Map();
    this.overflow = { names: new Set(), attempts: 0 };
    this.since = undefined;
    await this.store.audit.record({ at: details.to, actor: 'system', action: 'auth.sign-ins', target: 'auth', details });
  }
}

function add<T extends Tally>(map: Map<string, T>, username: string, from: string, make: () => T): T {
  let entry = map.get(username);
  if (!entry) map.set(username, (entry = make()));
  entry.count++;
  if (entry.addresses.has(from) || entry.addresses.size < MAX_ADDRESSES) entry.addresses.set(from, (entry.addresses.get(from) ?? 0) + 1);
  else entry.otherAddresses++;
  return entry;
}

function addresses(t: Tally): { addresses: Record<string, number>; otherAddresses?: number } {
  return { addresses: Object.fromEntries(t.addresses), ...(t.otherAddresses > 0 ? { otherAddresses: t.otherAddresses } : {}) };
}

// Password guessing, limited two ways (both in memory: a restart forgets them, which
// costs an attacker a restart they cannot cause):
//
// - per account, whatever the address: `freeFailures` failed attempts cost nothing;
//   from then on each failure makes the account wait `backoffBaseMs`, doubling with
//   every further failure up to `backoffMaxMs`, before the next attempt is even checked. A correct password
//   clears it; so does `accountMemoryMs` (24 h) without a failure. Guesses spread over
//   many addresses (127.0.0.2–6 in the issue) meet the same wait. User names that do
//   not exist are throttled the same way, so throttling does not tell which exist.
// - per address: `addressMaxFailures` failed attempts within `windowMs`, over any user
//   names, and that address waits for the window to end (one address trying many
//   accounts). A success does not clear it, or an attacker with an account of their
//   own could clear it at will.
//
// The price: someone who keeps guessing an account's password keeps its owner waiting
// too (at most backoffMaxMs between attempts). An administrator resetting the password
// clears the account's count (users.routes.ts).
export interface ThrottleSettings {
  freeFailures: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  accountMemoryMs: number;
  addressMaxFailures: number;
  windowMs: number;
}

export interface Refusal {
  /** Whole seconds to wait (Retry-After). */
  retryAfter: number;
  /** What is throttled: the account, or the client's address. */
  scope: 'account' | 'address';
}

interface AccountEntry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

interface AddressEntry {
  failures: number;
  resetAt: number;
}

const MAX_TRACKED = 10_000;

export class LoginLimiter {
  private readonly accounts = new Map<string, AccountEntry>();
  private readonly addresses = new Map<string, AddressEntry>();

  constructor(private readonly settings: ThrottleSettings) {}

  /** Why an attempt must wait now, or undefined when it may be checked. */
  refusal(username: string, ip: string, now: number): Refusal | undefined {
    const address = this.addresses.get(ip);
    if (address && address.resetAt > now && address.failures >= this.settings.addressMaxFailures) return { retryAfter: seconds(address.resetAt - now), scope: 'address' };
    const account = this.accounts.get(key(username));
    if (account && account.blockedUntil > now) return { retryAfter: seconds(account.blockedUntil - now), scope: 'account' };
    return undefined;
  }

  fail(username: string, ip: string, now: number): void {
    const k = key(username);
    let account = this.accounts.get(k);
    if (!account || account.lastFailureAt + this.settings.accountMemoryMs <= now) account = { failures: 0, lastFailureAt: now, blockedUntil: 0 };
    account.failures += 1;
    account.lastFailureAt = now;
    const over = account.failures - this.settings.freeFailures;
    if (over >= 0) account.blockedUntil = now + Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 2 ** Math.min(over, 30));
    remember(this.accounts, k, account, (e) => e.lastFailureAt + this.settings.accountMemoryMs <= now);

    let address = this.addresses.get(ip);
    if (!address || address.resetAt <= now) address = { failures: 0, resetAt: now + this.settings.windowMs };
    address.failures += 1;
    remember(this.addresses, ip, address, (e) => e.resetAt <= now);
  }

  /** A correct password: the account's count starts again. */
  succeed(username: string): void {
    this.accounts.delete(key(username));
  }

  /** A new password set by an administrator: whatever was guessed no longer matters. */
  reset(username: string): void {
    this.accounts.delete(key(username));
  }
}

/** Stored at `k`; the maps stay bounded under guessed names from many addresses: stale entries go first, then the oldest. */
function remember<T>(map: Map<string, T>, k: string, entry: T, stale: (e: T) => boolean): void {
  map.delete(k); // re-inserted last: Map order is the eviction order
  if (map.size >= MAX_TRACKED) {
    for (const [other, e] of map) if (stale(e)) map.delete(other);
    while (map.size >= MAX_TRACKED) map.delete(map.keys().next().value as string);
  }
  map.set(k, entry);
}

const key = (username: string) => username.normalize('NFC').toLowerCase();
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

// Login rate limiting per username + client address: after `maxFailures` failed
// attempts within `windowMs`, further attempts are refused until the window ends.
// A successful login clears the count.
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait, or 0 when an attempt is allowed. */
  retryAfter(username: string, ip: string, now = Date.now()): number {
    const entry = this.failures.get(key(username, ip));
    if (!entry) return 0;
    if (entry.resetAt <= now) {
      this.failures.delete(key(username, ip));
      return 0;
    }
    return entry.count >= this.maxFailures ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  fail(username: string, ip: string, now = Date.now()): void {
    // Guessed user names from many addresses must not grow the map without bound.
    if (this.failures.size >= MAX_TRACKED) {
      for (const [k, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(k);
    }
    const k = key(username, ip);
    const entry = this.failures.get(k);
    if (!entry || entry.resetAt <= now) this.failures.set(k, { count: 1, resetAt: now + this.windowMs });
    else entry.count += 1;
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(key(username, ip));
  }
}

const MAX_TRACKED = 10_000;

const key = (username: string, ip: string) => `${username.toLowerCase()}\u0000${ip}`;

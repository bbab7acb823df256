// A clock for the end-to-end server process, loaded with `node --import` when
// PINGSHEN_E2E_CLOCK_FILE names a file holding an ISO time: from then on `new Date()`
// and `Date.now()` in the server run from that time (the clock keeps ticking), and
// writing another time into the file moves it. The committee process is dated (the
// meeting not in the future, the publicity from the day it is posted, finalising the
// day after the period), so its test must stand on chosen days without changing the
// server's own code: the server still reads its clock the ordinary way.
import { readFileSync, statSync } from 'node:fs';

const file = process.env.PINGSHEN_E2E_CLOCK_FILE;

if (file) {
  const RealDate = Date;
  let seen = -1;
  let offset = 0;
  /** Re-reads the file when it changed: the offset from the real clock to the time written in it. */
  const refresh = (): void => {
    const changed = statSync(file).mtimeMs;
    if (changed === seen) return;
    seen = changed;
    const target = RealDate.parse(readFileSync(file, 'utf8').trim());
    if (Number.isNaN(target)) throw new Error(`${file} does not hold an ISO time`);
    offset = target - RealDate.now();
  };
  const now = (): number => {
    refresh();
    return RealDate.now() + offset;
  };
  class ClockDate extends RealDate {
    constructor(...args: unknown[]) {
      super(...((args.length === 0 ? [now()] : args) as [number]));
    }
    static override now(): number {
      return now();
    }
    // Dates made by Node itself (fs stats, …) are still dates.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = ClockDate as DateConstructor;
}

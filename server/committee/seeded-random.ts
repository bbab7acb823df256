// A deterministic random source for the expert draw: the same seed gives the same
// numbers on every machine, so anyone holding the recorded seed can replay a draw.
// It is written down exactly here so an auditor can re-implement it in any language
// (algorithm id `hmac-sha256-ctr/v1`):
//
//   key      = the seed's bytes (the seed is lowercase hex, an even number of digits, 16–64 bytes)
//   block(i) = HMAC-SHA256(key, i as an 8-byte unsigned big-endian integer), i = 0, 1, 2, …
//   stream   = block(0) ‖ block(1) ‖ block(2) ‖ …            (32 bytes per block)
//   uint32() = the next 4 bytes of the stream, read as an unsigned big-endian integer
//   below(n) = for 1 ≤ n ≤ 2^32: limit = 2^32 − (2^32 mod n);
//              repeat u = uint32() until u < limit; return u mod n
//              (rejection sampling: every value 0…n−1 is exactly equally likely; below(1)
//              still consumes one uint32, so the stream position never depends on n)
//
//   shuffle(list): Fisher–Yates from the front —
//              for i = 0 … length−2: j = i + below(length − i); swap list[i] and list[j]
//              (position 0 is the first drawn, position 1 the second, …)
//
// HMAC-SHA256 in counter mode is a standard pseudo-random function: knowing some
// outputs does not help predict others, and nobody can steer it without the seed.
// The seed itself comes from crypto.randomBytes when the administrator gives none.
import { createHmac } from 'node:crypto';

export const RANDOM_ALGORITHM = 'hmac-sha256-ctr/v1';

/** Lowercase hex, 16–64 bytes. */
export const SEED_PATTERN = /^(?:[0-9a-f]{2}){16,64}$/;

const TWO_32 = 0x1_0000_0000;

export class SeededRandom {
  readonly #key: Buffer;
  #counter = 0n;
  #block: Buffer = Buffer.alloc(0);
  #offset = 0;

  constructor(seed: string) {
    if (!SEED_PATTERN.test(seed)) throw new RangeError(`seed must be lowercase hex of 16–64 bytes, got ${JSON.stringify(seed.slice(0, 140))}`);
    this.#key = Buffer.from(seed, 'hex');
  }

  /** The next 32 bits of the stream as an unsigned integer. */
  uint32(): number {
    if (this.#offset + 4 > this.#block.length) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(this.#counter);
      this.#counter++;
      this.#block = createHmac('sha256', this.#key).update(counter).digest();
      this.#offset = 0;
    }
    const value = this.#block.readUInt32BE(this.#offset);
    this.#offset += 4;
    return value;
  }

  /** An integer in [0, n), every value equally likely (rejection sampling, no modulo bias). */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`below(n) needs an integer 1 ≤ n ≤ 2^32, got ${n}`);
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const u = this.uint32();
      if (u < limit) return u % n;
    }
  }

  /** A shuffled copy (Fisher–Yates from the front, see the file header); the input is left as it is. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = 0; i < out.length - 1; i++) {
      const j = i + this.below(out.length - i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

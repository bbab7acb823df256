// The draw's random source: an auditor holding a recorded seed must get the same
// numbers, on any machine, from the algorithm as the file header writes it down.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SEED_PATTERN, SeededRandom } from '../../../server/committee/seeded-random';

const SEED = '000102030405060708090a0b0c0d0e0f';

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const a = new SeededRandom(SEED);
    const b = new SeededRandom(SEED);
    const c = new SeededRandom('000102030405060708090a0b0c0d0e10');
    const seqA = Array.from({ length: 50 }, () => a.below(1000));
    expect(Array.from({ length: 50 }, () => b.below(1000))).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.below(1000))).not.toEqual(seqA);
  });

  // Computed independently (Python's hmac module) from the header's description: a
  // change of algorithm, byte order or counter width fails here.
  it('matches the fixed known vector of hmac-sha256-ctr/v1', () => {
    const r = new SeededRandom(SEED);
    expect(Array.from({ length: 10 }, () => r.uint32())).toEqual([
      3333473745, 4217656176, 1270640676, 4200319607, 2814331716, 1716589581, 2078323939, 563001822, 136657310, 3788224043,
    ]);
    expect(new SeededRandom(SEED).shuffle([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([6, 2, 7, 5, 4, 3, 10, 8, 9, 1]);
  });

  it('is HMAC-SHA256 of a big-endian 8-byte counter, 32 bytes per block', () => {
    const r = new SeededRandom(SEED);
    const words = Array.from({ length: 16 }, () => r.uint32());
    const block = (i: number) => {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(i));
      return createHmac('sha256', Buffer.from(SEED, 'hex')).update(counter).digest();
    };
    const expected = [0, 1].flatMap((i) => Array.from({ length: 8 }, (_, k) => block(i).readUInt32BE(k * 4)));
    expect(words).toEqual(expected);
  });

  it('rejects the values that would bias a modulo instead of folding them', () => {
    // n = 3·2^30: values from 3·2^30 up to 2^32 − 1 would make 0 … 2^30−1 twice as likely.
    const n = 3 * 2 ** 30;
    const raw = new SeededRandom('9f86d081884c7d659a2feaa0c55ad015');
    const stream = Array.from({ length: 40 }, () => raw.uint32());
    expect(stream.slice(0, 3)).toEqual([152502321, 1236158760, 3722564344]); // the third is rejected
    const accepted = stream.filter((u) => u < n);
    const r = new SeededRandom('9f86d081884c7d659a2feaa0c55ad015');
    expect(Array.from({ length: 20 }, () => r.below(n))).toEqual(accepted.slice(0, 20));
  });

  it('spreads below(n) evenly (no modulo bias, sanity)', () => {
    const r = new SeededRandom('5a'.repeat(16));
    const counts = [0, 0, 0, 0, 0, 0, 0];
    const draws = 70_000;
    for (let i = 0; i < draws; i++) counts[r.below(7)]!++;
    for (const c of counts) expect(Math.abs(c - draws / 7)).toBeLessThan(400); // > 4 standard deviations
  });

  it('shuffles every position: each item lands everywhere', () => {
    const r = new SeededRandom('c3'.repeat(16));
    const firsts = new Set<number>();
    for (let i = 0; i < 400; i++) firsts.add(r.shuffle([0, 1, 2, 3, 4])[0]!);
    expect([...firsts].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(r.shuffle([])).toEqual([]);
    expect(r.shuffle(['only'])).toEqual(['only']);
  });

  it('refuses a seed that is not lowercase hex of 16–64 bytes, and a bad range', () => {
    for (const bad of ['', 'abc', 'ZZ'.repeat(16), 'AB'.repeat(16), '0'.repeat(31), '0'.repeat(130)]) {
      expect(SEED_PATTERN.test(bad)).toBe(false);
      expect(() => new SeededRandom(bad)).toThrow(RangeError);
    }
    expect(() => new SeededRandom(SEED).below(0)).toThrow(RangeError);
    expect(() => new SeededRandom(SEED).below(1.5)).toThrow(RangeError);
  });
});

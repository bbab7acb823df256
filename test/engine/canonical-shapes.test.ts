import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/canonical';

// canonicalJson caches the sorted key order per key list; objects whose key lists
// could be confused must still print their own keys.
describe('canonicalJson key-order cache', () => {
  it.each([
    [{}, { '': 1 }],
    [{ 'a\u0000': 1, b: 2 }, { a: 1, '\u0000b': 2 }],
    [{ a: 1, b: 2 }, { 'a\u0000b': 1 }],
    [{ b: 1, a: 2 }, { a: 1, b: 2, c: 3 }],
  ])('prints %j and %j by their own keys, in either order', (x, y) => {
    const plain = (v: Record<string, unknown>) =>
      '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + JSON.stringify(v[k])).join(',') + '}';
    for (const [first, second] of [[x, y], [y, x]] as const) {
      expect(canonicalJson(first)).toBe(plain(first));
      expect(canonicalJson(second)).toBe(plain(second));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../engine/canonical';
import { evaluate } from '../../engine/index';
import { nativeSha256 } from '../../server/io/native-sha256';
import { mini } from '../support/rulesets';

// Batches hash inputs with node:crypto; a replay in the browser uses the engine's own
// sha256. Auditors compare the two, so they must agree to the byte.
describe('native sha256 for input hashes', () => {
  it.each(['', 'abc', '中文申报人', '{"id":"A1","years":5}', 'x'.repeat(10_000)])('matches the portable one for %j', (text) => {
    expect(nativeSha256(text)).toBe(sha256Hex(text));
  });

  it('gives the same evaluation result as the portable hash', () => {
    const applicant = { id: 'A1', degree: 'bachelor', titleDate: '2018-09-01', postLevel: 'township', grassrootsYears: 12, papers: [], disciplines: [] };
    const portable = evaluate(mini(), applicant, { asOf: '2024-09-30' });
    const native = evaluate(mini(), applicant, { asOf: '2024-09-30', sha256: nativeSha256 });
    expect(JSON.stringify(native)).toBe(JSON.stringify(portable));
  });
});

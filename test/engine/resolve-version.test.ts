// Which version decides an evaluation on a given date: the published one in force.
import { describe, expect, it } from 'vitest';
import { resolveVersion } from '../../engine/resolve';
import type { Ruleset, RulesetStatus } from '../../engine/types';
import { ruleset } from '../support/build';

const v = (version: number, status: RulesetStatus, effectiveFrom?: string, effectiveTo?: string, id = 'teacher'): Ruleset =>
  ruleset({ id, version, status, ...(effectiveFrom ? { effectiveFrom } : {}), ...(effectiveTo ? { effectiveTo } : {}) });

const versions = [
  v(1, 'retired', '2024-04-07', '2024-12-31'),
  v(2, 'published', '2024-04-07', '2025-06-30'),
  v(3, 'published', '2025-01-01'),
  v(4, 'draft', '2024-01-01'),
  v(5, 'approved', '2024-01-01'),
  v(6, 'submitted', '2024-01-01'),
  v(9, 'published', '2020-01-01', undefined, 'health'),
];

describe('resolveVersion', () => {
  it.each<[string, number | undefined, string]>([
    ['2024-04-06', undefined, 'before anything was in force'],
    ['2024-04-07', 2, 'on the day v2 takes effect'],
    ['2024-12-31', 2, 'v1 is retired, v3 not yet in force'],
    ['2025-01-01', 3, 'v3 overlaps v2 and has the later effectiveFrom'],
    ['2025-07-01', 3, 'after v2 ends'],
    ['2030-01-01', 3, 'open-ended'],
  ])('on %s → v%s (%s)', (asOf, expected) => {
    expect(resolveVersion(versions, 'teacher', asOf)?.version).toBe(expected);
  });

  it('ignores drafts, submitted and approved versions even when they would be in force', () => {
    const onlyUnpublished = versions.filter((x) => ['draft', 'submitted', 'approved'].includes(x.status!));
    expect(resolveVersion(onlyUnpublished, 'teacher', '2024-06-01')).toBeUndefined();
  });

  it('ignores retired versions', () => {
    expect(resolveVersion([v(1, 'retired', '2024-01-01')], 'teacher', '2024-06-01')).toBeUndefined();
  });

  it('effectiveTo is the last day in force', () => {
    const only = [v(2, 'published', '2024-04-07', '2025-06-30')];
    expect(resolveVersion(only, 'teacher', '2025-06-30')?.version).toBe(2);
    expect(resolveVersion(only, 'teacher', '2025-07-01')).toBeUndefined();
  });

  it('a published version without effectiveFrom is never in force', () => {
    expect(resolveVersion([v(1, 'published')], 'teacher', '2024-06-01')).toBeUndefined();
  });

  it('with the same effectiveFrom, the higher version wins, whatever the order given', () => {
    const same = [v(3, 'published', '2024-05-01'), v(7, 'published', '2024-05-01'), v(5, 'published', '2024-05-01')];
    expect(resolveVersion(same, 'teacher', '2024-06-01')?.version).toBe(7);
    expect(resolveVersion([...same].reverse(), 'teacher', '2024-06-01')?.version).toBe(7);
  });

  it('only versions of the ruleset asked for', () => {
    expect(resolveVersion(versions, 'health', '2024-06-01')?.version).toBe(9);
    expect(resolveVersion(versions, 'forestry', '2024-06-01')).toBeUndefined();
  });

  it('returns the very object given (the caller keeps its own type)', () => {
    expect(resolveVersion(versions, 'teacher', '2025-02-01')).toBe(versions[2]);
  });
});

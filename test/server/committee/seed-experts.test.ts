// The sample expert pool seeded on first start: every row valid, big enough for the
// teacher and health committees whatever sample applicants they judge, too small
// for some series (the studio's warning), and never seeded twice.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eligibility } from '../../../server/committee/expert-draw';
import { seedExperts } from '../../../server/seed-experts';
import { openStore } from '../../../server/storage/index';

const SAMPLES = new URL('../../../rules/samples', import.meta.url).pathname;
const AT = '2026-01-05T09:00:00.000Z';

describe('seedExperts', () => {
  it('stores the sample pool into an empty pool once, audited as one import', async () => {
    const store = await openStore({ memory: true });
    const added = await seedExperts(store, SAMPLES, AT);
    expect(added.length).toBeGreaterThanOrEqual(150);
    expect(added[0]).toMatchObject({ id: 'exp-0001', updatedBy: 'system:seed', disabled: false });
    expect(new Set(added.map((e) => e.id)).size).toBe(added.length);
    expect(await seedExperts(store, SAMPLES, AT)).toEqual([]);
    expect(store.experts.list()).toHaveLength(added.length);
    expect(await seedExperts(await openStore({ memory: true }), '/nonexistent', AT)).toEqual([]);
  });

  it('has ≥ 31 experts for teacher and health, fewer than 25 for some series, and some expired terms', async () => {
    const store = await openStore({ memory: true });
    const pool = await seedExperts(store, SAMPLES, AT);
    const count = (series: string) => pool.filter((e) => e.series === series).length;
    expect(count('teacher')).toBeGreaterThanOrEqual(31);
    expect(count('health')).toBeGreaterThanOrEqual(31);
    for (const series of ['agriculture', 'animal-husbandry', 'veterinary', 'water', 'forestry']) expect(count(series)).toBeGreaterThanOrEqual(15);
    expect(count('forestry')).toBeLessThan(25);
    expect(pool.filter((e) => e.termEnd < '2026-01-05').length).toBeGreaterThanOrEqual(5);
    expect(pool.some((e) => e.conflicts.length > 0)).toBe(true);
  });

  it('leaves a teacher or health committee drawable even when every sample applicant is a candidate', async () => {
    const pool = await seedExperts(await openStore({ memory: true }), SAMPLES, AT);
    for (const file of ['health-deputy-senior', 'health-full-senior', 'teacher-deputy-senior', 'teacher-full-senior']) {
      const applicants = JSON.parse(readFileSync(`${SAMPLES}/${file}.json`, 'utf8')) as Array<{ id: string; name: string; unitName: string }>;
      const candidates = applicants.map((a) => ({ applicantId: a.id, name: a.name, unit: a.unitName }));
      const found = eligibility({ pool, series: file.split('-')[0]!, candidates, sessionConflicts: [], onDate: '2026-03-10' });
      expect(found.pool.length, file).toBeGreaterThanOrEqual(25);
      expect(found.excluded.some((e) => e.codes.includes('own-unit')), file).toBe(true);
    }
  });
});

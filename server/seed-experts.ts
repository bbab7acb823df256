// First start: a sample expert pool (rules/samples/experts/experts.csv) enters an
// empty pool, imported by `system:seed` through the same reader and checks as
// POST /experts/import, so a review session can be drawn at once. The sample is
// sized to show both cases: teacher and health have more eligible experts than a
// series committee needs (25); forestry, water and veterinary have fewer, so the
// studio shows the pool-too-small warning. A pool that already has experts is left
// as it is.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeImport, readExperts } from './committee/expert-import';
import { loadProcessPolicy } from './committee/process-policy';
import { text } from './io/text';
import { UserError } from './io/user-error';
import type { ExpertRecord, Store } from './storage/index';

export const EXPERTS_SAMPLE = join('experts', 'experts.csv');
const SEEDER = 'system:seed';

/**
 * Seeds an empty pool from `<samplesDir>/experts/experts.csv`; returns the experts added
 * (none when the pool has experts or the file is absent). `maxYears` is the policy's
 * expertTermMaxYears (the shipped policy's by default).
 */
export async function seedExperts(store: Store, samplesDir: string, at: string, maxYears = loadProcessPolicy().policy.committee.expertTermMaxYears): Promise<ExpertRecord[]> {
  if (store.experts.list().length > 0) return [];
  const file = join(samplesDir, EXPERTS_SAMPLE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const check = await readExperts(bytes, 'experts.csv', maxYears);
  if (check.invalid.length > 0) {
    const first = check.invalid.slice(0, 3);
    throw new UserError(text(`${file}：${check.invalidRows} 行有误：${first.map((i) => i.message.zh).join('；')}`, `${file}: ${check.invalidRows} invalid row(s): ${first.map((i) => i.message.en ?? i.message.zh).join('; ')}`));
  }
  const { records } = mergeImport([], check.experts);
  return store.experts.putMany(records, { actor: SEEDER, at, source: EXPERTS_SAMPLE });
}

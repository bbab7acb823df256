// First start: the sample quota table (rules/samples/quotas/quotas.csv, the import format)
// for the units of the shipped sample applicants — one or two posts per unit, some
// units none, many with more applicants than posts — so a batch run of a sample
// shows who is recommended and who is over quota at once. Stored only into an
// empty quota table: an administrator's own table is never touched.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readQuotaTable } from './committee/quota-import';
import { text } from './io/text';
import { UserError } from './io/user-error';
import type { QuotaRecord, Store } from './storage/index';

/** Beside the applicant samples, in its own folder so it is never taken for an applicants file. */
export const QUOTA_SAMPLE = join('quotas', 'quotas.csv');
export const QUOTA_SEEDER = 'system:seed';

/** Seeds an empty quota table from `<samplesDir>/quotas/quotas.csv`; returns the rows stored (none when the table had rows or there is no file). */
export async function seedQuotas(store: Store, samplesDir: string, at: string): Promise<QuotaRecord[]> {
  if (store.quotas.list().length > 0) return [];
  const file = join(samplesDir, QUOTA_SAMPLE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const table = await readQuotaTable(bytes, 'quotas.csv');
  if (table.invalid.length > 0) {
    const first = table.invalid[0]!;
    throw new UserError(text(`${file} 第 ${first.row} 行：${first.message.zh}`, `${file} row ${first.row}: ${first.message.en ?? first.message.zh}`));
  }
  return store.quotas.putMany(
    table.quotas.map(({ row: _row, ...q }) => q),
    { actor: QUOTA_SEEDER, at, source: QUOTA_SAMPLE },
  );
}

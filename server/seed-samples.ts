// First start: the shipped sample applicant files (rules/samples/*.xlsx|csv|json,
// not the error demos nor the named cases) enter the store as uploads by
// `system:seed`, so that a committee member can check and run one at once
// (GET /api/v1/uploads lists them with their hash).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uploadFormat } from './runs/upload-file';
import type { Store, UploadRecord } from './storage/index';

export const SAMPLE_UPLOADER = 'system:seed';

/** Seeds a store that has no uploads yet; returns the uploads added. */
export async function seedSamples(store: Store, samplesDir: string, at: string): Promise<UploadRecord[]> {
  if (store.runs.uploads().length > 0) return [];
  const entries = await readdir(samplesDir, { withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile() && uploadFormat(e.name)).map((e) => e.name).sort();
  const added: UploadRecord[] = [];
  for (const name of files) {
    const bytes = await readFile(join(samplesDir, name));
    if (bytes.length === 0) continue;
    const hash = await store.blobs.put(bytes);
    added.push(await store.runs.recordUpload({ hash, name, size: bytes.length }, { actor: SAMPLE_UPLOADER, at }));
  }
  return added;
}

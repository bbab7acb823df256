// A version keeps its content in the author's key order beside the canonical blob,
// so it is written back as the file it came from; the document is held to the
// version's hash like the canonical blob.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../engine/index';
import { findRuleFiles } from '../../../server/rules/rule-files';
import { formatRulesetFile, rulesetFilePath } from '../../../server/rules/ruleset-file';
import { seedRules } from '../../../server/seed-rules';
import { isStorageError, openStore, type Store } from '../../../server/storage/index';
import { AT, MINI } from './support';

const RULES_DIR = join(import.meta.dirname, '../../../rules');

describe('ruleset documents', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ memory: true });
    await seedRules(store, RULES_DIR, AT);
  });

  it('write every shipped rule file back byte for byte', async () => {
    const files = await findRuleFiles(RULES_DIR);
    expect(files.length).toBeGreaterThan(10);
    for (const path of files) {
      const shipped = await readFile(path, 'utf8');
      const { id, version } = JSON.parse(shipped) as { id: string; version: number };
      const content = await store.rulesets.content(id, version);
      expect(join(RULES_DIR, rulesetFilePath(content))).toBe(path);
      expect(formatRulesetFile(content), path).toBe(shipped);
    }
  });

  it('keep the content equal to the canonical blob, in the order it was sent', async () => {
    const saved = await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    expect(Object.keys(await store.rulesets.content('mini', 1))).toEqual([...Object.keys(MINI), 'status']);
    expect(canonicalJson(JSON.parse((await store.blobs.get(saved.document!)).toString('utf8')))).toBe((await store.blobs.get(saved.hash)).toString('utf8'));
  });

  it('refuse a document that no longer matches the version hash', async () => {
    const record = store.rulesets.get('mini', 1)!;
    const blobs = (store.blobs as unknown as { blobs: Map<string, Buffer> }).blobs;
    const altered = JSON.stringify({ ...MINI, title: { zh: '改过' } });
    const address = await store.blobs.put(altered);
    blobs.set(record.document!, blobs.get(address)!);
    const err = await store.rulesets.content('mini', 1).then(() => undefined, (e: unknown) => e);
    expect(isStorageError(err, 'BLOB_CORRUPT')).toBe(true);
  });
});

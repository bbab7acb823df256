// Run as a child process by crash.test.ts, which kills it with SIGKILL mid-write:
// saves versions and stores large blobs as fast as it can, forever.
import { randomBytes } from 'node:crypto';
import { openStore } from '../../../server/storage/index';
import { MINI } from './support';

const store = await openStore({ dataDir: process.argv[2]! });
for (let i = 0; ; i++) {
  const latest = store.rulesets.latest('mini');
  await store.rulesets.saveDraft({
    ruleset: { ...MINI, title: { zh: `第 ${i} 稿` } },
    author: 'li',
    note: String(i),
    basedOn: latest ? { id: 'mini', version: latest.version } : null,
    at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  });
  await store.blobs.put(randomBytes(4 << 20));
  if (i === 2) process.stdout.write('ready\n');
}

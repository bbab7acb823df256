// Run as a child process by evaluation-log.test.ts, which kills it with SIGKILL
// mid-write: records evaluations as fast as it can, forever.
import { evaluate } from '../../../engine/index';
import { openStore } from '../../../server/storage/index';
import { AT, MINI } from './support';

const store = await openStore({ dataDir: process.argv[2]! });
await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
for (let i = 0; ; i++) {
  const applicant = { id: `A${i}`, degree: 'master', titleDate: '2015-07-01', postLevel: 'county', grassrootsYears: i % 20, papers: [] };
  await store.evaluations.record({ applicant, result: evaluate(MINI, applicant, { asOf: '2025-01-01' }), series: 'teacher', pinned: false }, { actor: 'admin', at: AT });
  if (i === 20) process.stdout.write('ready\n');
}

// Evaluation records live in evaluations.jsonl, not in db.json (which lowdb rewrites
// on every write); db.json keeps only the committed count. A line beyond that count
// was never committed — the process died or the write failed after the append — and
// is cut; ids never repeat.
import { spawn } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, Memory } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluate, type Applicant } from '../../../engine/index';
import { MemoryJournal } from '../../../server/storage/audit-chain';
import { MemoryBlobStore } from '../../../server/storage/blob-store';
import { Committer, emptyData, type StoreData } from '../../../server/storage/committer';
import { EVALUATIONS_FILE, MemoryEvaluationLog } from '../../../server/storage/evaluation-log';
import { LowEvaluationRepository } from '../../../server/storage/evaluation-repository';
import { LowRulesetRepository } from '../../../server/storage/ruleset-repository';
import { openStore, type EvaluationRecord, type Store } from '../../../server/storage/index';
import { AT, MINI, tempDataDir } from './support';

const APPLICANT: Applicant = { id: 'A001', degree: 'master', titleDate: '2015-07-01', postLevel: 'county', grassrootsYears: 12, papers: [] };
const ACT = { actor: 'admin', at: AT };

function evaluation(n: number) {
  const applicant = { ...APPLICANT, id: `A${n}` };
  return { applicant, result: evaluate(MINI, applicant, { asOf: '2025-01-01' }), series: 'teacher', pinned: false };
}

async function seeded(path: string): Promise<Store> {
  const store = await openStore({ dataDir: path });
  await store.rulesets.saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
  return store;
}

const ids = (store: Store) => store.evaluations.list().items.map((e) => e.id).reverse();
const logIds = async (path: string) => (await readFile(join(path, EVALUATIONS_FILE), 'utf8')).trimEnd().split('\n').map((l) => (JSON.parse(l) as EvaluationRecord).id);

let dir: Awaited<ReturnType<typeof tempDataDir>>;
beforeEach(async () => {
  dir = await tempDataDir();
});
afterEach(() => dir.remove());

describe('evaluations.jsonl', () => {
  it('holds the records, one per line; db.json only their count; a reopened store reads them', async () => {
    const store = await seeded(dir.path);
    const first = await store.evaluations.record(evaluation(1), ACT);
    await store.evaluations.record(evaluation(2), ACT);
    const db = JSON.parse(await readFile(join(dir.path, 'db.json'), 'utf8')) as StoreData;
    expect(db.evaluationCount).toBe(2);
    expect(db.evaluations).toBeUndefined();
    expect(await readFile(join(dir.path, 'db.json'), 'utf8')).not.toContain(first.result);
    expect(await logIds(dir.path)).toEqual(['eval-000001', 'eval-000002']);

    const reopened = await openStore({ dataDir: dir.path });
    expect(reopened.evaluations.get('eval-000001')).toEqual(first);
    expect(ids(reopened)).toEqual(['eval-000001', 'eval-000002']);
    expect((await reopened.evaluations.record(evaluation(3), ACT)).id).toBe('eval-000003');
    expect(await reopened.audit.verify()).toEqual({ ok: true, entries: 4 });
  });

  it.each([
    ['a whole line appended, never committed (killed before the lowdb write)', (line: string) => line + '\n'],
    ['a torn line (killed mid-append)', (line: string) => line.slice(0, 60)],
  ])('%s is cut at open; the next record takes its id', async (_name, extra) => {
    const store = await seeded(dir.path);
    await store.evaluations.record(evaluation(1), ACT);
    const before = await readFile(join(dir.path, EVALUATIONS_FILE), 'utf8');
    await appendFile(join(dir.path, EVALUATIONS_FILE), extra(before.trimEnd().replace('eval-000001', 'eval-000002')));

    const reopened = await openStore({ dataDir: dir.path });
    expect(await readFile(join(dir.path, EVALUATIONS_FILE), 'utf8')).toBe(before);
    expect(reopened.evaluations.get('eval-000002')).toBeUndefined();
    expect((await reopened.evaluations.record(evaluation(2), ACT)).id).toBe('eval-000002');
    expect(await logIds(dir.path)).toEqual(['eval-000001', 'eval-000002']);
  });

  it('an altered line reads as absent; the other records still open', async () => {
    const store = await seeded(dir.path);
    await store.evaluations.record(evaluation(1), ACT);
    await store.evaluations.record(evaluation(2), ACT);
    const path = join(dir.path, EVALUATIONS_FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('{"id":"eval-000001"', '{"id":"eval-000001'));
    const reopened = await openStore({ dataDir: dir.path });
    expect(ids(reopened)).toEqual(['eval-000002']);
    expect((await reopened.evaluations.record(evaluation(3), ACT)).id).toBe('eval-000003');
  });

  it('records of a store written when they were kept in db.json are read first; new ones go to the log', async () => {
    const store = await seeded(dir.path);
    const old = await store.evaluations.record(evaluation(1), ACT);
    const dbPath = join(dir.path, 'db.json');
    const db = JSON.parse(await readFile(dbPath, 'utf8')) as StoreData;
    delete db.evaluationCount;
    await writeFile(dbPath, JSON.stringify({ ...db, evaluations: [old] }));
    await writeFile(join(dir.path, EVALUATIONS_FILE), '');

    const reopened = await openStore({ dataDir: dir.path });
    expect(reopened.evaluations.get('eval-000001')).toEqual(old);
    expect((await reopened.evaluations.record(evaluation(2), ACT)).id).toBe('eval-000002');
    expect(ids(reopened)).toEqual(['eval-000001', 'eval-000002']);
    expect(await logIds(dir.path)).toEqual(['eval-000002']);
  });
});

describe('a commit whose lowdb write fails', () => {
  it('leaves no record behind: the line it appended is cut before the next one', async () => {
    let failWrites = false;
    class FlakyMemory extends Memory<StoreData> {
      override async write(data: StoreData) {
        if (failWrites) throw new Error('disk full');
        return super.write(data);
      }
    }
    const db = new Low<StoreData>(new FlakyMemory(), emptyData());
    const committer = new Committer(db, new MemoryJournal());
    const blobs = new MemoryBlobStore();
    await new LowRulesetRepository(committer, blobs).saveDraft({ ruleset: MINI, author: 'li', note: '', basedOn: null, at: AT });
    const log = new MemoryEvaluationLog();
    const evaluations = await LowEvaluationRepository.open(committer, blobs, log);

    await evaluations.record(evaluation(1), ACT);
    failWrites = true;
    await expect(evaluations.record(evaluation(2), ACT)).rejects.toThrow('disk full');
    expect(evaluations.get('eval-000002')).toBeUndefined();
    expect(evaluations.list().total).toBe(1);
    failWrites = false;

    const next = await evaluations.record(evaluation(3), ACT);
    expect(next.id).toBe('eval-000002');
    expect(next.inputHash).toBe(evaluation(3).result.inputHash);
    expect(log.entries.map((l) => (JSON.parse(l) as EvaluationRecord).id)).toEqual(['eval-000001', 'eval-000002']);
    expect(db.data.evaluationCount).toBe(2);
  });
});

describe('a process killed (SIGKILL) while recording evaluations', () => {
  it('opens with every committed record readable, one audit entry each, and goes on from the next id', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'evaluation-crash-writer.ts'), dir.path], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const store = await openStore({ dataDir: dir.path });
    const check = await store.audit.verify();
    expect(check.ok).toBe(true);
    const { total, items } = store.evaluations.list({ limit: 1_000_000 });
    expect(total).toBeGreaterThan(20);
    expect(check.entries).toBe(total + 1); // the save, then one evaluation.run each
    expect(items.map((e) => e.id).reverse()).toEqual(Array.from({ length: total }, (_, i) => `eval-${String(i + 1).padStart(6, '0')}`));
    expect(await logIds(dir.path)).toHaveLength(total);
    for (const record of items.slice(0, 3)) {
      expect(JSON.parse((await store.blobs.get(record.result)).toString('utf8'))).toMatchObject({ inputHash: record.inputHash });
    }
    expect((await store.evaluations.record(evaluation(1), ACT)).id).toBe(`eval-${String(total + 1).padStart(6, '0')}`);
  });
});

// Batch run records: which ruleset version (and its hash) judged which uploaded
// file, who started it, and where the results are; and the uploads themselves
// (name, size and uploader of each uploaded file; one record per uploader and
// file). Files are blobs; only their addresses are kept here.
import { text } from '../io/text';
import type { Committer } from './committer';
import { StorageError } from './errors';
import type { Act, RunFinish, RunRecord, RunRepository, RunStart, UploadRecord } from './types';
import { requireAct, requireDate } from './validate';

const ADDRESS = /^sha256:[0-9a-f]{64}$/;

const target = (id: string) => `run:${id}`;

export class LowRunRepository implements RunRepository {
  constructor(private readonly committer: Committer) {}

  async start(run: RunStart, act: Act): Promise<RunRecord> {
    requireAct(act);
    requireDate(run.asOf, 'asOf');
    return this.committer.commit((data) => {
      const version = data.rulesets.find((r) => r.id === run.rulesetId && r.version === run.version);
      if (!version) throw new StorageError('NOT_FOUND', text(`找不到规则集 ${run.rulesetId} v${run.version}`, `No ruleset ${run.rulesetId} v${run.version}`), { id: run.rulesetId, version: run.version });
      const id = `run-${String(data.runs.length + 1).padStart(6, '0')}`;
      const record: RunRecord = {
        id,
        rulesetId: run.rulesetId,
        version: run.version,
        rulesetHash: version.hash,
        asOf: run.asOf,
        startedBy: act.actor,
        startedAt: act.at,
        input: { ...run.input },
        ...(run.engineVersion !== undefined ? { engineVersion: run.engineVersion } : {}),
        ...(run.skipped !== undefined ? { skipped: run.skipped } : {}),
        ...(run.skippedRows !== undefined ? { skippedRows: { ...run.skippedRows } } : {}),
        status: 'running',
      };
      data.runs.push(record);
      const { engineVersion, skipped, skippedRows } = record;
      return { result: record, audit: { at: act.at, actor: act.actor, action: 'run.start', target: target(id), details: { ruleset: `${run.rulesetId}@${run.version}`, rulesetHash: version.hash, asOf: run.asOf, input: record.input, engineVersion, skipped, skippedRows } } };
    });
  }

  async finish(id: string, outcome: RunFinish, act: Act): Promise<RunRecord> {
    requireAct(act);
    return this.committer.commit((data) => {
      const record = data.runs.find((r) => r.id === id);
      if (!record) throw new StorageError('NOT_FOUND', text(`找不到批次 ${id}`, `No run ${id}`), { id });
      if (record.status !== 'running') {
        throw new StorageError('INVALID_TRANSITION', text(`批次 ${id} 已结束（${record.status}）`, `Run ${id} has already ended (${record.status})`), { id, from: record.status, to: outcome.status });
      }
      record.status = outcome.status;
      record.finishedAt = act.at;
      // The chain's head as the run ends (the entry before its run.complete/run.fail): printed
      // with the run, a copy outside the server that `audit verify --anchor` checks later.
      record.auditHead = { seq: data.auditHead.seq, hash: data.auditHead.hash };
      if (outcome.results) record.results = { ...outcome.results };
      if (outcome.downloads) record.downloads = structuredClone(outcome.downloads);
      if (outcome.summary) record.summary = { ...outcome.summary };
      if (outcome.error !== undefined) record.error = outcome.error;
      const { status, results, downloads, summary, error, auditHead } = record;
      return { result: record, audit: { at: act.at, actor: act.actor, action: `run.${outcome.status === 'completed' ? 'complete' : 'fail'}`, target: target(id), details: { status, results, downloads, summary, error, auditHead } } };
    });
  }

  get(id: string): RunRecord | undefined {
    const run = this.committer.data.runs.find((r) => r.id === id);
    return run && structuredClone(run);
  }

  list(filter: { rulesetId?: string } = {}): RunRecord[] {
    return structuredClone(this.committer.data.runs.filter((r) => filter.rulesetId === undefined || r.rulesetId === filter.rulesetId));
  }

  async recordUpload(upload: Pick<UploadRecord, 'hash' | 'name' | 'size'>, act: Act): Promise<UploadRecord> {
    requireAct(act);
    if (!ADDRESS.test(upload.hash) || upload.name.trim() === '' || !Number.isInteger(upload.size) || upload.size < 0) {
      throw new StorageError('INVALID_ARGUMENT', text('上传文件的地址、名称或大小无效', 'An upload needs a content address, a name and a size'), { hash: upload.hash, name: upload.name });
    }
    return this.committer.commit((data) => {
      const uploads = (data.uploads ??= []);
      const record: UploadRecord = { hash: upload.hash, name: upload.name, size: upload.size, uploadedBy: act.actor, uploadedAt: act.at };
      // Each uploader keeps their own record of a file: who may use an upload follows who uploaded it (uploads.routes.ts).
      const at = uploads.findIndex((u) => u.hash === upload.hash && u.uploadedBy === act.actor);
      if (at >= 0) uploads.splice(at, 1);
      uploads.push(record);
      return { result: record, audit: { at: act.at, actor: act.actor, action: 'upload.store', target: `upload:${upload.hash}`, details: { hash: upload.hash, name: upload.name, size: upload.size } } };
    });
  }

  upload(hash: string, uploadedBy?: string): UploadRecord | undefined {
    const found = (this.committer.data.uploads ?? []).findLast((u) => u.hash === hash && (uploadedBy === undefined || u.uploadedBy === uploadedBy));
    return found && structuredClone(found);
  }

  uploads(): UploadRecord[] {
    return structuredClone(this.committer.data.uploads ?? []);
  }
}

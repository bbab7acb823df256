// The filing package (备案) of a finalised review session: one zip an auditor or the
// provincial office can check without Pingshen. It holds
//   results/results.json        the meeting's results, each with its verdict under the
//                               pass rule (both parts, with reasons), and the publicity list
//   results/publicity-list.xlsx the publicity list as published (公示名单)
//   rules/<dept>/<id>/v<N>.json the session's ruleset version and every version it
//                               extends, as `pingshen export` writes them
//   rules/versions.json         those versions with their content hashes (engine rulesetHash)
//   draw.json                   the draw (seed, pool, pool hash, members: replayable)
//   meeting.json                attendance and tallies
//   publicity.json              the period, the working days counted, the calendar years used
//   session.json                the session record (without its filing, which names this package)
//   audit-head.json             the audit chain's head when the package was built
//   manifest.json               every other file with its sha256 and size
// The bytes are deterministic: files in path order after the manifest, every entry
// dated at the session's finalisation, JSON written the same way, the workbook
// normalised. The same session state therefore always gives the same package (a
// rebuild after more audit entries differs in audit-head.json and the manifest only).
import JSZip from 'jszip';
import { parseExtends, type Ruleset } from '../../engine/index';
import { formatRulesetFile, rulesetFilePath } from '../rules/ruleset-file';
import { sha256Address } from '../storage/blob-store';
import type { ReviewSession, RulesetVersionRecord, Store } from '../storage/types';
import { meetingPassRule, meetingVerdicts } from './meeting';
import type { PassRule } from './process-policy';
import { publicityRows, publicityWorkbook } from './publicity';

export const PACKAGE_FORMAT = 'pingshen-filing/1';
export const MANIFEST = 'manifest.json';

export interface ManifestFile {
  path: string;
  /** `sha256:<hex>` of the file's bytes. */
  sha256: string;
  size: number;
}

export interface FilingManifest {
  format: string;
  session: { id: string; title: string; series: string; level: string; year: number };
  finalisedAt: string;
  files: ManifestFile[];
}

/** What a package is built from: read from the store by collectFilingInputs, or given by a test. */
export interface FilingInputs {
  session: ReviewSession;
  /** The session's version first, then the versions it extends, nearest first. */
  rulesets: Array<{ record: RulesetVersionRecord; content: Ruleset }>;
  auditHead: { seq: number; hash: string };
  /** The policy's pass rule, for a meeting that recorded none (meeting.ts meetingPassRule). */
  passRule: PassRule;
}

export interface FilingPackage {
  zip: Buffer;
  manifest: FilingManifest;
  /** sha256 of manifest.json's bytes: one hash that fixes every file of the package. */
  manifestHash: string;
  /** The download name, e.g. session-0001-备案.zip. */
  name: string;
}

export class FilingError extends Error {
  readonly code: 'INVALID_TRANSITION' | 'RULESET_CHANGED' | 'NOT_FOUND';
  readonly text: { zh: string; en: string };
  readonly details: Record<string, unknown>;
  constructor(code: FilingError['code'], message: { zh: string; en: string }, details: Record<string, unknown> = {}) {
    super(message.en);
    this.name = 'FilingError';
    this.code = code;
    this.text = message;
    this.details = details;
  }
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** Reads what the package needs: the session's ruleset version and its extends chain (content checked against the hash), and the audit head. */
export async function collectFilingInputs(store: Pick<Store, 'rulesets' | 'audit'>, session: ReviewSession, passRule: PassRule): Promise<FilingInputs> {
  if (session.status !== 'finalised' || !session.finalisedAt) {
    throw new FilingError(
      'INVALID_TRANSITION',
      { zh: `评审会 ${session.id} 当前为“${session.status}”，结果确认（finalised）后才能生成备案包`, en: `Review session ${session.id} is ${session.status}: the filing package is built once the results are finalised` },
      { id: session.id, status: session.status, required: 'finalised' },
    );
  }
  const rulesets: FilingInputs['rulesets'] = [];
  const read = async (id: string, version: number) => {
    const record = store.rulesets.get(id, version);
    if (!record) throw new FilingError('NOT_FOUND', { zh: `规则集 ${id} v${version} 不在存储中`, en: `Ruleset ${id} v${version} is not in the store` }, { rulesetId: id, version });
    // content() checks the stored bytes against the version's hash (BLOB_CORRUPT otherwise).
    rulesets.push({ record, content: await store.rulesets.content(id, version) });
    return rulesets.at(-1)!;
  };
  const own = await read(session.rulesetId, session.version);
  if (own.record.hash !== session.rulesetHash) {
    throw new FilingError(
      'RULESET_CHANGED',
      { zh: `评审会记录的规则集哈希 ${session.rulesetHash} 与存储中的 ${session.rulesetId} v${session.version}（${own.record.hash}）不符`, en: `The session's ruleset hash ${session.rulesetHash} differs from ${session.rulesetId} v${session.version} in the store (${own.record.hash})` },
      { expected: session.rulesetHash, actual: own.record.hash },
    );
  }
  const seen = new Set([`${session.rulesetId}@${session.version}`]);
  let ref = own.content.extends;
  while (ref !== undefined && !seen.has(ref)) {
    seen.add(ref);
    const { id, version } = parseExtends(ref);
    ref = (await read(id, version)).content.extends;
  }
  const head = store.audit.head();
  return { session, rulesets, auditHead: { seq: head.seq, hash: head.hash }, passRule };
}

/** The files of the package, path → bytes, manifest excluded. */
async function packageFiles(inputs: FilingInputs): Promise<Map<string, Buffer>> {
  const { session, rulesets, auditHead } = inputs;
  const { filing: _self, updatedAt: _changed, ...record } = session;
  const files = new Map<string, Buffer>();
  const put = (path: string, content: string | Buffer) => files.set(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  put('session.json', json(record));
  put('draw.json', json(session.draw ?? null));
  put('meeting.json', json(session.meeting ?? null));
  put('publicity.json', json(session.publicity ?? null));
  const verdicts = new Map(meetingVerdicts(session, inputs.passRule).map((v) => [v.applicantId, v]));
  const results = (session.meeting?.results ?? []).map((r) => ({ ...r, verdict: verdicts.get(r.applicantId) ?? null }));
  const passRule = session.meeting ? { requires: meetingPassRule(session.meeting, inputs.passRule).requires } : null;
  put('results/results.json', json({ session: session.id, finalisedAt: session.finalisedAt, passRule, results, publicityList: publicityRows(session) }));
  put('results/publicity-list.xlsx', await publicityWorkbook(session));
  const versions = [];
  for (const { record: version, content } of rulesets) {
    const path = `rules/${rulesetFilePath(version)}`;
    const file = formatRulesetFile(content);
    put(path, file);
    versions.push({ id: version.id, version: version.version, department: version.department, status: version.status, hash: version.hash, file: path, role: versions.length === 0 ? 'session' : 'extended' });
  }
  put('rules/versions.json', json(versions));
  put('audit-head.json', json({ seq: auditHead.seq, hash: auditHead.hash, note: 'The audit chain head when this package was built / 生成备案包时审计哈希链的链头' }));
  return files;
}

export async function buildFilingPackage(inputs: FilingInputs): Promise<FilingPackage> {
  const { session } = inputs;
  const files = await packageFiles(inputs);
  const paths = [...files.keys()].sort();
  const manifest: FilingManifest = {
    format: PACKAGE_FORMAT,
    session: { id: session.id, title: session.title, series: session.series, level: session.level, year: session.year },
    finalisedAt: session.finalisedAt!,
    files: paths.map((path) => ({ path, sha256: sha256Address(files.get(path)!), size: files.get(path)!.length })),
  };
  const manifestBytes = Buffer.from(json(manifest), 'utf8');
  const date = new Date(session.finalisedAt!);
  const zip = new JSZip();
  const options = { date, createFolders: false, binary: true } as const;
  zip.file(MANIFEST, manifestBytes, options);
  for (const path of paths) zip.file(path, files.get(path)!, options);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
  return { zip: bytes, manifest, manifestHash: sha256Address(manifestBytes), name: `${session.id}-备案.zip` };
}

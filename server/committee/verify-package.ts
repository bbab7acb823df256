// Verifying a filing package (filing-package.ts) with nothing but its bytes: the
// manifest must be readable, every file it lists present with the same sha256 and
// size, and no file in the zip left unlisted. Each problem names the file and why;
// a file that is not a zip at all is PACKAGE_INVALID. Nothing is written anywhere:
// entry names are only compared, so a hostile name (../x) does no harm.
import JSZip from 'jszip';
import type { Text } from '../../engine/index';
import { sha256Address } from '../storage/blob-store';
import { MANIFEST, PACKAGE_FORMAT, type FilingManifest } from './filing-package';

export type ProblemReason = 'manifest-unreadable' | 'missing' | 'hash-mismatch' | 'size-mismatch' | 'unlisted' | 'listed-twice';

export interface PackageProblem {
  file: string;
  reason: ProblemReason;
  message: Text;
}

export interface PackageVerification {
  ok: boolean;
  /** sha256 of manifest.json as found in the package (null when it is absent). */
  manifestHash: string | null;
  /** The manifest's session, when readable. */
  session: FilingManifest['session'] | null;
  files: number;
  problems: PackageProblem[];
}

export class PackageInvalidError extends Error {
  readonly code = 'PACKAGE_INVALID' as const;
  readonly text: Text;
  readonly details: Record<string, unknown>;
  constructor(message: Text, details: Record<string, unknown> = {}) {
    super(message.en ?? message.zh);
    this.name = 'PackageInvalidError';
    this.text = message;
    this.details = details;
  }
}

/** More than this uncompressed is refused before anything is inflated (a zip bomb is not a filing package). */
export const MAX_UNCOMPRESSED = 512 * 1024 * 1024;

const HASH = /^sha256:[0-9a-f]{64}$/;

function isManifest(value: unknown): value is FilingManifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<FilingManifest>;
  return (
    m.format === PACKAGE_FORMAT &&
    Array.isArray(m.files) &&
    m.files.every((f) => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.sha256 === 'string' && HASH.test(f.sha256) && Number.isInteger(f.size))
  );
}

async function openZip(bytes: Buffer): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (err) {
    throw new PackageInvalidError({ zh: `不是有效的备案包（zip 文件）：${(err as Error).message}`, en: `Not a filing package (zip file): ${(err as Error).message}` }, { reason: 'not-a-zip' });
  }
  let total = 0;
  zip.forEach((_path, entry) => {
    total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  if (total > MAX_UNCOMPRESSED) throw new PackageInvalidError({ zh: `备案包解压后超过 ${MAX_UNCOMPRESSED} 字节，拒绝校验`, en: `The package unpacks to more than ${MAX_UNCOMPRESSED} bytes; not verified` }, { reason: 'too-large', uncompressed: total });
  return zip;
}

async function read(entry: JSZip.JSZipObject): Promise<Buffer | undefined> {
  try {
    return await entry.async('nodebuffer');
  } catch {
    return undefined; // an entry that does not inflate: reported as a hash mismatch by the caller
  }
}

export async function verifyPackage(bytes: Buffer): Promise<PackageVerification> {
  const zip = await openZip(bytes);
  const entries = new Map<string, JSZip.JSZipObject>();
  zip.forEach((path, entry) => {
    if (!entry.dir) entries.set(path, entry);
  });
  const problems: PackageProblem[] = [];
  const manifestEntry = entries.get(MANIFEST);
  const manifestBytes = manifestEntry && (await read(manifestEntry));
  if (!manifestBytes) {
    problems.push({ file: MANIFEST, reason: 'manifest-unreadable', message: { zh: '备案包中没有清单文件 manifest.json', en: 'The package has no manifest.json' } });
    return { ok: false, manifestHash: null, session: null, files: entries.size, problems };
  }
  const manifestHash = sha256Address(manifestBytes);
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    manifest = undefined;
  }
  if (!isManifest(manifest)) {
    problems.push({ file: MANIFEST, reason: 'manifest-unreadable', message: { zh: `manifest.json 不是可读的备案清单（${PACKAGE_FORMAT}）`, en: `manifest.json is not a readable filing manifest (${PACKAGE_FORMAT})` } });
    return { ok: false, manifestHash, session: null, files: entries.size, problems };
  }
  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (listed.has(file.path)) {
      problems.push({ file: file.path, reason: 'listed-twice', message: { zh: `${file.path} 在清单中出现两次`, en: `${file.path} is listed twice in the manifest` } });
      continue;
    }
    listed.add(file.path);
    const entry = file.path === MANIFEST ? undefined : entries.get(file.path);
    if (!entry) {
      problems.push({ file: file.path, reason: 'missing', message: { zh: `清单列出的 ${file.path} 不在备案包中`, en: `${file.path} is in the manifest but not in the package` } });
      continue;
    }
    const content = await read(entry);
    const actual = content ? sha256Address(content) : 'unreadable';
    if (actual !== file.sha256) {
      problems.push({ file: file.path, reason: 'hash-mismatch', message: { zh: `${file.path} 的 sha256 与清单不符（内容被改动）：清单 ${file.sha256}，实际 ${actual}`, en: `${file.path}: sha256 differs from the manifest (the content was altered): manifest ${file.sha256}, actual ${actual}` } });
    } else if (content!.length !== file.size) {
      problems.push({ file: file.path, reason: 'size-mismatch', message: { zh: `${file.path} 的大小与清单不符`, en: `${file.path}: size differs from the manifest` } });
    }
  }
  for (const path of [...entries.keys()].sort()) {
    if (path !== MANIFEST && !listed.has(path)) problems.push({ file: path, reason: 'unlisted', message: { zh: `${path} 不在清单中（多出的文件）`, en: `${path} is not in the manifest (an extra file)` } });
  }
  return { ok: problems.length === 0, manifestHash, session: manifest.session ?? null, files: entries.size, problems };
}

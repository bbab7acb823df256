// An uploaded applicants file as the CLI's readers want it: they open paths and
// tell the format by the extension, so the blob is copied to a private temporary
// file named after its format, and removed afterwards. Their messages name that
// file; here they are made to name the upload as the user called it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Text } from '../../engine/index';
import { APPLICANT_EXTENSIONS } from '../io/read-applicants';
import { displayPath, extensionOf } from '../io/input-file';
import { LimitError } from '../io/limits';
import { UserError } from '../io/user-error';
import type { BlobRef, BlobStore } from '../storage/index';

export type UploadFormat = (typeof APPLICANT_EXTENSIONS)[number];
export const UPLOAD_FORMATS: readonly UploadFormat[] = APPLICANT_EXTENSIONS;

/** The format an upload's name announces, or undefined when the readers cannot take it. */
export function uploadFormat(name: string): UploadFormat | undefined {
  const ext = extensionOf(name);
  return (UPLOAD_FORMATS as readonly string[]).includes(ext) ? (ext as UploadFormat) : undefined;
}

/** Rewrites a reader's message about the temporary file into one about the upload. */
export type Localize = (message: Text) => Text;

export async function withUploadFile<T>(blobs: BlobStore, upload: BlobRef, fn: (path: string, localize: Localize) => Promise<T>): Promise<T> {
  const format = uploadFormat(upload.name);
  if (!format) throw new UserError({ zh: `${upload.name}：不支持的文件类型`, en: `${upload.name}: unsupported file type` });
  const dir = await mkdtemp(join(tmpdir(), 'pingshen-upload-'));
  const path = join(dir, `upload.${format}`);
  const shown = [displayPath(path), path];
  const localize: Localize = (message) => {
    const swap = (s: string) => shown.reduce((acc, p) => acc.split(p).join(upload.name), s);
    return { zh: swap(message.zh), en: swap(message.en ?? message.zh) };
  };
  try {
    await writeFile(path, await blobs.get(upload.hash));
    return await fn(path, localize);
  } catch (err) {
    if (err instanceof LimitError) throw err.withText(localize(err.text));
    if (err instanceof UserError) throw new UserError(localize(err.text), { exitCode: err.exitCode, issues: err.issues });
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

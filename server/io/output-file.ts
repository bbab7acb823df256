// Result files are written beside their target under a temporary name and renamed
// into place when complete, so a failed or interrupted run never leaves a
// half-written file that looks like a result.
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { text } from './text';
import { UserError } from './user-error';

export function temporaryPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
}

/** Fails before any work is done when the output cannot be written where asked. */
export async function checkOutputTarget(file: string): Promise<void> {
  const dir = dirname(file);
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UserError(text(`输出目录不存在：${dir}`, `The output directory does not exist: ${dir}`));
  }
  try {
    if ((await stat(file)).isDirectory()) throw new UserError(text(`输出路径是目录：${file}`, `The output path is a directory: ${file}`));
  } catch (err) {
    if (err instanceof UserError) throw err;
  }
}

export async function commitOutput(temporary: string, file: string): Promise<void> {
  await rename(temporary, file);
}

export async function discardOutput(temporary: string): Promise<void> {
  await rm(temporary, { force: true });
}

// Opening a file the user named: a missing file, a directory or an empty file is
// the user's mistake and gets a one-line message, never an ENOENT stack.
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { text } from './text';
import { UserError } from './user-error';

/** Checks that `file` is a readable, non-empty regular file; returns its size. */
export async function checkInputFile(file: string, options: { allowEmpty?: boolean } = {}): Promise<number> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UserError(text(`${file} 是目录，不是文件`, `${file} is a directory, not a file`));
    size = info.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(text(`找不到文件：${displayPath(file)}`, `File not found: ${displayPath(file)}`));
    throw new UserError(text(`无法读取文件 ${file}（${code ?? String(err)}）`, `Cannot read ${file} (${code ?? String(err)})`));
  }
  if (size === 0 && !options.allowEmpty) throw new UserError(text(`${displayPath(file)}：文件为空`, `${displayPath(file)}: the file is empty`));
  return size;
}

/** The file's extension, lower case, without the dot: "csv", "xlsx", "json". */
export function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? '' : file.slice(dot + 1).toLowerCase();
}

/** A path as the user should read it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel === '' || rel === '..' || rel.startsWith('..' + sep) ? resolve(path) : rel;
}

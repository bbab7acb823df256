// Where rule files are: rules/<department>/<ruleset-id>/v<N>.json, one file per
// version. Only names of that shape are rule files; sample applicants and other
// JSON beside them are not.
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export const RULE_FILE_NAME = /^v\d+\.json$/;

export const isRuleFileName = (file: string) => RULE_FILE_NAME.test(basename(file));

/** Every rule file under `dir`, in a stable order. */
export async function findRuleFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string) => {
    const entries = await readdir(at, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && RULE_FILE_NAME.test(entry.name)) found.push(path);
    }
  };
  await walk(dir);
  return found.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * The directory whose rule files a ruleset at `path` may extend: the nearest
 * ancestor (or `path` itself) named `rules`, else the directory itself (for a
 * file, the directory it is in).
 */
export function registryRoot(path: string, isDirectory: boolean): string {
  const start = resolve(isDirectory ? path : dirname(path));
  for (let dir = start; ; dir = dirname(dir)) {
    if (basename(dir) === 'rules') return dir;
    if (dirname(dir) === dir) return start;
  }
}

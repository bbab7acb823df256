// The project's directory, which holds rules/ and studio/dist. This file is one level
// below it (server/), and so is every compiled bundle (dist/, into which the build
// inlines this module): `..` is the project whether the server runs from its
// TypeScript sources (tsx, vitest) or from the build. A file deeper in server/ must
// not compute its own `../../rules`: in a bundle its import.meta.url is dist/<entry>.js.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A path inside the project, e.g. projectPath('rules', 'process', 'holidays.json'). */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}

// The build, run by `npm run build`, `npm start` and the CLI scripts:
//   studio  Vite → studio/dist (the single-page app the server serves)
//   server  esbuild → dist/main.js (the server), dist/cli.js (the CLI),
//           dist/tasks.worker.js (the work pool's threads: rule checks, uploads,
//           runs, filings) and dist/evaluate-worker.js (the batch evaluator's
//           threads): one ESM bundle per
//           entry with our TypeScript and JSON inlined and every package left to
//           node_modules, so the server runs as plain JavaScript in production.
// A part is rebuilt only when the files it is built from changed: the SHA-256 of
// their contents is kept in dist/build-state.json, so an unchanged tree starts at
// once. Node runs this file itself (type stripping): no tsx and no devDependency is
// needed, which is why vite, @vitejs/plugin-vue and esbuild are dependencies.
//   node build.ts [studio] [server] [--force] [--quiet]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = dirname(fileURLToPath(import.meta.url));
const OUT = join(ROOT, 'dist');
const STATE_FILE = join(OUT, 'build-state.json');

interface Target {
  /** Directories and files (relative to the project) whose contents decide whether to rebuild. */
  inputs: string[];
  /** Never hashed (build output inside an input directory). */
  skip: string[];
  /** Files that must exist for the last build to count. */
  outputs: string[];
  /** Builds; answers every project file the build read, to check that `inputs` covers it. */
  build: (quiet: boolean) => Promise<string[]>;
}

// The bundles sit directly in dist/, one level below the project like server/, so
// that server/project-root.ts finds rules/ and studio/dist from either. Every
// worker thread's entry is a bundle of its own: the pools start it from beside the
// module that starts them (server/work/worker-url.ts), which in a bundle is dist/.
const SERVER_ENTRIES = {
  main: 'server/main.ts',
  cli: 'server/cli/main.ts',
  'tasks.worker': 'server/work/tasks.worker.ts',
  'evaluate-worker': 'server/io/evaluate-worker.ts',
};

const TARGETS: Record<'studio' | 'server', Target> = {
  studio: {
    inputs: ['studio', 'engine', 'package-lock.json', 'tsconfig.json', 'build.ts'],
    skip: ['studio/dist'],
    outputs: ['studio/dist/index.html'],
    build: buildStudio,
  },
  server: {
    inputs: ['server', 'engine', 'package-lock.json', 'tsconfig.json', 'build.ts'],
    skip: [],
    outputs: Object.keys(SERVER_ENTRIES).map((name) => `dist/${name}.js`),
    build: buildServer,
  },
};

async function buildStudio(quiet: boolean): Promise<string[]> {
  const { build } = await import('vite');
  const read = new Set<string>();
  await build({
    configFile: join(ROOT, 'studio/vite.config.ts'),
    logLevel: quiet ? 'warn' : 'info',
    plugins: [
      {
        name: 'pingshen-build-inputs',
        generateBundle() {
          for (const id of this.getModuleIds()) if (!id.startsWith('\0')) read.add(id.split('?')[0]!);
        },
      },
    ],
  });
  return [...read];
}

async function buildServer(): Promise<string[]> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: SERVER_ENTRIES,
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    // No splitting: each bundle is whole, so a rebuild replaces whole files and a
    // running process never meets a chunk of another build.
    splitting: false,
    sourcemap: true,
    keepNames: true,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    // Written beside and renamed: a process starting meanwhile reads the old or the new file, never half of one.
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  return Object.keys(result.metafile.inputs).map((file) => resolve(ROOT, file));
}

/** Every file of the target's inputs, sorted, hashed with its path. */
function inputHash(target: Target): string {
  const hash = createHash('sha256');
  const skip = target.skip.map((path) => join(ROOT, path));
  const files: string[] = [];
  for (const input of target.inputs) {
    const path = join(ROOT, input);
    if (!existsSync(path)) continue;
    if (statSync(path).isFile()) {
      files.push(path);
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      if (!skip.some((dir) => full.startsWith(dir + sep))) files.push(full);
    }
  }
  for (const file of files.sort()) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function readState(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

function writeState(state: Record<string, string>): void {
  mkdirSync(OUT, { recursive: true });
  const temp = `${STATE_FILE}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2) + '\n');
  renameSync(temp, STATE_FILE);
}

/** A file the build read that no input covers would not trigger a rebuild when it changes: refuse it. */
function checkCovered(name: string, target: Target, read: string[]): void {
  const covered = target.inputs.map((input) => join(ROOT, input));
  const outside = read.filter((file) => !file.includes(`${sep}node_modules${sep}`) && !covered.some((path) => file === path || file.startsWith(path + sep)));
  if (outside.length > 0) throw new Error(`build.ts: the ${name} build read ${outside.map((file) => relative(ROOT, file)).join(', ')}, outside its inputs (${target.inputs.join(', ')}); add it to TARGETS.${name}.inputs`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' }, quiet: { type: 'boolean' } } });
  const unknown = positionals.filter((name) => !Object.hasOwn(TARGETS, name));
  if (unknown.length > 0) throw new Error(`build.ts: unknown target ${unknown.join(', ')} (targets: ${Object.keys(TARGETS).join(', ')})`);
  const names = (positionals.length > 0 ? positionals : Object.keys(TARGETS)) as Array<keyof typeof TARGETS>;
  const quiet = values.quiet === true;
  // Messages go to stderr: `npm run pingshen -- export ... > file` keeps a clean stdout.
  const log = (line: string) => process.stderr.write(line + '\n');
  for (const name of names) {
    const target = TARGETS[name];
    const hash = inputHash(target);
    const built = target.outputs.every((file) => existsSync(join(ROOT, file)));
    if (!values.force && built && readState()[name] === hash) {
      if (!quiet) log(`${name}: up to date`);
      continue;
    }
    const { [name]: _previous, ...others } = readState();
    // Forgotten first, so that a build that fails or is interrupted is redone next time.
    writeState(others);
    log(`${name}: building…`);
    const started = performance.now();
    const read = await target.build(quiet);
    checkCovered(name, target, read);
    writeState({ ...readState(), [name]: hash });
    log(`${name}: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

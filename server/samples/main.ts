// npm run samples -- [options]                  one population, written by --out's extension
//   --ruleset <file>   the ruleset (its extends chain is read from rules/)
//   --seed <n>         default 2024          --count <n>   default 200
//   --as-of <date>     default 2024-09-30    --out <file.json|.xlsx|.csv>  (repeatable; none: JSON to stdout)
// npm run samples -- --all      every committed sample, the named applicants, the error demos and the rules README
// npm run samples -- named      rules/samples/named/<series>.json
// npm run samples -- errors     rules/samples/errors/*
// npm run samples -- readme [--check]   the generated section of rules/README.md
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SAMPLE_COUNT, SAMPLE_SEED, writeCommittedSamples, writeErrorDemos, writeNamedApplicants } from './committed';
import { README, expectedReadme, writeRulesReadme } from './rules-readme';
import { DEFAULT_AS_OF, generatePopulation } from './generate';
import { loadRuleFiles, prepare } from './rulesets';
import { applicantsCsv, applicantsJson, applicantsXlsx } from './write-files';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function fail(message: string): never {
  process.stderr.write(`samples: ${message}\n`);
  process.exit(1);
}

async function generateOne(values: { ruleset?: string; seed?: string; count?: string; 'as-of'?: string; out?: string[] }) {
  if (!values.ruleset) fail('--ruleset <file> is required (or use --all)');
  const seed = Number(values.seed ?? SAMPLE_SEED);
  const count = Number(values.count ?? SAMPLE_COUNT);
  if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);
  if (!Number.isInteger(count) || count < 0) fail(`--count must be a whole number, got ${values.count}`);
  const asOf = values['as-of'] ?? DEFAULT_AS_OF;
  const files = loadRuleFiles(join(ROOT, 'rules'), ROOT);
  const wanted = relative(ROOT, resolve(values.ruleset)).split(sep).join('/');
  const file = files.find((f) => f.path === wanted);
  if (!file) fail(`${values.ruleset}: not a ruleset file under rules/ (rules/<department>/<id>/v<N>.json)`);
  const p = prepare(file, files.map((f) => f.ruleset));
  const applicants = generatePopulation(p, { seed, count, asOf });
  const outs = values.out ?? [];
  if (outs.length === 0) process.stdout.write(applicantsJson(applicants));
  for (const out of outs) {
    const data = out.endsWith('.xlsx')
      ? await applicantsXlsx(p.resolved.facts, applicants)
      : out.endsWith('.csv')
        ? applicantsCsv(p.resolved.facts, applicants)
        : out.endsWith('.json')
          ? applicantsJson(applicants)
          : fail(`--out ${out}: use a .json, .xlsx or .csv file name`);
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, data);
    process.stderr.write(`wrote ${count} applicants for ${p.resolved.id}@${p.resolved.version} to ${out}\n`);
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      all: { type: 'boolean' },
      check: { type: 'boolean' },
      ruleset: { type: 'string' },
      seed: { type: 'string' },
      count: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string', multiple: true },
    },
  });
  const command = positionals[0];
  const log = (line: string) => process.stderr.write(line + '\n');
  if (values.all) {
    await writeCommittedSamples(ROOT, log);
    writeNamedApplicants(ROOT, log);
    await writeErrorDemos(ROOT, log);
    log(writeRulesReadme(ROOT) ? `${README}: generated section updated` : `${README}: up to date`);
    return;
  }
  if (command === undefined) return generateOne(values);
  if (command === 'readme') {
    if (values.check) {
      const { current, expected } = expectedReadme(ROOT);
      if (current !== expected) fail(`${README} is out of date with the rule files: run npm run samples -- readme`);
      log(`${README}: up to date`);
      return;
    }
    log(writeRulesReadme(ROOT) ? `${README}: generated section updated` : `${README}: up to date`);
    return;
  }
  if (command === 'errors') {
    await writeErrorDemos(ROOT, log);
    return;
  }
  if (command === 'named') {
    writeNamedApplicants(ROOT, log);
    return;
  }
  fail(`unknown command ${command}`);
}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));

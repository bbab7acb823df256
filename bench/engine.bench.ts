// `npm run bench`: applicants per second on the most complex shipped ruleset, with
// full condition-level traces, for
//   (a) Pingshen's compiled evaluator,
//   (b) json-rules-engine with one reused Engine collecting every condition result,
//   (c) a hand-written TypeScript function for the same ruleset (the practical limit),
// and the seconds for an end-to-end CLI run over 100,000 applicants from csv to csv.
// A benchmark, not a test: it prints figures. It does check that (a) and (c) produce
// identical results, so the comparison is of the same work.
import { isDeepStrictEqual } from 'node:util';
import { compileRuleset, evaluate, type Applicant, type EvaluationResult } from '../engine/index';
import { referenceTraces } from '../engine/reference';
import { nativeSha256 } from '../server/io/native-sha256';
import { applicantGenerator } from '../test/support/random-applicants';
import { shippedRulesets } from '../test/support/rulesets';
import { evalContext, slots } from '../test/support/traces';
import { complexity } from './complexity';
import { endToEnd } from './end-to-end';
import { handWrittenFor } from './hand-written/index';

const AS_OF = '2024-09-30';

/** Runs `fn` over the applicants repeatedly for at least `seconds`; returns applicants per second. */
function throughput(applicants: Applicant[], seconds: number, fn: (a: Applicant) => unknown): number {
  for (let i = 0; i < Math.min(500, applicants.length); i++) fn(applicants[i]!); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    for (const a of applicants) fn(a);
    n += applicants.length;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function asyncThroughput(applicants: Applicant[], fn: (a: Applicant) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (const a of applicants) await fn(a);
  return applicants.length / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function main() {
  const shipped = shippedRulesets().filter((s) => (s.resolved.criteria ?? []).length > 0);
  const target = shipped.map((s) => ({ ...s, size: complexity(s.resolved) })).sort((a, b) => b.size.total - a.size.total)[0];
  if (!target) throw new Error('no shipped rulesets found under rules/');
  const { resolved } = target;
  console.log(`ruleset: ${target.file} (${resolved.id}@${resolved.version})`);
  console.log(
    `  ${target.size.conditionNodes} condition nodes, ${target.size.criteria} criteria, ${target.size.vetoes} vetoes, ` +
      `${target.size.items} scoring items, ${target.size.derived} derived facts`,
  );

  const generate = applicantGenerator(resolved, { asOf: AS_OF, seed: 2024 });
  const population = Array.from({ length: 5000 }, (_, i) => generate(i));
  const compiled = compileRuleset(resolved);
  const options = { asOf: AS_OF, trace: 'full' as const, validate: false, sha256: nativeSha256 };

  // (c) must be the same work: identical results for the whole population.
  const handWritten = handWrittenFor(resolved, nativeSha256);
  if (handWritten) {
    for (const a of population) {
      const expected = evaluate(compiled, a, options);
      const actual: EvaluationResult = handWritten(a, AS_OF);
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)))) {
        throw new Error(`hand-written evaluator disagrees with Pingshen for applicant ${String(a.id)}`);
      }
    }
    console.log(`  hand-written evaluator verified identical on ${population.length} applicants`);
  }

  const pingshen = throughput(population, 3, (a) => evaluate(compiled, a, options));
  console.log(`(a) pingshen, full traces:           ${Math.round(pingshen).toLocaleString('en')} applicants/s`);
  const pingshenChecked = throughput(population, 2, (a) => evaluate(compiled, a, { ...options, validate: true }));
  console.log(`    pingshen, full traces + validation: ${Math.round(pingshenChecked).toLocaleString('en')} applicants/s`);
  const pingshenNone = throughput(population, 2, (a) => evaluate(compiled, a, { ...options, trace: 'none' }));
  console.log(`    pingshen, outcome only:            ${Math.round(pingshenNone).toLocaleString('en')} applicants/s`);

  // The same work as (b): derived facts, then every condition tree traced node by node.
  const conditionSlots = slots(compiled);
  const pingshenConditions = throughput(population, 2, (a) => {
    const ctx = evalContext(compiled, a, AS_OF);
    return conditionSlots.map((slot) => slot.condition.trace(ctx));
  });
  console.log(`    pingshen, condition traces only:   ${Math.round(pingshenConditions).toLocaleString('en')} applicants/s (the work (b) does)`);

  const jreSample = population.slice(0, 1000);
  const jre = await asyncThroughput(jreSample, (a) => referenceTraces(compiled, a, AS_OF));
  console.log(`(b) json-rules-engine, conditions:   ${Math.round(jre).toLocaleString('en')} applicants/s`);

  const hand = handWritten ? throughput(population, 3, (a) => handWritten(a, AS_OF)) : NaN;
  console.log(`(c) hand-written, full traces:       ${handWritten ? Math.round(hand).toLocaleString('en') + ' applicants/s' : 'none for this ruleset'}`);

  const e2e = await endToEnd(target.file, resolved, 100_000, AS_OF);
  console.log(`end-to-end: ${e2e.count.toLocaleString('en')} applicants csv → csv through the CLI in ${e2e.seconds.toFixed(2)} s`);
  console.log(
    `ratios: pingshen / json-rules-engine = ${(pingshen / jre).toFixed(0)}× (full results), ` +
      `${(pingshenConditions / jre).toFixed(0)}× (condition traces only); pingshen / hand-written = ${(pingshen / hand).toFixed(2)}`,
  );
  console.log(
    JSON.stringify({
      pingshen: Math.round(pingshen),
      jsonRulesEngine: Math.round(jre),
      handWritten: Number.isNaN(hand) ? null : Math.round(hand),
      endToEnd100k: Number(e2e.seconds.toFixed(2)),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

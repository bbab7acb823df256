// The heavy work the server hands to its worker threads (work-pool.ts), one
// function per kind. Each takes and returns plain data (structured clone crosses
// the thread boundary), so the routes and services on the main thread stay the
// ones that read and write the store; here only the computing happens.
import {
  breakingChanges,
  compileRuleset,
  evaluate,
  lintRuleset,
  resolveExtends,
  runEmbeddedTests,
  validateRuleset,
  type Applicant,
  type BreakingChange,
  type CompiledRuleset,
  type EvaluateOptions,
  type FactDef,
  type Issue,
  type ResolvedRuleset,
  type Ruleset,
  type TestCaseResult,
  type Text,
} from '../../engine/index';
import { buildFilingPackage, type FilingInputs, type FilingPackage } from '../committee/filing-package';
import type { MissingColumns } from '../io/column-map';
import { nativeSha256 } from '../io/native-sha256';
import { summaryColumns, summaryRow, type SummaryCell } from '../io/result-summary';
import { checkUpload, type CheckedUpload, type UploadCheckLimits } from '../runs/check-upload';
import { countFilled, countRefusals, type FilledCounts, type RefusalCounts } from '../runs/compatibility-count';
import { placeFacts, rankedRow, type RankedRow } from '../runs/ranked-results';
import type { BlobRef, BlobStore } from '../storage/index';

/** Outcome-only evaluation for ranking and comparing: records were checked while reading. */
export function batchOptions(asOf: string, trace: 'criteria' | 'none'): EvaluateOptions {
  return { asOf, trace, lang: 'zh', validate: false, explain: false, sha256: nativeSha256 };
}

/** A resolved ruleset and the key it is compiled under in a worker (the version's content hash). */
export interface RulesetRef {
  key: string;
  ruleset: ResolvedRuleset;
}

export interface CheckRulesetInput {
  ruleset: Ruleset;
  /** Every version the `extends` chain names, by `id@version`. */
  ancestors: Array<[string, Ruleset]>;
  /** Schema and lint (content not saved yet); false for a stored version, checked when it was saved. */
  check: boolean;
  /** Run the embedded cases when the content has no error. */
  tests: boolean;
}

export interface CheckRulesetOutput {
  issues: Issue[];
  /** The embedded cases' results; null when not asked for or when the content has errors. */
  cases: TestCaseResult[] | null;
}

export interface CheckUploadInput {
  /** The upload's bytes (transferred, not copied). */
  bytes: Uint8Array;
  upload: BlobRef;
  rules: RulesetRef;
  /** Whether the valid records come back (a run needs them; a check does not). */
  records: boolean;
  limits: UploadCheckLimits;
  /** A required column missing: refuse the file (a check, a run) or each row (an impact analysis). Default 'file'. */
  missingColumns?: MissingColumns;
}

export interface EvaluateRowsInput {
  rules: RulesetRef;
  records: Applicant[];
  asOf: string;
}

export interface EvaluatedRows {
  rows: RankedRow[];
  cells: SummaryCell[][];
}

export interface Outcome {
  eligible: boolean;
  passed: boolean;
  score: number;
}

export interface CompatibilityInput {
  /** Content not saved yet, checked already (schema and lint), and the versions its `extends` names. */
  draft: Ruleset;
  ancestors: Array<[string, Ruleset]>;
  /** The facts (extends resolved) of the version compared with — the one in force — or null when there is none. */
  base: FactDef[] | null;
  /** The latest completed run of the ruleset, whose applicants are counted; null when there is none. */
  run: {
    /** Its input file's bytes (transferred, not copied). */
    bytes: Uint8Array;
    upload: BlobRef;
    limits: UploadCheckLimits;
    /** Rows the run skipped (validRowsOnly): not its applicants. */
    skippedRows: number[];
    /** The run's own version: how it read the file, to count who filled in what the draft no longer reads. */
    rules: RulesetRef;
  } | null;
}

export interface CompatibilityOutput {
  changes: BreakingChange[];
  /** The draft's top-level facts' labels (extends resolved), by id: the names of the fields counts mention. */
  labels: Record<string, Text>;
  refusals: RefusalCounts | null;
  /** By change path (`fact`), for the changes whose effect is 'ignored'. */
  filled: FilledCounts | null;
}

export interface TaskMap {
  checkRuleset: { input: CheckRulesetInput; output: CheckRulesetOutput };
  checkUpload: { input: CheckUploadInput; output: CheckedUpload };
  /** A run's slice: ranked rows and the summary cells of each applicant. */
  evaluateRows: { input: EvaluateRowsInput; output: EvaluatedRows };
  /** An impact analysis' slice: each applicant's outcome under the other version. */
  evaluateOutcomes: { input: EvaluateRowsInput; output: Outcome[] };
  filingPackage: { input: FilingInputs; output: FilingPackage };
  /** Breaking changes of a draft's facts against the version in force, and whom they turn away in the latest run. */
  compatibility: { input: CompatibilityInput; output: CompatibilityOutput };
}

export type TaskKind = keyof TaskMap;
export type TaskInput<K extends TaskKind> = TaskMap[K]['input'];
export type TaskOutput<K extends TaskKind> = TaskMap[K]['output'];

/** Compiled rulesets by content hash: a run's slices compile their version once per thread. */
const compiledByKey = new Map<string, CompiledRuleset>();
const MAX_COMPILED = 8;

function compiled({ key, ruleset }: RulesetRef): CompiledRuleset {
  let found = compiledByKey.get(key);
  if (found) {
    compiledByKey.delete(key);
  } else {
    found = compileRuleset(ruleset);
    if (compiledByKey.size >= MAX_COMPILED) compiledByKey.delete(compiledByKey.keys().next().value!);
  }
  compiledByKey.set(key, found);
  return found;
}

export const TASKS: { [K in TaskKind]: (input: TaskInput<K>) => TaskOutput<K> | Promise<TaskOutput<K>> } = {
  checkRuleset({ ruleset, ancestors, check, tests }) {
    const loaded = new Map(ancestors);
    const lookup = (id: string, version: number) => loaded.get(`${id}@${version}`);
    const issues: Issue[] = [];
    if (check) {
      issues.push(...validateRuleset(ruleset));
      if (!issues.some((i) => i.severity === 'error')) issues.push(...lintRuleset(ruleset, { lookup }));
    }
    const errors = issues.some((i) => i.severity === 'error');
    return { issues, cases: tests && !errors ? runEmbeddedTests(resolveExtends(ruleset, lookup)) : null };
  },

  async checkUpload({ bytes, upload, rules, records, limits, missingColumns }) {
    const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // check-upload reads the upload through a blob store; here the bytes are already at hand.
    const blobs = { get: async () => file } as unknown as BlobStore;
    const checked = await checkUpload(blobs, upload, compiled(rules), limits, missingColumns);
    if (!records) checked.records = [];
    return checked;
  },

  evaluateRows({ rules, records, asOf }) {
    const c = compiled(rules);
    const columns = summaryColumns(c, 'zh');
    const places = placeFacts(c.ruleset.facts);
    const options = batchOptions(asOf, 'criteria');
    const rows: RankedRow[] = [];
    const cells: SummaryCell[][] = [];
    for (const record of records) {
      const result = evaluate(c, record, options);
      rows.push(rankedRow(result, record, places));
      cells.push(summaryRow(columns, result, record));
    }
    return { rows, cells };
  },

  evaluateOutcomes({ rules, records, asOf }) {
    const c = compiled(rules);
    const options = batchOptions(asOf, 'none');
    return records.map((record) => {
      const { eligible, passed, score } = evaluate(c, record, options);
      return { eligible, passed, score };
    });
  },

  filingPackage(inputs) {
    return buildFilingPackage(inputs);
  },

  async compatibility({ draft, ancestors, base, run }) {
    const loaded = new Map(ancestors);
    const resolved = resolveExtends(draft, (id, version) => loaded.get(`${id}@${version}`));
    const changes = base ? breakingChanges(base, resolved.facts) : [];
    const labels = Object.fromEntries(resolved.facts.map((f) => [f.id, f.label]));
    if (!run) return { changes, labels, refusals: null, filled: null };
    const file = Buffer.from(run.bytes.buffer, run.bytes.byteOffset, run.bytes.byteLength);
    const blobs = { get: async () => file } as unknown as BlobStore;
    const skipped = new Set(run.skippedRows);
    // A draft is compiled for this one reading: it has no stable key to cache it under.
    const refusals = await countRefusals(blobs, run.upload, compileRuleset(resolved), run.limits, skipped);
    const ignored = changes.filter((c) => c.effect === 'ignored').map((c) => c.fact);
    const filled = ignored.length > 0 ? await countFilled(blobs, run.upload, compiled(run.rules), run.limits, skipped, ignored) : {};
    return { changes, labels, refusals, filled };
  },
};

// Types for the ruleset format. The JSON Schema beside this file
// (schema/ruleset.schema.json) is the source of truth; these types mirror it.

/** User-facing text: Chinese first, English optional. */
export interface Text {
  zh: string;
  en?: string;
}

export type Lang = 'zh' | 'en';
export type Scalar = string | number | boolean;
export type RulesetStatus = 'draft' | 'submitted' | 'approved' | 'published' | 'retired';

/** A policy document a ruleset rests on. */
export interface BasisDocument {
  id: string;
  title: Text;
  number?: string;
  issuer?: string;
  date?: string;
  url?: string;
}

/** Where a criterion, item or number comes from. `example: true` marks a value awaiting confirmation. */
export interface Citation {
  doc: string;
  clause?: string;
  note?: Text;
  example?: boolean;
}

export type FactType = 'number' | 'integer' | 'boolean' | 'string' | 'enum' | 'set' | 'date' | 'record' | 'array';

export interface FactOption {
  value: string;
  label: Text;
}

export interface FactDef {
  id: string;
  label: Text;
  description?: Text;
  type: FactType;
  unit?: Text;
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  /** enum and set */
  options?: FactOption[];
  /** record and array (of records) */
  fields?: FactDef[];
}

export interface LookupRow {
  value: Scalar;
  result: Scalar;
}

/** A per-record computed value inside an aggregate (count/sum/min/max). */
export type RecordLet =
  | { id: string; op: 'yearsBetween' | 'monthsBetween'; from: string; to: string }
  | { id: string; op: 'lookup'; fact: string; table: LookupRow[]; default?: Scalar };

interface DerivedBase {
  id: string;
  label: Text;
  description?: Text;
  unit?: Text;
}

export type DerivedDef = DerivedBase &
  (
    | { op: 'count'; of: string; where?: Condition; let?: RecordLet[] }
    | { op: 'sum' | 'min' | 'max'; of: string; field: string; where?: Condition; let?: RecordLet[] }
    | { op: 'yearsBetween' | 'monthsBetween'; from: string; to: string }
    | { op: 'lookup'; fact: string; table: LookupRow[]; default?: Scalar }
  );

export type DerivedOp = DerivedDef['op'];

/** The right-hand side of a leaf: a literal, or another fact's value. */
export interface FactReference {
  fact: string;
  path?: string;
}

export type ConditionValue = Scalar | null | Array<Scalar | null> | FactReference;

export interface LeafCondition {
  fact: string;
  operator: string;
  value: ConditionValue;
  path?: string;
  name?: string;
}
export interface AllCondition {
  all: Condition[];
  name?: string;
}
export interface AnyCondition {
  any: Condition[];
  name?: string;
}
export interface NotCondition {
  not: Condition;
  name?: string;
}
/** A json-rules-engine condition tree. */
export type Condition = AllCondition | AnyCondition | NotCondition | LeafCondition;

export interface Criterion {
  id: string;
  title: Text;
  basis: Citation[];
  appliesWhen?: Condition;
  conditions: Condition;
  explanation?: { pass?: Text; fail?: Text };
}

export interface Veto {
  id: string;
  title: Text;
  basis: Citation[];
  conditions: Condition;
  explanation?: { triggered?: Text; clear?: Text };
}

interface ItemBase {
  id: string;
  title: Text;
  basis: Citation[];
  appliesWhen?: Condition;
  cap?: number;
  explanation?: Text;
}

export interface Bracket {
  min: number;
  points: number;
}

export type ScoringItem = ItemBase &
  (
    | { type: 'condition'; when: Condition; points: number }
    | { type: 'perUnit'; fact: string; pointsEach: number }
    | { type: 'bracket'; fact: string; brackets: Bracket[] }
    | { type: 'lookup'; fact: string; table: Array<{ value: Scalar; points: number }>; default?: number }
  );

export type ItemType = ScoringItem['type'];

export interface Category {
  id: string;
  title: Text;
  basis: Citation[];
  cap?: number;
  /** Counted outside the total cap (e.g. the grassroots tilt). */
  bonus?: boolean;
  items: ScoringItem[];
}

export interface Scoring {
  cap?: number;
  categories: Category[];
}

export type PassRule = ({ mode: 'minScore'; minScore: number } | { mode: 'rank'; minScore?: number }) & { basis?: Citation[] };

export interface TestExpectation {
  eligible?: boolean;
  vetoed?: boolean;
  passed?: boolean;
  score?: number;
  criteria?: Record<string, boolean>;
  vetoes?: Record<string, boolean>;
  items?: Record<string, number>;
  categories?: Record<string, number>;
  /** Facts that must appear in the hints, in any order. */
  hintFacts?: string[];
}

export interface TestCase {
  id: string;
  title: Text;
  asOf: string;
  applicant: Applicant;
  expect: TestExpectation;
}

export interface Ruleset {
  $schema?: string;
  id: string;
  version: number;
  status?: RulesetStatus;
  title: Text;
  description?: Text;
  department: string;
  series?: string;
  level?: string;
  track?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  /** `<id>@<version>` of the parent ruleset. */
  extends?: string;
  basis: BasisDocument[];
  facts: FactDef[];
  derived?: DerivedDef[];
  criteria?: Criterion[];
  vetoes?: Veto[];
  scoring?: Scoring;
  pass?: PassRule;
  tests?: TestCase[];
}

/** One version as it is identified in results: the ruleset and every ancestor it extends. */
export interface RulesetRef {
  id: string;
  version: number;
  hash: string;
}

/**
 * A ruleset with its `extends` chain merged in. `lineage[0]` is the ruleset itself,
 * followed by its parent, grandparent, ...
 */
export interface ResolvedRuleset extends Ruleset {
  lineage: RulesetRef[];
}

/** An applicant record: fact id → value. `id` identifies the applicant in results. */
export type Applicant = Record<string, unknown> & { id?: unknown };

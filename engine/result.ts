// The evaluation result: the second central contract. Field names are fixed; the
// server, studio and audits read them. Every criterion, veto and item appears.
import type { RulesetRef } from './types';

export type TraceMode = 'full' | 'criteria' | 'none';

export interface LeafTrace {
  fact: string;
  path?: string;
  operator: string;
  /** The right-hand side as compared (a literal, or the referenced fact's value). */
  threshold: unknown;
  /** Set when the threshold was read from another fact. */
  thresholdFact?: string;
  /** The value read from the applicant (null when absent). */
  factValue: unknown;
  result: boolean;
  name?: string;
}
export interface AllTrace {
  all: ConditionTrace[];
  result: boolean;
  name?: string;
}
export interface AnyTrace {
  any: ConditionTrace[];
  result: boolean;
  name?: string;
}
export interface NotTrace {
  not: ConditionTrace;
  result: boolean;
  name?: string;
}
export type ConditionTrace = LeafTrace | AllTrace | AnyTrace | NotTrace;

export interface CriterionResult {
  id: string;
  title: string;
  /** Passed, or not applicable. */
  passed: boolean;
  applicable: boolean;
  explanation: string;
  appliesWhen?: ConditionTrace;
  conditions?: ConditionTrace;
}

export interface VetoResult {
  id: string;
  title: string;
  triggered: boolean;
  explanation: string;
  conditions?: ConditionTrace;
}

export interface ItemResult {
  id: string;
  categoryId: string;
  title: string;
  applicable: boolean;
  /** Points after the item, category and total caps. */
  points: number;
  /** Points the item's rule awards before any cap. */
  rawPoints: number;
  capped: boolean;
  cappedBy?: 'item' | 'category' | 'total';
  /** The value the item read (perUnit, bracket, lookup). */
  factValue?: unknown;
  explanation: string;
  appliesWhen?: ConditionTrace;
  conditions?: ConditionTrace;
}

export interface CategoryResult {
  id: string;
  title: string;
  points: number;
  rawPoints: number;
  cap: number | null;
  bonus: boolean;
}

export interface Hint {
  criterionId: string;
  fact: string;
  label: string;
  value: unknown;
  operator: string;
  threshold: number;
  /** The nearest value that passes this threshold. */
  required: number;
  /** How far the value is from `required` (always ≥ 0). */
  gap: number;
  message: string;
}

export interface EvaluationResult {
  applicantId: string | null;
  ruleset: RulesetRef & { extends: RulesetRef[] };
  engine: { version: string; evaluator: 'compiled' | 'reference' };
  asOf: string;
  inputHash: string;
  trace: TraceMode;
  eligible: boolean;
  vetoed: boolean;
  score: number;
  passed: boolean;
  total: { basePoints: number; bonusPoints: number; cap: number | null; minScore: number | null };
  derived: Record<string, unknown>;
  criteria: CriterionResult[];
  vetoes: VetoResult[];
  items: ItemResult[];
  categories: CategoryResult[];
  hints: Hint[];
}

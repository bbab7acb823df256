// The canonical applicant record: one way to write "not provided", so the same
// person read from JSON, CSV or a spreadsheet is the same record, evaluates the same
// and has the same inputHash. A sheet cannot tell an empty cell from an explicit
// null, and a sheet with a side sheet gives every applicant a list (often `[]`)
// where a JSON file may leave the list out; the catalogue decides which it is.
//
// For every fact the catalogue declares optional (at the top level and, the same
// way, among the fields of a record or of each record in a list):
// - a list (`array` of records, `set` of options) that is absent or null is `[]`;
// - any other value that is null, or a text that is empty or only blanks, is left
//   out (as a blank cell is).
// A set (required or not) lists its values in the catalogue's option order, as a
// cell "b、a" and a JSON ["a","b"] mean the same. Otherwise required facts and fields
// the catalogue does not declare are kept as given, so a missing required value is
// still refused by validation, and values themselves (numbers, dates, texts that are
// not blank) are never rewritten.
import type { Applicant, FactDef } from './types';

/** What to do per declared fact, worked out once per catalogue (a batch canonicalises every row). */
interface Plan {
  /** Optional lists: absent or null → []. */
  lists: string[];
  /** Sets (required or not): values in option order. */
  sets: Array<{ id: string; rank: Map<unknown, number> }>;
  /** Optional non-list facts: null or a blank text → left out. */
  scalars: string[];
  /** Records and lists of records whose fields have their own plan. */
  nested: Array<{ id: string; many: boolean; plan: Plan }>;
}

const plans = new WeakMap<readonly FactDef[], Plan>();

function planOf(facts: readonly FactDef[]): Plan {
  let plan = plans.get(facts);
  if (plan) return plan;
  plan = { lists: [], sets: [], scalars: [], nested: [] };
  for (const fact of facts) {
    const list = fact.type === 'array' || fact.type === 'set';
    if (!fact.required) (list ? plan.lists : plan.scalars).push(fact.id);
    if (fact.type === 'set') {
      plan.sets.push({ id: fact.id, rank: new Map((fact.options ?? []).map((o, i) => [o.value, i])) });
    }
    if ((fact.type === 'array' || fact.type === 'record') && fact.fields && fact.fields.length > 0) {
      const inner = planOf(fact.fields);
      // Records whose fields are all required plain values are canonical as they are.
      const idle = inner.lists.length + inner.sets.length + inner.scalars.length + inner.nested.length === 0;
      if (!idle) plan.nested.push({ id: fact.id, many: fact.type === 'array', plan: inner });
    }
  }
  plans.set(facts, plan);
  return plan;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Empty or only blanks (a whitespace test that does not build a trimmed copy). */
const blank = (v: string) => v.length === 0 || /^\s*$/.test(v);

/** Set values in option order; a set holding anything else is left for validation to refuse, as written. */
function ordered(values: unknown[], rank: Map<unknown, number>): unknown[] | undefined {
  let sorted = true;
  for (let i = 0; i < values.length; i++) {
    const r = rank.get(values[i]);
    if (r === undefined) return undefined;
    if (i > 0 && r < rank.get(values[i - 1])!) sorted = false;
  }
  return sorted ? undefined : [...values].sort((a, b) => rank.get(a)! - rank.get(b)!);
}

/** The record in canonical form; the record itself when it already is (it is never modified). */
function canonicalRecord(record: Record<string, unknown>, plan: Plan): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  const set = (id: string, value: unknown) => {
    out ??= { ...record };
    if (value === undefined) delete out[id];
    else out[id] = value;
  };
  // Plain loops and no allocation unless something changes: a batch runs this on every row.
  for (let i = 0; i < plan.scalars.length; i++) {
    const id = plan.scalars[i]!;
    const v = record[id];
    if (v === null || (typeof v === 'string' && blank(v))) set(id, undefined);
  }
  for (let i = 0; i < plan.lists.length; i++) {
    const id = plan.lists[i]!;
    if (record[id] === undefined || record[id] === null) set(id, []);
  }
  for (const { id, rank } of plan.sets) {
    const values = (out ?? record)[id];
    const sorted = Array.isArray(values) ? ordered(values, rank) : undefined;
    if (sorted) set(id, sorted);
  }
  for (const { id, many, plan: inner } of plan.nested) {
    const value = (out ?? record)[id];
    if (many && Array.isArray(value)) {
      let items: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const c = isRecord(item) ? canonicalRecord(item, inner) : item;
        if (c !== item) (items ??= value.slice())[i] = c;
      }
      if (items) set(id, items);
    } else if (!many && isRecord(value)) {
      const c = canonicalRecord(value, inner);
      if (c !== value) set(id, c);
    }
  }
  return out ?? record;
}

/**
 * The applicant in canonical form against the ruleset's (resolved) facts catalogue.
 * Every reader applies it before a record is checked and evaluated, so `inputHash`
 * — the hash of the record as evaluated — does not depend on the file format.
 */
export function canonicalApplicant<T extends Applicant>(applicant: T, facts: readonly FactDef[]): T {
  return canonicalRecord(applicant, planOf(facts)) as T;
}

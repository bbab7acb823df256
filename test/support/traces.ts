// Condition traces, slot by slot: the compiled evaluator's trees keyed the way
// engine/reference.ts keys json-rules-engine's, and helpers to compare and check them.
import type { CompiledRuleset } from '../../engine/compile';
import type { CompiledCondition } from '../../engine/compile-condition';
import type { EvalContext } from '../../engine/compile-derived';
import { parseDate } from '../../engine/dates';
import type { ConditionTrace } from '../../engine/result';
import type { Applicant } from '../../engine/types';

export interface Slot {
  key: string;
  condition: CompiledCondition<EvalContext>;
}

/** Every condition tree of a compiled ruleset, keyed as referenceTraces keys them. */
export function slots(compiled: CompiledRuleset): Slot[] {
  const out: Slot[] = [];
  compiled.criteria.forEach((c, i) => {
    if (c.appliesWhen) out.push({ key: `criteria/${i}/appliesWhen`, condition: c.appliesWhen });
    out.push({ key: `criteria/${i}/conditions`, condition: c.conditions });
  });
  compiled.vetoes.forEach((v, i) => out.push({ key: `vetoes/${i}/conditions`, condition: v.conditions }));
  compiled.categories.forEach((cat, ci) =>
    cat.items.forEach((item, ii) => {
      const at = `categories/${ci}/items/${ii}`;
      if (item.appliesWhen) out.push({ key: `${at}/appliesWhen`, condition: item.appliesWhen });
      const def = item.def;
      if (def.type === 'condition') {
        // The item's own condition, read through score(): traced, and short-circuited (the
        // points tell whether it held, unless the item is worth 0).
        const trace = (ctx: EvalContext) => item.score(ctx, true).conditions!;
        const test = (ctx: EvalContext) => (def.points !== 0 ? item.score(ctx, false).rawPoints === def.points : trace(ctx).result);
        out.push({ key: `${at}/when`, condition: { trace, test } });
      }
    }),
  );
  return out;
}

export function evalContext(compiled: CompiledRuleset, applicant: Applicant, asOf: string): EvalContext {
  const ymd = parseDate(asOf);
  if (!ymd) throw new Error(`bad asOf ${asOf}`);
  const ctx: EvalContext = { applicant, asOf: ymd, derived: new Array(compiled.derived.order.length) };
  compiled.derived.compute(ctx);
  return ctx;
}

/** The compiled evaluator's trace of every slot, and whether its short-circuit `test` agrees. */
export function compiledTraces(compiled: CompiledRuleset, applicant: Applicant, asOf: string): { traces: Map<string, ConditionTrace>; testMismatch: string[] } {
  const ctx = evalContext(compiled, applicant, asOf);
  const traces = new Map<string, ConditionTrace>();
  const testMismatch: string[] = [];
  for (const slot of slots(compiled)) {
    const t = slot.condition.trace(ctx);
    traces.set(slot.key, t);
    if (slot.condition.test(ctx) !== t.result) testMismatch.push(slot.key);
  }
  return { traces, testMismatch };
}

export function countNodes(t: ConditionTrace): number {
  if ('all' in t) return 1 + t.all.reduce((s, c) => s + countNodes(c), 0);
  if ('any' in t) return 1 + t.any.reduce((s, c) => s + countNodes(c), 0);
  if ('not' in t) return 1 + countNodes(t.not);
  return 1;
}

/** Where two traces first differ, as a path like `any/1/all/0.factValue`; null when identical. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (a === b) return null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${at || '(root)'}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join() !== kb.join()) return `${at || '(root)'}: keys [${ka}] ≠ [${kb}]`;
  for (const k of ka) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}/${k}` : k);
    if (d) return d;
  }
  return null;
}

/** Group nodes whose result does not follow from their children (all = every, any = some, not = negation). */
export function inconsistentGroups(t: ConditionTrace, at = ''): string[] {
  const out: string[] = [];
  const walk = (n: ConditionTrace, p: string) => {
    let expected: boolean | undefined;
    if ('all' in n) {
      n.all.forEach((c, i) => walk(c, `${p}/all/${i}`));
      expected = n.all.every((c) => c.result);
    } else if ('any' in n) {
      n.any.forEach((c, i) => walk(c, `${p}/any/${i}`));
      expected = n.any.length === 0 || n.any.some((c) => c.result);
    } else if ('not' in n) {
      walk(n.not, `${p}/not`);
      expected = !n.not.result;
    }
    if (expected !== undefined && expected !== n.result) out.push(p || '/');
  };
  walk(t, at);
  return out;
}

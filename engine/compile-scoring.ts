// Scoring items: points by condition, per counted unit, by bracket scale, or by
// lookup. Caps are applied by the evaluator (see allocate in evaluate.ts).
import { compileCondition, type CompiledCondition, type FactResolver } from './compile-condition';
import type { EvalContext } from './compile-derived';
import { roundPoints } from './compile-derived';
import type { ConditionTrace } from './result';
import type { Bracket, Category, ScoringItem } from './types';

export interface ItemOutcome {
  rawPoints: number;
  factValue?: unknown;
  conditions?: ConditionTrace;
  /** The bracket that matched, for explanations. */
  bracket?: Bracket;
}

export interface CompiledItem {
  def: ScoringItem;
  categoryId: string;
  appliesWhen: CompiledCondition<EvalContext> | null;
  /** `traced`: also return the condition tree (condition items). */
  score(ctx: EvalContext, traced: boolean): ItemOutcome;
}

export interface CompiledCategory {
  def: Category;
  items: CompiledItem[];
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function compileItem(item: ScoringItem, categoryId: string, resolve: FactResolver<EvalContext>): CompiledItem {
  const appliesWhen = item.appliesWhen ? compileCondition(item.appliesWhen, resolve) : null;
  const base = { def: item, categoryId, appliesWhen };
  switch (item.type) {
    case 'condition': {
      const when = compileCondition(item.when, resolve);
      const points = item.points;
      return {
        ...base,
        score(ctx, traced) {
          if (traced) {
            const conditions = when.trace(ctx);
            return { rawPoints: conditions.result ? points : 0, conditions };
          }
          return { rawPoints: when.test(ctx) ? points : 0 };
        },
      };
    }
    case 'perUnit': {
      const get = resolve(item.fact);
      const each = item.pointsEach;
      return {
        ...base,
        score(ctx) {
          const factValue = get(ctx);
          const n = asNumber(factValue);
          return { rawPoints: n === null || n <= 0 ? 0 : roundPoints(n * each), factValue: factValue ?? null };
        },
      };
    }
    case 'bracket': {
      const get = resolve(item.fact);
      const brackets = [...item.brackets].sort((a, b) => a.min - b.min);
      return {
        ...base,
        score(ctx) {
          const factValue = get(ctx);
          const n = asNumber(factValue);
          let hit: Bracket | undefined;
          if (n !== null) for (const b of brackets) if (n >= b.min) hit = b;
          const outcome: ItemOutcome = { rawPoints: hit ? hit.points : 0, factValue: factValue ?? null };
          if (hit) outcome.bracket = hit;
          return outcome;
        },
      };
    }
    case 'lookup': {
      const get = resolve(item.fact);
      const table = new Map<unknown, number>(item.table.map((r) => [r.value, r.points]));
      const otherwise = item.default ?? 0;
      return {
        ...base,
        score(ctx) {
          const factValue = get(ctx);
          const hit = table.get(factValue);
          return { rawPoints: hit ?? otherwise, factValue: factValue ?? null };
        },
      };
    }
  }
}

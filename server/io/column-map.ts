// Which column holds which fact. A header names a fact by its Chinese label, its
// English label or its id (compared after trimming, full-width letters folded).
// A required fact without a column stops the whole file (unless the caller asks to
// have each row refused for it instead); a column that names no fact is reported,
// never dropped without a word.
import type { DerivedDef, FactDef, Text } from '../../engine/index';
import { normalKey } from './coerce-cell';
import { text } from './text';
import { UserError } from './user-error';

const normal = normalKey;

/** The first item one of whose keys equals `name`. */
export function matchByLabel<T>(name: string, items: readonly T[], keysOf: (item: T) => Array<string | undefined>): T | undefined {
  const wanted = normal(name);
  if (wanted === '') return undefined;
  return items.find((item) => keysOf(item).some((k) => k !== undefined && normal(k) === wanted));
}

/** Results name applicants by `id`; a ruleset need not declare it, but the column is still understood. */
const ID_FACT: FactDef = { id: 'id', label: { zh: '编号', en: 'ID' }, type: 'string' };

export function idFact(facts: FactDef[]): FactDef {
  return facts.find((f) => f.id === 'id') ?? ID_FACT;
}

export function factLabel(fact: { label: Text }): Text {
  return text(fact.label.zh, fact.label.en ?? fact.label.zh);
}

/** What a missing required column refuses: the whole file, or each row (which lacks the value). */
export type MissingColumns = 'file' | 'rows';

export interface ColumnPlan {
  /** The fact read from each column (by index), or undefined when the column is not read. */
  columns: Array<FactDef | undefined>;
  /** Headers that name no fact, as written. */
  unknown: string[];
}

export interface PlanOptions {
  /** Where the headers are, for messages: "applicants.xlsx" or "工作表「论文」". */
  where: Text;
  /** Facts that may be supplied elsewhere (side sheets), so their columns are not required. */
  suppliedElsewhere?: Set<string>;
  /** Derived facts, to tell the user why such a column is not read. */
  derived?: DerivedDef[];
  /**
   * Required facts whose column may be missing: every row then lacks the value and is
   * refused on its own (an impact analysis or a compatibility count says who and why)
   * instead of the whole file being refused.
   */
  missingAsRows?: (fact: FactDef) => boolean;
}

export function planColumns(headers: string[], facts: FactDef[], options: PlanOptions): ColumnPlan {
  const candidates = facts.some((f) => f.id === 'id') ? facts : [...facts, ID_FACT];
  const columns: Array<FactDef | undefined> = [];
  const unknown: string[] = [];
  const seenAt = new Map<string, number>();
  headers.forEach((header, i) => {
    const name = typeof header === 'string' ? header : String(header ?? '');
    if (normal(name) === '') return;
    const fact = matchByLabel(name, candidates, (f) => [f.label.zh, f.label.en, f.id]);
    if (!fact) {
      unknown.push(name.trim());
      return;
    }
    const first = seenAt.get(fact.id);
    if (first !== undefined) {
      throw new UserError(
        text(
          `${options.where.zh}：「${fact.label.zh}」列出现了两次（第 ${first + 1} 列和第 ${i + 1} 列）`,
          `${options.where.en}: the column "${factLabel(fact).en}" appears twice (columns ${first + 1} and ${i + 1})`,
        ),
      );
    }
    seenAt.set(fact.id, i);
    columns[i] = fact;
  });
  const missing = facts.filter((f) => f.required && !seenAt.has(f.id) && !options.suppliedElsewhere?.has(f.id) && !options.missingAsRows?.(f));
  if (missing.length > 0) {
    throw new UserError(
      text(
        `${options.where.zh}：${missing.map((f) => `「${f.label.zh}」列缺失`).join('；')}`,
        `${options.where.en}: ${missing.map((f) => `column "${factLabel(f).en}" is missing`).join('; ')}`,
      ),
    );
  }
  return { columns, unknown };
}

/** "以下列不是本规则集的事实，未读取：「备注」、「任现职年限」（派生事实，由规则计算）" */
export function unknownColumnsNotice(unknown: string[], options: PlanOptions): Text {
  const derived = options.derived ?? [];
  const zh = unknown.map((name) => {
    const d = matchByLabel(name, derived, (x) => [x.label.zh, x.label.en, x.id]);
    return d ? `「${name}」（派生事实，由规则计算）` : `「${name}」`;
  });
  const en = unknown.map((name) => {
    const d = matchByLabel(name, derived, (x) => [x.label.zh, x.label.en, x.id]);
    return d ? `"${name}" (derived: the rules compute it)` : `"${name}"`;
  });
  return text(
    `${options.where.zh}：以下列不是本规则集的事实，未读取：${zh.join('、')}`,
    `${options.where.en}: these columns are not facts of this ruleset and were not read: ${en.join(', ')}`,
  );
}

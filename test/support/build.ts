// Small builders for hand-written test rulesets: every test states only the part of
// a ruleset it is about; identity, basis and citations are filled in here.
import type {
  Category,
  Condition,
  Criterion,
  DerivedDef,
  FactDef,
  LeafCondition,
  Ruleset,
  ScoringItem,
  Veto,
} from '../../engine/types';

export const DOC = 'bz2024-1';
export const cite = [{ doc: DOC }];

type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export function ruleset(parts: Partial<Ruleset> = {}): Ruleset {
  return {
    id: 'test',
    version: 1,
    title: { zh: '测试规则集', en: 'Test ruleset' },
    department: 'hrss',
    basis: [{ id: DOC, title: { zh: '巴职改办字〔2024〕1号' } }],
    facts: [],
    ...parts,
  };
}

export function fact(id: string, type: FactDef['type'], extra: Partial<FactDef> = {}): FactDef {
  return { id, label: { zh: extra.label?.zh ?? id, en: id }, type, ...extra };
}

/** An enum fact whose options are the given values (labels are the values). */
export function enumFact(id: string, values: string[], extra: Partial<FactDef> = {}): FactDef {
  return fact(id, 'enum', { options: values.map((value) => ({ value, label: { zh: value } })), ...extra });
}

export function leaf(factId: string, operator: string, value: LeafCondition['value'], extra: Partial<LeafCondition> = {}): LeafCondition {
  return { fact: factId, operator, value, ...extra };
}

export function criterion(id: string, conditions: Condition, extra: Partial<Criterion> = {}): Criterion {
  return { id, title: { zh: extra.title?.zh ?? id }, basis: cite, conditions, ...extra };
}

export function veto(id: string, conditions: Condition, extra: Partial<Veto> = {}): Veto {
  return { id, title: { zh: id }, basis: cite, conditions, ...extra };
}

export function item(id: string, rule: Without<ScoringItem, 'id' | 'title' | 'basis'>): ScoringItem {
  return { id, title: { zh: id }, basis: cite, ...rule } as ScoringItem;
}

export function category(id: string, items: ScoringItem[], extra: Partial<Category> = {}): Category {
  return { id, title: { zh: id }, basis: cite, items, ...extra };
}

export function derived(def: Without<DerivedDef, 'label'> & { label?: DerivedDef['label'] }): DerivedDef {
  return { label: { zh: def.id }, ...def } as DerivedDef;
}

/** A deep copy that a test may change without touching the fixture (compiled rulesets are cached per object). */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

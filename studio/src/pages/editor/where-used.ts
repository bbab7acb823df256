// Where a fact, a field of a record fact, or a policy document is used in the draft:
// the facts, derived-facts and basis editors refuse to remove one that a condition,
// scoring item, explanation template, derived fact or citation still names, and say which.
import { leaves } from '../../../../engine/compile-condition';
import { templatePlaceholders } from '../../../../engine/explain';
import type { Citation, Condition, DerivedDef, FactDef, LeafCondition, Ruleset, Text } from '../../../../engine/index';

export interface Use {
  kind: 'criterion' | 'veto' | 'category' | 'item' | 'derived' | 'pass';
  title: Text;
  /** The entry's JSON pointer (the issue list's `locate` reads it). */
  pointer: string;
}

type Owner = { kind: Use['kind']; title: Text; pointer: string };

const isReference = (value: unknown): value is { fact: string; path?: string } => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string';

function leafNames(leaf: LeafCondition): string[] {
  return isReference(leaf.value) ? [leaf.fact, leaf.value.fact] : [leaf.fact];
}

/** Every condition tree of the draft's criteria, vetoes and items, with the entry it belongs to. */
function conditionOwners(doc: Ruleset): Array<{ owner: Owner; trees: Condition[]; facts: string[] }> {
  const out: Array<{ owner: Owner; trees: Condition[]; facts: string[] }> = [];
  (doc.criteria ?? []).forEach((c, i) =>
    out.push({ owner: { kind: 'criterion', title: c.title, pointer: `/criteria/${i}` }, trees: [c.appliesWhen, c.conditions].filter(Boolean) as Condition[], facts: [] }),
  );
  (doc.vetoes ?? []).forEach((v, i) => out.push({ owner: { kind: 'veto', title: v.title, pointer: `/vetoes/${i}` }, trees: [v.conditions], facts: [] }));
  (doc.scoring?.categories ?? []).forEach((cat, ci) =>
    cat.items.forEach((item, ii) => {
      const trees = [item.appliesWhen, item.type === 'condition' ? item.when : undefined].filter(Boolean) as Condition[];
      out.push({ owner: { kind: 'item', title: item.title, pointer: `/scoring/categories/${ci}/items/${ii}` }, trees, facts: 'fact' in item ? [item.fact] : [] });
    }),
  );
  return out;
}

/** Every explanation template of the draft's criteria, vetoes and items: a placeholder names a fact as a condition does. */
function templateOwners(doc: Ruleset): Array<{ owner: Owner; texts: Text[] }> {
  const texts = (explanation: unknown): Text[] => (explanation && typeof explanation === 'object' ? ('zh' in explanation ? [explanation as Text] : Object.values(explanation as Record<string, Text>)) : []);
  const out: Array<{ owner: Owner; texts: Text[] }> = [];
  (doc.criteria ?? []).forEach((c, i) => out.push({ owner: { kind: 'criterion', title: c.title, pointer: `/criteria/${i}` }, texts: texts(c.explanation) }));
  (doc.vetoes ?? []).forEach((v, i) => out.push({ owner: { kind: 'veto', title: v.title, pointer: `/vetoes/${i}` }, texts: texts(v.explanation) }));
  (doc.scoring?.categories ?? []).forEach((cat, ci) =>
    cat.items.forEach((item, ii) => out.push({ owner: { kind: 'item', title: item.title, pointer: `/scoring/categories/${ci}/items/${ii}` }, texts: texts(item.explanation) })),
  );
  return out;
}

/** The names a derived fact reads at the top level (record fields and lets of an aggregate are not top-level facts). */
function derivedNames(d: DerivedDef, fieldsOf: (fact: string) => Set<string>): string[] {
  switch (d.op) {
    case 'count':
    case 'sum':
    case 'min':
    case 'max': {
      const local = new Set([...fieldsOf(d.of), ...(d.let ?? []).map((l) => l.id)]);
      const inner = [
        ...('field' in d ? [d.field] : []),
        ...(d.where ? leaves(d.where).flatMap(leafNames) : []),
        ...(d.let ?? []).flatMap((l) => (l.op === 'lookup' ? [l.fact] : [l.from, l.to])),
      ];
      return [d.of, ...inner.filter((n) => !local.has(n))];
    }
    case 'yearsBetween':
    case 'monthsBetween':
      return [d.from, d.to];
    case 'lookup':
      return [d.fact];
  }
}

/** Facts by id as the draft sees them: its own, then those it inherits. */
function factIndex(doc: Ruleset, parents: Ruleset[]): Map<string, FactDef> {
  const index = new Map<string, FactDef>();
  for (const r of [doc, ...parents]) for (const f of r.facts ?? []) if (!index.has(f.id)) index.set(f.id, f);
  return index;
}

/** The draft's entries that name fact (or derived fact) `id`. */
export function factUses(doc: Ruleset, id: string, parents: Ruleset[] = []): Use[] {
  const uses: Use[] = [];
  for (const { owner, trees, facts } of conditionOwners(doc)) {
    if (facts.includes(id) || trees.some((tree) => leaves(tree).some((leaf) => leafNames(leaf).includes(id)))) uses.push(owner);
  }
  for (const { owner, texts } of templateOwners(doc)) {
    if (!uses.some((u) => u.pointer === owner.pointer) && texts.some((text) => templatePlaceholders(text).some((p) => p.name === id))) uses.push(owner);
  }
  const index = factIndex(doc, parents);
  const fieldsOf = (fact: string) => new Set((index.get(fact)?.fields ?? []).map((f) => f.id));
  (doc.derived ?? []).forEach((d, i) => {
    if (d.id !== id && derivedNames(d, fieldsOf).includes(id)) uses.push({ kind: 'derived', title: d.label, pointer: `/derived/${i}` });
  });
  return uses;
}

/** The draft's entries that read field `field` of record (or list) fact `fact`. */
export function fieldUses(doc: Ruleset, fact: string, field: string): Use[] {
  const uses: Use[] = [];
  const segment = new RegExp(`\\.${field}(?=[.[]|$)`);
  for (const { owner, trees } of conditionOwners(doc)) {
    const reads = (leaf: LeafCondition) => (leaf.fact === fact && !!leaf.path && segment.test(leaf.path)) || (isReference(leaf.value) && leaf.value.fact === fact && !!leaf.value.path && segment.test(leaf.value.path));
    if (trees.some((tree) => leaves(tree).some(reads))) uses.push(owner);
  }
  (doc.derived ?? []).forEach((d, i) => {
    if (!('of' in d) || d.of !== fact) return;
    const lets = new Set((d.let ?? []).map((l) => l.id));
    const names = [
      ...('field' in d ? [d.field] : []),
      ...(d.where ? leaves(d.where).flatMap(leafNames) : []),
      ...(d.let ?? []).flatMap((l) => (l.op === 'lookup' ? [l.fact] : [l.from, l.to])),
    ];
    if (!lets.has(field) && names.includes(field)) uses.push({ kind: 'derived', title: d.label, pointer: `/derived/${i}` });
  });
  return uses;
}

/** Every entry of the draft that cites, with its citations. */
export function citingEntries(doc: Ruleset): Array<Owner & { basis: Citation[] | undefined }> {
  const out: Array<Owner & { basis: Citation[] | undefined }> = [];
  (doc.criteria ?? []).forEach((c, i) => out.push({ kind: 'criterion', title: c.title, pointer: `/criteria/${i}`, basis: c.basis }));
  (doc.vetoes ?? []).forEach((v, i) => out.push({ kind: 'veto', title: v.title, pointer: `/vetoes/${i}`, basis: v.basis }));
  (doc.scoring?.categories ?? []).forEach((cat, ci) => {
    out.push({ kind: 'category', title: cat.title, pointer: `/scoring/categories/${ci}`, basis: cat.basis });
    cat.items.forEach((item, ii) => out.push({ kind: 'item', title: item.title, pointer: `/scoring/categories/${ci}/items/${ii}`, basis: item.basis }));
  });
  if (doc.pass) out.push({ kind: 'pass', title: { zh: '合格规则', en: 'Pass rule' }, pointer: '/pass', basis: doc.pass.basis });
  return out;
}

/** The draft's entries that cite policy document `docId`. */
export function documentUses(doc: Ruleset, docId: string): Use[] {
  return citingEntries(doc)
    .filter((e) => (e.basis ?? []).some((c) => c.doc === docId))
    .map(({ kind, title, pointer }) => ({ kind, title, pointer }));
}

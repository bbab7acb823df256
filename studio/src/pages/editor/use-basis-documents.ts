// The policy documents a draft can cite: its own, then those it inherits through
// `extends` (each with the ruleset it comes from), by id for the citation editors.
import { computed } from 'vue';
import type { BasisDocument } from '../../../../engine/index';
import { useEditorStore } from '../../stores/editor.store';
import { inheritedEntries, type Inherited } from './inherited-entries';

export function useBasisDocuments() {
  const editor = useEditorStore();
  const own = computed<BasisDocument[]>(() => editor.doc?.basis ?? []);
  const inherited = computed<Inherited<BasisDocument>[]>(() => {
    void editor.revision;
    return inheritedEntries(editor.parents, own.value, (r) => r.basis);
  });
  const all = computed<BasisDocument[]>(() => [...own.value, ...inherited.value.map((i) => i.entry)]);
  const byId = computed(() => new Map(all.value.map((d) => [d.id, d])));
  return { own, inherited, all, byId };
}

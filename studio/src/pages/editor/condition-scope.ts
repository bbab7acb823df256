// The facts a condition tree may name. Criteria, vetoes and items name the ruleset's
// facts (the store's catalogue); a derived fact's filter (`where`) names the fields
// of the record being looked at, its per-record values (`let`) and then the ruleset's
// facts, as the engine resolves them. The derived-facts editor provides that scope to
// the same condition builder the criteria use; everything else gets the catalogue.
import { computed, inject, provide, type ComputedRef, type InjectionKey } from 'vue';
import type { FactCatalog } from '../../../../engine/explain';
import { useEditorStore } from '../../stores/editor.store';

const CONDITION_CATALOG: InjectionKey<ComputedRef<FactCatalog>> = Symbol('condition-catalog');

/** The catalogue the condition builder below this component offers and reads. */
export function provideConditionCatalog(catalog: ComputedRef<FactCatalog>): void {
  provide(CONDITION_CATALOG, catalog);
}

export function useConditionCatalog(): ComputedRef<FactCatalog> {
  const provided = inject(CONDITION_CATALOG, null);
  if (provided) return provided;
  const editor = useEditorStore();
  return computed(() => editor.catalog);
}

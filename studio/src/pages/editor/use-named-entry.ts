// The part every "add a named entry" dialog shares (a fact, a record field, a derived
// fact): names in both languages, a unit, and an id that follows the English name
// until the official types one, checked against the pattern and the ids taken.
import { computed, ref, watch, type Ref } from 'vue';
import { idProblem, suggestId } from './fact-id';

/** `open`: the dialog's model (a fresh form each time it opens); `idPrefix`: for ids made without an English name. */
export function useNamedEntry(open: Ref<boolean>, taken: () => ReadonlySet<string>, idPrefix: () => string) {
  const labelZh = ref('');
  const labelEn = ref('');
  const unitZh = ref('');
  const unitEn = ref('');
  const id = ref('');
  const idTouched = ref(false);
  /** Set by the first confirm: problems show from then on, not while the form is still empty. */
  const tried = ref(false);

  watch(open, (now) => {
    if (!now) return;
    labelZh.value = labelEn.value = unitZh.value = unitEn.value = '';
    idTouched.value = tried.value = false;
    id.value = suggestId('', taken(), idPrefix());
  });
  watch(labelEn, (en) => {
    if (!idTouched.value) id.value = suggestId(en, taken(), idPrefix());
  });

  const problem = computed(() => idProblem(id.value, taken()));
  const labelMissing = computed(() => labelZh.value.trim() === '');

  function typeId(value: string): void {
    idTouched.value = true;
    id.value = value.trim();
  }

  /** Whether the form may be confirmed (and from now on shows its problems). */
  function accept(): boolean {
    tried.value = true;
    return !labelMissing.value && !problem.value;
  }

  return { labelZh, labelEn, unitZh, unitEn, id, tried, problem, labelMissing, typeId, accept };
}

// Before 保存草稿 and 提交审批: what the draft's facts would break for existing
// applicant files (against the version in force, counted over the latest run), asked
// of the server, and — when anything would break — the official's choice in a dialog:
// go on anyway, or go back and change it. One concept: the question and the answer.
import { ref, shallowRef } from 'vue';
import type { Ruleset } from '../../../../engine/index';
import { compatibilityApi, type CompatibilityReport } from '../../api/compatibility.api';
import { ApiError } from '../../api/http';

export type CompatibilityAction = 'save' | 'submit';
/** clean: nothing would break (no dialog); proceed: the official went on anyway; back: returned to edit. */
export type Verdict = 'clean' | 'proceed' | 'back';

/** Whether the report has anything to warn about. */
export const breaks = (report: CompatibilityReport): boolean => report.changes.length > 0 || (report.run?.refused ?? 0) > 0;

export function useCompatibility() {
  const checking = ref(false);
  const open = ref(false);
  const action = ref<CompatibilityAction>('save');
  const report = shallowRef<CompatibilityReport | null>(null);
  const error = shallowRef<Error | null>(null);
  let settle: ((verdict: Verdict) => void) | null = null;

  /** Asks the server about `ruleset`; resolves at once when nothing breaks, else when the official chooses. */
  async function check(id: string, ruleset: Ruleset, what: CompatibilityAction): Promise<Verdict> {
    checking.value = true;
    action.value = what;
    report.value = null;
    error.value = null;
    try {
      report.value = await compatibilityApi.check(id, ruleset);
    } catch (err) {
      // Content the server refuses cannot be saved either: the save itself shows every issue where it is.
      if (err instanceof ApiError && err.code === 'RULESET_INVALID') return 'clean';
      error.value = err as Error;
    } finally {
      checking.value = false;
    }
    if (report.value && !breaks(report.value)) return 'clean';
    // A check that failed is said in the dialog too: the official decides without it.
    open.value = true;
    return new Promise<Verdict>((resolve) => (settle = resolve));
  }

  function choose(verdict: 'proceed' | 'back'): void {
    open.value = false;
    const done = settle;
    settle = null;
    done?.(verdict);
  }

  return { checking, open, action, report, error, check, choose };
}

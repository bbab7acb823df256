// The editor's "技术信息" switch: identifiers generated for entries (criterion, item,
// fact and test-case ids), issue codes and timings stay in the document but are shown
// only to those who ask for technical details. One preference for the whole editor,
// off by default: officials author rulesets by names and read messages, not codes.
import { ref, type Ref } from 'vue';
import { parseExtends, type Ruleset } from '../../../../engine/index';
import { localText } from '../../i18n/index';

const technical = ref(false);

export function useTechnical(): Ref<boolean> {
  return technical;
}

/**
 * The ruleset an `extends` reference (`bz-common@1`) names, by its title and version
 * (《title》第 1 版); the reference itself only when the parent is not loaded.
 */
export function parentTitle(ref: string, parents: readonly Ruleset[], t: (key: string, values: Record<string, unknown>) => string): string {
  if (!ref) return '';
  let target: { id: string; version: number };
  try {
    target = parseExtends(ref);
  } catch {
    return ref;
  }
  const parent = parents.find((p) => p.id === target.id && p.version === target.version) ?? parents.find((p) => p.id === target.id);
  return parent ? t('editor.parentTitle', { title: localText(parent.title), version: parent.version }) : ref;
}

// The editor's component tests: Element Plus, the studio's messages (Chinese), a
// fresh Pinia whose editor store holds a shipped ruleset with the parent it extends.
import { flushPromises, mount, type ComponentMountingOptions } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import type { Ruleset } from '../../../engine/index';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import { useEditorStore } from '../../../studio/src/stores/editor.store';
import { shippedRuleFiles } from '../../support/rulesets';

const files = shippedRuleFiles().map((f) => JSON.parse(f.text) as Ruleset);

export function shipped(id: string): Ruleset {
  const found = files.find((r) => r.id === id);
  if (!found) throw new Error(`no shipped ruleset ${id}`);
  return structuredClone(found);
}

export function parentsOf(ruleset: Ruleset): Ruleset[] {
  const chain: Ruleset[] = [];
  let ref = ruleset.extends;
  while (ref) {
    const [id, version] = ref.split('@');
    const parent = files.find((r) => r.id === id && r.version === Number(version));
    if (!parent) break;
    chain.push(structuredClone(parent));
    ref = parent.extends;
  }
  return chain;
}

/** The largest shipped rule file (the try-it budget is measured on it). */
export function largestShipped(): Ruleset {
  const sizes = shippedRuleFiles().map((f) => ({ text: f.text, size: f.text.length }));
  sizes.sort((a, b) => b.size - a.size);
  return JSON.parse(sizes[0]!.text) as Ruleset;
}

/** A fresh Pinia with the editor holding `id`'s v1 and its parents. */
export function editorWith(id = 'teacher-deputy-senior') {
  setLocale('zh-CN');
  const pinia = createPinia();
  setActivePinia(pinia);
  const editor = useEditorStore();
  const ruleset = shipped(id);
  editor.load(ruleset, { loadedFrom: ruleset.version, basedOn: ruleset.version, parents: parentsOf(ruleset) });
  return { pinia, editor };
}

export async function mountWith<T extends Component>(component: T, pinia: ReturnType<typeof createPinia>, options: ComponentMountingOptions<T> = {}) {
  const wrapper = mount(component, { attachTo: document.body, ...options, global: { plugins: [ElementPlus, i18n, pinia] } } as ComponentMountingOptions<T>);
  await flushPromises();
  return wrapper;
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

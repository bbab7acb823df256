// A fact the applicant did not provide reads 未填写 ("not provided") in the studio's
// explanation — in the scoring table's value column and in the conditions read —
// never "null", "—" or an empty cell. The named health applicant WS-F-N01 without
// the optional facts the explanation quotes.
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileRuleset, evaluate, type Applicant, type EvaluationResult } from '../../engine/index';
import { i18n, setLocale } from '../../studio/src/i18n/index';
import ExplanationView from '../../studio/src/components/explanation/ExplanationView.vue';
import { ROOT, shippedRulesets } from '../support/rulesets';

const health = shippedRulesets().find((s) => s.ruleset.id === 'health-deputy-senior')!;
const compiled = compileRuleset(health.resolved);
const named = (JSON.parse(readFileSync(join(ROOT, 'rules/samples/named/health.json'), 'utf8')) as Array<{ asOf: string; applicant: Applicant }>).find(
  (n) => n.applicant.id === 'WS-F-N01',
)!;
const MISSING = ['pairedSupportMonths', 'clinicalTeaching', 'newTechniques', 'reviewReport'];
const applicant = Object.fromEntries(Object.entries(named.applicant).filter(([k]) => !MISSING.includes(k)));

const render = (result: EvaluationResult) => mount(ExplanationView, { props: { result, catalog: compiled.catalog }, global: { plugins: [ElementPlus, i18n] } });

afterEach(() => setLocale('zh-CN'));

describe('ExplanationView with a fact not provided', () => {
  const result = evaluate(compiled, applicant, { asOf: named.asOf });

  it('shows 未填写 in the value column of the items that read it', () => {
    const wrapper = render(result);
    for (const id of ['supportPoints', 'newTechniquePoints', 'reviewReportPoints']) {
      const row = wrapper.get(`[data-test="item"][data-id="${id}"]`);
      expect(row.get('.fv').text()).toBe('未填写 ·');
      expect(row.text()).not.toMatch(/null|—/);
    }
  });

  it('shows 未填写 as the value a condition read', () => {
    const wrapper = render(result);
    const leaves = wrapper.findAll('[data-test="trace-leaf"][data-fact="pairedSupportMonths"]');
    expect(leaves.length).toBeGreaterThan(0);
    for (const leaf of leaves) expect(leaf.get('[data-test="leaf-value"]').text()).toBe('未填写');
  });

  it('never prints null anywhere on the page, and reads "not provided" in English', async () => {
    const wrapper = render(result);
    expect(wrapper.text()).not.toMatch(/\bnull\b|undefined/);
    setLocale('en');
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-test="item"][data-id="supportPoints"] .fv').text()).toBe('not provided ·');
  });
});

describe('ExplanationView value column', () => {
  it('shows an option by its label, not its code', () => {
    const wrapper = render(evaluate(compiled, applicant, { asOf: named.asOf }));
    const row = wrapper.get('[data-test="item"][data-id="degreePoints"]');
    expect(row.get('.fv').text()).toBe('大学本科 ·');
  });
});

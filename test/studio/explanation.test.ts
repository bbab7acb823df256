// The explanation view renders a real engine result: the shipped teacher ruleset
// evaluated against its named samples. What a committee member and an auditor need
// must be on the page: the outcome against the pass rule, the facts read and the
// thresholds, every veto, the points by category (raw, capped, caps) adding up to the
// total, the hints, and the hashes that pin the ruleset and the input.
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileRuleset, evaluate, type Applicant, type EvaluationResult } from '../../engine/index';
import type { FactCatalog } from '../../engine/explain';
import { i18n, setLocale } from '../../studio/src/i18n/index';
import ExplanationView from '../../studio/src/components/explanation/ExplanationView.vue';
import { ROOT, shippedRulesets } from '../support/rulesets';

interface NamedSample {
  rulesetId: string;
  asOf: string;
  expect: { eligible: boolean; vetoed: boolean; passed: boolean; score: number };
  applicant: Applicant & { id: string };
}

const shipped = shippedRulesets().find((s) => s.ruleset.id === 'teacher-deputy-senior')!;
const compiled = compileRuleset(shipped.resolved);
const samples = JSON.parse(readFileSync(join(ROOT, 'rules/samples/named/teacher.json'), 'utf8')) as NamedSample[];

function evaluated(id: string): { sample: NamedSample; result: EvaluationResult } {
  const sample = samples.find((s) => s.applicant.id === id)!;
  return { sample, result: evaluate(compiled, sample.applicant, { asOf: sample.asOf }) };
}

const render = (result: EvaluationResult, props: { compact?: boolean; catalog?: FactCatalog } = { catalog: compiled.catalog }) =>
  mount(ExplanationView, { props: { result, ...props }, global: { plugins: [ElementPlus, i18n] } });

const num = (text: string) => Number(text.trim());

afterEach(() => setLocale('zh-CN'));

describe('ExplanationView', () => {
  it('shows the outcome of a passing township teacher against the pass rule', () => {
    const { sample, result } = evaluated('JS-F-N02');
    expect(result.passed).toBe(sample.expect.passed);
    const wrapper = render(result);
    expect(wrapper.get('[data-test="outcome-eligible"]').text()).toContain('符合');
    expect(wrapper.get('[data-test="outcome-vetoed"]').text()).toContain('未触发');
    expect(wrapper.get('[data-test="outcome-score"]').text()).toContain(String(sample.expect.score));
    expect(wrapper.get('[data-test="outcome-passed"]').text()).toContain('通过');
    expect(wrapper.get('[data-test="pass-rule"]').text()).toContain(`≥ ${result.total.minScore}`);
  });

  it('lists every criterion with the facts read, the operator, the threshold and the result', () => {
    const { result } = evaluated('JS-F-N02');
    const wrapper = render(result);
    const criteria = wrapper.findAll('[data-test="criterion"]');
    expect(criteria.map((c) => c.attributes('data-id'))).toEqual(result.criteria.map((c) => c.id));
    for (const [i, c] of result.criteria.entries()) expect(criteria[i]!.text()).toContain(c.explanation);

    // 年均继续教育学时 117 学时, needs ≥ 90 学时: label, unit and threshold from the catalog.
    const hours = wrapper.get('[data-test="criterion"][data-id="continuingEducation"] [data-test="trace-leaf"]');
    expect(hours.text()).toContain('年均继续教育学时');
    expect(hours.get('[data-test="leaf-value"]').text()).toBe('117 学时');
    expect(hours.get('[data-test="leaf-threshold"]').text()).toBe('90 学时');
    expect(hours.text()).toContain('✓');
    // An enum fact reads by its option label (单位所在县(市) 库尔勒市 ≠ 州外单位).
    const county = wrapper.get('[data-test="criterion"][data-id="scopePrefecture"] [data-test="trace-leaf"]');
    expect(county.text()).toContain('单位所在县(市)');
    expect(county.get('[data-test="leaf-value"]').text()).toBe('库尔勒市');
    expect(county.get('[data-test="leaf-threshold"]').text()).toBe('州外单位');
  });

  it('lists every veto, and a triggered one with the value that triggered it', () => {
    const { sample, result } = evaluated('JS-F-N04');
    expect(sample.expect.vetoed).toBe(true);
    const wrapper = render(result);
    expect(wrapper.findAll('[data-test="veto"]').map((v) => v.attributes('data-id'))).toEqual(result.vetoes.map((v) => v.id));
    const veto = wrapper.get('[data-test="veto"][data-outcome="triggered"]');
    expect(veto.attributes('data-id')).toBe('disciplinePeriod');
    expect(veto.text()).toContain('一票否决');
    expect(veto.get('[data-test="leaf-value"]').text()).toBe('1 项');
    expect(veto.get('[data-test="leaf-threshold"]').text()).toBe('0 项');
    expect(wrapper.get('[data-test="outcome-vetoed"]').text()).toContain('已触发');
    expect(wrapper.get('[data-test="outcome-passed"]').text()).toContain('未通过');
  });

  it('shows the scoring table by category, raw and capped points and caps; category points add up to the total', () => {
    const { result } = evaluated('JS-F-N04');
    const wrapper = render(result);
    const categories = wrapper.findAll('[data-test="category"]');
    expect(categories.map((c) => c.attributes('data-id'))).toEqual(result.categories.map((c) => c.id));
    let sum = 0;
    for (const [i, cat] of result.categories.entries()) {
      const block = categories[i]!;
      const shown = num(block.get('[data-test="category-points"]').text());
      expect(shown).toBe(cat.points);
      // The items of a category add up to its points.
      const items = block.findAll('[data-test="item"]').map((row) => Number(row.attributes('data-points')));
      expect(Math.round(items.reduce((a, b) => a + b, 0) * 1e6) / 1e6).toBe(cat.points);
      if (cat.cap !== null) expect(block.text()).toContain(String(cat.cap));
      sum += shown;
    }
    expect(Math.round(sum * 1e6) / 1e6).toBe(result.score);
    expect(num(wrapper.get('[data-test="total-score"]').text())).toBe(result.score);
    expect(num(wrapper.get('[data-test="base-sum"]').text()) + num(wrapper.get('[data-test="bonus-sum"]').text())).toBeCloseTo(result.score, 6);
    // A capped item shows its raw points, its points after the cap and which cap applied.
    const capped = wrapper.get('[data-test="item"][data-id="headTeacherPoints"]');
    expect(capped.text()).toContain('7');
    expect(capped.text()).toContain('6');
    expect(capped.text()).toContain('单项上限');
    expect(wrapper.get('[data-test="item"][data-id="teachingReportPoints"]').text()).toContain('类别上限');
  });

  it('says what would pass when a threshold is missed', () => {
    const { result } = evaluated('JS-F-N03');
    expect(result.eligible).toBe(false);
    const wrapper = render(result);
    const hints = wrapper.findAll('[data-test="hint"]');
    expect(hints.map((h) => h.text())).toEqual(result.hints.map((h) => h.message));
    expect(hints[0]!.text()).toContain('还差 1 年');
    const failed = wrapper.get('[data-test="criterion"][data-id="degreeYears"]');
    expect(failed.attributes('data-outcome')).toBe('failed');
    expect(failed.text()).toContain('硕士或本科满 5 年');
    expect(failed.text()).toContain('任现职年限');
  });

  it('names the ruleset version, its hash, asOf, the input hash and the engine', () => {
    const { result } = evaluated('JS-F-N01');
    const wrapper = render(result);
    expect(wrapper.get('[data-test="ruleset-ref"]').text()).toBe('teacher-deputy-senior v1');
    expect(wrapper.get('[data-test="ruleset-hash"]').text()).toBe(result.ruleset.hash);
    expect(wrapper.get('[data-test="input-hash"]').text()).toBe(result.inputHash);
    expect(wrapper.get('[data-test="as-of"]').text()).toBe('2024-09-30');
    expect(wrapper.get('[data-test="engine-version"]').text()).toContain(result.engine.version);
    expect(wrapper.get('[data-test="provenance"]').text()).toContain('bz-common v1');
  });

  it('folds the comparisons of met criteria in the compact view and keeps failed ones open', () => {
    const { result } = evaluated('JS-F-N03');
    const wrapper = render(result, { compact: true, catalog: compiled.catalog });
    expect(wrapper.get('[data-test="criterion"][data-id="continuingEducation"] details').exists()).toBe(true);
    expect(wrapper.find('[data-test="criterion"][data-id="degreeYears"] details').exists()).toBe(false);
  });

  it('reads facts by id without a catalog, and speaks English when switched', () => {
    setLocale('en');
    const { result } = evaluated('JS-F-N02');
    const wrapper = render(result, {});
    expect(wrapper.get('[data-test="criterion"][data-id="continuingEducation"] [data-test="trace-leaf"]').text()).toContain('continuingEducationHours');
    expect(wrapper.get('[data-test="outcome-passed"]').text()).toContain('Passed');
    expect(wrapper.text()).toContain('Ruleset hash');
  });
});

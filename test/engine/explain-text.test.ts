// The printed explanation (CLI `explain`, print-outs): everything needed to check the
// verdict and recompute the score is on the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleset } from '../../engine/compile';
import { evaluate } from '../../engine/evaluate';
import { formatValue } from '../../engine/explain';
import { explainText } from '../../engine/explain-text';
import type { Applicant } from '../../engine/types';
import { mini, ROOT, shippedRulesets } from '../support/rulesets';

const result = evaluate(
  mini(),
  {
    id: 'T1',
    degree: 'master',
    titleDate: '2020-06-01',
    postLevel: 'township',
    grassrootsYears: 12,
    papers: [{ year: 2021, core: true }],
    disciplines: [{ kind: 'warning', date: '2024-08-01' }],
  },
  { asOf: '2024-09-30' },
);

describe('explainText', () => {
  const text = explainText(result);
  const lines = text.split('\n');

  it('names the applicant, the date, the ruleset by hash, the input hash and the engine', () => {
    expect(lines.slice(0, 3)).toEqual([
      '申报人 T1，评审基准日 2024-09-30',
      `规则集：mini@1 ${result.ruleset.hash}`,
      `输入哈希：${result.inputHash}；引擎 ${result.engine.version}（compiled）`,
    ]);
  });

  it('states the verdict', () => {
    expect(text).toContain('资格条件：不符合；一票否决：已触发；总分：25；结论：未通过');
  });

  it('lists every criterion, veto and item with its explanation', () => {
    for (const c of result.criteria) expect(text).toContain(`✗ ${c.title}：${c.explanation}`);
    for (const v of result.vetoes) expect(text).toContain(`✗ ${v.title}：${v.explanation}`);
    for (const i of result.items) expect(text).toContain(`· ${i.title}：${i.explanation}`);
  });

  it('shows each category against its cap and the sum that gives the score', () => {
    expect(lines).toContain('  学历（上限 15 分）：12 分');
    expect(lines).toContain('  论文（上限 15 分）：9 分');
    expect(lines).toContain('  基层倾斜加分【加分项】（上限 10 分）：4 分');
    expect(lines).toContain('  合计：基础分 21（上限 100 分） + 加分 4 = 25 分');
    expect(lines).toContain('  合格线：20 分');
  });

  it('ends with the hints', () => {
    expect(lines.slice(-2)).toEqual(['四、差距提示', '  · 任现职年限 4 年，需 ≥ 5 年，还差 1 年']);
  });

  it('has English headings when asked', () => {
    const en = explainText(evaluate(mini(), { id: 'T2', degree: 'doctorate', titleDate: '2015-01-01', postLevel: 'county', grassrootsYears: 0 }, { asOf: '2024-09-30', lang: 'en' }), 'en');
    expect(en).toContain('Eligible: yes; vetoed: no; score: 15; passed: no');
    expect(en).toContain('Total: base 15 (cap 100) + bonus 0 = 15');
  });
});

describe('a fact the applicant did not provide', () => {
  // The named health applicant WS-F-N01 without the optional facts that the explanations quote.
  const health = shippedRulesets().find((s) => s.ruleset.id === 'health-deputy-senior')!;
  const named = (JSON.parse(readFileSync(join(ROOT, 'rules/samples/named/health.json'), 'utf8')) as Array<{ asOf: string; applicant: Applicant }>).find(
    (n) => n.applicant.id === 'WS-F-N01',
  )!;
  const missing = ['pairedSupportMonths', 'clinicalTeaching', 'newTechniques', 'reviewReport'];
  const applicant = Object.fromEntries(Object.entries(named.applicant).filter(([k]) => !missing.includes(k)));
  const compiled = compileRuleset(health.resolved);
  const explain = (lang: 'zh' | 'en', record: Applicant = applicant) => explainText(evaluate(compiled, record, { asOf: named.asOf, lang }), lang);

  it('reads 未填写 in every line that quotes it, never null, undefined or an empty value', () => {
    const text = explain('zh');
    expect(text).not.toMatch(/null|undefined|NaN/);
    expect(text).toContain('对口支援 未填写');
    expect(text).toContain('个人述职得分 未填写 × 1 分 = 0 分');
    expect(text).toContain('承担带教培训任务：未填写，得 0 分');
    expect(text).toContain('开展新技术、新项目 未填写 × 2 分 = 0 分');
  });

  it('reads "not provided" in English', () => {
    const text = explain('en');
    expect(text).not.toMatch(/null|undefined|NaN|not given/);
    expect(text).toContain('Personal report score not provided × 1 = 0 points');
    expect(text).toContain('Teaching and training duties: not provided, 0 points');
  });

  it('explicit null and absent read the same', () => {
    const withNulls: Applicant = { ...applicant, ...Object.fromEntries(missing.map((k) => [k, null])) };
    expect(explain('zh', withNulls).split('\n').slice(3)).toEqual(explain('zh').split('\n').slice(3));
  });

  it('blank text is not provided either, in any explanation that formats a value', () => {
    expect(formatValue('  ', undefined, 'zh')).toBe('未填写');
    expect(formatValue('', undefined, 'en')).toBe('not provided');
    expect(formatValue(null, undefined, 'en')).toBe('not provided');
    expect(formatValue([], undefined, 'zh')).toBe('无');
    expect(formatValue(false, undefined, 'zh')).toBe('否');
  });
});

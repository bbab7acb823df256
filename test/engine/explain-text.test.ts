// The printed explanation (CLI `explain`, print-outs): everything needed to check the
// verdict and recompute the score is on the page.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/evaluate';
import { explainText } from '../../engine/explain-text';
import { mini } from '../support/rulesets';

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

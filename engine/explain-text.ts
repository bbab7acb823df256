// The whole result as readable text, for the CLI's `explain` and for print.
// Everything needed to recompute the score is shown: each item's raw and capped
// points, each category against its cap, and the total.
import type { EvaluationResult } from './result';
import type { Lang } from './types';

export function explainText(r: EvaluationResult, lang: Lang = 'zh'): string {
  const en = lang === 'en';
  const yesNo = (b: boolean, yes: string, no: string) => (b ? yes : no);
  const lines: string[] = [];
  const sep = en ? ': ' : '：';
  const chain = [r.ruleset, ...r.ruleset.extends].map((x) => `${x.id}@${x.version} ${x.hash}`).join(en ? ' extends ' : ' 继承 ');
  lines.push(en ? `Applicant ${r.applicantId ?? '—'}, as of ${r.asOf}` : `申报人 ${r.applicantId ?? '—'}，评审基准日 ${r.asOf}`);
  lines.push(en ? `Ruleset: ${chain}` : `规则集：${chain}`);
  lines.push(en ? `Input hash: ${r.inputHash}; engine ${r.engine.version} (${r.engine.evaluator})` : `输入哈希：${r.inputHash}；引擎 ${r.engine.version}（${r.engine.evaluator}）`);
  lines.push('');
  const verdict = en
    ? `Eligible: ${yesNo(r.eligible, 'yes', 'no')}; vetoed: ${yesNo(r.vetoed, 'yes', 'no')}; score: ${r.score}; passed: ${yesNo(r.passed, 'yes', 'no')}`
    : `资格条件：${yesNo(r.eligible, '符合', '不符合')}；一票否决：${yesNo(r.vetoed, '已触发', '未触发')}；总分：${r.score}；结论：${yesNo(r.passed, '通过', '未通过')}`;
  lines.push(verdict);
  lines.push('');
  lines.push(en ? 'Criteria' : '一、任职资格条件');
  for (const c of r.criteria) {
    const mark = !c.applicable ? '–' : c.passed ? '✓' : '✗';
    lines.push(`  ${mark} ${c.title}${sep}${c.explanation}`);
  }
  lines.push('');
  lines.push(en ? 'Vetoes' : '二、一票否决');
  for (const v of r.vetoes) lines.push(`  ${v.triggered ? '✗' : '✓'} ${v.title}${sep}${v.explanation}`);
  lines.push('');
  lines.push(en ? 'Scoring' : '三、量化赋分');
  // Bonus categories (outside the total cap) read last, whatever their place in the file.
  const ordered = [...r.categories.filter((c) => !c.bonus), ...r.categories.filter((c) => c.bonus)];
  for (const cat of ordered) {
    const cap = cat.cap === null ? '' : en ? ` (cap ${cat.cap})` : `（上限 ${cat.cap} 分）`;
    const bonus = cat.bonus ? (en ? ' [bonus]' : '【加分项】') : '';
    lines.push(en ? `  ${cat.title}${bonus}${cap}: ${cat.points} points` : `  ${cat.title}${bonus}${cap}：${cat.points} 分`);
    for (const item of r.items.filter((i) => i.categoryId === cat.id)) {
      lines.push(`    · ${item.title}${sep}${item.explanation}`);
    }
  }
  const cap = r.total.cap === null ? '' : en ? ` (cap ${r.total.cap})` : `（上限 ${r.total.cap} 分）`;
  lines.push(
    en
      ? `  Total: base ${r.total.basePoints}${cap} + bonus ${r.total.bonusPoints} = ${r.score}`
      : `  合计：基础分 ${r.total.basePoints}${cap} + 加分 ${r.total.bonusPoints} = ${r.score} 分`,
  );
  if (r.total.minScore !== null) lines.push(en ? `  Pass mark: ${r.total.minScore}` : `  合格线：${r.total.minScore} 分`);
  if (r.hints.length > 0) {
    lines.push('');
    lines.push(en ? 'What would change the outcome' : '四、差距提示');
    for (const h of r.hints) lines.push(`  · ${h.message}`);
  }
  return lines.join('\n');
}

// The one-row-per-applicant summary a committee reads in Excel: the verdict, the
// points per scoring category, what failed and what would change the outcome, and
// the hashes an auditor needs to replay the result.
import type { Applicant, CompiledRuleset, EvaluationResult, Lang } from '../../engine/index';
import { text, say } from './text';

export type SummaryCell = string | number | null;

export interface SummaryColumn {
  header: string;
  /** Character width for spreadsheets. */
  width: number;
  value: (result: EvaluationResult, record: Applicant) => SummaryCell;
}

const T = {
  id: text('编号', 'ID'),
  name: text('姓名', 'Name'),
  eligible: text('资格条件', 'Eligibility'),
  met: text('符合', 'Met'),
  notMet: text('不符合', 'Not met'),
  vetoed: text('一票否决', 'Vetoed'),
  yes: text('是', 'Yes'),
  no: text('否', 'No'),
  score: text('总分', 'Score'),
  passed: text('结论', 'Outcome'),
  pass: text('通过', 'Passed'),
  fail: text('未通过', 'Not passed'),
  failedCriteria: text('未满足条件', 'Criteria not met'),
  triggeredVetoes: text('触发否决项', 'Vetoes triggered'),
  hints: text('差距提示', 'What would change the outcome'),
  ruleset: text('规则集', 'Ruleset'),
  rulesetHash: text('规则集哈希', 'Ruleset hash'),
  inputHash: text('输入哈希', 'Input hash'),
  asOf: text('评审基准日', 'As of'),
};

export function summaryColumns(compiled: CompiledRuleset, lang: Lang): SummaryColumn[] {
  const s = (t: { zh: string; en?: string }) => say(t, lang);
  const sep = lang === 'en' ? '; ' : '；';
  const hasName = compiled.ruleset.facts.some((f) => f.id === 'name');
  const columns: SummaryColumn[] = [{ header: s(T.id), width: 12, value: (r) => r.applicantId }];
  if (hasName) columns.push({ header: s(T.name), width: 10, value: (_r, a) => (a.name === undefined || a.name === null ? null : String(a.name)) });
  columns.push(
    { header: s(T.eligible), width: 10, value: (r) => s(r.eligible ? T.met : T.notMet) },
    { header: s(T.vetoed), width: 10, value: (r) => s(r.vetoed ? T.yes : T.no) },
    { header: s(T.score), width: 8, value: (r) => r.score },
    { header: s(T.passed), width: 8, value: (r) => s(r.passed ? T.pass : T.fail) },
  );
  // One column per scoring category, in the ruleset's order; results list categories in the same order.
  const categories = compiled.categories.map((c) => c.def);
  const titleCount = new Map<string, number>();
  for (const c of categories) titleCount.set(say(c.title, lang), (titleCount.get(say(c.title, lang)) ?? 0) + 1);
  categories.forEach((c, i) => {
    const title = say(c.title, lang);
    columns.push({
      header: (titleCount.get(title) ?? 0) > 1 ? `${title} (${c.id})` : title,
      width: Math.max(8, title.length * 2),
      value: (r) => r.categories[i]?.points ?? null,
    });
  });
  columns.push(
    { header: s(T.failedCriteria), width: 30, value: (r) => r.criteria.filter((c) => c.applicable && !c.passed).map((c) => c.title).join(sep) },
    { header: s(T.triggeredVetoes), width: 20, value: (r) => r.vetoes.filter((v) => v.triggered).map((v) => v.title).join(sep) },
    { header: s(T.hints), width: 40, value: (r) => r.hints.map((h) => h.message).join(sep) },
    { header: s(T.ruleset), width: 20, value: (r) => `${r.ruleset.id}@${r.ruleset.version}` },
    { header: s(T.rulesetHash), width: 20, value: (r) => r.ruleset.hash },
    { header: s(T.inputHash), width: 20, value: (r) => r.inputHash },
    { header: s(T.asOf), width: 12, value: (r) => r.asOf },
  );
  return columns;
}

export function summaryRow(columns: SummaryColumn[], result: EvaluationResult, record: Applicant): SummaryCell[] {
  const row: SummaryCell[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) row[i] = columns[i]!.value(result, record);
  return row;
}

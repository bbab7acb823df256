// The compatibility report an editor reads before saving or submitting: each breaking
// change of the draft's facts against the version in force, with how many of the
// latest run's applicants it would refuse (or whose data it would drop), said in
// words — 「最近一次批量评审的 200 名申报人将全部因缺少「获得自治区级以上科技奖励」被拒绝」.
import type { BreakingChange, Text } from '../../engine/index';
import type { RulesetVersionRecord, RunRecord } from '../storage/index';
import type { CompatibilityOutput } from '../work/tasks';
import { text } from '../io/text';

export interface CompatibilityChange extends BreakingChange {
  /** The latest run's applicants it would refuse ('refused') or whose data it would drop ('ignored'); null without a run. */
  affected: number | null;
  /** `affected` in words; null without a run. */
  impact: Text | null;
}

export interface CompatibilityReport {
  /** The version compared with: the one in force today, else the latest published one; null when none was ever published. */
  base: { version: number; hash: string; effectiveFrom: string | null; inForce: boolean } | null;
  /** The latest completed run of the ruleset and whom the draft would refuse in it; null when there is none. */
  run: {
    id: string;
    version: number;
    asOf: string;
    finishedAt: string | null;
    /** The file's name as uploaded. */
    file: string;
    applicants: number;
    refused: number;
    /** Why, by field (most first); `field` null for problems of no particular field. */
    reasons: Array<{ field: string | null; label: Text | null; count: number; example: Text | null }>;
  } | null;
  changes: CompatibilityChange[];
}

const quote = (label: Text | null, fallback: string, lang: 'zh' | 'en') =>
  lang === 'en' ? `"${label ? (label.en ?? label.zh) : fallback}"` : `「${label ? label.zh : fallback}」`;

/** Why a change refuses an applicant, in a few words: 「缺少「X」」 / `"X" is missing`. */
function reason(change: BreakingChange): Text {
  const zh = quote(change.label.after, change.fact, 'zh');
  const en = quote(change.label.after, change.fact, 'en');
  switch (change.kind) {
    case 'option-removed':
      return text(`${zh}填写了已删除的选项`, `${en} holds an option that was removed`);
    case 'option-renamed':
      return text(`${zh}的选项名称无法识别`, `${en} holds an option name no longer recognised`);
    case 'range-narrowed':
      return text(`${zh}超出新的范围`, `${en} is outside the new range`);
    case 'type-changed':
      return text(`${zh}无法按新类型读取`, `${en} cannot be read as the new type`);
    default:
      return text(`缺少${zh}`, `${en} is missing`);
  }
}

function impactText(change: BreakingChange, affected: number, applicants: number): Text {
  if (affected === 0) return text(`最近一次批量评审的 ${applicants} 名申报人均不受此影响`, `None of the ${applicants} applicants of the latest batch run is affected`);
  if (change.effect === 'ignored') {
    const zh = quote(change.label.before, change.fact, 'zh');
    const en = quote(change.label.before, change.fact, 'en');
    return text(
      `最近一次批量评审的 ${applicants} 名申报人中，${affected} 名填写了${zh}，这些内容将不再读取`,
      `${affected} of the ${applicants} applicants of the latest batch run filled in ${en}; what they wrote would no longer be read`,
    );
  }
  const why = reason(change);
  if (affected === applicants) return text(`最近一次批量评审的 ${applicants} 名申报人将全部因${why.zh}被拒绝`, `All ${applicants} applicants of the latest batch run would be refused: ${why.en}`);
  return text(`最近一次批量评审的 ${applicants} 名申报人中，${affected} 名将因${why.zh}被拒绝`, `${affected} of the ${applicants} applicants of the latest batch run would be refused: ${why.en}`);
}

export function compatibilityReport(output: CompatibilityOutput, base: { record: RulesetVersionRecord; inForce: boolean } | null, run: RunRecord | null): CompatibilityReport {
  const { refusals, filled } = output;
  // A JSON file names facts by id: a renamed label changes nothing for it.
  const byLabel = run !== null && !/\.json$/i.test(run.input.name);
  const changes = output.changes.map((change): CompatibilityChange => {
    if (!run || !refusals) return { ...change, affected: null, impact: null };
    let affected: number;
    if (change.effect === 'refused') affected = refusals.byField[change.field]?.rows ?? 0;
    else affected = change.kind === 'label-changed' && !byLabel ? 0 : (filled?.[change.fact] ?? 0);
    return { ...change, affected, impact: impactText(change, affected, refusals.applicants) };
  });
  const reasons: NonNullable<CompatibilityReport['run']>['reasons'] = Object.entries(refusals?.byField ?? {})
    .map(([field, { rows, example }]) => ({ field, label: output.labels[field] ?? null, count: rows, example }))
    .sort((a, b) => b.count - a.count || (a.field < b.field ? -1 : 1));
  if (refusals && refusals.other > 0) reasons.push({ field: null, label: null, count: refusals.other, example: null });
  return {
    base: base && { version: base.record.version, hash: base.record.hash, effectiveFrom: base.record.effectiveFrom ?? null, inForce: base.inForce },
    run:
      run && refusals
        ? { id: run.id, version: run.version, asOf: run.asOf, finishedAt: run.finishedAt ?? null, file: run.input.name, applicants: refusals.applicants, refused: refusals.refused, reasons }
        : null,
    changes,
  };
}

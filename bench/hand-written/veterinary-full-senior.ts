// veterinary-full-senior@1 (正高级兽医师) evaluated by hand-written code: every fact
// read, threshold and cap is written out inline, as a programmer would code this one
// ruleset. Only text (titles, templates) comes from the rule file, and the shared
// formatting, hashing and hint helpers are reused. The benchmark checks that the
// result equals the compiled evaluator's for every generated applicant.
import type { Sha256Hex } from '../../engine/canonical';
import { buildCatalog } from '../../engine/compile';
import { roundPoints } from '../../engine/compile-derived';
import { monthsBetween, parseDate, yearsBetween, type YMD } from '../../engine/dates';
import { formatValue, pickText, renderTemplate } from '../../engine/explain';
import { inputHash } from '../../engine/hash';
import { criterionHints } from '../../engine/hints';
import type { ConditionTrace, CriterionResult, EvaluationResult, Hint, ItemResult, VetoResult } from '../../engine/result';
import type { Applicant, ResolvedRuleset, Text } from '../../engine/types';
import { ENGINE_VERSION } from '../../engine/version';
import type { HandWritten } from './index';

type Rec = Record<string, unknown>;

// json-rules-engine's numeric operators first check that parseFloat gives a number.
const num = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';
const gte = (v: unknown, t: number) => num(v) && (v as number) >= t;
const lte = (v: unknown, t: number) => num(v) && (v as number) <= t;
const inList = (v: unknown, list: readonly unknown[]) => list.indexOf(v) > -1;
const L = (fact: string, operator: string, threshold: unknown, factValue: unknown, result: boolean): ConditionTrace => ({
  fact,
  operator,
  threshold,
  factValue: factValue === undefined ? null : factValue,
  result,
});
const ALL = (all: ConditionTrace[]): ConditionTrace => ({ all, result: all.every((c) => c.result) });
const ANY = (any: ConditionTrace[]): ConditionTrace => ({ any, result: any.some((c) => c.result) });

const SERIES = ['teacher', 'health', 'agriculture', 'animal-husbandry', 'veterinary', 'water', 'forestry'];
const LEVELS = ['deputy-senior', 'full-senior'];
const PERIOD: Record<string, number> = { warning: 6, demerit: 12, demotion: 24, dismissal: 24 };

function records(v: unknown): Rec[] {
  return Array.isArray(v) ? (v.filter((r) => r !== null && typeof r === 'object') as Rec[]) : [];
}

function derive(a: Applicant, asOf: YMD) {
  const titleDate = parseDate(a.currentTitleDate);
  let activeDisciplines = 0;
  for (const r of records(a.disciplines)) {
    const d = parseDate(r.date);
    const months = d ? monthsBetween(d, asOf) : null;
    const period = typeof r.kind === 'string' && r.kind in PERIOD ? PERIOD[r.kind]! : null;
    if (num(months) && (months as number) < (period as number)) activeDisciplines++;
  }
  let below = 0;
  let qualified = 0;
  let excellent = 0;
  for (const r of records(a.assessments)) {
    if (r.grade === 'basic' || r.grade === 'unqualified') below++;
    if (r.grade === 'excellent' || r.grade === 'qualified') qualified++;
    if (r.grade === 'excellent') excellent++;
  }
  let lead = 0;
  let hosted = 0;
  let key = 0;
  let prefectureHosted = 0;
  let countyHosted = 0;
  for (const p of records(a.projects)) {
    const done = p.completed === true;
    if (done && (p.role === 'host' || p.role === 'key')) lead++;
    if (done && p.role === 'host') hosted++;
    if (done && p.role === 'key') key++;
    if (done && p.role === 'host' && (p.level === 'national' || p.level === 'region' || p.level === 'prefecture')) prefectureHosted++;
    if (done && p.role === 'host' && p.level === 'county') countyHosted++;
  }
  let firstWorks = 0;
  let firstCore = 0;
  let firstPapers = 0;
  let firstPublished = 0;
  let firstReports = 0;
  let monographs = 0;
  let standards = 0;
  for (const w of records(a.writtenWorks)) {
    const first = w.authorRank === 1;
    if (first) firstWorks++;
    if (first && w.kind === 'core-paper') firstCore++;
    if (first && w.kind === 'paper') firstPapers++;
    if (first && (w.kind === 'core-paper' || w.kind === 'paper')) firstPublished++;
    if (first && (w.kind === 'tech-report' || w.kind === 'training-material')) firstReports++;
    if (w.kind === 'monograph' && lte(w.authorRank, 2)) monographs++;
    if (w.kind === 'standard' && lte(w.authorRank, 3)) standards++;
  }
  let regionAwards = 0;
  let prefectureAwards = 0;
  let countyAwards = 0;
  for (const w of records(a.awards)) {
    if ((w.level === 'national' || w.level === 'region') && lte(w.rank, 5)) regionAwards++;
    if (w.level === 'prefecture' && lte(w.rank, 3)) prefectureAwards++;
    if (w.level === 'county' && lte(w.rank, 2)) countyAwards++;
  }
  return {
    yearsInCurrentTitle: titleDate ? yearsBetween(titleDate, asOf) : null,
    activeDisciplines,
    belowQualifiedAssessments: below,
    qualifiedAssessments: qualified,
    excellentAssessments: excellent,
    leadProjects: lead,
    hostedProjects: hosted,
    keyProjects: key,
    prefectureHostedProjects: prefectureHosted,
    countyHostedProjects: countyHosted,
    firstAuthorWorks: firstWorks,
    firstAuthorCorePapers: firstCore,
    firstAuthorPapers: firstPapers,
    firstAuthorPublished: firstPublished,
    firstAuthorReports: firstReports,
    monographs,
    standardsDrafted: standards,
    regionAwards,
    prefectureAwards,
    countyAwards,
  };
}

type Derived = ReturnType<typeof derive>;

function criteriaTraces(a: Applicant, d: Derived): ConditionTrace[] {
  const y = d.yearsInCurrentTitle;
  const q = a.vetQualifications;
  const has = (x: string) => Array.isArray(q) && q.indexOf(x) > -1;
  return [
    L('employerType', 'equal', 'institution', a.employerType, a.employerType === 'institution'),
    L('county', 'notEqual', 'outside', a.county, a.county !== 'outside'),
    L('series', 'in', SERIES, a.series, inList(a.series, SERIES)),
    L('appliedLevel', 'in', LEVELS, a.appliedLevel, inList(a.appliedLevel, LEVELS)),
    L('generalTitleAppliedThisYear', 'equal', false, a.generalTitleAppliedThisYear, a.generalTitleAppliedThisYear === false),
    ALL([
      L('belowQualifiedAssessments', 'equal', 0, d.belowQualifiedAssessments, d.belowQualifiedAssessments === 0),
      L('qualifiedAssessments', 'greaterThanInclusive', 1, d.qualifiedAssessments, d.qualifiedAssessments >= 1),
    ]),
    L('continuingEducationHours', 'greaterThanInclusive', 90, a.continuingEducationHours, gte(a.continuingEducationHours, 90)),
    ALL([
      L('series', 'equal', 'veterinary', a.series, a.series === 'veterinary'),
      L('appliedLevel', 'equal', 'full-senior', a.appliedLevel, a.appliedLevel === 'full-senior'),
    ]),
    L('currentTitle', 'equal', 'deputy-senior', a.currentTitle, a.currentTitle === 'deputy-senior'),
    ANY([
      ALL([
        L('degree', 'equal', 'doctorate', a.degree, a.degree === 'doctorate'),
        L('yearsInCurrentTitle', 'greaterThanInclusive', 4, y, gte(y, 4)),
      ]),
      ALL([
        L('degree', 'in', ['master', 'bachelor'], a.degree, a.degree === 'master' || a.degree === 'bachelor'),
        L('yearsInCurrentTitle', 'greaterThanInclusive', 5, y, gte(y, 5)),
      ]),
      ALL([
        L('degree', 'equal', 'college', a.degree, a.degree === 'college'),
        L('yearsInCurrentTitle', 'greaterThanInclusive', 7, y, gte(y, 7)),
        L('postLevel', 'in', ['county', 'township'], a.postLevel, a.postLevel === 'county' || a.postLevel === 'township'),
      ]),
    ]),
    L('unitRecommended', 'equal', true, a.unitRecommended, a.unitRecommended === true),
    ANY([L('vetQualifications', 'contains', 'licensed', q, has('licensed')), L('vetQualifications', 'contains', 'official', q, has('official'))]),
    L('epidemicDutyYears', 'greaterThanInclusive', 10, a.epidemicDutyYears, gte(a.epidemicDutyYears, 10)),
    ANY([
      ALL([
        L('hostedProjects', 'greaterThanInclusive', 2, d.hostedProjects, d.hostedProjects >= 2),
        L('prefectureHostedProjects', 'greaterThanInclusive', 1, d.prefectureHostedProjects, d.prefectureHostedProjects >= 1),
      ]),
      L('regionAwards', 'greaterThanInclusive', 1, d.regionAwards, d.regionAwards >= 1),
    ]),
    ALL([
      L('firstAuthorWorks', 'greaterThanInclusive', 3, d.firstAuthorWorks, d.firstAuthorWorks >= 3),
      L('firstAuthorPublished', 'greaterThanInclusive', 1, d.firstAuthorPublished, d.firstAuthorPublished >= 1),
    ]),
    L('menteesCount', 'greaterThanInclusive', 2, a.menteesCount, gte(a.menteesCount, 2)),
  ];
}

function vetoTraces(a: Applicant, d: Derived): ConditionTrace[] {
  return [
    L('activeDisciplines', 'greaterThan', 0, d.activeDisciplines, d.activeDisciplines > 0),
    L('falsification', 'equal', true, a.falsification, a.falsification === true),
    L('majorLiabilityAccident', 'equal', true, a.majorLiabilityAccident, a.majorLiabilityAccident === true),
    L('epidemicMisreport', 'equal', true, a.epidemicMisreport, a.epidemicMisreport === true),
    L('falseQuarantine', 'equal', true, a.falseQuarantine, a.falseQuarantine === true),
  ];
}

interface Raw {
  raw: number;
  factValue?: unknown;
  applicable?: boolean;
  appliesWhen?: ConditionTrace;
  conditions?: ConditionTrace;
  bracket?: number;
}

const perUnit = (v: unknown, each: number): Raw => ({
  raw: typeof v === 'number' && Number.isFinite(v) && v > 0 ? roundPoints(v * each) : 0,
  factValue: v ?? null,
});

function band(v: unknown, bands: Array<[number, number]>): Raw {
  let hit: [number, number] | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) for (const b of bands) if (v >= b[0]) hit = b;
  const out: Raw = { raw: hit ? hit[1] : 0, factValue: v ?? null };
  if (hit) out.bracket = hit[0];
  return out;
}

const GRASSROOTS_COUNTY: Array<[number, number]> = [[5, 1], [10, 2], [15, 3], [20, 4], [25, 5]];
const GRASSROOTS_TOWNSHIP: Array<[number, number]> = [[5, 2], [10, 4], [15, 6], [20, 8], [25, 10]];

/** Raw points per item, by category, in the order of the merged scoring table. */
function rawPoints(a: Applicant, d: Derived): Raw[][] {
  const county = L('postLevel', 'equal', 'county', a.postLevel, a.postLevel === 'county');
  const township = L('postLevel', 'equal', 'township', a.postLevel, a.postLevel === 'township');
  const gated = (gate: ConditionTrace, bands: Array<[number, number]>): Raw =>
    gate.result ? { ...band(a.grassrootsYears, bands), appliesWhen: gate } : { raw: 0, applicable: false, appliesWhen: gate };
  const degree = { doctorate: 10, master: 9, bachelor: 8, college: 5 } as Record<string, number>;
  const honor = { national: 6, region: 4, prefecture: 2, county: 1 } as Record<string, number>;
  const qualifiedFive = L('qualifiedAssessments', 'greaterThanInclusive', 5, d.qualifiedAssessments, d.qualifiedAssessments >= 5);
  const village = L('villageWorkYears', 'greaterThanInclusive', 1, a.villageWorkYears, gte(a.villageWorkYears, 1));
  return [
    [perUnit(a.reviewReport, 1), perUnit(a.reviewDefence, 1), perUnit(a.reviewDisplay, 1)],
    [gated(county, GRASSROOTS_COUNTY), gated(township, GRASSROOTS_TOWNSHIP)],
    [{ raw: typeof a.degree === 'string' && a.degree in degree ? degree[a.degree]! : 0, factValue: a.degree ?? null }],
    [band(d.yearsInCurrentTitle, [[4, 4], [5, 6], [7, 8], [10, 10]])],
    [perUnit(d.excellentAssessments, 1), { raw: qualifiedFive.result ? 2 : 0, conditions: qualifiedFive }],
    [{ raw: village.result ? 2 : 0, conditions: village }, perUnit(a.menteesCount, 1)],
    [
      perUnit(d.firstAuthorCorePapers, 3),
      perUnit(d.firstAuthorPapers, 1),
      perUnit(d.firstAuthorReports, 1),
      perUnit(d.monographs, 4),
      perUnit(d.standardsDrafted, 3),
    ],
    [
      perUnit(d.regionAwards, 5),
      perUnit(d.prefectureAwards, 3),
      perUnit(d.countyAwards, 1),
      { raw: typeof a.highestHonor === 'string' && a.highestHonor in honor ? honor[a.highestHonor]! : 0, factValue: a.highestHonor ?? null },
    ],
    [
      perUnit(d.prefectureHostedProjects, 6),
      perUnit(d.countyHostedProjects, 3),
      perUnit(d.keyProjects, 1),
      perUnit(a.outbreaksHandled, 2),
      perUnit(a.purificationFarms, 3),
      band(a.surveillanceSamples, [[3000, 2], [5000, 4], [10000, 6]]),
      band(a.farmerTrainingCount, [[500, 1], [1000, 2], [2000, 3]]),
    ],
  ];
}

const ITEM_CAPS: Array<Array<number | undefined>> = [
  [3, 4, 3],
  [undefined, undefined],
  [undefined],
  [undefined],
  [3, undefined],
  [undefined, 3],
  [9, 4, 3, 8, 6],
  [10, 6, 2, undefined],
  [12, 6, 3, 4, 6, undefined, undefined],
];
const CATEGORY_CAPS = [10, 10, 10, 10, 5, 5, 15, 15, 30];
const BONUS = [false, true, false, false, false, false, false, false, false];
const TOTAL_CAP = 100;
const MIN_SCORE = 65;
const CAP_TEXT = { item: '单项上限', category: '类别上限', total: '总分上限' } as const;

export function veterinaryFullSenior(ruleset: ResolvedRuleset, sha256: Sha256Hex): HandWritten {
  const catalog = buildCatalog(ruleset.facts, ruleset.derived);
  const criteria = ruleset.criteria ?? [];
  const vetoes = ruleset.vetoes ?? [];
  const categories = ruleset.scoring?.categories ?? [];
  const ref = { ...ruleset.lineage[0]!, extends: ruleset.lineage.slice(1) };
  const label = (fact: string) => pickText(catalog.get(fact)?.label, 'zh');
  const fmt = (v: unknown, fact: string) => formatValue(v, catalog.get(fact), 'zh');

  return (a, asOfText) => {
    const asOf = parseDate(asOfText)!;
    const d = derive(a, asOf);
    const values = (id: string): unknown => (id in d ? d[id as keyof Derived] : a[id]);

    const cTraces = criteriaTraces(a, d);
    const criteriaOut: CriterionResult[] = cTraces.map((trace, i) => {
      const def = criteria[i]!;
      const title = pickText(def.title, 'zh');
      const template = (trace.result ? def.explanation?.pass : def.explanation?.fail) as Text;
      const explanation = renderTemplate(template, { values, trace, title }, catalog, 'zh');
      return { id: def.id, title, passed: trace.result, applicable: true, explanation, conditions: trace };
    });
    const vetoesOut: VetoResult[] = vetoTraces(a, d).map((trace, i) => {
      const def = vetoes[i]!;
      const title = pickText(def.title, 'zh');
      const template = (trace.result ? def.explanation?.triggered : def.explanation?.clear) as Text;
      const explanation = renderTemplate(template, { values, trace, title }, catalog, 'zh');
      return { id: def.id, title, triggered: trace.result, explanation, conditions: trace };
    });

    const raws = rawPoints(a, d);
    const items: ItemResult[] = [];
    const categoriesOut = [];
    let totalLeft = TOTAL_CAP;
    let basePoints = 0;
    let bonusPoints = 0;
    for (let c = 0; c < raws.length; c++) {
      const cat = categories[c]!;
      let left = CATEGORY_CAPS[c]!;
      let sum = 0;
      let rawSum = 0;
      for (let i = 0; i < raws[c]!.length; i++) {
        const r = raws[c]![i]!;
        const def = cat.items[i]!;
        let points = r.raw;
        let cappedBy: ItemResult['cappedBy'];
        const itemCap = ITEM_CAPS[c]![i];
        if (itemCap !== undefined && points > itemCap) [points, cappedBy] = [itemCap, 'item'];
        if (points > left) [points, cappedBy] = [Math.max(0, left), 'category'];
        if (!BONUS[c] && points > totalLeft) [points, cappedBy] = [Math.max(0, totalLeft), 'total'];
        points = roundPoints(points);
        left -= points;
        if (!BONUS[c]) totalLeft -= points;
        sum += points;
        rawSum += r.raw;
        const applicable = r.applicable !== false;
        let explanation: string;
        if (!applicable) explanation = '不适用，0 分';
        else if (def.explanation) explanation = renderTemplate(def.explanation, { values, points: r.raw, title: pickText(def.title, 'zh') }, catalog, 'zh');
        else if (def.type === 'condition') explanation = r.raw > 0 ? `满足条件，得 ${r.raw} 分` : '不满足条件，0 分';
        else if (def.type === 'perUnit') explanation = `${label(def.fact)} ${fmt(r.factValue, def.fact)} × ${def.pointsEach} 分 = ${r.raw} 分`;
        else if (def.type === 'bracket') {
          const lowest = Math.min(...def.brackets.map((b) => b.min));
          explanation =
            r.bracket !== undefined
              ? `${label(def.fact)} ${fmt(r.factValue, def.fact)}，对应档次 ≥ ${fmt(r.bracket, def.fact)}，得 ${r.raw} 分`
              : `${label(def.fact)} ${fmt(r.factValue, def.fact)}，未达最低档次（≥ ${fmt(lowest, def.fact)}），0 分`;
        } else explanation = `${label(def.fact)}：${fmt(r.factValue, def.fact)}，得 ${r.raw} 分`;
        if (cappedBy) explanation += `（受${CAP_TEXT[cappedBy]}限制，计 ${points} 分）`;
        const item: ItemResult = {
          id: def.id,
          categoryId: cat.id,
          title: pickText(def.title, 'zh'),
          applicable,
          points,
          rawPoints: r.raw,
          capped: cappedBy !== undefined,
          explanation,
        };
        if (cappedBy) item.cappedBy = cappedBy;
        if (applicable && r.conditions === undefined) item.factValue = r.factValue;
        if (r.appliesWhen) item.appliesWhen = r.appliesWhen;
        if (r.conditions) item.conditions = r.conditions;
        items.push(item);
      }
      sum = roundPoints(sum);
      if (BONUS[c]) bonusPoints += sum;
      else basePoints += sum;
      categoriesOut.push({ id: cat.id, title: pickText(cat.title, 'zh'), points: sum, rawPoints: roundPoints(rawSum), cap: CATEGORY_CAPS[c]!, bonus: BONUS[c]! });
    }
    basePoints = roundPoints(basePoints);
    bonusPoints = roundPoints(bonusPoints);
    const score = roundPoints(basePoints + bonusPoints);
    const eligible = criteriaOut.every((c) => c.passed);
    const vetoed = vetoesOut.some((v) => v.triggered);

    const hints: Hint[] = [];
    for (const c of criteriaOut) if (!c.passed) hints.push(...criterionHints(c.id, c.conditions!, catalog, 'zh'));
    if (score < MIN_SCORE) {
      const gap = roundPoints(MIN_SCORE - score);
      hints.push({
        criterionId: '$pass',
        fact: '$score',
        label: '总分',
        value: score,
        operator: 'greaterThanInclusive',
        threshold: MIN_SCORE,
        required: MIN_SCORE,
        gap,
        message: `总分 ${score} 分，需 ≥ ${MIN_SCORE} 分，还差 ${gap} 分`,
      });
    }
    const derived: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(d)) derived[k] = v ?? null;

    return {
      applicantId: a.id === undefined || a.id === null ? null : String(a.id),
      ruleset: ref,
      engine: { version: ENGINE_VERSION, evaluator: 'compiled' },
      asOf: asOfText,
      inputHash: inputHash(a, sha256),
      trace: 'full',
      eligible,
      vetoed,
      score,
      passed: eligible && !vetoed && score >= MIN_SCORE,
      total: { basePoints, bonusPoints, cap: TOTAL_CAP, minScore: MIN_SCORE },
      derived,
      criteria: criteriaOut,
      vetoes: vetoesOut,
      items,
      categories: categoriesOut,
      hints,
    };
  };
}

// Ten named applicants per series (six for 副高级, four for 正高级) whose outcome a
// committee member can check by hand: a strong township candidate, one exactly at
// the years threshold, one a year short (with the engine's hint), one vetoed, one
// whose points run into item caps, one under the pass mark, and so on.
// Each is built by the generator, shaped by its scenario, and kept only when the
// engine confirms the scenario holds; the note is written from the engine's result.
import { evaluate, type Applicant, type EvaluationResult, type Text } from '../../engine/index';
import { monthsDaysBefore } from './dates';
import { Builder, DEFAULT_AS_OF, drawSketch, unitName, type Sketch } from './generate';
import type { CountyId, PostLevel } from './places';
import { hashString, Rng } from './prng';
import type { Degree, Level } from './profiles';
import type { Prepared } from './rulesets';

export interface NamedApplicant {
  rulesetId: string;
  asOf: string;
  note: Text;
  expect: { eligible: boolean; vetoed: boolean; passed: boolean; score: number };
  applicant: Applicant;
}

/** Names and home counties of the ten, per series. */
const PEOPLE: Record<string, Array<[string, CountyId]>> = {
  teacher: [
    ['阿依古丽·买买提', 'luntai'], ['王建华', 'korla'], ['巴特尔', 'hejing'], ['马秀兰', 'yanqi'], ['热依拉·艾力', 'qiemo'],
    ['李海燕', 'yuli'], ['其木格', 'bohu'], ['张志强', 'korla'], ['迪丽努尔·吐尔逊', 'ruoqiang'], ['杨文斌', 'heshuo'],
  ],
  health: [
    ['古丽米拉·阿不都热合曼', 'qiemo'], ['刘建军', 'korla'], ['娜仁', 'hejing'], ['马文华', 'yanqi'], ['艾尔肯·玉素甫', 'luntai'],
    ['陈丽娟', 'ruoqiang'], ['斯琴高娃', 'heshuo'], ['赵志勇', 'korla'], ['帕提古丽·依明', 'yuli'], ['周晓燕', 'bohu'],
  ],
  agriculture: [
    ['艾合买提·吐尔逊', 'yuli'], ['孙春生', 'korla'], ['乌兰', 'heshuo'], ['韩德福', 'yanqi'], ['阿依努尔·卡德尔', 'luntai'],
    ['郭红霞', 'bohu'], ['那顺', 'hejing'], ['黄立新', 'korla'], ['米日古丽·亚森', 'qiemo'], ['吴海涛', 'ruoqiang'],
  ],
  'animal-husbandry': [
    ['道尔吉', 'hejing'], ['吐尔逊·买买提', 'qiemo'], ['李玉梅', 'korla'], ['巴音克什克', 'hejing'], ['马成林', 'yanqi'],
    ['才仁加甫', 'heshuo'], ['阿迪力·热合曼', 'luntai'], ['高丽萍', 'yuli'], ['格日勒', 'bohu'], ['王卫东', 'ruoqiang'],
  ],
  veterinary: [
    ['阿布拉·库尔班', 'luntai'], ['孟克', 'hejing'], ['张春梅', 'korla'], ['丁国强', 'yanqi'], ['努尔古丽·艾则孜', 'qiemo'],
    ['宝音', 'bohu'], ['徐永刚', 'yuli'], ['塔依尔·米吉提', 'ruoqiang'], ['萨仁', 'heshuo'], ['何晓东', 'korla'],
  ],
  water: [
    ['何建国', 'korla'], ['肉孜·托合提', 'yuli'], ['乌云', 'bohu'], ['杨海军', 'yanqi'], ['朱振华', 'ruoqiang'],
    ['阿孜古丽·热依木', 'luntai'], ['苏和', 'hejing'], ['冯立新', 'korla'], ['马永清', 'heshuo'], ['艾克拜尔·吾买尔', 'qiemo'],
  ],
  forestry: [
    ['玉素甫·阿卜杜拉', 'qiemo'], ['刘玉林', 'yuli'], ['图雅', 'hejing'], ['白桂花', 'yanqi'], ['买合木提·依明', 'luntai'],
    ['宋光明', 'ruoqiang'], ['哈斯', 'bohu'], ['唐雪梅', 'korla'], ['海丽其汗·阿里木', 'heshuo'], ['赵德胜', 'korla'],
  ],
};

interface Shape {
  postLevel: PostLevel;
  degree?: Degree;
  q: number;
  /** Years in the current title relative to the probed threshold, or exactly on it. */
  years: { offset: number; exact?: boolean };
  review?: Sketch['review'];
}

interface Scenario {
  key: string;
  level: Level;
  title: Text;
  shape: Shape;
  /** Changes the built record (adds a sanction, lowers a number). */
  mutate?: (record: Applicant, ctx: ScenarioContext) => void;
  /** Null when the result shows the scenario; otherwise why not. */
  check: (r: EvaluationResult, ctx: ScenarioContext) => string | null;
  /** The scenario's own sentence, from the result. */
  describe: (r: EvaluationResult, ctx: ScenarioContext, en: EvaluationResult) => Text;
}

interface ScenarioContext {
  p: Prepared;
  asOf: string;
  threshold: number;
  record: Applicant;
}

const STRONG_REVIEW = { report: 2.7, defence: 3.6, display: 2.6 };
const WEAK_REVIEW = { report: 1.6, defence: 2.2, display: 1.5 };

const failed = (r: EvaluationResult) => r.criteria.filter((c) => !c.passed);
const common = new Set(['scopeInstitution', 'scopePrefecture', 'scopeSeries', 'scopeLevel', 'oneTrackPerYear', 'annualAssessment', 'continuingEducation']);

function bonusOf(r: EvaluationResult): number {
  return r.total.bonusPoints;
}

const SCENARIOS: Scenario[] = [
  {
    key: 'strong-township',
    level: 'deputy-senior',
    title: { zh: '乡镇基层优秀申报人', en: 'Strong township candidate' },
    shape: { postLevel: 'township', q: 1.6, years: { offset: 3 }, review: STRONG_REVIEW },
    check: (r) => (r.eligible && !r.vetoed && r.passed && bonusOf(r) >= 4 ? null : 'not a passing township candidate with a bonus'),
    describe: (r, c, e) => ({
      zh: `在县乡基层工作 ${String(c.record.grassrootsYears)} 年，现在乡镇单位；各项任职资格条件均符合，基层倾斜加 ${bonusOf(r)} 分`,
      en: `${String(c.record.grassrootsYears)} years at grassroots units, now in a township; meets every criterion; grassroots bonus ${bonusOf(e)}`,
    }),
  },
  {
    key: 'exact-threshold',
    level: 'deputy-senior',
    title: { zh: '任现职年限恰好达到要求', en: 'Exactly at the years threshold' },
    shape: { postLevel: 'county', degree: 'bachelor', q: 0.3, years: { offset: 0, exact: true } },
    check: (r, c) => (r.eligible && r.derived.yearsInCurrentTitle === c.threshold ? null : 'not eligible exactly at the threshold'),
    describe: (_r, c) => ({
      zh: `${c.record.currentTitleDate} 取得现职称，至评审基准日 ${c.asOf} 恰好满 ${c.threshold} 年，达到本科学历任职年限要求`,
      en: `Current title since ${c.record.currentTitleDate}: exactly ${c.threshold} years on ${c.asOf}, which meets the bachelor's requirement`,
    }),
  },
  {
    key: 'years-short',
    level: 'deputy-senior',
    title: { zh: '学历与任现职年限不符（差 1 年）', en: 'Degree × years rule not met (one year short)' },
    shape: { postLevel: 'county', degree: 'bachelor', q: 0.5, years: { offset: -1 } },
    check: (r) =>
      !r.eligible && failed(r).length === 1 && r.hints.some((h) => h.fact === 'yearsInCurrentTitle') ? null : 'not failing the years rule alone with a hint',
    describe: (r, _c, e) => ({
      zh: `其余条件均符合；${r.hints.map((h) => h.message).join('；')}`,
      en: `Meets everything else; ${e.hints.map((h) => h.message).join('; ')}`,
    }),
  },
  {
    key: 'vetoed',
    level: 'deputy-senior',
    title: { zh: '处分影响期内，一票否决', en: 'Sanction still in effect: veto' },
    shape: { postLevel: 'township', q: 0.8, years: { offset: 2 } },
    mutate: (record, c) => {
      record.disciplines = [{ kind: 'demerit', date: monthsDaysBefore(c.asOf, 8, 3) }];
    },
    check: (r) => (r.eligible && r.vetoed && !r.passed && r.vetoes.filter((v) => v.triggered).length === 1 ? null : 'not vetoed by the sanction alone'),
    describe: (_r, c) => ({
      zh: `${(c.record.disciplines as Array<{ date: string }>)[0]!.date} 受记过处分，影响期 12 个月，评审基准日时尚未期满；资格条件虽符合，仍一票否决`,
      en: `Demerit on ${(c.record.disciplines as Array<{ date: string }>)[0]!.date}: its 12-month period has not ended on the evaluation date; criteria met but vetoed`,
    }),
  },
  {
    key: 'capped',
    level: 'deputy-senior',
    title: { zh: '多项业绩超出单项上限', en: 'Points above item caps' },
    shape: { postLevel: 'prefecture', q: 2.5, years: { offset: 6 }, review: STRONG_REVIEW },
    check: (r) => (r.eligible && !r.vetoed && r.items.filter((i) => i.cappedBy === 'item').length >= 2 ? null : 'fewer than two items capped'),
    describe: (r, _c, e) => {
      const capped = r.items.filter((i) => i.capped);
      const cappedEn = e.items.filter((i) => i.capped);
      const CAP_ZH = { item: '单项上限', category: '类别上限', total: '总分上限' } as const;
      return {
        zh: `州直单位，不享受基层加分；${capped.map((i) => `「${i.title}」原始 ${i.rawPoints} 分，受${CAP_ZH[i.cappedBy!]}限制计 ${i.points} 分`).join('，')}；超出上限的分数不结转`,
        en: `Prefecture-level unit, no grassroots bonus; ${cappedEn.map((i) => `"${i.title}" ${i.rawPoints} raw, ${i.points} counted (${i.cappedBy} cap)`).join(', ')}; points above a cap do not carry over`,
      };
    },
  },
  {
    key: 'below-pass',
    level: 'deputy-senior',
    title: { zh: '条件符合但分数不足', en: 'Eligible but short of the pass mark' },
    shape: { postLevel: 'county', q: -1.4, years: { offset: 0 }, review: WEAK_REVIEW },
    check: (r) => {
      if (r.total.minScore === null) return !r.eligible && failed(r).every((c) => c.id === 'continuingEducation') ? null : 'not short of hours alone';
      return r.eligible && !r.vetoed && !r.passed && r.total.minScore - r.score <= 12 ? null : 'not eligible-but-short';
    },
    mutate: (record, c) => {
      if (c.p.compiled.pass.mode !== 'minScore') record.continuingEducationHours = 84;
    },
    describe: (r, _c, e) =>
      r.total.minScore === null
        ? { zh: `年均继续教育不足；${r.hints.map((h) => h.message).join('；')}`, en: `Too few continuing-education hours; ${e.hints.map((h) => h.message).join('; ')}` }
        : {
            zh: `各项条件符合，无否决事项，但总分 ${r.score} 分，低于合格线 ${r.total.minScore} 分`,
            en: `Meets every criterion, no veto, but scores ${r.score}, below the pass mark of ${r.total.minScore}`,
          },
  },
  {
    key: 'strong-county',
    level: 'full-senior',
    title: { zh: '县级骨干申报正高级', en: 'Strong county candidate for full senior' },
    shape: { postLevel: 'county', q: 1.8, years: { offset: 3 }, review: STRONG_REVIEW },
    check: (r) => (r.eligible && !r.vetoed && r.passed ? null : 'not passing'),
    describe: (r) => ({
      zh: `各项任职资格条件均符合，总分 ${r.score} 分（其中基层倾斜加 ${bonusOf(r)} 分）`,
      en: `Meets every criterion; ${r.score} points including a grassroots bonus of ${bonusOf(r)}`,
    }),
  },
  {
    key: 'exact-threshold',
    level: 'full-senior',
    title: { zh: '任副高级职称年限恰好达到要求', en: 'Exactly at the years threshold' },
    shape: { postLevel: 'township', degree: 'bachelor', q: 0.6, years: { offset: 0, exact: true } },
    check: (r, c) => (r.eligible && r.derived.yearsInCurrentTitle === c.threshold ? null : 'not eligible exactly at the threshold'),
    describe: (_r, c) => ({
      zh: `${c.record.currentTitleDate} 取得副高级职称，至 ${c.asOf} 恰好满 ${c.threshold} 年`,
      en: `Deputy senior since ${c.record.currentTitleDate}: exactly ${c.threshold} years on ${c.asOf}`,
    }),
  },
  {
    key: 'series-criterion-short',
    level: 'full-senior',
    title: { zh: '本系列条件差一点（有提示）', en: 'A series condition just missed (with a hint)' },
    shape: { postLevel: 'county', q: 0.8, years: { offset: 2 } },
    mutate: (record, c) => lowerOneBar(record, c),
    check: (r) =>
      !r.eligible && failed(r).length === 1 && !common.has(failed(r)[0]!.id) && r.hints.length > 0 ? null : 'not failing one series criterion with a hint',
    describe: (r, _c, e) => ({
      zh: `「${failed(r)[0]!.title}」不符合：${r.hints.map((h) => h.message).join('；')}`,
      en: `"${failed(e)[0]!.title}" not met: ${e.hints.map((h) => h.message).join('; ')}`,
    }),
  },
  {
    key: 'one-track',
    level: 'full-senior',
    title: { zh: '同一年度已申报通用职称', en: 'Already applied for the general title this year' },
    shape: { postLevel: 'prefecture', q: 1, years: { offset: 4 }, review: STRONG_REVIEW },
    mutate: (record) => {
      record.generalTitleAppliedThisYear = true;
    },
    check: (r) => (!r.eligible && failed(r).length === 1 && failed(r)[0]!.id === 'oneTrackPerYear' ? null : 'not failing the one-track rule alone'),
    describe: () => ({
      zh: '本年度已申报自治区通用职称，同一年度不得再申报定向评价；其余条件均符合，明年可择一申报',
      en: 'Applied for the region-wide general title this year; both tracks in one year are not allowed. Everything else is met',
    }),
  },
];

/**
 * Lowers one series number just below its bar: the first criterion that is a single
 * numeric threshold on a fact the applicant supplies (班主任年限 ≥ 5 → 4).
 */
function lowerOneBar(record: Applicant, c: ScenarioContext): void {
  // The series' own facts only: the common ones are set by the scenario's shape.
  const factIds = new Set(c.p.source.facts.map((f) => f.id));
  for (const crit of c.p.resolved.criteria ?? []) {
    if (common.has(crit.id) || crit.appliesWhen) continue;
    const cond = crit.conditions;
    if ('fact' in cond && factIds.has(cond.fact) && typeof cond.value === 'number' && cond.operator === 'greaterThanInclusive') {
      const def = c.p.resolved.facts.find((f) => f.id === cond.fact)!;
      record[cond.fact] = def.type === 'integer' ? cond.value - 1 : Math.round((cond.value - 0.5) * 10) / 10;
      return;
    }
  }
}

const MAX_ATTEMPTS = 200;

function buildScenario(p: Prepared, scenario: Scenario, person: [string, CountyId], index: number, asOf: string): NamedApplicant {
  const builder = new Builder(p, asOf);
  const series = p.resolved.series!;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rng = new Rng(hashString(`${p.resolved.id}/${scenario.key}/${attempt}`));
    const base = drawSketch(rng, p, index, new Set(), { outside: false, employer: null, discipline: false, generalTitle: false, falsification: false });
    const { shape } = scenario;
    const county: CountyId = shape.postLevel === 'prefecture' ? 'prefecture' : person[1];
    const sketch: Sketch = {
      ...base,
      id: `${base.id.slice(0, 4)}-N${String(index + 1).padStart(2, '0')}`,
      name: person[0],
      postLevel: shape.postLevel,
      county,
      unitName: unitName(rng, series, county, shape.postLevel),
      degree: shape.degree ?? base.degree,
      q: shape.q,
      excellentShare: Math.min(0.6, Math.max(0.1, 0.25 + 0.1 * shape.q)),
      badYear: null,
      discipline: null,
      ceHours: 96 + rng.int(0, 30),
      generalTitleAppliedThisYear: false,
      falsification: false,
      currentTitleDirectional: false,
      nonGrassrootsYears: 0,
      review: shape.review ?? base.review ?? { report: 2.2, defence: 2.9, display: 2.1 },
      titleDayOffset: shape.years.exact ? 0 : base.titleDayOffset,
    };
    const threshold = builder.yearsThreshold(sketch);
    if (threshold >= 30) continue;
    const years = threshold + shape.years.offset;
    if (years < 0) continue;
    const record = builder.build(sketch, years, { meetAll: true });
    const ctx: ScenarioContext = { p, asOf, threshold, record };
    scenario.mutate?.(record, ctx);
    if (p.compiled.validateApplicant(record).length > 0) continue;
    const r = evaluate(p.compiled, record, { asOf, trace: 'criteria' });
    if (scenario.check(r, ctx) !== null) continue;
    const en = evaluate(p.compiled, record, { asOf, trace: 'criteria', lang: 'en' });
    const said = scenario.describe(r, ctx, en);
    const verdict: Text = r.passed
      ? { zh: `结论：通过，总分 ${r.score} 分`, en: `Outcome: passed with ${r.score} points` }
      : { zh: `结论：未通过（总分 ${r.score} 分）`, en: `Outcome: not passed (${r.score} points)` };
    return {
      rulesetId: p.resolved.id,
      asOf,
      note: {
        zh: `${scenario.title.zh}：${person[0]}，${record.unitName as string}。${said.zh}。${verdict.zh}。`,
        en: `${scenario.title.en}: ${person[0]}, ${record.unitName as string}. ${said.en}. ${verdict.en}.`,
      },
      expect: { eligible: r.eligible, vetoed: r.vetoed, passed: r.passed, score: r.score },
      applicant: record,
    };
  }
  throw new Error(`named applicant ${p.resolved.id}/${scenario.key}: no applicant in ${MAX_ATTEMPTS} attempts fits the scenario (has the ruleset changed?)`);
}

/** The ten (or, with one level missing, six or four) named applicants of a series. */
export function namedApplicants(series: string, rulesets: Prepared[], asOf = DEFAULT_AS_OF): NamedApplicant[] {
  const people = PEOPLE[series];
  if (!people) throw new Error(`no named applicants are defined for the series ${series}`);
  const out: NamedApplicant[] = [];
  SCENARIOS.forEach((scenario, i) => {
    const p = rulesets.find((r) => r.resolved.series === series && r.resolved.level === scenario.level);
    if (p) out.push(buildScenario(p, scenario, people[i]!, i, asOf));
  });
  return out;
}

export const NAMED_SERIES = Object.keys(PEOPLE);

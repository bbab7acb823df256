// Per-series shapes of an applicant population: who works where, what degrees
// they hold, and how the series' own facts are spread. Facts a profile does not
// know are filled by the generic filler in facts.ts from the catalogue's
// min/max/options and the thresholds the ruleset uses.
import type { FactDef } from '../../engine/index';
import type { Gender } from './names';
import type { PostLevel } from './places';
import type { Need } from './plan';
import type { Rng } from './prng';

export type Level = 'deputy-senior' | 'full-senior';
export type Degree = 'doctorate' | 'master' | 'bachelor' | 'college' | 'secondary';
type Weights<K extends string> = Partial<Record<K, number>>;

/** What a fact generator may read about the applicant being built. */
export interface FactContext {
  rng: Rng;
  def: FactDef;
  series: string;
  level: Level;
  postLevel: PostLevel;
  degree: Degree;
  gender: Gender;
  /** Applicant strength, a standard normal deviate: higher means more papers, awards, better scores. */
  q: number;
  asOf: string;
  titleDate: string;
  yearsInTitle: number;
  careerYears: number;
  unitName: string;
  /** Facts set so far, in catalogue order. */
  applicant: Record<string, unknown>;
  /** What the applicant's plan needs of this fact to meet (or miss) the criteria. */
  need: Need | undefined;
  /** The generic filler's value for this fact. */
  generic(): unknown;
}

/** Returns the value, or undefined to leave the fact out of the record. */
export type FactGen = (ctx: FactContext) => unknown;

export interface SeriesProfile {
  femaleShare: number;
  postLevel: Record<Level, Weights<PostLevel>>;
  degree(level: Level, postLevel: PostLevel): Weights<Degree>;
  /** Chance an applicant meets a criterion of the series (default 0.95). */
  meet?: Record<string, number>;
  /** Mean number of records per array fact before the strength factor (default 1.5, full senior 2.5). */
  arrayMean?: Record<string, number>;
  facts?: Record<string, FactGen>;
  /** Subject words for titles of papers, projects and reports. */
  topics: string[];
  /** Award and honour names, prefixed with the level (全国, 自治区, 巴州, the county). */
  awardNames?: string[];
}

/** The stage a school teaches, read from its name (巴州第二中学 teaches junior or senior classes). */
function schoolStage(ctx: FactContext): string {
  const unit = ctx.unitName;
  const { rng } = ctx;
  if (unit.includes('幼儿园')) return 'kindergarten';
  if (unit.includes('小学') || unit.includes('特殊教育')) return 'primary';
  if (unit.includes('高级中学')) return 'senior';
  if (unit.includes('中学')) return rng.chance(0.5) ? 'junior' : 'senior';
  return rng.chance(0.6) ? 'primary' : 'junior';
}

/** Whole years of a career spent on a duty (班主任, 防疫一线), at least what the plan needs. */
function dutyYears(ctx: FactContext, share: [number, number]): number {
  const { rng, need } = ctx;
  const max = ctx.def.max ?? 50;
  if (need?.fail) {
    const bar = Math.max(1, Math.ceil(need.min ?? 3));
    return rng.int(0, bar - 1);
  }
  const years = Math.round(ctx.careerYears * (share[0] + (share[1] - share[0]) * rng.next()));
  return Math.min(max, Math.max(Math.ceil(need?.min ?? 0), years));
}

const WEEKLY_LESSONS: Record<string, number> = { kindergarten: 15, primary: 16, junior: 14, senior: 12 };

/** Health professionals by unit: a CDC has more technicians, a hospital more nurses. */
function profession(ctx: FactContext): string {
  const unit = ctx.unitName;
  const weights: Record<string, number> = unit.includes('疾病预防控制')
    ? { physician: 50, technician: 45, pharmacist: 5 }
    : unit.includes('妇幼')
      ? { physician: 50, nurse: 40, technician: 10 }
      : unit.includes('卫生院') || unit.includes('社区卫生')
        ? { physician: 55, nurse: 30, pharmacist: 6, technician: 9 }
        : { physician: 45, nurse: 34, pharmacist: 8, technician: 13 };
  // Nursing staff in the prefecture are overwhelmingly women.
  if (ctx.gender === 'male' && weights.nurse) weights.nurse *= 0.12;
  const options = new Set((ctx.def.options ?? []).map((o) => o.value));
  return ctx.rng.weighted(Object.fromEntries(Object.entries(weights).filter(([k]) => options.has(k))));
}

const POST_LEVELS: Record<Level, Weights<PostLevel>> = {
  'deputy-senior': { township: 40, county: 45, prefecture: 15 },
  'full-senior': { township: 22, county: 50, prefecture: 28 },
};

function fieldDegrees(level: Level, post: PostLevel): Weights<Degree> {
  if (level === 'deputy-senior') {
    if (post === 'township') return { bachelor: 48, college: 45, secondary: 5, master: 2 };
    if (post === 'county') return { master: 8, bachelor: 72, college: 20 };
    return { doctorate: 2, master: 28, bachelor: 66, college: 4 };
  }
  if (post === 'township') return { bachelor: 68, college: 28, master: 4 };
  if (post === 'county') return { master: 15, bachelor: 78, college: 7 };
  return { doctorate: 6, master: 38, bachelor: 56 };
}

export const PROFILES: Record<string, SeriesProfile> = {
  teacher: {
    femaleShare: 0.62,
    postLevel: POST_LEVELS,
    degree(level, post) {
      if (level === 'deputy-senior') {
        if (post === 'township') return { bachelor: 72, college: 25, master: 1, secondary: 2 };
        if (post === 'county') return { master: 5, bachelor: 85, college: 10 };
        return { master: 16, bachelor: 82, college: 2 };
      }
      if (post === 'township') return { bachelor: 88, college: 7, master: 5 };
      if (post === 'county') return { master: 10, bachelor: 89, college: 1 };
      return { doctorate: 2, master: 26, bachelor: 72 };
    },
    facts: {
      schoolStage,
      headTeacherYears: (ctx) => dutyYears(ctx, [0.4, 0.85]),
      weeklyLessons: (ctx) => {
        const base = WEEKLY_LESSONS[String(ctx.applicant.schoolStage)] ?? 14;
        if (ctx.need?.fail) return ctx.rng.int(6, Math.max(6, Math.ceil(ctx.need.min ?? 10) - 1));
        return Math.max(Math.ceil(ctx.need?.min ?? 0), Math.round(base + 2 * ctx.rng.normal()));
      },
    },
    awardNames: ['优秀教师', '教学能手', '优秀班主任', '师德标兵', '教学成果奖', '优质课评比一等奖', '骨干教师'],
    topics: ['双语教学', '小学数学', '初中语文', '高中物理', '学前教育', '课堂教学改革', '作业设计', '乡村学校', '劳动教育', '家校共育', '大单元教学', '信息技术融合'],
  },
  health: {
    femaleShare: 0.64,
    postLevel: POST_LEVELS,
    degree(level, post) {
      if (level === 'deputy-senior') {
        if (post === 'township') return { bachelor: 45, college: 48, secondary: 7 };
        if (post === 'county') return { master: 8, bachelor: 78, college: 14 };
        return { doctorate: 3, master: 30, bachelor: 65, college: 2 };
      }
      if (post === 'township') return { bachelor: 70, college: 25, master: 5 };
      if (post === 'county') return { master: 20, bachelor: 78, college: 2 };
      return { doctorate: 8, master: 40, bachelor: 52 };
    },
    facts: { profession },
    awardNames: ['优秀医师', '优秀护士', '医学科技进步奖', '先进工作者', '技能竞赛一等奖', '最美基层医生'],
    topics: ['基层高血压管理', '2型糖尿病', '包虫病防治', '结核病筛查', '孕产妇保健', '儿童营养', '慢阻肺', '急诊急救', '中蒙医适宜技术', '家庭医生签约', '院感防控', '基本公共卫生服务'],
  },
  agriculture: {
    femaleShare: 0.36,
    postLevel: POST_LEVELS,
    degree: fieldDegrees,
    awardNames: ['农业技术推广奖', '科技进步奖', '丰收奖', '优秀农技推广员', '先进工作者'],
    topics: ['棉花高产栽培', '香梨提质增效', '辣椒膜下滴灌', '加工番茄', '盐碱地改良', '小麦良种繁育', '病虫害绿色防控', '测土配方施肥', '设施农业', '水肥一体化', '玉米密植', '红枣管理'],
  },
  'animal-husbandry': {
    femaleShare: 0.3,
    postLevel: POST_LEVELS,
    degree: fieldDegrees,
    awardNames: ['科技进步奖', '畜牧技术推广奖', '优秀畜牧技术人员', '先进工作者'],
    topics: ['巴音布鲁克羊', '焉耆马', '牦牛', '褐牛改良', '草原生态', '饲草料种植', '舍饲育肥', '细毛羊', '人工授精', '畜禽良种', '草畜平衡', '奶牛养殖'],
  },
  veterinary: {
    femaleShare: 0.3,
    postLevel: POST_LEVELS,
    degree: fieldDegrees,
    facts: { epidemicDutyYears: (ctx) => dutyYears(ctx, [0.5, 0.95]) },
    awardNames: ['科技进步奖', '动物防疫先进个人', '优秀兽医', '先进工作者'],
    topics: ['口蹄疫', '小反刍兽疫', '布鲁氏菌病', '包虫病', '禽流感', '羊痘', '动物检疫', '兽药残留', '牛结节性皮肤病', '强制免疫', '病死畜无害化处理', '疫情监测'],
  },
  water: {
    femaleShare: 0.25,
    postLevel: POST_LEVELS,
    degree: fieldDegrees,
    awardNames: ['水利科技进步奖', '防汛抗旱先进个人', '优秀水利工作者', '先进工作者'],
    topics: ['高效节水灌溉', '孔雀河', '开都河', '塔里木河下游生态输水', '农村饮水安全', '渠道防渗', '水库除险加固', '地下水超采治理', '山洪灾害防治', '灌区信息化', '水资源调度', '河湖长制'],
  },
  forestry: {
    femaleShare: 0.34,
    postLevel: POST_LEVELS,
    degree: fieldDegrees,
    awardNames: ['林业科技进步奖', '生态建设先进个人', '优秀林业工作者', '先进工作者'],
    topics: ['胡杨林保护', '防风固沙林', '香梨病虫害', '红枣栽培', '林木种苗', '湿地保护', '三北防护林', '林业有害生物', '荒漠化治理', '古树名木', '野生动物救护', '森林草原防火'],
  },
};

/** bz-common names no series: draw one per applicant. */
export const SERIES_IDS = Object.keys(PROFILES);

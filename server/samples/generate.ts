// Seeded populations of applicants for a ruleset. Same ruleset, seed and count:
// the same records, byte for byte. Each applicant is drawn as a sketch (where they
// work, who they are, how strong), then built for a number of years in the current
// title chosen around the ruleset's own years threshold, which is found by asking
// the engine; every record is checked against the facts catalogue before it is kept.
import { evaluate, type Applicant, type FactDef } from '../../engine/index';
import { monthsDaysBefore, yearOf, yearsDaysBefore } from './dates';
import { analyseUsage, genericValue, type Usage } from './facts';
import { Planner } from './plan';
import { personName, type Gender } from './names';
import {
  COUNTIES,
  COUNTY_UNITS,
  COUNTY_UNIT_OVERRIDES,
  OUTSIDE_UNITS,
  PREFECTURE_ETHNICITY,
  PREFECTURE_UNITS,
  TOWNSHIP_UNITS,
  unitPrefix,
  type CountyId,
  type Ethnicity,
  type PostLevel,
} from './places';
import { clamp, hashString, Rng } from './prng';
import { PROFILES, SERIES_IDS, type Degree, type FactContext, type Level, type SeriesProfile } from './profiles';
import type { Prepared } from './rulesets';

export const DEFAULT_AS_OF = '2024-09-30';

export interface GenerateOptions {
  seed: number;
  count: number;
  /** The evaluation date the population is drawn for (years in post count to it). */
  asOf?: string;
}

/** Everything about an applicant that does not depend on the years in the current title. */
export interface Sketch {
  seed: number;
  id: string;
  series: string;
  level: Level;
  postLevel: PostLevel;
  county: CountyId;
  ethnicity: Ethnicity;
  gender: Gender;
  name: string;
  unitName: string;
  employerType: 'institution' | 'civil-service' | 'enterprise' | 'retired';
  degree: Degree;
  /** Strength: a standard normal deviate. */
  q: number;
  /** Years from starting work to obtaining the current title. */
  yearsBeforeTitle: number;
  /** Years of the career spent outside grassroots units (county staff who started elsewhere). */
  nonGrassrootsYears: number;
  /** Days before the anniversary the current title was obtained (0–330: whole years stay whole). */
  titleDayOffset: number;
  excellentShare: number;
  /** A year (counted back from last year) assessed below 合格, if any. */
  badYear: { back: number; grade: 'basic' | 'unqualified' } | null;
  discipline: { kind: 'warning' | 'demerit' | 'demotion' | 'dismissal'; monthsAgo: number; days: number } | null;
  ceHours: number;
  generalTitleAppliedThisYear: boolean;
  falsification: boolean | undefined;
  currentTitleDirectional: boolean | undefined;
  review: { report: number; defence: number; display: number } | null;
}

const SERIES_ABBR: Record<string, string> = {
  teacher: 'JS',
  health: 'WS',
  agriculture: 'NY',
  'animal-husbandry': 'XM',
  veterinary: 'SY',
  water: 'SL',
  forestry: 'LY',
};

const COUNTY_WEIGHTS: Partial<Record<CountyId, number>> = {
  ...Object.fromEntries(Object.entries(COUNTIES).map(([id, c]) => [id, c.weight])),
  kedz: 2,
};

function yearsBeforeTitle(rng: Rng, level: Level, degree: Degree): number {
  // Graduation to 中级 takes longer with a shorter degree; 中级 to 副高 adds 10–16 years.
  const toIntermediate: Record<Degree, [number, number]> = {
    doctorate: [0, 2],
    master: [3, 6],
    bachelor: [6, 11],
    college: [8, 14],
    secondary: [10, 16],
  };
  const [a, b] = toIntermediate[degree];
  const base = rng.int(a, b);
  return level === 'full-senior' ? base + rng.int(9, 15) : base;
}

export function unitName(rng: Rng, series: string, county: CountyId, post: PostLevel): string {
  const s = series in TOWNSHIP_UNITS ? series : 'teacher';
  if (county === 'outside') return rng.pick(OUTSIDE_UNITS[s]!);
  if (post === 'prefecture' || county === 'prefecture') return rng.pick(PREFECTURE_UNITS[s]!);
  const override = COUNTY_UNIT_OVERRIDES[county]?.[s];
  if (county === 'kedz') return rng.pick(override!);
  const c = unitPrefix(county);
  if (post === 'township') {
    const t = rng.pick(COUNTIES[county as keyof typeof COUNTIES].townships);
    return rng.pick(TOWNSHIP_UNITS[s]!).replace('{c}', c).replace('{t}', t);
  }
  if (override && rng.chance(0.85)) return rng.pick(override);
  return rng.pick(COUNTY_UNITS[s]!).replace('{c}', c);
}

/** Kindergarten staff are nearly all women: a man drawn into a kindergarten is moved, most of the time. */
function unitForPerson(rng: Rng, series: string, county: CountyId, post: PostLevel, gender: Gender): string {
  let unit = unitName(rng, series, county, post);
  for (let i = 0; i < 3 && gender === 'male' && unit.includes('幼儿园') && rng.chance(0.9); i++) unit = unitName(rng, series, county, post);
  return unit;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Rare cases, assigned per population so every sample of a size shows each of them. */
export interface RareCases {
  outside: boolean;
  employer: Sketch['employerType'] | null;
  discipline: boolean;
  generalTitle: boolean;
  falsification: boolean;
}

const RARE_SHARES: Array<[keyof RareCases, number]> = [
  ['outside', 0.004],
  ['employer', 0.012],
  ['discipline', 0.04],
  ['generalTitle', 0.02],
  ['falsification', 0.006],
];

export function assignRareCases(rng: Rng, count: number): RareCases[] {
  const cases: RareCases[] = Array.from({ length: count }, () => ({
    outside: false,
    employer: null,
    discipline: false,
    generalTitle: false,
    falsification: false,
  }));
  const indices = Array.from({ length: count }, (_, i) => i);
  for (const [key, share] of RARE_SHARES) {
    const k = count >= 50 ? Math.max(1, Math.round(count * share)) : rng.chance(count * share) ? 1 : 0;
    for (const i of rng.sample(indices, k)) {
      const c = cases[i]!;
      if (key === 'employer') c.employer = rng.weighted({ 'civil-service': 5, enterprise: 4, retired: 3 } as const);
      else c[key] = true;
    }
  }
  return cases;
}

export function drawSketch(rng: Rng, p: Prepared, index: number, usedNames: Set<string>, rare: RareCases): Sketch {
  const rs = p.resolved;
  const series = rs.series && rs.series in PROFILES ? rs.series : rng.pick(SERIES_IDS);
  const level: Level = rs.level === 'full-senior' || (!rs.level && rng.chance(0.3)) ? 'full-senior' : 'deputy-senior';
  const profile = PROFILES[series]!;
  const postLevel = rng.weighted(profile.postLevel[level]);
  let county: CountyId = postLevel === 'prefecture' ? 'prefecture' : rng.weighted(COUNTY_WEIGHTS);
  if (postLevel === 'township' && county === 'kedz') county = 'korla';
  if (rare.outside) county = 'outside';
  const ethnicity = rng.weighted(
    county === 'prefecture' || county === 'kedz' || county === 'outside'
      ? PREFECTURE_ETHNICITY
      : COUNTIES[county].ethnicity,
  );
  const gender: Gender = rng.chance(profile.femaleShare) ? 'female' : 'male';
  let name = personName(rng, ethnicity, gender);
  for (let i = 0; i < 5 && usedNames.has(name); i++) name = personName(rng, ethnicity, gender);
  usedNames.add(name);
  const degree = rng.weighted(profile.degree(level, postLevel));
  // Units recommend their stronger staff: strength is centred a little above the average.
  const q = clamp(rng.normal() + 0.35, -2.5, 2.5);
  const employerType = rare.employer ?? 'institution';
  const badRoll = rng.next();
  const disciplineKind = rng.weighted({ warning: 55, demerit: 30, demotion: 10, dismissal: 5 } as const);
  const ceRoll = rng.next();
  const reviewFilled = rng.chance(0.88);
  const n = () => rng.normal();
  const sketch: Sketch = {
    seed: Math.floor(rng.next() * 4294967296),
    id: `${SERIES_ABBR[rs.series ?? ''] ?? 'BZ'}-${rs.level === 'full-senior' ? 'Z' : rs.level ? 'F' : 'X'}-${String(index + 1).padStart(4, '0')}`,
    series,
    level,
    postLevel,
    county,
    ethnicity,
    gender,
    name,
    unitName: unitForPerson(rng, series, county, postLevel, gender),
    employerType,
    degree,
    q,
    yearsBeforeTitle: yearsBeforeTitle(rng, level, degree),
    nonGrassrootsYears: postLevel === 'prefecture' ? 0 : rng.chance(0.2) ? rng.int(1, 4) : 0,
    titleDayOffset: rng.int(0, 330),
    excellentShare: clamp(0.24 + 0.1 * q, 0.04, 0.55),
    badYear: badRoll < 0.05 ? { back: rng.int(0, 4), grade: badRoll < 0.008 ? 'unqualified' : 'basic' } : null,
    discipline:
      rare.discipline ? { kind: disciplineKind, monthsAgo: rng.int(1, 40), days: rng.int(0, 27) } : null,
    ceHours: ceRoll < 0.06 ? rng.int(56, 89) : Math.round(clamp(92 + Math.abs(n()) * 16 + 4 * q, 90, 210)),
    generalTitleAppliedThisYear: rare.generalTitle,
    falsification: rare.falsification ? true : rng.chance(0.85) ? false : undefined,
    currentTitleDirectional: rng.chance(0.03) ? true : rng.chance(0.7) ? false : undefined,
    review: reviewFilled
      ? {
          report: clamp(round1(2.2 + 0.3 * q + 0.3 * n()), 0, 3),
          defence: clamp(round1(2.95 + 0.4 * q + 0.4 * n()), 0, 4),
          display: clamp(round1(2.2 + 0.3 * q + 0.3 * n()), 0, 3),
        }
      : null,
  };
  return sketch;
}

const LEVEL_BELOW: Record<Level, string> = { 'deputy-senior': 'intermediate', 'full-senior': 'deputy-senior' };
const DEFAULT_MEET = 0.95;

/** Builds records for one ruleset; works out once how the ruleset reads its facts. */
export class Builder {
  readonly usage: Usage;
  readonly planner: Planner;

  constructor(
    readonly p: Prepared,
    readonly asOf: string,
  ) {
    this.usage = analyseUsage(p.resolved);
    this.planner = new Planner(p.resolved);
  }

  /**
   * The record for `years` completed years in the current title. `clean` leaves out
   * what is not about the years threshold (bad assessments, low hours, sanctions);
   * `meetAll` plans every series criterion to be met (both are on for the probe).
   */
  build(s: Sketch, years: number, opts: { clean?: boolean; meetAll?: boolean } = {}): Applicant {
    const clean = opts.clean === true;
    const meetAll = clean || opts.meetAll === true;
    const asOf = this.asOf;
    const profile: SeriesProfile = PROFILES[s.series]!;
    const asOfYear = yearOf(asOf);
    const titleDate = yearsDaysBefore(asOf, years, s.titleDayOffset);
    const careerYears = Math.min(s.yearsBeforeTitle + years, 38);
    const grassrootsYears =
      s.postLevel === 'prefecture'
        ? s.q < -1
          ? 0
          : clamp(Math.round(careerYears * (0.25 + 0.1 * s.q)), 0, 12)
        : clamp(careerYears - s.nonGrassrootsYears, 0, 50);

    const assessments: Array<{ year: number; grade: string }> = [];
    for (let year = yearOf(titleDate) + 1; year <= asOfYear - 1; year++) {
      // Seeded by the calendar year, so a year's grade does not change with `years`.
      const r = new Rng(s.seed ^ Math.imul(year, 7919));
      let grade = r.chance(s.excellentShare) ? 'excellent' : 'qualified';
      if (!clean && s.badYear && year === asOfYear - 1 - s.badYear.back) grade = s.badYear.grade;
      assessments.push({ year, grade });
    }

    const common: Record<string, unknown> = {
      id: s.id,
      name: s.name,
      unitName: s.unitName,
      county: clean && s.county === 'outside' ? 'korla' : s.county,
      employerType: clean ? 'institution' : s.employerType,
      postLevel: s.postLevel,
      series: s.series,
      appliedLevel: s.level,
      currentTitle: LEVEL_BELOW[s.level],
      currentTitleDate: titleDate,
      currentTitleDirectional: s.currentTitleDirectional,
      degree: s.degree,
      grassrootsYears,
      continuingEducationHours: clean ? Math.max(s.ceHours, 96) : s.ceHours,
      generalTitleAppliedThisYear: clean ? false : s.generalTitleAppliedThisYear,
      falsification: clean ? false : s.falsification,
      assessments,
      disciplines:
        !clean && s.discipline
          ? [{ kind: s.discipline.kind, date: monthsDaysBefore(asOf, s.discipline.monthsAgo, s.discipline.days) }]
          : [],
      reviewReport: s.review?.report,
      reviewDefence: s.review?.defence,
      reviewDisplay: s.review?.display,
    };
    const known = Object.fromEntries(Object.entries(common).filter(([, v]) => v !== undefined));
    const meet = (id: string) => (meetAll ? 1 : (profile.meet?.[id] ?? DEFAULT_MEET));
    const plan = this.planner.plan(new Rng(s.seed ^ hashString('plan')), known, meet);

    const record: Record<string, unknown> = {};
    for (const def of this.p.resolved.facts) {
      let value: unknown;
      if (def.id in common && fits(def, common[def.id])) value = common[def.id];
      else {
        const ctx: FactContext = {
          rng: new Rng(s.seed ^ hashString(def.id)),
          def,
          series: s.series,
          level: s.level,
          postLevel: s.postLevel,
          degree: s.degree,
          gender: s.gender,
          q: s.q,
          asOf,
          titleDate,
          yearsInTitle: years,
          careerYears,
          unitName: s.unitName,
          applicant: record,
          need: plan.get(def.id),
          generic: () => genericValue(ctx, this.usage, profile, arrayMean(profile, def, s.level)),
        };
        const gen = profile.facts?.[def.id];
        const optional = !def.required && !ctx.need && ctx.rng.chance(0.08);
        value = gen ? gen(ctx) : optional ? undefined : ctx.generic();
      }
      if (value !== undefined) record[def.id] = value;
    }
    return record as Applicant;
  }

  /** How many criteria a record passes, outcome only. */
  private passCount(record: Applicant): number {
    const r = evaluate(this.p.compiled, record, { asOf: this.asOf, trace: 'none', validate: false });
    return r.criteria.filter((c) => c.passed).length;
  }

  /**
   * The fewest completed years in the current title with which this applicant, cleaned
   * of unrelated faults, meets every criterion the years can help with. Asks the engine
   * rather than reading thresholds, so degree × years tables and township relaxations count.
   */
  yearsThreshold(s: Sketch): number {
    const best = this.passCount(this.build(s, MAX_PROBE_YEARS, { clean: true }));
    for (let n = 0; n < MAX_PROBE_YEARS; n++) if (this.passCount(this.build(s, n, { clean: true })) >= best) return n;
    return MAX_PROBE_YEARS;
  }
}

function arrayMean(profile: SeriesProfile, def: FactDef, level: Level): number {
  return profile.arrayMean?.[def.id] ?? (level === 'full-senior' ? 2.4 : 1.6);
}

/** Whether a common value still fits the catalogue (a series may narrow a common fact). */
function fits(def: FactDef, value: unknown): boolean {
  if (value === undefined) return !def.required;
  if (def.type === 'enum') return (def.options ?? []).some((o) => o.value === value);
  return true;
}

const MAX_PROBE_YEARS = 30;

/** Years relative to the threshold: most apply once they qualify, some a year or two early. */
const YEAR_OFFSETS: Record<string, number> = {
  '-3': 1, '-2': 3, '-1': 6, '0': 13, '1': 13, '2': 12, '3': 10, '4': 9, '5': 8, '6': 6, '7': 5, '8': 4, '9': 3, '10': 3, '12': 2, '15': 1,
};

/** Without a real threshold (bz-common alone), years spread as they do among applicants. */
const FREE_YEARS: Record<string, number> = { '3': 12, '4': 14, '5': 16, '6': 14, '7': 12, '8': 10, '9': 8, '10': 6, '12': 5, '15': 3 };

export function chooseYears(rng: Rng, threshold: number): number {
  if (threshold <= 2) return Number(rng.weighted(FREE_YEARS));
  return Math.max(0, threshold + Number(rng.weighted(YEAR_OFFSETS)));
}

export class InvalidSampleError extends Error {}

export function generatePopulation(p: Prepared, options: GenerateOptions): Applicant[] {
  const builder = new Builder(p, options.asOf ?? DEFAULT_AS_OF);
  const rng = new Rng(hashString(`${p.resolved.id}@${p.resolved.version}`) ^ options.seed);
  const usedNames = new Set<string>();
  const rare = assignRareCases(rng.fork('rare'), options.count);
  const out: Applicant[] = [];
  for (let i = 0; i < options.count; i++) {
    const r = rng.fork(`applicant-${i}`);
    const sketch = drawSketch(r, p, i, usedNames, rare[i]!);
    const record = builder.build(sketch, chooseYears(r, builder.yearsThreshold(sketch)));
    const issues = p.compiled.validateApplicant(record);
    if (issues.length > 0) {
      throw new InvalidSampleError(
        `generated applicant ${sketch.id} is invalid for ${p.resolved.id}@${p.resolved.version}: ` +
          issues.map((x) => `${x.pointer} ${x.message.zh}`).join('; '),
      );
    }
    out.push(record);
  }
  return out;
}

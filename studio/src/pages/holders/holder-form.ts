// The holder form's rules (pure, tested without a browser): required fields, the
// prior level below the title, the appointment not before the document; the body of
// a create, and of an edit only the fields that changed.
import type { Holder, HolderFields, HolderPatch } from '../../api/holders.api';

export const SERIES = ['teacher', 'health', 'agriculture', 'animal-husbandry', 'veterinary', 'water', 'forestry'] as const;
export const LEVELS = ['deputy-senior', 'full-senior'] as const;
export const PRIOR_LEVELS = ['none', 'junior', 'intermediate', 'deputy-senior'] as const;
const RANK: Record<string, number> = { none: 0, junior: 1, intermediate: 2, 'deputy-senior': 3, 'full-senior': 4 };

/** Xinjiang's prefecture-level divisions, offered as choices (any other name may be typed). Which count as southern Xinjiang is the ruleset's list, not this one. */
export const PREFECTURES = [
  '巴音郭楞蒙古自治州',
  '阿克苏地区',
  '喀什地区',
  '和田地区',
  '克孜勒苏柯尔克孜自治州',
  '乌鲁木齐市',
  '克拉玛依市',
  '吐鲁番市',
  '哈密市',
  '昌吉回族自治州',
  '博尔塔拉蒙古自治州',
  '伊犁哈萨克自治州',
  '塔城地区',
  '阿勒泰地区',
];
export const HOME_PREFECTURE = '巴音郭楞蒙古自治州';

export interface HolderForm {
  name: string;
  series: string;
  level: string;
  priorLevel: string;
  unit: string;
  prefecture: string;
  documentNo: string;
  documentDate: string;
  appointedAt: string;
}

export function emptyHolderForm(): HolderForm {
  return { name: '', series: '', level: 'deputy-senior', priorLevel: 'intermediate', unit: '', prefecture: HOME_PREFECTURE, documentNo: '', documentDate: '', appointedAt: '' };
}

export function formOf(h: Holder): HolderForm {
  return { name: h.name, series: h.series, level: h.level, priorLevel: h.priorLevel, unit: h.unit, prefecture: h.prefecture, documentNo: h.documentNo, documentDate: h.documentDate, appointedAt: h.appointedAt ?? '' };
}

/** Field → message key under holders.form. */
export function validateHolderForm(f: HolderForm): Partial<Record<keyof HolderForm, string>> {
  const errors: Partial<Record<keyof HolderForm, string>> = {};
  for (const key of ['name', 'series', 'level', 'priorLevel', 'unit', 'prefecture', 'documentNo', 'documentDate'] as const) {
    if (f[key].trim() === '') errors[key] = 'holders.form.required';
  }
  if (!errors.priorLevel && !errors.level && RANK[f.priorLevel]! >= RANK[f.level]!) errors.priorLevel = 'holders.form.priorBelow';
  if (f.appointedAt && f.documentDate && f.appointedAt < f.documentDate) errors.appointedAt = 'holders.form.appointedBeforeDocument';
  return errors;
}

export function createBody(f: HolderForm): HolderFields {
  const body: HolderFields = {
    name: f.name.trim(),
    series: f.series,
    level: f.level,
    priorLevel: f.priorLevel,
    unit: f.unit.trim(),
    prefecture: f.prefecture.trim(),
    documentNo: f.documentNo.trim(),
    documentDate: f.documentDate,
  };
  if (f.appointedAt) body.appointedAt = f.appointedAt;
  return body;
}

/** Only what changed; clearing the appointment date sends null. */
export function patchBody(f: HolderForm, h: Holder): HolderPatch {
  const next = createBody(f);
  const patch: HolderPatch = {};
  for (const key of ['name', 'series', 'level', 'priorLevel', 'unit', 'prefecture', 'documentNo', 'documentDate'] as const) {
    if (next[key] !== h[key]) patch[key] = next[key];
  }
  if ((next.appointedAt ?? null) !== (h.appointedAt ?? null)) patch.appointedAt = next.appointedAt ?? null;
  return patch;
}

/** A move (another unit or prefecture) is audited and re-judged: the form says so. */
export function isMove(f: HolderForm, h: Holder | null): boolean {
  return h !== null && (f.unit.trim() !== h.unit || f.prefecture.trim() !== h.prefecture);
}

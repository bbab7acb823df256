// The seven series and two levels of the directional titles (POLICY.md 三(一)),
// by id and by the Chinese labels officials write in their spreadsheets. The
// labels match the studio's (studio/src/i18n/sections/core.ts) plus the notice's
// longer forms, so a table typed by hand or exported by the studio reads back.

export const SERIES_IDS = ['teacher', 'health', 'agriculture', 'animal-husbandry', 'veterinary', 'water', 'forestry'] as const;
export const LEVEL_IDS = ['deputy-senior', 'full-senior'] as const;

/** The label written in exported files (first) and the other accepted spellings. */
export const SERIES_LABELS: Record<(typeof SERIES_IDS)[number], string[]> = {
  teacher: ['中小学教师', '中小学（含幼儿园）教师', '中小学(含幼儿园)教师', '教师'],
  health: ['卫生', '卫生健康'],
  agriculture: ['农业'],
  'animal-husbandry': ['畜牧'],
  veterinary: ['兽医'],
  water: ['水利'],
  forestry: ['林业'],
};

export const LEVEL_LABELS: Record<(typeof LEVEL_IDS)[number], string[]> = {
  'deputy-senior': ['副高级', '副高'],
  'full-senior': ['正高级', '正高'],
};

function lookup(table: Record<string, string[]>, written: string): string | undefined {
  const value = written.trim();
  if (value in table) return value;
  const lower = value.toLowerCase();
  if (lower in table) return lower;
  return Object.keys(table).find((id) => table[id]!.includes(value));
}

/** A series id from an id or a label; undefined when unknown. */
export const seriesId = (written: string): string | undefined => lookup(SERIES_LABELS, written);
/** A level id from an id or a label; undefined when unknown. */
export const levelId = (written: string): string | undefined => lookup(LEVEL_LABELS, written);

export const seriesLabel = (id: string): string => SERIES_LABELS[id as keyof typeof SERIES_LABELS]?.[0] ?? id;
export const levelLabel = (id: string): string => LEVEL_LABELS[id as keyof typeof LEVEL_LABELS]?.[0] ?? id;

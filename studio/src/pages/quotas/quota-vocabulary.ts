// The series and levels a quota row can name (their labels are core's series.* and levels.*).
export const SERIES = ['teacher', 'health', 'agriculture', 'animal-husbandry', 'veterinary', 'water', 'forestry'] as const;
export const LEVELS = ['deputy-senior', 'full-senior'] as const;

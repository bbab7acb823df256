// Approved directional posts (岗位职数): the quota table, its import, and the recommended marks in a run's ranking.
import type { Section } from '../section';

export default {
  zh: {},
  en: {},
} satisfies Section;

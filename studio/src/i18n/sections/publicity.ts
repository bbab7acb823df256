// The working-day calendar, the publicity period and list (公示), and the filing package (备案).
import type { Section } from '../section';

export default {
  zh: {},
  en: {},
} satisfies Section;

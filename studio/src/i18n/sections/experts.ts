// The expert pool (专家库) and drawing a session's members.
import type { Section } from '../section';

export default {
  zh: {},
  en: {},
} satisfies Section;

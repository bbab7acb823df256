// Directional title holders (定向职称人员): appointment deadlines and where the title is valid.
import type { Section } from '../section';

export default {
  zh: {},
  en: {},
} satisfies Section;

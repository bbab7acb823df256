// A fact's id (标识): the key applicant records and conditions use for it. The schema's
// identifier pattern, checked as it is typed so the official reads why an id is refused
// in words, and a suggestion from the English label so most never type one.

/** The schema's `identifier` (engine/schema/ruleset.schema.json). */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const IDENTIFIER_MAX = 64;

export type IdProblem = 'empty' | 'pattern' | 'length' | 'taken';

/** Why `id` cannot be used, or null; `taken` holds the ids of the other entries in the same list. */
export function idProblem(id: string, taken: ReadonlySet<string>): IdProblem | null {
  if (id === '') return 'empty';
  if (!IDENTIFIER.test(id)) return 'pattern';
  if (id.length > IDENTIFIER_MAX) return 'length';
  if (taken.has(id)) return 'taken';
  return null;
}

/**
 * An id for a new entry: the English label in lowerCamelCase ("Science awards" →
 * scienceAwards), else `fallback` followed by a number; a number is added until it is free.
 */
export function suggestId(labelEn: string | undefined, taken: ReadonlySet<string>, fallback = 'fact'): string {
  const words = (labelEn ?? '').normalize('NFKD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (base && !/^[A-Za-z_]/.test(base)) base = `${fallback}${base[0]!.toUpperCase()}${base.slice(1)}`;
  base = base.slice(0, IDENTIFIER_MAX - 4);
  if (base && !taken.has(base)) return base;
  const stem = base || fallback;
  for (let n = base ? 2 : 1; ; n++) if (!taken.has(`${stem}${n}`)) return `${stem}${n}`;
}

// Where two JSON values first differ, as a JSON pointer (RFC 6901). Object keys are
// visited in sorted order, the order of canonical JSON, so "first" is the first
// place where the two canonical byte strings part.
import { pointerOf } from '../../engine/errors';

/** The pointer of the first difference, or undefined when the values are equal. */
export function firstDifference(a: unknown, b: unknown, path: Array<string | number> = []): string | undefined {
  if (a === b) return undefined;
  const here = pointerOf(...path);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return here;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return pointerOf(...path, i);
      const found = firstDifference(a[i], b[i], [...path, i]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
    if (!Object.hasOwn(x, key) || !Object.hasOwn(y, key)) return pointerOf(...path, key);
    const found = firstDifference(x[key], y[key], [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

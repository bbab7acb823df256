// The subset of JSONPath that conditions may use: `$.field`, `$[0]`, chained.
// Resolution matches json-rules-engine's default resolver (jsonpath-plus, wrap:false)
// for this subset: a missing step gives undefined.

export type PathStep = string | number;

const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g;

export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const match of path.slice(1).matchAll(STEP)) {
    steps.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  return steps;
}

/** json-rules-engine applies a path only to objects; other values pass through unchanged. */
export function resolvePath(value: unknown, steps: PathStep[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  let current: unknown = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

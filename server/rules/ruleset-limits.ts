// How big and how deep a rule document may be. A rule file is data an official
// writes, but everything after it — the schema check, lint, compile, hashing,
// JSON output, cloning to a worker — walks it, much of it recursively and some of
// it with output that grows with depth (a pretty-printed file indents every level).
// So the size of a document is checked first, by one iterative walk (no recursion:
// a document 100,000 levels deep is measured like any other) that stops at the
// first limit it passes and says which limit, the value found and where.
//
// The same walk measures what a rule file would weigh as JSON: compact and indented
// by two spaces, exactly as JSON.stringify would write it, so the download can choose
// between them without building either (ruleset-file.ts).

/** Every limit is inclusive: a document may reach it, not pass it. */
export interface RulesetLimits {
  /** The document as compact JSON, in bytes (UTF-8). */
  bytes: number;
  /** Nesting of objects and arrays anywhere in the document (the document itself is level 1). */
  depth: number;
  /** Nesting of conditions: a leaf or all/any/not at the top of a condition is level 1, each all/any/not below adds one. */
  conditionDepth: number;
  /** JSON values in the document (objects, arrays, strings, numbers, booleans, nulls). */
  nodes: number;
  /** Conditions in the document (leaves and all/any/not alike), over every criterion, veto, item and derived fact. */
  conditions: number;
  /** Elements of any one list: an `in` list's values, a fact's options, a lookup table's rows… */
  listLength: number;
  facts: number;
  derived: number;
  criteria: number;
  vetoes: number;
  /** Scoring items over all categories. */
  items: number;
  /** Embedded test cases. */
  tests: number;
}

export type RulesetLimitName = keyof RulesetLimits;

/**
 * Sized for the largest real use with wide room: the shipped rulesets reach at most
 * 112 kB (184 kB indented), 11 levels of nesting, 4 of conditions, 4,911 values,
 * 81 conditions, lists of 31 and 31 test cases; test/server/rules/ruleset-limits.test.ts
 * holds every one of them to a tenth of each size and count and a quarter of each
 * depth. A ruleset of a few thousand conditions fits.
 */
export const DEFAULT_RULESET_LIMITS: Readonly<RulesetLimits> = Object.freeze({
  bytes: 2 * 1024 * 1024,
  depth: 64,
  conditionDepth: 16,
  nodes: 200_000,
  conditions: 10_000,
  listLength: 5_000,
  facts: 1_000,
  derived: 1_000,
  criteria: 1_000,
  vetoes: 1_000,
  items: 2_000,
  tests: 1_000,
});

/** The top-level lists counted against their own limits; scoring items are counted over the categories. */
const COUNTED: ReadonlyArray<readonly [string, RulesetLimitName]> = [
  ['facts', 'facts'],
  ['derived', 'derived'],
  ['criteria', 'criteria'],
  ['vetoes', 'vetoes'],
  ['tests', 'tests'],
];

/** The keys under which the schema puts a condition (engine/schema/ruleset.schema.json). */
const CONDITION_KEYS = new Set(['conditions', 'appliesWhen', 'when', 'where']);

export interface RulesetMeasure {
  compactBytes: number;
  /** Bytes of JSON.stringify(document, null, 2). */
  prettyBytes: number;
  depth: number;
  conditionDepth: number;
  nodes: number;
  conditions: number;
  longestList: number;
  facts: number;
  derived: number;
  criteria: number;
  vetoes: number;
  items: number;
  tests: number;
}

export interface LimitViolation {
  limit: RulesetLimitName;
  max: number;
  /** The value found; where the walk stopped at the first value over the limit, that value (limit + 1). */
  found: number;
  /** JSON pointer into the rule document ('' for the whole document). */
  pointer: string;
  message: { zh: string; en: string };
}

const WHAT: Record<RulesetLimitName, { zh: string; en: string; unit: { zh: string; en: string } }> = {
  bytes: { zh: '规则文件的大小', en: 'The rule document', unit: { zh: '字节', en: 'bytes' } },
  depth: { zh: '规则文件的嵌套层数', en: 'The rule document nests', unit: { zh: '层', en: 'levels' } },
  conditionDepth: { zh: '条件的嵌套层数', en: 'Conditions nest', unit: { zh: '层', en: 'levels' } },
  nodes: { zh: '规则文件中的值', en: 'The rule document holds', unit: { zh: '个', en: 'values' } },
  conditions: { zh: '条件的数量', en: 'The rule document has', unit: { zh: '个', en: 'conditions' } },
  listLength: { zh: '列表的长度', en: 'A list holds', unit: { zh: '项', en: 'elements' } },
  facts: { zh: '事实（facts）的数量', en: 'The rule document declares', unit: { zh: '个', en: 'facts' } },
  derived: { zh: '派生事实（derived）的数量', en: 'The rule document declares', unit: { zh: '个', en: 'derived facts' } },
  criteria: { zh: '资格条件（criteria）的数量', en: 'The rule document has', unit: { zh: '条', en: 'criteria' } },
  vetoes: { zh: '一票否决项（vetoes）的数量', en: 'The rule document has', unit: { zh: '条', en: 'vetoes' } },
  items: { zh: '赋分项（scoring items）的数量', en: 'The rule document has', unit: { zh: '个', en: 'scoring items' } },
  tests: { zh: '测试用例（tests）的数量', en: 'The rule document has', unit: { zh: '个', en: 'test cases' } },
};

function violation(limit: RulesetLimitName, max: number, found: number, pointer: string, atLeast: boolean): LimitViolation {
  const what = WHAT[limit];
  const where = pointer === '' ? '' : `（位置 ${pointer}）`;
  const whereEn = pointer === '' ? '' : ` (at ${pointer})`;
  const value = atLeast ? `至少 ${found}` : `${found}`;
  const valueEn = atLeast ? `at least ${found}` : `${found}`;
  return {
    limit,
    max,
    found,
    pointer,
    message: {
      zh: `${what.zh}超过上限：${value} ${what.unit.zh}，上限为 ${max} ${what.unit.zh}${where}`,
      en: `${what.en} ${valueEn} ${what.unit.en}, over the limit of ${max}${whereEn}`,
    },
  };
}

/** One entry of the walk: parents are linked, so a pointer is built only for a violation. */
interface Frame {
  value: unknown;
  parent: Frame | null;
  /** Its key in its parent (an index in a list): a pointer is built from these only for a violation. */
  key: string | number;
  depth: number;
  /** The condition level of this value when it is a condition, else 0. */
  conditionDepth: number;
  /** For the list of an all / any: the level of the condition it belongs to (its elements are one deeper), else 0. */
  listOf: number;
  /** Under `tests`: applicants' fields are data, never conditions. */
  data: boolean;
}

function pointerOf(frame: Frame): string {
  const keys: string[] = [];
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) keys.push(String(f.key).replace(/~/g, '~0').replace(/\//g, '~1'));
  return keys.length === 0 ? '' : '/' + keys.reverse().join('/');
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Measures `document` and, given limits, stops at the first one passed. Arrays are
 * walked in order, objects by key order: the violation reported is the first one in
 * the document (depth first). The walk itself costs a few milliseconds per megabyte.
 */
export function measureRuleset(document: unknown, limits?: Readonly<RulesetLimits>): { measure: RulesetMeasure; violation?: LimitViolation } {
  const m: RulesetMeasure = {
    compactBytes: 0,
    prettyBytes: 0,
    depth: 0,
    conditionDepth: 0,
    nodes: 0,
    conditions: 0,
    longestList: 0,
    facts: 0,
    derived: 0,
    criteria: 0,
    vetoes: 0,
    items: 0,
    tests: 0,
  };
  const stop = (limit: RulesetLimitName, found: number, frame: Frame | null, atLeast = false) => ({
    measure: m,
    violation: violation(limit, limits![limit], found, frame ? pointerOf(frame) : '', atLeast),
  });

  if (isObject(document)) {
    for (const [key, limit] of COUNTED) {
      const list = document[key];
      const n = Array.isArray(list) ? list.length : 0;
      m[key as 'facts'] = n;
      if (limits && n > limits[limit]) return stop(limit, n, { value: list, parent: { value: document, parent: null, key: '', depth: 1, conditionDepth: 0, listOf: 0, data: false }, key, depth: 2, conditionDepth: 0, listOf: 0, data: false });
    }
    const categories = isObject(document.scoring) && Array.isArray(document.scoring.categories) ? document.scoring.categories : [];
    for (const category of categories) if (isObject(category) && Array.isArray(category.items)) m.items += category.items.length;
    if (limits && m.items > limits.items) return stop('items', m.items, null);
  }

  const stack: Frame[] = [{ value: document, parent: null, key: '', depth: 1, conditionDepth: 0, listOf: 0, data: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    m.nodes++;
    if (limits && m.nodes > limits.nodes) return stop('nodes', m.nodes, frame, true);
    if (frame.conditionDepth > 0) {
      m.conditions++;
      if (frame.conditionDepth > m.conditionDepth) m.conditionDepth = frame.conditionDepth;
      if (limits && frame.conditionDepth > limits.conditionDepth) return stop('conditionDepth', frame.conditionDepth, frame, true);
      if (limits && m.conditions > limits.conditions) return stop('conditions', m.conditions, frame, true);
    }
    if (value === null || typeof value !== 'object') {
      // Scalars: their compact size; indentation is added by their container.
      const bytes = typeof value === 'string' ? stringBytes(value) : typeof value === 'number' ? (Number.isFinite(value) ? String(value).length : 4) : String(value).length;
      m.compactBytes += bytes;
      m.prettyBytes += bytes;
    } else {
      if (depth > m.depth) m.depth = depth;
      if (limits && depth > limits.depth) return stop('depth', depth, frame, true);
      const array = Array.isArray(value);
      const keys = array ? null : Object.keys(value);
      const n = array ? (value as unknown[]).length : keys!.length;
      if (array) {
        if (n > m.longestList) m.longestList = n;
        if (limits && n > limits.listLength) return stop('listLength', n, frame);
      }
      // `{}` / `[]`, commas between members; indented: each member on its own line, the closing bracket too.
      m.compactBytes += 2 + Math.max(0, n - 1);
      m.prettyBytes += 2 + Math.max(0, n - 1);
      if (n > 0) m.prettyBytes += n * (1 + 2 * depth) + (1 + 2 * (depth - 1));
      // Scalars are counted here (most values are); objects and lists are pushed last to
      // first, so that they are visited in document order.
      const from = stack.length;
      for (let i = 0; i < n; i++) {
        const key = array ? i : keys![i]!;
        const child = array ? (value as unknown[])[i] : (value as Record<string, unknown>)[key as string];
        if (!array) {
          const keyBytes = stringBytes(key as string) + 1;
          m.compactBytes += keyBytes;
          m.prettyBytes += keyBytes + 1; // ": "
        }
        if (child === null || typeof child !== 'object') {
          m.nodes++;
          const bytes = typeof child === 'string' ? stringBytes(child) : typeof child === 'number' ? (Number.isFinite(child) ? String(child).length : 4) : String(child).length;
          m.compactBytes += bytes;
          m.prettyBytes += bytes;
          continue;
        }
        const data = frame.data || (depth === 1 && key === 'tests');
        let conditionDepth = 0;
        let listOf = 0;
        if (!data) {
          if (frame.listOf > 0) {
            if (!Array.isArray(child)) conditionDepth = frame.listOf + 1; // an element of all / any
          } else if (frame.conditionDepth > 0) {
            if (key === 'not' && !Array.isArray(child)) conditionDepth = frame.conditionDepth + 1;
            else if ((key === 'all' || key === 'any') && Array.isArray(child)) listOf = frame.conditionDepth;
          } else if (!array && CONDITION_KEYS.has(key as string) && !Array.isArray(child)) {
            conditionDepth = 1;
          }
        }
        stack.push({ value: child, parent: frame, key, depth: depth + 1, conditionDepth, listOf, data });
      }
      if (limits && m.nodes > limits.nodes) return stop('nodes', m.nodes, frame, true);
      // Reverse what this container pushed: its first member is popped first.
      for (let a = from, b = stack.length - 1; a < b; a++, b--) {
        const t = stack[a]!;
        stack[a] = stack[b]!;
        stack[b] = t;
      }
    }
    if (limits && m.compactBytes > limits.bytes) return stop('bytes', m.compactBytes, null, true);
  }
  return { measure: m };
}

/** A string's bytes as JSON: quoted, escaped, UTF-8. Most strings need no escape and are ASCII or CJK. */
function stringBytes(s: string): number {
  // eslint-disable-next-line no-control-regex
  if (!/["\\\u0000-\u001f\u007f-\uffff]/.test(s)) return s.length + 2;
  return utf8(JSON.stringify(s));
}

/** The first limit `document` passes, or undefined. */
export function rulesetLimitViolation(document: unknown, limits: Readonly<RulesetLimits>): LimitViolation | undefined {
  return measureRuleset(document, limits).violation;
}

// A published version is identified by its content hash: sha256 over canonical JSON
// of the rule content, lifecycle fields excluded. Formatting and key order do not
// change it; any change to what the rules decide does.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/canonical';
import { evaluate } from '../../engine/evaluate';
import { inputHash, LIFECYCLE_FIELDS, rulesetHash } from '../../engine/hash';
import type { Ruleset } from '../../engine/types';
import { Rng } from '../../server/samples/prng';
import { fixtureText, mini } from '../support/rulesets';

const HASH = /^sha256:[0-9a-f]{64}$/;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The same JSON value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  }
  return value;
}

describe('rulesetHash', () => {
  it('has the documented format sha256:<64 hex>, and is sha256 of the canonical JSON', () => {
    const r = mini();
    expect(rulesetHash(r)).toMatch(HASH);
    expect(rulesetHash(r)).toBe('sha256:' + sha256(canonicalJson(r)));
  });

  it('is the same for the same content with other key order and whitespace', () => {
    const text = fixtureText('mini.json');
    const reordered = JSON.parse(JSON.stringify(reversedKeys(JSON.parse(text)), null, 7)) as Ruleset;
    const minified = JSON.parse(JSON.stringify(JSON.parse(text))) as Ruleset;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(mini()));
    expect(rulesetHash(reordered)).toBe(rulesetHash(mini()));
    expect(rulesetHash(minified)).toBe(rulesetHash(mini()));
  });

  it.each<[string, (r: any) => void]>([
    ['a threshold', (r) => (r.criteria[0].conditions.any[1].all[1].value = 6)],
    ['an operator', (r) => (r.criteria[0].conditions.any[1].all[1].operator = 'greaterThan')],
    ['points', (r) => (r.scoring.categories[0].items[0].table[0].points = 14)],
    ['a cap', (r) => (r.scoring.categories[1].cap = 16)],
    ['a bracket band', (r) => (r.scoring.categories[2].items[0].brackets[0].min = 4)],
    ['an explanation text', (r) => (r.criteria[0].title.zh = '学历与任现职年限')],
    ['the version number', (r) => (r.version = 2)],
    ['the order of scoring categories', (r) => r.scoring.categories.reverse()],
    ['the pass mark', (r) => (r.pass.minScore = 25)],
    ['an option being added', (r) => r.facts[1].options.push({ value: 'none', label: { zh: '无' } })],
  ])('changes when %s changes', (_what, edit) => {
    const r = mini();
    edit(r);
    expect(rulesetHash(r)).not.toBe(rulesetHash(mini()));
  });

  it.each<[string, (r: any) => void]>([
    ['status', (r) => (r.status = 'published')],
    ['effectiveFrom', (r) => (r.effectiveFrom = '2024-05-01')],
    ['effectiveTo', (r) => (r.effectiveTo = '2025-12-31')],
    ['$schema', (r) => (r.$schema = '../../engine/schema/ruleset.schema.json')],
  ])('does not change when the lifecycle field %s changes', (_what, edit) => {
    const r = mini();
    edit(r);
    expect(rulesetHash(r)).toBe(rulesetHash(mini()));
  });

  it('the excluded fields are exactly the lifecycle fields', () => {
    expect([...LIFECYCLE_FIELDS].sort()).toEqual(['$schema', 'effectiveFrom', 'effectiveTo', 'status']);
  });

  it('moving a version through its lifecycle keeps the hash its results carry', () => {
    const applicant = { id: 'x', degree: 'master', titleDate: '2018-01-01', postLevel: 'county', grassrootsYears: 0 };
    const draft = { ...mini(), status: 'draft' } as Ruleset;
    const published = { ...mini(), status: 'published', effectiveFrom: '2024-05-01' } as Ruleset;
    expect(evaluate(draft, applicant, { asOf: '2024-09-30' }).ruleset.hash).toBe(evaluate(published, applicant, { asOf: '2024-09-30' }).ruleset.hash);
  });
});

describe('inputHash', () => {
  const applicant = { id: 'A1', degree: 'master', papers: [{ year: 2020, core: true }], note: '乡镇卫生院' };

  it('has the documented format and ignores key order', () => {
    expect(inputHash(applicant)).toMatch(HASH);
    expect(inputHash(reversedKeys(applicant))).toBe(inputHash(applicant));
    expect(inputHash(applicant)).toBe('sha256:' + sha256(canonicalJson(applicant)));
  });

  it.each<[string, unknown]>([
    ['a value', { ...applicant, degree: 'doctorate' }],
    ['record order inside a list', { ...applicant, papers: [{ year: 2021, core: true }, { year: 2020, core: true }] }],
    ['a number written differently (1 vs "1")', { ...applicant, id: 1 }],
  ])('changes with %s', (_what, other) => {
    expect(inputHash(other)).not.toBe(inputHash(applicant));
  });

  it('a host’s native sha256 gives the same input hash as the built-in one', () => {
    const r = mini();
    const a = { id: 'x', degree: 'master', titleDate: '2018-01-01', postLevel: 'county', grassrootsYears: 0 };
    const builtIn = evaluate(r, a, { asOf: '2024-09-30' });
    const native = evaluate(r, a, { asOf: '2024-09-30', sha256 });
    expect(native.inputHash).toBe(builtIn.inputHash);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined, keeps array order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: '中' } })).toBe('{"a":{"c":"中","d":[3,{"z":1}]},"b":1}');
  });

  it('is JSON.stringify with keys sorted by code unit, for values with awkward strings, keys and numbers', () => {
    const source = new Rng(42);
    const rng = () => source.next();
    const strings = ['', 'a', '中文', 'quote"', 'back\\slash', 'new\nline', 'tab\t', '\u0000', '\u001f', '\u2028', '😀', '\ud800', 'é', '<script>'];
    const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.123, Number.MAX_SAFE_INTEGER, -2.5e-300];
    const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)]!;
    const value = (depth: number): unknown => {
      const r = rng();
      if (depth > 3 || r < 0.3) return pick<unknown>([...strings, ...numbers, true, false, null]);
      if (r < 0.6) return Array.from({ length: Math.floor(rng() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rng() * 5) }, () => [pick(strings) + pick(['', 'k', 'K', '1']), value(depth + 1)]));
    };
    // The plain definition: JSON.stringify for every scalar and key, keys in code-unit order.
    // (Not JSON.stringify of a re-sorted object: JS puts integer-like keys such as "1" first.)
    const plain = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(plain).join(',')}]`
        : v !== null && typeof v === 'object'
          ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${plain((v as Record<string, unknown>)[k])}`).join(',')}}`
          : JSON.stringify(v);
    for (let i = 0; i < 2000; i++) {
      const v = value(0);
      expect(canonicalJson(v)).toBe(plain(v));
    }
  });

  it('refuses a non-finite number instead of hashing it as null (NaN and null must not collide)', () => {
    expect(() => canonicalJson({ score: Number.NaN })).toThrow(TypeError);
    expect(() => inputHash({ score: Number.POSITIVE_INFINITY })).toThrow(TypeError);
  });
});

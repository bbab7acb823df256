// Every shipped rule file (rules/**/v<N>.json, found at test time) parses, follows the
// schema, lints without errors against the others it extends, sits where DESIGN.md
// says it should, and passes its own embedded cases. Rules authors rely on this.
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../engine/errors';
import { lookupIn, resolveExtends } from '../../engine/extends';
import { lintRuleset } from '../../engine/lint';
import { parseRulesetText } from '../../engine/parse';
import { runEmbeddedTests } from '../../engine/run-tests';
import type { Ruleset } from '../../engine/types';
import { shippedRuleFiles } from '../support/rulesets';

const files = shippedRuleFiles();
const parsed = files.map((f) => ({ ...f, outcome: parseRulesetText(f.text, f.file) }));
const all = parsed.flatMap((p) => (p.outcome.ruleset ? [p.outcome.ruleset] : []));
const lookup = lookupIn(all);

describe('shipped rulesets', () => {
  it(`found ${files.length} rule file(s) under rules/`, () => {
    expect(files.every((f) => f.file.startsWith('rules/'))).toBe(true);
  });

  it('no two files claim the same id and version', () => {
    const keys = all.map((r) => `${r.id}@${r.version}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  describe.each(parsed)('$file', ({ file, outcome }) => {
    const ruleset = outcome.ruleset as Ruleset;

    it('parses and follows the schema', () => {
      expect(outcome.issues.map((i) => formatIssue(i))).toEqual([]);
    });

    // a file that does not parse is reported above; the checks below need the ruleset
    it.skipIf(!ruleset)('sits at rules/<department>/<id>/v<version>.json', () => {
      expect(file).toBe(`rules/${ruleset.department}/${ruleset.id}/v${ruleset.version}.json`);
    });

    it.skipIf(!ruleset)('lints without errors', () => {
      const errors = lintRuleset(ruleset, { lookup, file }).filter((i) => i.severity === 'error');
      expect(errors.map((i) => formatIssue(i))).toEqual([]);
    });

    it.skipIf(!ruleset)('carries embedded cases, and passes every one', () => {
      const results = runEmbeddedTests(resolveExtends(ruleset, lookup));
      expect(results.length, 'embedded cases').toBeGreaterThan(0);
      expect(results.filter((r) => !r.passed).map((r) => `${r.id} ${r.title}: ${r.failures.join('; ')}`)).toEqual([]);
    });
  });
});

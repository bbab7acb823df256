// rules/README.md carries a generated section (ruleset index, facts catalogues,
// example values awaiting confirmation); it must match the rule files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, expectedReadme, exampleValues } from '../../server/samples/rules-readme';
import { loadRuleFiles } from '../../server/samples/rulesets';

const ROOT = join(import.meta.dirname, '../..');

describe('rules/README.md', () => {
  const { current, expected } = expectedReadme(ROOT);

  it('has exactly one generated section', () => {
    expect(current.split(BEGIN).length).toBe(2);
    expect(current.split(END).length).toBe(2);
  });

  it('is up to date with the rule files (run `npm run samples -- readme` when this fails)', () => {
    expect(current === expected, 'rules/README.md is out of date: run npm run samples -- readme').toBe(true);
  });

  it('lists every example value of every ruleset', () => {
    for (const { ruleset } of loadRuleFiles(join(ROOT, 'rules'), ROOT)) {
      for (const { citation } of exampleValues(ruleset)) if (citation.note) expect(current).toContain(citation.note.zh.replace(/\|/g, '\\|'));
      for (const fact of ruleset.facts) expect(current).toContain(`| \`${fact.id}\` |`);
    }
  });
});

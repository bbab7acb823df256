// The diff an approver reads names inherited facts (from bz-common) by their
// Chinese labels, as the studio shows them — not by their ids.
import { describe, expect, it } from 'vitest';
import { setup } from './helpers';

const ID = 'teacher-deputy-senior';

describe('GET /rulesets/:id/diff', () => {
  it('reads an inherited fact by its label', async () => {
    const { agents } = await setup({ seed: true });
    const v1 = (await agents['edu-official']!.get(`/api/v1/rulesets/${ID}/versions/1`)).body.ruleset;
    const draft = structuredClone(v1);
    const raise = (node: { fact?: string; value?: number; all?: unknown[]; any?: unknown[]; not?: unknown }): void => {
      if (node.fact === 'grassrootsYears') node.value = (node.value ?? 0) + 1;
      for (const child of [...(node.all ?? []), ...(node.any ?? []), ...(node.not ? [node.not] : [])]) raise(child as typeof node);
    };
    raise(draft.criteria.find((c: { id: string }) => c.id === 'ruralService').conditions);
    const saved = await agents['edu-official']!.post(`/api/v1/rulesets/${ID}/versions`).send({ ruleset: draft, basedOn: 1, note: '基层年限 +1' });
    expect(saved.status).toBe(201);
    const diff = await agents.auditor!.get(`/api/v1/rulesets/${ID}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    const line = diff.body.entries.find((e: { id: string }) => e.id === 'ruralService');
    expect(line.text.zh).toMatch(/基层工作年限 不少于 \d+ 年 → 不少于 \d+ 年/);
    expect(line.text.zh).not.toContain('grassrootsYears');
  });
});

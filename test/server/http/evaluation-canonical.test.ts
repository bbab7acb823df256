// POST /evaluations evaluates, hashes and stores the canonical applicant record (an
// optional list left out is `[]`, an optional null is left out), so the answer's
// inputHash is the one a spreadsheet of the same person gives. Records stored before
// canonical records existed — the applicant as it was sent — still replay byte for
// byte: replay evaluates the stored input as stored.
import { describe, expect, it } from 'vitest';
import { canonicalJson, compileRuleset, evaluate, inputHash, type Applicant } from '../../../engine/index';
import { singleEvaluationOptions } from '../../../server/http/ruleset-resolver';
import { openRuleset } from '../../../server/rules/open-ruleset';
import { sha256Address } from '../../../server/storage/index';
import { AT, RULES_DIR, setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants } from './runs-support';

const LISTS = ['papers', 'awards', 'medicalAccidents'] as const;

/** A shipped health applicant who left at least one optional list out. */
function withoutAList(): { applicant: Applicant; missing: string[] } {
  const applicant = healthApplicants(200).find((a) => LISTS.some((l) => !(l in a)))!;
  return { applicant, missing: LISTS.filter((l) => !(l in applicant)) };
}

describe('single evaluations take the canonical record', () => {
  it('hashes and stores an applicant whose optional list is left out as the spreadsheet reads it ([])', async () => {
    const ctx = await setup({ seed: true });
    const { applicant, missing } = withoutAList();
    expect(missing.length).toBeGreaterThan(0);
    const asSheet: Applicant = { ...applicant };
    for (const l of missing) asSheet[l] = [];

    const res = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant });
    expect(res.status).toBe(200);
    expect(res.body.inputHash).toBe(inputHash(asSheet));
    expect(res.body.inputHash).not.toBe(inputHash(applicant));

    // The stored input is the canonical record, so its address is the inputHash.
    const record = ctx.store.evaluations.get(res.headers['x-evaluation-id'] as string)!;
    expect(record.input).toBe(res.body.inputHash);
    const stored = JSON.parse((await ctx.store.blobs.get(record.input)).toString('utf8')) as Applicant;
    for (const l of missing) expect(stored[l]).toEqual([]);

    // The same person sent with the lists as [] is the same input.
    const again = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: asSheet });
    expect(again.body.inputHash).toBe(res.body.inputHash);
    expect(canonicalJson(again.body)).toBe(canonicalJson(res.body));
  });

  it('an explicit null for an optional fact is the same input as leaving it out', async () => {
    const ctx = await setup({ seed: true });
    const { applicant, missing } = withoutAList();
    const withNull = { ...applicant, [missing[0]!]: null };
    const a = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant: withNull });
    const b = await ctx.agents['health-committee']!.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant });
    expect(a.status).toBe(200);
    expect(a.body.inputHash).toBe(b.body.inputHash);
  });

  it('still replays, byte for byte, a record stored with the applicant as sent (hashed the old way)', async () => {
    const ctx = await setup({ seed: true });
    const { applicant } = withoutAList();
    // What the server stored before canonical records: the applicant as sent, and its result.
    const opened = await openRuleset(`${RULES_DIR}/health/${HEALTH}/v1.json`);
    const result = evaluate(compileRuleset(opened.resolved), applicant, singleEvaluationOptions(AS_OF));
    expect(result.inputHash).toBe(sha256Address(canonicalJson(applicant)));
    const old = await ctx.store.evaluations.record({ applicant, result, series: 'health', pinned: false }, { actor: 'health-committee', at: AT });

    const res = await ctx.agents.auditor!.post(`/api/v1/evaluations/${old.id}/replay`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ identical: true, original: { intact: true } });
    expect(res.body.result.inputHash).toBe(result.inputHash);
  });
});

// /holders: title holders after the review. The appointment deadline and the overdue
// list (today is the server clock's date in China: 2026-01-05 in these tests), where
// the title holds by the directional-use ruleset (a move to a non-participating unit
// reverts to the prior level; outside southern Xinjiang it is void), and a finalised
// session's passed candidates imported once, with prior levels from the run.
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../../server/storage/index';
import { AT, setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants, runJson } from './runs-support';

type Ctx = Awaited<ReturnType<typeof setup>>;
const ACT = { actor: 'admin', at: AT };
/** 24 members present: 16 yes votes pass. */
const PRESENT = Array.from({ length: 24 }, (_, i) => `exp-${String(i + 1).padStart(4, '0')}`);

const base = {
  name: '热娜·艾力',
  series: 'health',
  level: 'deputy-senior',
  priorLevel: 'intermediate',
  unit: '轮台县人民医院',
  prefecture: '巴音郭楞蒙古自治州',
  documentNo: '巴职改办字〔2025〕12号',
  documentDate: '2025-12-01',
};

describe('holders', () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    // 轮台县人民医院 has directional posts: it takes part in the programme; 库尔勒市第二人民医院 has none.
    await ctx.store.quotas.put({ unit: '轮台县人民医院', series: 'health', level: 'deputy-senior', posts: 3 }, ACT);
    await ctx.store.quotas.put({ unit: '库尔勒市第二人民医院', series: 'health', level: 'deputy-senior', posts: 0 }, ACT);
  });

  it('records a holder: deadline two months after the document, days left, valid in a participating unit in Bazhou', async () => {
    const res = await ctx.agents.admin!.post('/api/v1/holders').send(base);
    expect(res.status).toBe(201);
    expect(res.body.holder).toMatchObject({
      id: 'holder-0001',
      ...base,
      updatedBy: 'admin',
      appointment: { deadline: '2026-02-01', deadlineMonths: 2, state: 'pending', daysLeft: 27 },
      validity: { validity: 'valid', effectiveLevel: 'deputy-senior', failed: [], ruleset: { id: 'directional-use', version: 1 }, asOf: '2026-01-05' },
    });
    expect(res.body.result).toMatchObject({ eligible: true, ruleset: { id: 'directional-use' } });
    const entry = (await ctx.agents.auditor!.get('/api/v1/audit/entries?limit=5')).body.entries.find((e: { action: string }) => e.action === 'holder.put');
    expect(entry).toMatchObject({ actor: 'admin', target: 'holder:holder-0001' });
  });

  it('refuses a bad record field by field: no such date, appointment before the document, prior level not below, unknown series', async () => {
    const admin = ctx.agents.admin!;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ documentDate: '2025-02-30' }, '/documentDate'],
      [{ documentDate: '2026-03-01' }, '/documentDate'],
      [{ appointedAt: '2025-11-30' }, '/appointedAt'],
      [{ priorLevel: 'deputy-senior' }, '/priorLevel'],
      [{ series: 'law' }, '/series'],
      [{ documentNo: '   ' }, '/documentNo'],
    ];
    for (const [change, pointer] of cases) {
      const res = await admin.post('/api/v1/holders').send({ ...base, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.issues.map((i: { pointer: string }) => i.pointer)).toContain(pointer);
      expect(res.body.details.text.zh).toBeTruthy();
    }
    const { documentNo: _no, ...without } = base;
    expect((await admin.post('/api/v1/holders').send(without)).body.details.issues[0].pointer).toBe('/documentNo');
    expect((await ctx.agents.auditor!.post('/api/v1/holders').send(base)).status).toBe(403);
  });

  it('lists the overdue: not appointed by the day after the deadline, with the days overdue; filters by status and series', async () => {
    const admin = ctx.agents.admin!;
    const late = await admin.post('/api/v1/holders').send({ ...base, name: '买买提·吐尔逊', documentNo: '巴职改办字〔2025〕8号', documentDate: '2025-11-04' });
    expect(late.body.holder.appointment).toEqual({ deadline: '2026-01-04', deadlineMonths: 2, state: 'overdue', daysLate: 1 });
    const onDeadline = await admin.post('/api/v1/holders').send({ ...base, name: '古丽娜尔', documentDate: '2025-11-05' });
    expect(onDeadline.body.holder.appointment).toMatchObject({ deadline: '2026-01-05', state: 'pending', daysLeft: 0 });
    await admin.post('/api/v1/holders').send({ ...base, name: '王芳', series: 'teacher', documentDate: '2025-10-10', appointedAt: '2025-11-01' });

    const overdue = await ctx.agents.auditor!.get('/api/v1/holders?status=overdue');
    expect(overdue.status).toBe(200);
    expect(overdue.body.holders.map((h: { name: string }) => h.name)).toEqual(['买买提·吐尔逊']);
    expect(overdue.body).toMatchObject({ today: '2026-01-05', deadlineMonths: 2, counts: { all: 4, overdue: 1, pending: 2, appointed: 1 }, rulesInForce: true });
    const teachers = await ctx.agents.auditor!.get('/api/v1/holders?series=teacher');
    expect(teachers.body.holders.map((h: { name: string; appointment: { state: string; onTime: boolean } }) => [h.name, h.appointment.state, h.appointment.onTime])).toEqual([['王芳', 'appointed', true]]);
    expect((await ctx.agents.auditor!.get('/api/v1/holders?status=late')).status).toBe(400);
    expect((await ctx.agents['health-committee']!.get('/api/v1/holders')).status).toBe(403);
  });

  it('records a late appointment: it leaves the overdue list and says by how many days', async () => {
    const res = await ctx.agents.admin!.patch('/api/v1/holders/holder-0002').send({ appointedAt: '2026-01-05' });
    expect(res.status).toBe(200);
    expect(res.body.holder.appointment).toEqual({ deadline: '2026-01-04', deadlineMonths: 2, state: 'appointed', onTime: false, daysLate: 1 });
    expect((await ctx.agents.admin!.get('/api/v1/holders?status=overdue')).body.holders).toEqual([]);
    expect((await ctx.agents.admin!.patch('/api/v1/holders/holder-0002').send({ appointedAt: '2026-02-01' })).status).toBe(400);
    expect((await ctx.agents.admin!.patch('/api/v1/holders/holder-0099').send({ appointedAt: '2026-01-01' })).status).toBe(404);
  });

  it('a move to a non-participating unit reverts to the prior level, audited with the verdict; a move out of southern Xinjiang voids the title', async () => {
    const admin = ctx.agents.admin!;
    const moved = await admin.patch('/api/v1/holders/holder-0001').send({ unit: '库尔勒市第二人民医院' });
    expect(moved.status).toBe(200);
    expect(moved.body.holder.validity).toMatchObject({
      validity: 'reverts',
      effectiveLevel: 'intermediate',
      failed: [{ id: 'participatingUnit', explanation: '库尔勒市第二人民医院未参与定向使用，定向职称暂不作为聘任依据；重新评审前按原层级（中级）聘任' }],
    });
    const entries = (await ctx.agents.auditor!.get('/api/v1/audit/entries?limit=10')).body.entries as Array<{ action: string; target: string; details: Record<string, unknown> }>;
    expect(entries.find((e) => e.action === 'holder.move')).toMatchObject({
      target: 'holder:holder-0001',
      details: { from: { unit: '轮台县人民医院' }, to: { unit: '库尔勒市第二人民医院' }, validity: 'reverts', effectiveLevel: 'intermediate', ruleset: { id: 'directional-use', version: 1 } },
    });

    const north = await admin.patch('/api/v1/holders/holder-0001').send({ unit: '乌鲁木齐市第一人民医院', prefecture: '乌鲁木齐市' });
    expect(north.body.holder.validity).toMatchObject({ validity: 'void', effectiveLevel: 'intermediate' });
    expect(north.body.holder.validity.failed[0].explanation).toContain('不在南疆地区，定向职称在此无效');
    const detail = await ctx.agents.auditor!.get('/api/v1/holders/holder-0001');
    expect(detail.body.result.criteria.map((c: { id: string; passed: boolean }) => [c.id, c.passed])).toEqual([
      ['southernXinjiang', false],
      ['participatingUnit', false],
    ]);
  });
});

describe('holders answers match the OpenAPI document', () => {
  it('list, one holder, create, patch and a refused create validate against their documented schemas', async () => {
    const ctx = await setup({ seed: true });
    const admin = ctx.agents.admin!;
    const doc = (await admin.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(doc, 'api');
    const conforms = (path: string, method: string, res: { status: number; body: unknown }) => {
      const status = doc.paths[path]![method]!.responses[String(res.status)] ? String(res.status) : 'default';
      const pointer = ['paths', path, method, 'responses', status, 'content', 'application/json', 'schema'].map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
      const validate = ajv.getSchema(`api#/${pointer}`)!;
      expect(validate(res.body), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const made = await admin.post('/api/v1/holders').send(base);
    conforms('/holders', 'post', made);
    conforms('/holders', 'post', await admin.post('/api/v1/holders').send({ ...base, documentDate: '2025-02-30' }));
    conforms('/holders', 'get', await admin.get('/api/v1/holders'));
    conforms('/holders/{id}', 'get', await admin.get(`/api/v1/holders/${made.body.holder.id}`));
    conforms('/holders/{id}', 'patch', await admin.patch(`/api/v1/holders/${made.body.holder.id}`).send({ appointedAt: '2026-01-02' }));
    conforms('/holders/from-session/{sessionId}', 'post', await admin.post('/api/v1/holders/from-session/session-0001').send({ documentNo: 'x', documentDate: '2025-12-01' }));
  });
});

describe('holders from a finalised session', () => {
  let ctx: Ctx;
  let session: ReviewSession;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    const run = await runJson(ctx.agents.admin!, healthApplicants(4, (a, i) => (i === 1 ? { ...a, currentTitle: 'intermediate' } : a)));
    const created = await ctx.store.sessions.create(
      {
        title: '2025 年卫生系列副高级评审会',
        series: 'health',
        level: 'deputy-senior',
        year: 2025,
        runId: run.id,
        rulesetId: HEALTH,
        version: 1,
        rulesetHash: run.rulesetHash,
        asOf: AS_OF,
        committeeKind: 'series',
        candidates: ['A01', 'A02', 'A03', 'A04'].map((applicantId, i) => ({ applicantId, name: `候选人${i + 1}`, unit: '轮台县人民医院', rank: i + 1, score: 80 - i })),
        quotas: [{ unit: '轮台县人民医院', posts: 3 }],
      },
      ACT,
    );
    session = created;
  });

  const finalise = () =>
    ctx.store.sessions.change(
      session.id,
      'finalise',
      (s) => {
        const result = (applicantId: string, i: number, passed: boolean) => ({ applicantId, name: `候选人${i + 1}`, unit: i === 2 ? null : '轮台县人民医院', committeeScores: {}, score: 80 - i, scorePassed: true, votes: { yes: passed ? 20 : 5, no: passed ? 4 : 19, abstain: 0 }, passed, scoredAt: AT, votedAt: AT });
        s.meeting = { heldOn: '2025-11-01', present: PRESENT, quorumMet: true, quorum: { numerator: 2, denominator: 3, of: 'members' }, passVotes: { numerator: 2, denominator: 3, of: 'present' }, results: [
            result('A01', 0, true),
            result('A02', 1, true),
            result('A03', 2, false),
            // 20 of 24 yes but 58.9 against a pass mark of 65 (the flag as a meeting before the pass rule stored it): not a holder.
            { ...result('A04', 3, true), score: 58.9, scorePassed: false, passMark: 65 },
          ],
          closedAt: AT,
        };
        s.status = 'finalised';
        s.finalisedAt = AT;
        return { status: 'finalised' };
      },
      ACT,
    );

  it('refuses a session that is not finalised', async () => {
    const res = await ctx.agents.admin!.post(`/api/v1/holders/from-session/${session.id}`).send({ documentNo: '巴职改办字〔2025〕20号', documentDate: '2025-12-20' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect((await ctx.agents.admin!.post('/api/v1/holders/from-session/session-0099').send({ documentNo: 'x', documentDate: '2025-12-20' })).status).toBe(404);
  });

  it("makes the passed candidates holders once: prior level from the run's record, the candidates failing the vote or the pass mark left out; a second import adds nobody", async () => {
    await finalise();
    const admin = ctx.agents.admin!;
    const body = { documentNo: '巴职改办字〔2025〕20号', documentDate: '2025-12-20' };
    const first = await admin.post(`/api/v1/holders/from-session/${session.id}`).send(body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.existing).toEqual([]);
    expect(first.body.created.map((h: Record<string, unknown>) => [h.applicantId, h.series, h.level, h.priorLevel, h.unit, h.prefecture, h.sessionId])).toEqual([
      ['A01', 'health', 'deputy-senior', 'intermediate', '轮台县人民医院', '巴音郭楞蒙古自治州', session.id],
      ['A02', 'health', 'deputy-senior', 'intermediate', '轮台县人民医院', '巴音郭楞蒙古自治州', session.id],
    ]);
    expect(first.body.created[0].appointment).toMatchObject({ deadline: '2026-02-20', state: 'pending' });

    const again = await admin.post(`/api/v1/holders/from-session/${session.id}`).send(body);
    expect(again.body.created).toEqual([]);
    expect(again.body.existing).toEqual([
      { applicantId: 'A01', holderId: first.body.created[0].id },
      { applicantId: 'A02', holderId: first.body.created[1].id },
    ]);
    expect((await admin.get('/api/v1/holders')).body.holders).toHaveLength(2);
    const entries = (await ctx.agents.auditor!.get('/api/v1/audit/entries?limit=10')).body.entries as Array<{ action: string; details: { count?: number } }>;
    expect(entries.filter((e) => e.action === 'holder.import').map((e) => e.details.count)).toEqual([2]);
  });
});

describe('holders from a session whose run cannot be read', () => {
  it('asks for the prior level (nothing imported), then imports with the answers', async () => {
    const ctx = await setup({ seed: true });
    const s = await ctx.store.sessions.create(
      { title: '评审会', series: 'teacher', level: 'full-senior', year: 2025, runId: 'run-000404', rulesetId: 'teacher-full-senior', version: 1, rulesetHash: `sha256:${'0'.repeat(64)}`, asOf: AS_OF, committeeKind: 'series', candidates: [{ applicantId: 'T1', name: '李老师', unit: '库尔勒市第一中学', rank: 1, score: 90 }], quotas: [] },
      ACT,
    );
    await ctx.store.sessions.change(
      s.id,
      'finalise',
      (x) => {
        x.meeting = { heldOn: '2025-11-01', present: PRESENT, quorumMet: true, quorum: { numerator: 2, denominator: 3, of: 'members' }, passVotes: { numerator: 2, denominator: 3, of: 'present' }, results: [{ applicantId: 'T1', name: '李老师', unit: '库尔勒市第一中学', committeeScores: {}, score: 90, scorePassed: true, votes: { yes: 20, no: 4, abstain: 0 }, passed: true, scoredAt: AT, votedAt: AT }] };
        x.status = 'finalised';
        return {};
      },
      ACT,
    );
    const admin = ctx.agents.admin!;
    const body = { documentNo: '巴职改办字〔2025〕21号', documentDate: '2025-12-22' };
    const asked = await admin.post(`/api/v1/holders/from-session/${s.id}`).send(body);
    expect(asked.status).toBe(400);
    expect(asked.body.details.missing).toEqual([{ applicantId: 'T1', name: '李老师', fields: ['priorLevel'] }]);
    expect((await admin.get('/api/v1/holders')).body.holders).toEqual([]);

    const done = await admin.post(`/api/v1/holders/from-session/${s.id}`).send({ ...body, overrides: { T1: { priorLevel: 'deputy-senior' } } });
    expect(done.status).toBe(200);
    expect(done.body.created[0]).toMatchObject({ name: '李老师', level: 'full-senior', priorLevel: 'deputy-senior', applicantId: 'T1' });
    // No quota row names the school: it does not take part, so the title is not yet the basis of the appointment.
    expect(done.body.created[0].validity).toMatchObject({ validity: 'reverts', effectiveLevel: 'deputy-senior' });
  });
});

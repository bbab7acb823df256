// The OpenAPI document tells the truth: every route documents its success
// response, the request schemas shown are the ones the validators enforce, and
// real responses — from a walk through the whole API, errors included — validate
// against the documented schemas (JSON Schema 2020-12, as OpenAPI 3.1 says).
import Ajv2020 from 'ajv/dist/2020';
import type { Response } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../server/http/openapi';
import { RESPONSES } from '../../../server/http/openapi';
import { setup, type Agents } from './helpers';
import { AS_OF, HEALTH, healthApplicants, runJson } from './runs-support';

type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; parameters?: Array<{ name: string; in: string }>; responses: Record<string, { content?: Record<string, unknown> }> }>> };

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

describe('openapi.json', () => {
  let doc: Doc;
  let agents: Agents;
  let store: Awaited<ReturnType<typeof setup>>['store'];
  let ajv: Ajv2020;
  const seen = new Set<string>();

  /** Validates a real response against the schema documented for its route and status. */
  function conforms(method: string, path: string, res: Response): void {
    const operation = doc.paths[path]?.[method];
    expect(operation, `${method} ${path} is documented`).toBeDefined();
    const status = operation!.responses[String(res.status)] ? String(res.status) : 'default';
    expect(status === 'default' ? res.status >= 400 : true, `${method} ${path} answered an undocumented ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(true);
    const content = operation!.responses[status]!.content;
    if (content?.['application/json']) {
      const validate = ajv.getSchema(`api#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`)!;
      expect(validate(res.body), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    seen.add(`${method} ${path}`);
  }

  beforeAll(async () => {
    const ctx = await setup({ seed: true });
    agents = ctx.agents;
    store = ctx.store;
    doc = (await agents.admin!.get('/api/v1/openapi.json')).body as Doc;
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(doc, 'api');
  });

  it('documents a success response for every route', () => {
    expect(ROUTES.filter((r) => !RESPONSES[`${r.method} ${r.path}`]).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('shows the request schemas the validators enforce', () => {
    const evaluation = doc.paths['/evaluations']!.post!.requestBody!.content['application/json']!.schema;
    expect(evaluation).toMatchObject({ required: ['rulesetId', 'asOf', 'applicant'], properties: { asOf: { format: 'date' } } });
    expect(doc.paths['/rulesets/{id}/diff']!.get!.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:id', 'query:from', 'query:to']));
    expect(Object.keys(doc.paths['/uploads']!.post!.requestBody!.content)).toEqual(['application/octet-stream']);
  });

  it('matches real responses across the API, errors included', async () => {
    const admin = agents.admin!;
    const committee = agents['health-committee']!;
    conforms('get', '/health', await admin.get('/api/v1/health'));
    conforms('get', '/openapi.json', await admin.get('/api/v1/openapi.json'));
    conforms('get', '/auth/me', await admin.get('/api/v1/auth/me'));
    conforms('get', '/users', await admin.get('/api/v1/users'));
    conforms('get', '/users/{username}', await admin.get('/api/v1/users/auditor'));
    conforms('post', '/users', await admin.post('/api/v1/users').send({ username: 'new-auditor', displayName: '新审计', role: 'auditor', password: 'long enough password' }));
    conforms('patch', '/users/{username}', await admin.patch('/api/v1/users/new-auditor').send({ displayName: '审计二' }));
    conforms('post', '/users', await admin.post('/api/v1/users').send({ username: 'new-auditor', displayName: 'x', role: 'auditor', password: 'long enough password' }));

    conforms('get', '/rulesets', await admin.get('/api/v1/rulesets'));
    conforms('get', '/rulesets/{id}/versions', await admin.get(`/api/v1/rulesets/${HEALTH}/versions`));
    const v1 = await admin.get(`/api/v1/rulesets/${HEALTH}/versions/1`);
    conforms('get', '/rulesets/{id}/versions/{version}', v1);
    const draft = structuredClone(v1.body.ruleset);
    draft.version = 2;
    draft.status = 'draft';
    draft.criteria[0].title = { zh: `${draft.criteria[0].title.zh}（修订）` };
    const saved = await agents['health-official']!.post(`/api/v1/rulesets/${HEALTH}/versions`).send({ ruleset: draft, basedOn: 1, note: '契约测试' });
    conforms('post', '/rulesets/{id}/versions', saved);
    conforms('post', '/rulesets/{id}/versions', await agents['health-official']!.post(`/api/v1/rulesets/${HEALTH}/versions`).send({ ruleset: draft, basedOn: 1, note: 'stale' }));
    conforms('get', '/rulesets/{id}/diff', await admin.get(`/api/v1/rulesets/${HEALTH}/diff?from=1&to=2`));
    const created = { id: 'health-contract', title: { zh: '契约测试规则集' }, department: 'health', series: 'health', level: 'deputy-senior', copyFrom: { id: HEALTH, version: 1 } };
    conforms('post', '/rulesets', await agents['health-official']!.post('/api/v1/rulesets').send(created));
    conforms('post', '/rulesets', await agents['health-official']!.post('/api/v1/rulesets').send(created));
    conforms('post', '/rulesets/{id}/versions/{version}/submit', await agents['health-official']!.post(`/api/v1/rulesets/${HEALTH}/versions/2/submit`));
    conforms('post', '/rulesets/{id}/versions/{version}/reject', await admin.post(`/api/v1/rulesets/${HEALTH}/versions/2/reject`).send({ comment: '请补充依据' }));
    // 待我处理: the official's returned draft with the reason; the administrator's submitted version.
    const returned = await agents['health-official']!.get('/api/v1/rulesets/inbox');
    expect(returned.body.items[0]).toMatchObject({ kind: 'returned', returned: { comment: '请补充依据' } });
    conforms('get', '/rulesets/inbox', returned);
    await agents['health-official']!.post(`/api/v1/rulesets/${HEALTH}/versions/2/submit`);
    conforms('get', '/rulesets/inbox', await admin.get('/api/v1/rulesets/inbox'));
    conforms('post', '/rulesets/{id}/versions/{version}/approve', await admin.post(`/api/v1/rulesets/${HEALTH}/versions/2/approve`).send({ comment: '同意' }));
    conforms('get', '/rulesets/{id}/versions', await agents['health-official']!.get(`/api/v1/rulesets/${HEALTH}/versions`));
    conforms('post', '/rulesets/{id}/versions/{version}/publish', await admin.post(`/api/v1/rulesets/${HEALTH}/versions/2/publish`).send({ effectiveFrom: '2030-01-01' }));
    conforms('post', '/rulesets/{id}/versions/{version}/retire', await admin.post(`/api/v1/rulesets/${HEALTH}/versions/2/retire`).send({}));

    const [applicant] = healthApplicants(1);
    conforms('post', '/evaluations', await committee.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant }));
    conforms('post', '/evaluations', await committee.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: '2024-13-01', applicant }));
    const evaluated = await committee.post('/api/v1/evaluations').send({ rulesetId: HEALTH, asOf: AS_OF, applicant });
    const evaluationId = evaluated.headers['x-evaluation-id'] as string;
    conforms('post', '/evaluations/{id}/replay', await agents.auditor!.post(`/api/v1/evaluations/${evaluationId}/replay`).send({}));
    // An altered stored input: the report, not an error (intact false, no replay).
    const stored = store.evaluations.get(evaluationId)!;
    (store.blobs as unknown as { blobs: Map<string, Buffer> }).blobs.set(stored.input, Buffer.from('{"id":"altered"}'));
    const altered = await agents.auditor!.post(`/api/v1/evaluations/${evaluationId}/replay`).send({});
    expect(altered.body).toMatchObject({ intact: false, replay: null });
    conforms('post', '/evaluations/{id}/replay', altered);

    const run = await runJson(committee, healthApplicants(6));
    conforms('get', '/uploads', await committee.get('/api/v1/uploads'));
    conforms('post', '/uploads', await committee.post('/api/v1/uploads?name=more.json').set('Content-Type', 'application/octet-stream').send(Buffer.from(JSON.stringify(healthApplicants(2)))));
    conforms('post', '/runs/check', await committee.post('/api/v1/runs/check').send({ rulesetId: HEALTH, asOf: AS_OF, upload: run.input.hash }));
    conforms('get', '/runs', await committee.get('/api/v1/runs'));
    conforms('get', '/runs/{id}', await committee.get(`/api/v1/runs/${run.id}`));
    const results = await committee.get(`/api/v1/runs/${run.id}/results`);
    conforms('get', '/runs/{id}/results', results);
    conforms('get', '/runs/{id}/results/{applicantId}', await committee.get(`/api/v1/runs/${run.id}/results/${results.body.rows[0].applicantId}`));
    conforms('post', '/runs/{id}/impact', await admin.post(`/api/v1/runs/${run.id}/impact`).send({ version: 2 }));
    conforms('get', '/runs/{id}/download', await committee.get(`/api/v1/runs/${run.id}/download?format=csv`));
    // A run of the valid rows only names who it skipped.
    const partial = await runJson(committee, healthApplicants(3, (a, i) => (i === 1 ? { ...a, degree: 'phd' } : a)), { validRowsOnly: true });
    const withSkipped = await committee.get(`/api/v1/runs/${partial.id}`);
    expect(withSkipped.body.skippedRows.rows).toHaveLength(1);
    conforms('get', '/runs/{id}', withSkipped);
    // A draft's breaking changes counted over the latest run: the partial one, whose skipped row is not one of its applicants.
    const breaking = structuredClone(v1.body.ruleset);
    breaking.facts.push({ id: 'regionalAwards', label: { zh: '获得自治区级以上科技奖励' }, type: 'integer', required: true });
    const compatibility = await agents['health-official']!.post(`/api/v1/rulesets/${HEALTH}/compatibility`).send({ ruleset: breaking });
    expect(compatibility.body.run).toMatchObject({ id: partial.id, applicants: 2, refused: 2 });
    conforms('post', '/rulesets/{id}/compatibility', compatibility);

    conforms('get', '/audit/verify', await agents.auditor!.get('/api/v1/audit/verify'));
    conforms('get', '/audit/entries', await agents.auditor!.get('/api/v1/audit/entries?limit=20'));
    conforms('get', '/audit/verify', await committee.get('/api/v1/audit/verify'));
    conforms('post', '/auth/logout', await agents.auditor!.post('/api/v1/auth/logout'));

    // The walk covers most of the API; the rest have their own suites.
    expect(seen.size).toBeGreaterThanOrEqual(29);
  });
});

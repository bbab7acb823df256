// What each route answers, as JSON Schemas in the OpenAPI document. Schemas list
// the fields clients rely on (required) and allow more, so adding a field is not a
// breaking change; test/server/http/openapi-contract.test.ts validates real
// responses against them, which keeps this file true.
import type { Schema } from './validate-request';

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const text: Schema = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
export const date: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
export const time: Schema = { type: 'string', format: 'date-time' };
export const sha256: Schema = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' };
export const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
export const object = (required: string[], properties: Record<string, Schema>): Schema => ({ type: 'object', required, properties });
export const list = (items: Schema): Schema => ({ type: 'array', items });
const status: Schema = { enum: ['draft', 'submitted', 'approved', 'published', 'retired'] };
const rulesetRef = object(['id', 'version', 'hash'], { id: { type: 'string' }, version: { type: 'integer' }, hash: sha256 });
/** username → display name, for the users a response names. */
const people: Schema = { type: 'object', additionalProperties: { type: 'string' } };
const blobRef = object(['hash', 'name'], { hash: sha256, name: { type: 'string' } });

export const COMPONENT_SCHEMAS: Record<string, Schema> = {
  Error: object(['statusCode', 'code', 'message', 'details'], {
    statusCode: { type: 'integer', minimum: 400 },
    code: { type: 'string', pattern: '^[A-Z_]+$' },
    message: { type: 'string' },
    details: { type: 'object', properties: { text } },
  }),
  User: object(['username', 'displayName', 'role', 'disabled', 'createdAt'], {
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { enum: ['admin', 'official', 'committee', 'auditor'] },
    department: { type: 'string' },
    series: { type: 'string' },
    disabled: { type: 'boolean' },
    createdAt: time,
    updatedAt: time,
    lastLoginAt: time,
  }),
  // The ruleset file format itself: engine/schema/ruleset.schema.json.
  Ruleset: {
    type: 'object',
    required: ['id', 'version', 'title', 'department', 'facts'],
    description: 'A ruleset version; the format is engine/schema/ruleset.schema.json',
    properties: { id: { type: 'string' }, version: { type: 'integer' }, title: { type: 'object' }, department: { type: 'string' }, facts: { type: 'array' } },
  },
  VersionRecord: object(['id', 'version', 'department', 'title', 'status', 'author', 'savedAt', 'note', 'basedOn', 'hash', 'approvals', 'history'], {
    id: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    department: { type: 'string' },
    title: object(['zh'], { zh: { type: 'string' }, en: { type: 'string' } }),
    status,
    author: { type: 'string' },
    savedAt: time,
    note: { type: 'string' },
    basedOn: nullable({ type: 'integer' }),
    hash: sha256,
    effectiveFrom: date,
    effectiveTo: date,
    approvals: list(object(['by', 'at'], { by: { type: 'string' }, at: time, comment: { type: 'string' } })),
    history: list(object(['action', 'by', 'at'], { action: { enum: ['save', 'submit', 'approve', 'reject', 'publish', 'retire'] }, by: { type: 'string' }, at: time, comment: { type: 'string' } })),
  }),
  RulesetSummary: object(['id', 'department', 'series', 'level', 'title', 'latest', 'versions'], {
    id: { type: 'string' },
    department: { type: 'string' },
    series: nullable({ type: 'string' }),
    level: nullable({ type: 'string' }),
    title: { type: 'object' },
    latest: { type: 'integer' },
    versions: list(object(['version', 'status', 'effectiveFrom', 'effectiveTo'], { version: { type: 'integer' }, status, effectiveFrom: nullable(date), effectiveTo: nullable(date) })),
  }),
  EngineIssue: object(['code', 'severity', 'pointer', 'message'], { code: { type: 'string' }, severity: { enum: ['error', 'warning'] }, pointer: { type: 'string' }, message: text }),
  DiffEntry: object(['kind', 'target', 'id', 'text'], { kind: { enum: ['added', 'removed', 'changed'] }, target: { type: 'string' }, id: { type: 'string' }, field: { type: 'string' }, before: {}, after: {}, text }),
  EvaluationResult: object(
    ['applicantId', 'ruleset', 'engine', 'asOf', 'inputHash', 'trace', 'eligible', 'vetoed', 'score', 'passed', 'total', 'derived', 'criteria', 'vetoes', 'items', 'categories', 'hints'],
    {
      applicantId: nullable({ type: 'string' }),
      ruleset: { allOf: [rulesetRef, object(['extends'], { extends: list(rulesetRef) })] },
      engine: object(['version', 'evaluator'], { version: { type: 'string' }, evaluator: { enum: ['compiled', 'reference'] } }),
      asOf: date,
      inputHash: sha256,
      trace: { enum: ['full', 'criteria', 'none'] },
      eligible: { type: 'boolean' },
      vetoed: { type: 'boolean' },
      score: { type: 'number' },
      passed: { type: 'boolean' },
      total: object(['basePoints', 'bonusPoints', 'cap', 'minScore'], { basePoints: { type: 'number' }, bonusPoints: { type: 'number' }, cap: nullable({ type: 'number' }), minScore: nullable({ type: 'number' }) }),
      derived: { type: 'object' },
      criteria: list(object(['id', 'title', 'passed', 'applicable', 'explanation'], { id: { type: 'string' }, title: { type: 'string' }, passed: { type: 'boolean' }, applicable: { type: 'boolean' }, explanation: { type: 'string' }, conditions: { type: 'object' } })),
      vetoes: list(object(['id', 'title', 'triggered', 'explanation'], { id: { type: 'string' }, title: { type: 'string' }, triggered: { type: 'boolean' }, explanation: { type: 'string' } })),
      items: list(
        object(['id', 'categoryId', 'title', 'applicable', 'points', 'rawPoints', 'capped', 'explanation'], {
          id: { type: 'string' },
          categoryId: { type: 'string' },
          title: { type: 'string' },
          applicable: { type: 'boolean' },
          points: { type: 'number' },
          rawPoints: { type: 'number' },
          capped: { type: 'boolean' },
          cappedBy: { enum: ['item', 'category', 'total'] },
          explanation: { type: 'string' },
        }),
      ),
      categories: list(object(['id', 'title', 'points', 'rawPoints', 'cap', 'bonus'], { id: { type: 'string' }, title: { type: 'string' }, points: { type: 'number' }, rawPoints: { type: 'number' }, cap: nullable({ type: 'number' }), bonus: { type: 'boolean' } })),
      hints: list(object(['criterionId', 'fact', 'operator', 'threshold', 'required', 'gap', 'message'], { criterionId: { type: 'string' }, fact: { type: 'string' }, operator: { type: 'string' }, threshold: { type: 'number' }, required: { type: 'number' }, gap: { type: 'number' }, message: { type: 'string' } })),
    },
  ),
  EvaluationRecord: object(['id', 'rulesetId', 'version', 'rulesetHash', 'extends', 'series', 'asOf', 'pinned', 'engineVersion', 'inputHash', 'outcome', 'by', 'at', 'input', 'result'], {
    id: { type: 'string', pattern: '^eval-[0-9]{6,}$' },
    rulesetId: { type: 'string' },
    version: { type: 'integer' },
    rulesetHash: sha256,
    extends: list(rulesetRef),
    series: nullable({ type: 'string' }),
    asOf: date,
    pinned: { type: 'boolean' },
    engineVersion: { type: 'string' },
    inputHash: sha256,
    applicantId: nullable({ type: 'string' }),
    outcome: object(['eligible', 'vetoed', 'score', 'passed'], { eligible: { type: 'boolean' }, vetoed: { type: 'boolean' }, score: { type: 'number' }, passed: { type: 'boolean' } }),
    by: { type: 'string' },
    at: time,
    input: sha256,
    result: sha256,
  }),
  TestCaseResult: object(['id', 'title', 'passed', 'failures'], { id: { type: 'string' }, title: { type: 'string' }, passed: { type: 'boolean' }, failures: list({ type: 'string' }) }),
  Upload: object(['hash', 'name', 'size'], { hash: sha256, name: { type: 'string' }, size: { type: 'integer' }, format: nullable({ enum: ['xlsx', 'csv', 'json'] }), uploadedBy: { type: 'string' }, uploadedAt: time }),
  InvalidRow: object(['row', 'code', 'message'], { row: { type: 'integer' }, applicantId: { type: 'string' }, column: { type: 'string' }, field: { type: 'string' }, code: { type: 'string' }, message: text }),
  SkippedRow: object(['row', 'applicantId', 'name', 'reasons'], {
    row: { type: 'integer', minimum: 1 },
    sheet: { type: 'string' },
    applicantId: nullable({ type: 'string' }),
    name: nullable({ type: 'string' }),
    reasons: list(object(['code', 'message'], { code: { type: 'string' }, field: { type: 'string' }, column: { type: 'string' }, message: text })),
  }),
  Run: object(['id', 'rulesetId', 'version', 'rulesetHash', 'asOf', 'startedBy', 'startedAt', 'input', 'status'], {
    id: { type: 'string' },
    rulesetId: { type: 'string' },
    version: { type: 'integer' },
    rulesetHash: sha256,
    asOf: date,
    startedBy: { type: 'string' },
    startedAt: time,
    input: blobRef,
    engineVersion: { type: 'string' },
    skipped: { type: 'integer' },
    // Who was skipped: a JSON blob (skipped-rows.json) of SkippedRow; GET /runs/{id} and the downloads read it.
    skippedRows: blobRef,
    status: { enum: ['running', 'completed', 'failed'] },
    finishedAt: time,
    results: blobRef,
    downloads: { type: 'object', additionalProperties: blobRef },
    summary: { type: 'object', additionalProperties: { type: 'number' } },
    auditHead: { ...object(['seq', 'hash'], { seq: { type: 'integer' }, hash: sha256 }), description: "The audit chain's head as the run ended: an anchor for audit verify --anchor" },
    error: { type: 'string' },
  }),
  RankedRow: object(['rank', 'applicantId', 'name', 'unit', 'eligible', 'vetoed', 'score', 'passed', 'categories', 'failedCriteria', 'vetoes'], {
    rank: nullable({ type: 'integer', minimum: 1 }),
    applicantId: { type: 'string' },
    name: nullable({ type: 'string' }),
    unit: nullable({ type: 'string' }),
    county: nullable({ type: 'string' }),
    postLevel: nullable({ type: 'string' }),
    eligible: { type: 'boolean' },
    vetoed: { type: 'boolean' },
    score: { type: 'number' },
    passed: { type: 'boolean' },
    categories: { type: 'object', additionalProperties: { type: 'number' } },
    failedCriteria: list({ type: 'string' }),
    vetoes: list({ type: 'string' }),
    // The unit-quota mark (按岗推荐) in GET /runs/{id}/results; computed when read.
    quota: object(['posts', 'position', 'recommended'], { posts: { type: 'integer', minimum: 0 }, position: nullable({ type: 'integer', minimum: 1 }), recommended: { type: 'boolean' } }),
  }),
};

export interface ResponseSpec {
  status: number;
  description: string;
  /** JSON body; absent for 204 and non-JSON answers. */
  schema?: Schema;
  /** Non-JSON answers (files, event streams, JSONL). */
  contentType?: string;
}

export const ok = (schema: Schema, description = 'OK'): ResponseSpec => ({ status: 200, description, schema });
export const created = (schema: Schema, description = 'Created'): ResponseSpec => ({ status: 201, description, schema });
export const noContent: ResponseSpec = { status: 204, description: 'Done' };
const recordOnly = ok(object(['record'], { record: ref('VersionRecord') }));
const userOnly = object(['user'], { user: ref('User') });

/** By `method path` as in ROUTES. */
export const RESPONSES: Record<string, ResponseSpec> = {
  'get /health': ok(object(['status'], { status: { const: 'ok' } })),
  'get /openapi.json': ok(object(['openapi', 'paths'], { openapi: { type: 'string' }, paths: { type: 'object' } })),
  'post /auth/login': ok(userOnly, 'Signed in; sets the pingshen_session cookie'),
  'post /auth/logout': noContent,
  'post /auth/password': noContent,
  'get /auth/me': ok(userOnly),
  'get /users': ok(object(['users'], { users: list(ref('User')) })),
  'get /users/{username}': ok(userOnly),
  'post /users': created(userOnly),
  'patch /users/{username}': ok(userOnly),
  'get /rulesets': ok(object(['rulesets'], { rulesets: list(ref('RulesetSummary')) })),
  'post /rulesets': created(object(['record', 'warnings'], { record: ref('VersionRecord'), warnings: list(ref('EngineIssue')) })),
  'get /rulesets/{id}/versions': ok(object(['versions', 'people'], { versions: list(ref('VersionRecord')), people: people })),
  'get /rulesets/inbox': ok(
    object(['items', 'people'], {
      items: list(
        object(['kind', 'id', 'version', 'department', 'title', 'status', 'author', 'savedAt', 'note', 'since'], {
          kind: { enum: ['submitted', 'approved', 'returned'] },
          id: { type: 'string' },
          version: { type: 'integer', minimum: 1 },
          department: { type: 'string' },
          title: object(['zh'], { zh: { type: 'string' }, en: { type: 'string' } }),
          status,
          author: { type: 'string' },
          savedAt: time,
          note: { type: 'string' },
          since: time,
          returned: object(['version', 'by', 'at', 'comment'], { version: { type: 'integer' }, by: { type: 'string' }, at: time, comment: { type: 'string' } }),
        }),
      ),
      people,
    }),
  ),
  'get /rulesets/{id}/versions/{version}': ok(object(['record', 'ruleset'], { record: ref('VersionRecord'), ruleset: ref('Ruleset') })),
  'get /rulesets/{id}/diff': ok(object(['id', 'from', 'to', 'entries'], { id: { type: 'string' }, from: { type: 'integer' }, to: { type: 'integer' }, entries: list(ref('DiffEntry')) })),
  'post /rulesets/{id}/versions': created(object(['record', 'warnings'], { record: ref('VersionRecord'), warnings: list(ref('EngineIssue')) })),
  'get /rulesets/{id}/unsaved/{hash}': ok(object(['ruleset'], { ruleset: { type: 'object' } })),
  'post /rulesets/{id}/versions/{version}/submit': recordOnly,
  'post /rulesets/{id}/versions/{version}/approve': recordOnly,
  'post /rulesets/{id}/versions/{version}/reject': recordOnly,
  'post /rulesets/{id}/versions/{version}/publish': recordOnly,
  'post /rulesets/{id}/versions/{version}/retire': recordOnly,
  'get /rulesets/{id}/versions/{version}/file': ok(ref('Ruleset'), 'The rule file as rules/ holds it (Content-Disposition: attachment; filename="v<N>.json")'),
  'post /rulesets/import': created(object(['record', 'warnings'], { record: ref('VersionRecord'), warnings: list(ref('EngineIssue')) })),
  'post /rulesets/{id}/versions/{version}/tests': ok(object(['id', 'version', 'hash', 'passed', 'failed', 'cases'], { id: { type: 'string' }, version: { type: 'integer' }, hash: sha256, passed: { type: 'integer' }, failed: { type: 'integer' }, cases: list(ref('TestCaseResult')) })),
  'post /rulesets/tests': ok(object(['passed', 'failed', 'cases', 'warnings'], { passed: { type: 'integer' }, failed: { type: 'integer' }, cases: list(ref('TestCaseResult')), warnings: list(ref('EngineIssue')) })),
  'post /rulesets/{id}/compatibility': ok(
    object(['base', 'run', 'changes'], {
      base: nullable(object(['version', 'hash', 'effectiveFrom', 'inForce'], { version: { type: 'integer' }, hash: sha256, effectiveFrom: nullable(date), inForce: { type: 'boolean' } })),
      run: nullable(
        object(['id', 'version', 'asOf', 'finishedAt', 'file', 'applicants', 'refused', 'reasons'], {
          id: { type: 'string' },
          version: { type: 'integer' },
          asOf: date,
          finishedAt: nullable(time),
          file: { type: 'string' },
          applicants: { type: 'integer' },
          refused: { type: 'integer' },
          reasons: list(object(['field', 'label', 'count', 'example'], { field: nullable({ type: 'string' }), label: nullable({ type: 'object' }), count: { type: 'integer' }, example: nullable(text) })),
        }),
      ),
      changes: list(
        object(['kind', 'effect', 'fact', 'field', 'label', 'message', 'hint', 'affected', 'impact'], {
          kind: { enum: ['required-added', 'made-required', 'removed', 'type-changed', 'option-removed', 'option-renamed', 'range-narrowed', 'label-changed'] },
          effect: { enum: ['refused', 'ignored'] },
          fact: { type: 'string' },
          field: { type: 'string' },
          label: object(['before', 'after'], { before: nullable({ type: 'object' }), after: nullable({ type: 'object' }) }),
          detail: { type: 'object' },
          message: text,
          hint: text,
          affected: nullable({ type: 'integer' }),
          impact: nullable(text),
        }),
      ),
    }),
  ),
  'post /evaluations': ok(ref('EvaluationResult'), "The engine's result; Location and X-Evaluation-Id name the stored evaluation"),
  'get /evaluations': ok(object(['evaluations', 'total', 'offset', 'limit'], { evaluations: list(ref('EvaluationRecord')), total: { type: 'integer' }, offset: { type: 'integer' }, limit: { type: 'integer' } })),
  'get /evaluations/{id}': ok(object(['record', 'result'], { record: ref('EvaluationRecord'), result: ref('EvaluationResult') })),
  'post /evaluations/{id}/replay': ok(
    // An altered or missing stored file is an answer (intact: false, named in mismatches), not an error; without a trustworthy input or rule file there is no replay.
    object(['identical', 'intact', 'mismatches', 'original', 'replay'], {
      identical: { type: 'boolean' },
      intact: { type: 'boolean' },
      mismatches: list(
        object(['blob', 'expected', 'actual'], { blob: { enum: ['result', 'input', 'ruleset'] }, rulesetId: { type: 'string' }, version: { type: 'integer' }, expected: sha256, actual: nullable(sha256) }),
      ),
      original: object(['resultHash', 'recordedHash', 'intact'], { resultHash: nullable(sha256), recordedHash: sha256, intact: { type: 'boolean' } }),
      replay: nullable(object(['resultHash'], { resultHash: sha256 })),
      firstDifference: { type: 'string' },
      result: ref('EvaluationResult'),
    }),
  ),
  // quota: the caller's upload quota and what they use of it, in bytes (UPLOAD_QUOTA_EXCEEDED beyond it).
  'get /uploads': ok(object(['uploads', 'quota'], { uploads: list(ref('Upload')), quota: object(['limit', 'used'], { limit: { type: 'integer' }, used: { type: 'integer' } }) })),
  'post /uploads': created(ref('Upload')),
  'get /runs': ok(object(['runs'], { runs: list(ref('Run')) })),
  'post /runs/check': ok(
    object(['ruleset', 'upload', 'rows', 'valid', 'invalidRows', 'invalid', 'notices'], {
      ruleset: rulesetRef,
      upload: blobRef,
      rows: { type: 'integer' },
      valid: { type: 'integer' },
      invalidRows: { type: 'integer' },
      invalid: list(ref('InvalidRow')),
      notices: list({}),
    }),
  ),
  'post /runs': { status: 202, description: 'Started; follow GET /runs/{id}/events', schema: object(['run'], { run: ref('Run') }) },
  // skippedRows: present when the run skipped rows (validRowsOnly); at most 500 here (total says how many), all of them in the downloads.
  'get /runs/{id}': ok(object(['run'], { run: ref('Run'), skippedRows: object(['total', 'rows'], { total: { type: 'integer', minimum: 1 }, rows: list(ref('SkippedRow')) }) })),
  'get /runs/{id}/events': { status: 200, description: 'Server-Sent Events: progress { done, total }, then completed { summary } or failed { message }', contentType: 'text/event-stream' },
  'get /runs/{id}/results': ok(
    object(['rows', 'total', 'ranking', 'categories', 'quota'], {
      rows: list({ allOf: [ref('RankedRow'), object(['quota'], {})] }),
      total: { type: 'integer' },
      ranking: { type: 'string' },
      categories: list({ type: 'object' }),
      quota: object(['series', 'level', 'units', 'rule', 'tieBreak', 'recommended', 'overQuota'], {
        series: { type: 'string' },
        level: { type: 'string' },
        units: { type: 'integer' },
        rule: { type: 'string' },
        tieBreak: list(object(['by', 'order'], { by: { type: 'string' }, order: { enum: ['asc', 'desc'] } })),
        recommended: { type: 'integer' },
        overQuota: { type: 'integer' },
      }),
    }),
  ),
  'get /runs/{id}/results/{applicantId}': ok(ref('EvaluationResult')),
  'get /runs/{id}/download': { status: 200, description: 'The ranked results file', contentType: 'application/octet-stream' },
  'post /runs/{id}/impact': ok(
    object(['base', 'target', 'counts', 'changes'], {
      base: object(['version', 'hash'], { version: { type: 'integer' }, hash: sha256 }),
      target: object(['version', 'hash'], { version: { type: 'integer' }, hash: sha256 }),
      counts: object(['total', 'becameEligible', 'becameIneligible', 'passedChanged', 'scoreChanged'], { total: { type: 'integer' }, becameEligible: { type: 'integer' }, becameIneligible: { type: 'integer' }, passedChanged: { type: 'integer' }, scoreChanged: { type: 'integer' }, refused: { type: 'integer', description: 'Applicants of the run the other version refuses (a new required column, say): not compared' } }),
      changes: list(object(['applicantId', 'eligible', 'passed', 'score', 'delta'], { applicantId: { type: 'string' }, name: nullable({ type: 'string' }), eligible: list({ type: 'boolean' }), passed: list({ type: 'boolean' }), score: list({ type: 'number' }), delta: { type: 'number' } })),
      invalid: list(ref('InvalidRow')),
    }),
  ),
  'get /audit/verify': ok(
    object(['ok', 'entries', 'head'], {
      ok: { type: 'boolean' },
      entries: { type: 'integer' },
      brokenAt: { type: 'integer' },
      reason: { type: 'string', enum: ['unreadable', 'seq', 'prevHash', 'hash', 'missing', 'extra', 'head', 'anchor', 'anchorBeyond', 'users'] },
      pending: { type: 'boolean', description: 'The last entry is committed but not yet appended to the log: the next start writes it (not a break)' },
      users: {
        type: 'array',
        description: "With reason users: where db.json's users differ from what the audited user actions made them",
        items: object(['username', 'field'], { username: { type: 'string' }, field: { type: 'string' }, recorded: {}, stored: {} }),
      },
      anchor: object(['seq', 'hash'], { seq: { type: 'integer' }, hash: { type: 'string' } }),
      head: object(['seq', 'hash'], { seq: { type: 'integer' }, hash: { type: 'string' } }),
    }),
  ),
  'get /audit/entries': ok(
    object(['total', 'offset', 'limit', 'entries', 'head'], {
      total: { type: 'integer' },
      offset: { type: 'integer' },
      limit: { type: 'integer' },
      entries: list(object(['seq', 'at', 'actor', 'action', 'target', 'details', 'prevHash', 'hash'], { seq: { type: 'integer', minimum: 1 }, at: time, actor: { type: 'string' }, action: { type: 'string' }, target: { type: 'string' }, details: { type: 'object' }, prevHash: sha256, hash: sha256 })),
      head: object(['seq', 'hash'], { seq: { type: 'integer' }, hash: sha256 }),
    }),
  ),
  'get /audit/export': { status: 200, description: 'One audit entry per line (JSONL)', contentType: 'application/x-ndjson' },
};

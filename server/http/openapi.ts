// The OpenAPI 3.1 document: every route with its summary and the roles that may
// call it (`x-roles`), its request schemas taken from the validators that enforce
// them, and its responses (openapi-responses.ts). Tests hold the route list to the
// routes the routers register and the response schemas to real responses.
import type { Router } from 'express';
import { COMMITTEE_RESPONSES, COMMITTEE_ROUTES } from './committee-routes';
import { COMPONENT_SCHEMAS, RESPONSES as CORE_RESPONSES, type ResponseSpec } from './openapi-responses';
import { DEFAULT_LIMITS } from './config';
import { rawBodyTypesOf } from './raw-body';
import { requestSchemasOf, type RequestSchemas } from './validate-request';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
export type Roles = Array<'public' | 'admin' | 'official' | 'committee' | 'auditor'>;
/** One documented route: what ROUTES lists and each committee routes file exports. */
export interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  roles: Roles;
}

const ALL: Roles = ['admin', 'official', 'committee', 'auditor'];
const READERS: Roles = ['admin', 'auditor'];

const CORE_ROUTES: RouteDoc[] = [
  { method: 'get', path: '/health', summary: 'Liveness', roles: ['public'] },
  { method: 'get', path: '/openapi.json', summary: 'This document', roles: ['public'] },
  { method: 'post', path: '/auth/login', summary: 'Sign in { username, password }; sets the session cookie', roles: ['public'] },
  { method: 'post', path: '/auth/logout', summary: 'Sign out', roles: ALL },
  { method: 'post', path: '/auth/password', summary: 'Change one\'s own password { currentPassword, newPassword }', roles: ALL },
  { method: 'get', path: '/auth/me', summary: 'The signed-in user', roles: ALL },
  { method: 'get', path: '/users', summary: 'List users', roles: READERS },
  { method: 'get', path: '/users/{username}', summary: 'One user', roles: READERS },
  { method: 'post', path: '/users', summary: 'Create a user', roles: ['admin'] },
  { method: 'patch', path: '/users/{username}', summary: 'Change role, department, series, name, password or disabled', roles: ['admin'] },
  { method: 'get', path: '/rulesets', summary: 'Rulesets, filtered by department, series, status', roles: ALL },
  { method: 'post', path: '/rulesets', summary: 'Create a ruleset { id, title, department, series, level, effectiveFrom?, extends?, copyFrom?: { id, version }, note? }: version 1 as a draft, from scratch or a copy of a stored version; ALREADY_EXISTS when the id is taken; audited (officials: own department)', roles: ['admin', 'official'] },
  { method: 'get', path: '/rulesets/{id}/versions', summary: 'Versions of a ruleset, with the display names of the people they name (people)', roles: ALL },
  { method: 'get', path: '/rulesets/inbox', summary: "The caller's work (待我处理): administrators, versions submitted or approved; officials, their department's drafts sent back, with the reason; people by display name", roles: ['admin', 'official'] },
  { method: 'get', path: '/rulesets/{id}/versions/{version}', summary: 'One version: record and content', roles: ALL },
  { method: 'get', path: '/rulesets/{id}/diff', summary: 'Engine diff between versions ?from&to', roles: ALL },
  { method: 'post', path: '/rulesets/{id}/versions', summary: 'Save a draft { ruleset, basedOn, note? } (officials: own department)', roles: ['admin', 'official'] },
  { method: 'get', path: '/rulesets/{id}/unsaved/{hash}', summary: 'Content kept by a VERSION_CONFLICT (details.unsaved)', roles: ['admin', 'official'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/submit', summary: 'Submit a draft (officials: own department)', roles: ['admin', 'official'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/approve', summary: 'Approve (not the author) { comment? }', roles: ['admin'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/reject', summary: 'Back to draft { comment }', roles: ['admin'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/publish', summary: 'Publish { effectiveFrom, effectiveTo? }', roles: ['admin'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/retire', summary: 'Retire { effectiveTo? }', roles: ['admin'] },
  { method: 'get', path: '/rulesets/{id}/versions/{version}/file', summary: 'The version as a rule file (rules/ layout, attachment v<N>.json); audited', roles: ALL },
  { method: 'post', path: '/rulesets/import', summary: 'Import a rule file { ruleset, note?, asNew? } as a new draft (next version of its id, based on the latest; with asNew, version 1 of a new id or ALREADY_EXISTS); audited (officials: own department)', roles: ['admin', 'official'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/tests', summary: "Run the version's embedded test cases → { passed, failed, cases }", roles: ALL },
  { method: 'post', path: '/rulesets/tests', summary: 'Run the embedded test cases of unsaved content { ruleset } → { passed, failed, cases, warnings } (officials: own department)', roles: ['admin', 'official'] },
  { method: 'post', path: '/rulesets/{id}/compatibility', summary: "Breaking changes of unsaved content { ruleset } against the version in force (new required fact, removed or renamed option, narrowed range, renamed label, removed fact…), each in words with its fix, and how many of the latest completed run's applicants each would refuse or lose data of (counts and reasons only) → { base, run, changes } (officials: own department)", roles: ['admin', 'official'] },
  { method: 'post', path: '/evaluations', summary: 'Evaluate one applicant { rulesetId, version?, asOf, applicant } → the result, stored (Location, X-Evaluation-Id) (committee: own series)', roles: ['admin', 'committee'] },
  { method: 'get', path: '/evaluations', summary: 'Stored evaluations, newest first ?rulesetId&offset&limit (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/evaluations/{id}', summary: 'One stored evaluation { record, result } (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/evaluations/{id}/replay', summary: 'Re-evaluate the stored input against the stored version → { identical, original, replay, firstDifference?, result }; audited (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/uploads', summary: "Uploaded applicant files and the caller's quota { uploads, quota: { limit, used } } (committee: their committee's uploads and the seeded samples)", roles: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/uploads', summary: 'Upload an applicants file ?name=<file.xlsx|csv|json>, raw body (application/octet-stream) → { hash, name, size, format }; UPLOAD_QUOTA_EXCEEDED past the per-user quota', roles: ['admin', 'committee'] },
  { method: 'get', path: '/runs', summary: 'Batch runs ?rulesetId (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/runs/check', summary: 'Check an upload against a ruleset { rulesetId, version?, asOf, upload } → every invalid row (committee: own series)', roles: ['admin', 'committee'] },
  { method: 'post', path: '/runs', summary: 'Start a batch run { rulesetId, version?, asOf, upload, validRowsOnly? } → 202 { run } (committee: own series)', roles: ['admin', 'committee'] },
  { method: 'get', path: '/runs/{id}', summary: 'One run record', roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/runs/{id}/events', summary: 'Progress as Server-Sent Events: progress { done, total }, then completed { summary } or failed { message }', roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/runs/{id}/results', summary: 'A page of ranked results, each row with its unit-quota mark { posts, position, recommended } ?offset&limit&q&filter=eligible|ineligible|vetoed|passed|recommended|overQuota&sort=rank|score|applicantId|name|unit|county|postLevel&order=asc|desc', roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/runs/{id}/results/{applicantId}', summary: "One applicant's full result with explanation, re-evaluated with the run's ruleset version", roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/runs/{id}/download', summary: 'The ranked results as a file with the 单位推荐 column ?format=xlsx|csv', roles: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/runs/{id}/impact', summary: "Impact analysis: the run's applicants against another version { version } (committee: published or retired only)", roles: ['admin', 'committee'] },
  { method: 'get', path: '/audit/verify', summary: "Verify the audit chain and db.json's users against the log's user entries, with the head to copy out ?anchor=<seq>:<hash> (a head copied earlier: does the log still extend it)", roles: READERS },
  { method: 'get', path: '/audit/entries', summary: 'Audit entries, newest first ?offset&limit&action (exact, or a prefix ending in .)&actor&target (substring)&from&to (dates)', roles: READERS },
  { method: 'get', path: '/audit/export', summary: 'The audit log as JSONL (audited)', roles: READERS },
];

export const ROUTES: RouteDoc[] = [...CORE_ROUTES, ...COMMITTEE_ROUTES];

/** By `method path` as in ROUTES. */
export const RESPONSES: Record<string, ResponseSpec> = { ...CORE_RESPONSES, ...COMMITTEE_RESPONSES };

/** What a route enforces of its request: its validators' schemas, and the types of a raw file body (`rawFileBody`). */
export type EnforcedRequest = RequestSchemas & { rawTypes?: readonly string[] };

/** A mounted router's routes, keyed `method path` (OpenAPI path syntax), with the schemas their validators enforce. */
export function describeRoutes(mounted: ReadonlyArray<readonly [string, Router]>): Map<string, EnforcedRequest> {
  const found = new Map<string, EnforcedRequest>();
  for (const [mount, router] of mounted) {
    for (const layer of router.stack as RouterLayer[]) {
      if (!layer.route) continue;
      const path = (mount + layer.route.path).replace(/\/$/, '').replace(/:(\w+)/g, '{$1}');
      const schemas = Object.assign({}, ...layer.route.stack.map((l) => requestSchemasOf(l.handle) ?? {})) as EnforcedRequest;
      const rawTypes = layer.route.stack.map((l) => rawBodyTypesOf(l.handle)).find((t) => t !== undefined);
      if (rawTypes) schemas.rawTypes = rawTypes;
      for (const method of Object.keys(layer.route.methods)) found.set(`${method} ${path}`, schemas);
    }
  }
  return found;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean>; stack: Array<{ handle: unknown }> };
}

type JsonSchema = Record<string, unknown>;

function parameters(path: string, schemas: RequestSchemas): JsonSchema[] {
  const params = (schemas.params?.properties ?? {}) as Record<string, JsonSchema>;
  const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const query = (schemas.query?.properties ?? {}) as Record<string, JsonSchema>;
  const queryRequired = new Set((schemas.query?.required as string[] | undefined) ?? []);
  return [
    ...inPath.map((name) => ({ name, in: 'path', required: true, schema: params[name] ?? { type: 'string' } })),
    ...Object.entries(query).map(([name, schema]) => ({ name, in: 'query', required: queryRequired.has(name), schema })),
  ];
}

/** A file sent as is, in the types its route reads; anything else is 415 UNSUPPORTED_MEDIA_TYPE (request-guard.ts), as is a JSON route's non-JSON body. */
function requestBody(schemas: EnforcedRequest): JsonSchema | undefined {
  if (schemas.rawTypes) return { required: true, content: Object.fromEntries(schemas.rawTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) };
  if (!schemas.body) return undefined;
  return { required: true, content: { 'application/json': { schema: schemas.body } } };
}

/** `name value, …` of a group of limits, for a description: the defaults as configured in config.ts. */
const defaults = (limits: object) =>
  Object.entries(limits)
    .map(([name, value]) => `${name} ${String(value)}`)
    .join(', ');

const UPLOAD_TOO_LARGE =
  'UPLOAD_TOO_LARGE: the uploaded file is beyond a reading limit (README "Limits", limits.upload; defaults: ' +
  `${defaults(DEFAULT_LIMITS.upload)}; .xlsx sizes in bytes, the ratio for parts over 1 MiB expanded). ` +
  'The reader stops at the first limit it meets, an .xlsx is refused from its zip directory before anything is inflated, ' +
  'and a zip part that expands beyond what it declares is stopped while inflating (limit declaredSize). ' +
  'details: limit, max, found, and where: row, column, sheet, part; upload, name, text.';

const RULESET_LIMIT =
  'RULESET_LIMIT: the rule document is beyond a rule-document limit (README "Limits", limits.ruleset; defaults: ' +
  `${defaults(DEFAULT_LIMITS.ruleset)}), measured by one iterative walk before anything else reads it. ` +
  'details: limit, max, found (for a limit the walk stops at: at least this), pointer; rulesetId, version for stored content.';

/** Refusals of a file or record beyond a limit (413), documented beside the route's answer and `default`. */
const LIMIT_REFUSALS: Record<string, string> = {
  'post /uploads': 'PAYLOAD_TOO_LARGE: the file is over uploadLimit (details.limit); UPLOAD_QUOTA_EXCEEDED: over the per-user quota (details: limit, used, size).',
  'post /runs/check': UPLOAD_TOO_LARGE,
  'post /rulesets/{id}/versions': RULESET_LIMIT,
  'post /rulesets/import': RULESET_LIMIT,
  'post /rulesets/tests': RULESET_LIMIT,
  'post /rulesets/{id}/compatibility': `${RULESET_LIMIT} ${UPLOAD_TOO_LARGE} (the latest run's file, read again under today's limits)`,
  'post /rulesets/{id}/versions/{version}/tests': `${RULESET_LIMIT} TASK_TOO_LARGE: the check needed more memory than a worker thread has (work.maxHeapMb).`,
  'get /rulesets/{id}/versions/{version}/file': `${RULESET_LIMIT} A file over rulesetFilePrettyMaxBytes is sent compact, not indented.`,
  'post /runs': `${UPLOAD_TOO_LARGE} An applicant record beyond limits.applicant is an invalid row (APPLICANT_TOO_LARGE), refused with the others as ROWS_INVALID.`,
  'post /evaluations':
    `APPLICANT_TOO_LARGE: the applicant record is beyond limits.applicant (defaults: ${defaults(DEFAULT_LIMITS.applicant)}); ` +
    'details.issues[0]: limit, max, found, pointer, field. PAYLOAD_TOO_LARGE: the body is over bodyLimit.',
};

function responses(key: string): JsonSchema {
  const spec = RESPONSES[key];
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  const error = { description: '{ statusCode, code, message, details }; codes in server/http/README.md', content: errorContent };
  const refusal = LIMIT_REFUSALS[key];
  const tooLarge = refusal ? { '413': { description: refusal, content: errorContent } } : {};
  if (!spec) return { ...tooLarge, default: error };
  const content = spec.schema ? { 'application/json': { schema: spec.schema } } : spec.contentType ? { [spec.contentType]: {} } : undefined;
  return { [String(spec.status)]: { description: spec.description, ...(content ? { content } : {}) }, ...tooLarge, default: error };
}

/**
 * OpenAPI 3.1: every route of ROUTES with its summary, roles (`x-roles`), the
 * request schemas its validators enforce (from `describeRoutes`) and its
 * documented responses (openapi-responses.ts).
 */
export function openApiDocument(prefix: string, enforced: Map<string, EnforcedRequest> = new Map()): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const key = `${route.method} ${route.path}`;
    const schemas = enforced.get(key) ?? {};
    const params = parameters(route.path, schemas);
    const body = requestBody(schemas);
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      summary: route.summary,
      'x-roles': route.roles,
      ...(route.roles.includes('public') ? { security: [] } : {}),
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(key),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Pingshen API', version: '1', description: 'Pingshen (评审): rulesets, evaluations, batch runs and the audit trail. Errors: { statusCode, code, message, details }.' },
    servers: [{ url: prefix }],
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pingshen_session' } }, schemas: COMPONENT_SCHEMAS },
    security: [{ session: [] }],
    paths,
  };
}

// A minimal OpenAPI 3.1 document: every route with its summary and the roles that
// may call it (`x-roles`). Request and response schemas are not described yet; a
// test holds this list to the routes the routers actually register.
type Method = 'get' | 'post' | 'patch';
type Roles = Array<'public' | 'admin' | 'official' | 'committee' | 'auditor'>;

const ALL: Roles = ['admin', 'official', 'committee', 'auditor'];
const READERS: Roles = ['admin', 'auditor'];

export const ROUTES: Array<{ method: Method; path: string; summary: string; roles: Roles }> = [
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
  { method: 'get', path: '/rulesets/{id}/versions', summary: 'Versions of a ruleset', roles: ALL },
  { method: 'get', path: '/rulesets/{id}/versions/{version}', summary: 'One version: record and content', roles: ALL },
  { method: 'get', path: '/rulesets/{id}/diff', summary: 'Engine diff between versions ?from&to', roles: ALL },
  { method: 'post', path: '/rulesets/{id}/versions', summary: 'Save a draft { ruleset, basedOn, note? } (officials: own department)', roles: ['admin', 'official'] },
  { method: 'get', path: '/rulesets/{id}/unsaved/{hash}', summary: 'Content kept by a VERSION_CONFLICT (details.unsaved)', roles: ['admin', 'official'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/submit', summary: 'Submit a draft (officials: own department)', roles: ['admin', 'official'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/approve', summary: 'Approve (not the author)', roles: ['admin'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/reject', summary: 'Back to draft { comment }', roles: ['admin'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/publish', summary: 'Publish { effectiveFrom, effectiveTo? }', roles: ['admin'] },
  { method: 'post', path: '/rulesets/{id}/versions/{version}/retire', summary: 'Retire { effectiveTo? }', roles: ['admin'] },
  { method: 'post', path: '/evaluations', summary: 'Evaluate one applicant { rulesetId, version?, asOf, applicant } (committee: own series)', roles: ['admin', 'committee'] },
  { method: 'get', path: '/uploads', summary: 'Uploaded applicant files (committee: own uploads and the seeded samples)', roles: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/uploads', summary: 'Upload an applicants file ?name=<file.xlsx|csv|json>, raw body (application/octet-stream) → { hash, name, size, format }', roles: ['admin', 'committee'] },
  { method: 'get', path: '/runs', summary: 'Batch runs ?rulesetId (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/runs/check', summary: 'Check an upload against a ruleset { rulesetId, version?, asOf, upload } → every invalid row (committee: own series)', roles: ['admin', 'committee'] },
  { method: 'post', path: '/runs', summary: 'Start a batch run { rulesetId, version?, asOf, upload, validRowsOnly? } → 202 { run } (committee: own series)', roles: ['admin', 'committee'] },
  { method: 'get', path: '/runs/{id}', summary: 'One run record', roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/runs/{id}/events', summary: 'Progress as Server-Sent Events: progress { done, total }, then completed { summary } or failed { message }', roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/runs/{id}/results', summary: 'A page of ranked results ?offset&limit&q&filter=eligible|ineligible|vetoed|passed', roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/runs/{id}/results/{applicantId}', summary: "One applicant's full result with explanation, re-evaluated with the run's ruleset version", roles: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/runs/{id}/download', summary: 'The ranked results as a file ?format=xlsx|csv', roles: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/runs/{id}/impact', summary: "Impact analysis: the run's applicants against another version { version } (committee: published or retired only)", roles: ['admin', 'committee'] },
  { method: 'get', path: '/audit/verify', summary: 'Verify the audit chain', roles: READERS },
  { method: 'get', path: '/audit/export', summary: 'The audit log as JSONL', roles: READERS },
];

export function openApiDocument(prefix: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      summary: route.summary,
      'x-roles': route.roles,
      ...(route.roles.includes('public') ? { security: [] } : {}),
      responses: { default: { description: '{ statusCode, code, message, details } on error' } },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Pingshen API', version: '1' },
    servers: [{ url: prefix }],
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pingshen_session' } } },
    security: [{ session: [] }],
    paths,
  };
}

// What each committee-process routes file exports: its router, where it is mounted,
// and its part of the OpenAPI document (routes with roles, responses).
import type { Router } from 'express';
import type { AppContext } from './context';
import type { RouteDoc } from './openapi';
import type { ResponseSpec } from './openapi-responses';

export interface CommitteeResource {
  /** Mount path under /api/v1, e.g. /quotas or /sessions (several may share one). */
  mount: string;
  router: (ctx: AppContext) => Router;
  /** Paths relative to /api/v1, OpenAPI syntax ({id}). */
  routes: RouteDoc[];
  /** By `method path`, as in routes. */
  responses: Record<string, ResponseSpec>;
}

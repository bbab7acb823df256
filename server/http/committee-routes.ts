// The committee process's routes (issue 6), one file per stage; app.ts mounts them
// after the core resources and openapi.ts documents them.
import { calendarResource } from './calendar.routes';
import type { CommitteeResource } from './committee-resource';
import { drawsResource } from './draws.routes';
import { expertsResource } from './experts.routes';
import { filingResource } from './filing.routes';
import { holdersResource } from './holders.routes';
import { meetingsResource } from './meetings.routes';
import type { RouteDoc } from './openapi';
import type { ResponseSpec } from './openapi-responses';
import { publicityResource } from './publicity.routes';
import { quotasResource } from './quotas.routes';
import { sessionsResource } from './sessions.routes';

export const COMMITTEE_RESOURCES: CommitteeResource[] = [
  calendarResource,
  quotasResource,
  expertsResource,
  sessionsResource,
  drawsResource,
  meetingsResource,
  publicityResource,
  filingResource,
  holdersResource,
];

export const COMMITTEE_ROUTES: RouteDoc[] = COMMITTEE_RESOURCES.flatMap((r) => r.routes);
export const COMMITTEE_RESPONSES: Record<string, ResponseSpec> = Object.assign({}, ...COMMITTEE_RESOURCES.map((r) => r.responses)) as Record<string, ResponseSpec>;

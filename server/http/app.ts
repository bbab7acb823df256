// createApp({ store, config }): the Express application, built and returned; only
// server/main.ts listens. JSON under /api/v1, security headers, a body size
// limit, one router per resource, and the error handler last.
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { loadProcessPolicy, type ProcessPolicy } from '../committee/process-policy';
import type { Store } from '../storage/index';
import { auditRouter } from './audit.routes';
import { authRouter } from './auth.routes';
import { COMMITTEE_RESOURCES } from './committee-routes';
import { resolveConfig, type HttpConfigInput } from './config';
import type { AppContext } from './context';
import { evaluationsRouter } from './evaluations.routes';
import { HttpError, toErrorBody } from './errors';
import { LoginAudit } from './login-audit';
import { LoginLimiter } from './login-limiter';
import { rawRoutes, requestGuard, type RawRoute } from './request-guard';
import { RulesetResolver } from './ruleset-resolver';
import { RunService } from '../runs/run-service';
import { describeRoutes, openApiDocument } from './openapi';
import { rulesetCompatibilityRouter } from './ruleset-compatibility.routes';
import { rulesetCreateRouter } from './ruleset-create.routes';
import { rulesetFilesRouter } from './ruleset-files.routes';
import { rulesetInboxRouter } from './ruleset-inbox.routes';
import { rulesetTestsRouter } from './ruleset-tests.routes';
import { rulesetsRouter } from './rulesets.routes';
import { runsRouter } from './runs.routes';
import { securityHeaders } from './security-headers';
import { SessionStore } from './sessions';
import { studioRouter } from './studio-static';
import { uploadsRouter } from './uploads.routes';
import { usersRouter } from './users.routes';
import { sharedWorkPool } from '../work/work-pool';

export const API_PREFIX = '/api/v1';

/** One router per resource, and where it is mounted under the prefix. */
export const RESOURCES: ReadonlyArray<readonly [string, (ctx: AppContext) => Router]> = [
  ['/auth', authRouter],
  ['/users', usersRouter],
  ['/rulesets', rulesetsRouter],
  ['/rulesets', rulesetCreateRouter],
  ['/rulesets', rulesetFilesRouter],
  ['/rulesets', rulesetTestsRouter],
  ['/rulesets', rulesetCompatibilityRouter],
  ['/rulesets', rulesetInboxRouter],
  ['/evaluations', evaluationsRouter],
  ['/uploads', uploadsRouter],
  ['/runs', runsRouter],
  ['/audit', auditRouter],
  ...COMMITTEE_RESOURCES.map((r) => [r.mount, r.router] as const),
];

export interface CreateAppOptions {
  store: Store;
  config?: HttpConfigInput;
  /** Default: the shipped rules/process/committee-policy.json. */
  policy?: ProcessPolicy;
}

export function createContext({ store, config: partial, policy }: CreateAppOptions): AppContext {
  const config = resolveConfig(partial);
  const { pool: work, release } = sharedWorkPool(config.work);
  const uploadLimits = { upload: config.limits.upload, applicant: config.limits.applicant, problems: config.limits.problems };
  const ctx: AppContext = {
    store,
    config,
    sessions: new SessionStore(store.signIns, { ttlMs: config.sessionTtlMs, idleMs: config.sessionIdleMs, clock: config.clock, now: config.now }),
    limiter: new LoginLimiter({
      freeFailures: config.loginMaxFailures,
      backoffBaseMs: config.loginBackoffMs,
      backoffMaxMs: config.loginBackoffMaxMs,
      accountMemoryMs: 24 * 60 * 60 * 1000,
      addressMaxFailures: config.loginAddressMaxFailures,
      windowMs: config.loginWindowMs,
    }),
    loginAudit: new LoginAudit(store, { intervalMs: config.loginAuditIntervalMs, now: config.now, logError: config.logError }),
    policy: Object.freeze(policy ?? loadProcessPolicy().policy),
    resolver: new RulesetResolver(store, config.limits.ruleset),
    runService: new RunService(store, { now: config.now, logError: config.logError, work, uploadLimits }),
    work,
  };
  releases.set(ctx, release);
  return ctx;
}

/** How each context gives its share of the worker pool back (closeApp). */
const releases = new WeakMap<AppContext, () => Promise<void>>();

/** Each app's context, for closeApp. */
const contexts = new WeakMap<Express, AppContext>();

/** Before the store closes: the last sign-in summary is written (server/main.ts calls it on shutdown). */
export async function closeApp(app: Express): Promise<void> {
  await contexts.get(app)?.loginAudit.close();
  const ctx = contexts.get(app);
  if (ctx) await releases.get(ctx)?.();
}

export function createApp(options: CreateAppOptions): Express {
  const ctx = createContext(options);
  const { config } = ctx;
  const app = express();
  contexts.set(app, ctx);
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(config.secureCookies));
  // Before any body is read: the raw-body routes are known once the routers below are mounted.
  let raw: RawRoute[] = [];
  app.use(requestGuard({ allowedOrigins: config.allowedOrigins, rawRoutes: () => raw }));
  app.use(express.json({ limit: config.bodyLimit, strict: true }));

  const api = express.Router();
  api.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const mounted = RESOURCES.map(([path, make]) => [path, make(ctx)] as const);
  raw = rawRoutes(API_PREFIX, mounted);
  const openapi = openApiDocument(API_PREFIX, describeRoutes(mounted));
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  for (const [path, router] of mounted) api.use(path, router);
  app.use(API_PREFIX, api);
  if (config.studioDir) app.use(studioRouter(config.studioDir));

  app.use((req, _res) => {
    throw new HttpError('ROUTE_NOT_FOUND', { zh: `没有这个接口：${req.method} ${req.path}`, en: `No route ${req.method} ${req.path}` }, { method: req.method, path: req.path });
  });
  const handleError: ErrorRequestHandler = (err, _req, res, _next) => {
    const { body, headers, unexpected } = toErrorBody(err);
    if (unexpected) config.logError(err);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.set(headers).status(body.statusCode).json(body);
  };
  app.use(handleError);
  return app;
}

// The HTTP layer's configuration, validated once and frozen.
import { UserError } from '../io/user-error';
import { availableParallelism } from 'node:os';
import { DEFAULT_RULESET_LIMITS, type RulesetLimits } from '../rules/ruleset-limits';
import { DEFAULT_SCRYPT_COST } from './passwords';

import type { ApplicantLimits } from '../../engine/index';
import type { UploadLimits } from '../io/limits';

/** The worker pool that carries heavy work off the event loop (server/work/work-pool.ts). */
export interface WorkSettings {
  /** Worker threads; default one per core but one (the event loop keeps its own), 1 to 4. */
  threads: number;
  /** Tasks waiting for a thread; one more is refused with SERVER_BUSY (503). */
  maxQueue: number;
  /** Heavy requests one user may have running or waiting; one more is refused with TOO_MANY_TASKS (429). */
  perUser: number;
  /** What a refused client is told to wait (Retry-After, seconds). */
  retryAfterSeconds: number;
  /** A thread idle this long stops; the next task starts one again. */
  idleMs: number;
  /** Each thread's heap (MB): a task that needs more fails alone, never the server. */
  maxHeapMb: number;
}

export const DEFAULT_WORK: Readonly<WorkSettings> = Object.freeze({
  threads: Math.max(1, Math.min(availableParallelism() - 1, 4)),
  maxQueue: 64,
  perUser: 2,
  retryAfterSeconds: 5,
  idleMs: 60_000,
  maxHeapMb: 2048,
});

/**
 * What one request may make the server read, checked where it is read (README
 * "Limits"): `limits.<group>.<name>`. Each is a 4xx naming the limit, what was found
 * and where — never a process that runs out of memory.
 */
export interface Limits {
  /** An uploaded applicants file (server/io/limits.ts); its bytes are `uploadLimit`. */
  upload: UploadLimits;
  /** One applicant record: POST /evaluations, and each row read from a file (engine/applicant.ts). */
  applicant: ApplicantLimits;
  /** A rule document: saved, imported, tested, or read from the store (server/rules/ruleset-limits.ts): RULESET_LIMIT. */
  ruleset: RulesetLimits;
  /** Problems of an upload listed one by one (POST /runs/check, ROWS_INVALID); the rest are counted per code and field. */
  problems: number;
}

/** Sized for the largest real use: a run of 100,000 applicants with a few hundred columns. */
export const DEFAULT_LIMITS: Limits = {
  upload: {
    rows: 100_000,
    columns: 500,
    cells: 20_000_000,
    xlsxParts: 1000,
    xlsxPartBytes: 128 * 2 ** 20,
    xlsxSheetBytes: 2 ** 30,
    xlsxTotalBytes: 2 * 2 ** 30,
    xlsxRatio: 100,
    sharedStrings: 2_000_000,
  },
  applicant: { depth: 32, values: 100_000, arrayLength: 10_000 },
  ruleset: { ...DEFAULT_RULESET_LIMITS },
  problems: 1000,
};

/**
 * The command line reads files its own user chose and streams any number of rows
 * (`npm run bench` evaluates 100,000): no row or cell limit; every other check is the
 * server's, with the same messages.
 */
export const CLI_LIMITS: Limits = {
  ...DEFAULT_LIMITS,
  upload: { ...DEFAULT_LIMITS.upload, rows: Number.POSITIVE_INFINITY, cells: Number.POSITIVE_INFINITY },
};

type LimitsInput = { [G in keyof Limits]?: Limits[G] extends object ? Partial<Limits[G]> : Limits[G] };

/** The configuration as given: the defaults fill in the rest, and a group of limits names only what it changes. */
export type HttpConfigInput = Partial<Omit<HttpConfig, 'limits'>> & { limits?: LimitsInput };

/** Each group merged over its defaults; every limit a positive number (Infinity: none). */
function resolveLimits(given: LimitsInput = {}): Limits {
  const merged: Record<string, unknown> = {};
  for (const [group, defaults] of Object.entries(DEFAULT_LIMITS) as Array<[string, unknown]>) {
    const value = (given as Record<string, unknown>)[group];
    if (typeof defaults === 'object' && defaults !== null) {
      const values = { ...defaults, ...(value as object | undefined) } as Record<string, unknown>;
      for (const [name, limit] of Object.entries(values)) {
        if (!(name in defaults)) throw new Error(`limits.${group}.${name} is not a limit`);
        if (!(typeof limit === 'number' && limit > 0)) throw new Error(`limits.${group}.${name} must be a positive number, got ${String(limit)}`);
      }
      merged[group] = Object.freeze(values);
    } else {
      const limit = value ?? defaults;
      if (!(typeof limit === 'number' && limit > 0)) throw new Error(`limits.${group} must be a positive number, got ${String(limit)}`);
      merged[group] = limit;
    }
  }
  for (const group of Object.keys(given)) if (!(group in DEFAULT_LIMITS)) throw new Error(`limits.${group} is not a group of limits`);
  return Object.freeze(merged) as unknown as Limits;
}

export interface HttpConfig {
  /** Largest JSON body accepted (the largest shipped ruleset is ~170 kB). */
  bodyLimit: string;
  /** Largest applicant file accepted by POST /uploads (its own raw-body limit). */
  uploadLimit: string;
  /** A rule-file download indented like the files of rules/ up to this many bytes; larger: compact JSON. */
  rulesetFilePrettyMaxBytes: number;
  /** Heavy work (rule checks, upload checks, batch evaluation, impact, filing builds) in worker threads. */
  work: Readonly<WorkSettings>;
  /** What reading an upload or an applicant may cost (see Limits). */
  limits: Limits;
  /** Set the cookie's Secure flag and HSTS (behind TLS): `COOKIE_SECURE=1`. */
  secureCookies: boolean;
  /** A session's absolute lifetime (the cookie's Max-Age). */
  sessionTtlMs: number;
  /** A session unused this long ends (`SESSION_IDLE_MINUTES`). */
  sessionIdleMs: number;
  /** Failed sign-ins per account before the backoff starts (login-limiter.ts). */
  loginMaxFailures: number;
  /** The first wait after them; it doubles with each further failure, up to loginBackoffMaxMs. */
  loginBackoffMs: number;
  loginBackoffMaxMs: number;
  /** Failed sign-ins from one address within loginWindowMs, over any names, before that address waits. */
  loginAddressMaxFailures: number;
  loginWindowMs: number;
  /** How often sign-in attempts are summarised into one audit entry (login-audit.ts). */
  loginAuditIntervalMs: number;
  /** The password policy's minimum length (password-policy.ts). */
  passwordMinLength: number;
  /** Bytes of uploads each user may keep (`UPLOAD_QUOTA_MB`); beyond it UPLOAD_QUOTA_EXCEEDED. */
  uploadQuotaBytes: number;
  /** scrypt N; tests lower it. */
  scryptCost: number;
  /**
   * Origins besides the one a request was sent to from which state-changing requests
   * are accepted (`https://pingshen.example.gov.cn`): behind a reverse proxy that does
   * not forward Host and protocol. Everything else is CROSS_ORIGIN (request-guard.ts).
   */
  allowedOrigins: string[];
  /** Express 'trust proxy': behind a reverse proxy, the client address (login rate limits, audit) comes from X-Forwarded-For. */
  trustProxy: boolean | number | string;
  /** The built studio (studio/dist) served beside the API; empty: API only (tests). */
  studioDir: string;
  /** ISO 8601 time of an action; tests fix it. */
  now: () => string;
  /** Milliseconds for session expiry and sign-in throttling; tests move it. */
  clock: () => number;
  /** Where unexpected errors are reported (never to the client). */
  logError: (err: unknown) => void;
}

export const DEFAULT_CONFIG: HttpConfig = {
  bodyLimit: '2mb',
  uploadLimit: '50mb',
  rulesetFilePrettyMaxBytes: 1024 * 1024,
  work: DEFAULT_WORK,
  limits: DEFAULT_LIMITS,
  secureCookies: false,
  sessionTtlMs: 8 * 60 * 60 * 1000,
  sessionIdleMs: 60 * 60 * 1000,
  loginMaxFailures: 5,
  loginBackoffMs: 30 * 1000,
  loginBackoffMaxMs: 15 * 60 * 1000,
  loginAddressMaxFailures: 20,
  loginWindowMs: 15 * 60 * 1000,
  loginAuditIntervalMs: 5 * 60 * 1000,
  passwordMinLength: 10,
  uploadQuotaBytes: 500 * 1024 * 1024,
  scryptCost: DEFAULT_SCRYPT_COST,
  trustProxy: false,
  allowedOrigins: [],
  studioDir: '',
  now: () => new Date().toISOString(),
  clock: () => Date.now(),
  logError: (err) => console.error(err),
};

export function resolveConfig(partial: HttpConfigInput = {}): Readonly<HttpConfig> {
  const config = { ...DEFAULT_CONFIG, ...partial, limits: resolveLimits(partial.limits) };
  if (!Number.isInteger(config.scryptCost) || config.scryptCost < 2 || (config.scryptCost & (config.scryptCost - 1)) !== 0) {
    throw new Error(`scryptCost must be a power of two, got ${config.scryptCost}`);
  }
  const positive = ['sessionTtlMs', 'sessionIdleMs', 'loginMaxFailures', 'loginBackoffMs', 'loginBackoffMaxMs', 'loginAddressMaxFailures', 'loginWindowMs', 'loginAuditIntervalMs', 'passwordMinLength', 'uploadQuotaBytes'] as const;
  for (const key of positive) if (!(typeof config[key] === 'number' && config[key] > 0)) throw new Error(`${key} must be a positive number, got ${String(config[key])}`);
  for (const origin of config.allowedOrigins) {
    // An origin is scheme://host[:port], nothing after it: what a browser sends in Origin.
    if (!/^https?:\/\/[^/\s]+$/i.test(origin)) throw new Error(`allowedOrigins: ${origin} is not an origin such as https://pingshen.example.gov.cn`);
  }
  if (!(Number.isInteger(config.rulesetFilePrettyMaxBytes) && config.rulesetFilePrettyMaxBytes >= 0)) throw new Error(`rulesetFilePrettyMaxBytes must be a whole number of bytes, got ${String(config.rulesetFilePrettyMaxBytes)}`);
  config.work = Object.freeze({ ...DEFAULT_WORK, ...config.work });
  for (const [key, value] of Object.entries(config.work)) if (!(Number.isInteger(value) && value >= (key === 'maxQueue' ? 0 : 1))) throw new Error(`work.${key} must be a positive integer, got ${String(value)}`);
  return Object.freeze(config);
}

/**
 * What server/main.ts reads from the environment (unset: the defaults):
 * COOKIE_SECURE=1 (Secure cookies and HSTS, behind TLS), TRUST_PROXY (hop count, or
 * addresses / subnets as Express takes them), ALLOWED_ORIGINS (comma-separated),
 * SESSION_HOURS, SESSION_IDLE_MINUTES, UPLOAD_QUOTA_MB, PINGSHEN_LIMITS (JSON). A value that is not what it
 * should be stops the start with its name, never a silent default.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): Partial<HttpConfig> {
  const config: Partial<HttpConfig> = {};
  const number = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new UserError({ zh: `${name} 须为正数，现为 ${raw}`, en: `${name} must be a positive number, got ${raw}` });
    return value;
  };
  const secure = env.COOKIE_SECURE?.trim();
  if (secure) {
    if (!['1', 'true', '0', 'false'].includes(secure)) throw new UserError({ zh: `COOKIE_SECURE 须为 1 或 0，现为 ${secure}`, en: `COOKIE_SECURE must be 1 or 0, got ${secure}` });
    config.secureCookies = secure === '1' || secure === 'true';
  }
  const proxy = env.TRUST_PROXY?.trim();
  if (proxy) config.trustProxy = /^\d+$/.test(proxy) ? Number(proxy) : proxy === 'true' ? true : proxy;
  const origins = env.ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter((o) => o !== '');
  if (origins && origins.length > 0) config.allowedOrigins = origins;
  const hours = number('SESSION_HOURS');
  if (hours !== undefined) config.sessionTtlMs = hours * 60 * 60 * 1000;
  const idle = number('SESSION_IDLE_MINUTES');
  if (idle !== undefined) config.sessionIdleMs = idle * 60 * 1000;
  // Limits named in the environment, resolved over the defaults at the end.
  const givenLimits: LimitsInput = {};
  const work: Partial<WorkSettings> = {};
  const threads = number('WORK_THREADS');
  if (threads !== undefined) work.threads = Math.floor(threads);
  const queue = number('WORK_QUEUE');
  if (queue !== undefined) work.maxQueue = Math.floor(queue);
  const perUser = number('WORK_PER_USER');
  if (perUser !== undefined) work.perUser = Math.floor(perUser);
  if (Object.keys(work).length > 0) config.work = { ...DEFAULT_WORK, ...work };
  const quota = number('UPLOAD_QUOTA_MB');
  if (quota !== undefined) config.uploadQuotaBytes = Math.floor(quota * 1024 * 1024);
  const limits = env.PINGSHEN_LIMITS?.trim();
  if (limits) {
    // JSON of any limits that differ from the defaults, by group: {"upload":{"rows":200000},"applicant":{"depth":64}}.
    let parsed: unknown;
    try {
      parsed = JSON.parse(limits);
    } catch {
      throw new UserError({ zh: `PINGSHEN_LIMITS 须为 JSON 对象，现为 ${limits}`, en: `PINGSHEN_LIMITS must be a JSON object such as {"upload":{"rows":200000}}, got ${limits}` });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UserError({ zh: `PINGSHEN_LIMITS 须为 JSON 对象，现为 ${limits}`, en: `PINGSHEN_LIMITS must be a JSON object, got ${limits}` });
    for (const [group, value] of Object.entries(parsed)) {
      const earlier = (givenLimits as Record<string, unknown>)[group];
      (givenLimits as Record<string, unknown>)[group] = typeof value === 'object' && value !== null && typeof earlier === 'object' ? { ...earlier, ...value } : value;
    }
  }
  if (Object.keys(givenLimits).length > 0) {
    try {
      config.limits = resolveLimits(givenLimits);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new UserError({ zh: `限额配置无效：${reason}`, en: `Invalid limits: ${reason}` });
    }
  }
  return config;
}

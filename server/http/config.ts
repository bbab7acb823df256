// The HTTP layer's configuration, validated once and frozen.
import { UserError } from '../io/user-error';
import { DEFAULT_SCRYPT_COST } from './passwords';

export interface HttpConfig {
  /** Largest JSON body accepted (the largest shipped ruleset is ~170 kB). */
  bodyLimit: string;
  /** Largest applicant file accepted by POST /uploads (its own raw-body limit). */
  uploadLimit: string;
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

export function resolveConfig(partial: Partial<HttpConfig> = {}): Readonly<HttpConfig> {
  const config = { ...DEFAULT_CONFIG, ...partial };
  if (!Number.isInteger(config.scryptCost) || config.scryptCost < 2 || (config.scryptCost & (config.scryptCost - 1)) !== 0) {
    throw new Error(`scryptCost must be a power of two, got ${config.scryptCost}`);
  }
  const positive = ['sessionTtlMs', 'sessionIdleMs', 'loginMaxFailures', 'loginBackoffMs', 'loginBackoffMaxMs', 'loginAddressMaxFailures', 'loginWindowMs', 'loginAuditIntervalMs', 'passwordMinLength', 'uploadQuotaBytes'] as const;
  for (const key of positive) if (!(typeof config[key] === 'number' && config[key] > 0)) throw new Error(`${key} must be a positive number, got ${String(config[key])}`);
  for (const origin of config.allowedOrigins) {
    // An origin is scheme://host[:port], nothing after it: what a browser sends in Origin.
    if (!/^https?:\/\/[^/\s]+$/i.test(origin)) throw new Error(`allowedOrigins: ${origin} is not an origin such as https://pingshen.example.gov.cn`);
  }
  return Object.freeze(config);
}

/**
 * What server/main.ts reads from the environment (unset: the defaults):
 * COOKIE_SECURE=1 (Secure cookies and HSTS, behind TLS), TRUST_PROXY (hop count, or
 * addresses / subnets as Express takes them), ALLOWED_ORIGINS (comma-separated),
 * SESSION_HOURS, SESSION_IDLE_MINUTES, UPLOAD_QUOTA_MB. A value that is not what it
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
  const quota = number('UPLOAD_QUOTA_MB');
  if (quota !== undefined) config.uploadQuotaBytes = Math.floor(quota * 1024 * 1024);
  return config;
}


// The HTTP layer's configuration, validated once and frozen.
import { DEFAULT_SCRYPT_COST } from './passwords';

export interface HttpConfig {
  /** Largest JSON body accepted (the largest shipped ruleset is ~170 kB). */
  bodyLimit: string;
  /** Largest applicant file accepted by POST /uploads (its own raw-body limit). */
  uploadLimit: string;
  /** Set the cookie's Secure flag and HSTS (behind TLS). */
  secureCookies: boolean;
  sessionTtlMs: number;
  loginMaxFailures: number;
  loginWindowMs: number;
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
  /** Where unexpected errors are reported (never to the client). */
  logError: (err: unknown) => void;
}

export const DEFAULT_CONFIG: HttpConfig = {
  bodyLimit: '2mb',
  uploadLimit: '50mb',
  secureCookies: false,
  sessionTtlMs: 8 * 60 * 60 * 1000,
  loginMaxFailures: 5,
  loginWindowMs: 15 * 60 * 1000,
  scryptCost: DEFAULT_SCRYPT_COST,
  trustProxy: false,
  allowedOrigins: [],
  studioDir: '',
  now: () => new Date().toISOString(),
  logError: (err) => console.error(err),
};

export function resolveConfig(partial: Partial<HttpConfig> = {}): Readonly<HttpConfig> {
  const config = { ...DEFAULT_CONFIG, ...partial };
  if (!Number.isInteger(config.scryptCost) || config.scryptCost < 2 || (config.scryptCost & (config.scryptCost - 1)) !== 0) {
    throw new Error(`scryptCost must be a power of two, got ${config.scryptCost}`);
  }
  if (config.loginMaxFailures < 1 || config.sessionTtlMs <= 0 || config.loginWindowMs <= 0) throw new Error('invalid HTTP configuration');
  for (const origin of config.allowedOrigins) {
    // An origin is scheme://host[:port], nothing after it: what a browser sends in Origin.
    if (!/^https?:\/\/[^/\s]+$/i.test(origin)) throw new Error(`allowedOrigins: ${origin} is not an origin such as https://pingshen.example.gov.cn`);
  }
  return Object.freeze(config);
}

// What every router is built with.
import type { ProcessPolicy } from '../committee/process-policy';
import type { Store } from '../storage/index';
import type { HttpConfig } from './config';
import type { LoginLimiter } from './login-limiter';
import type { SessionStore } from './sessions';

export interface AppContext {
  store: Store;
  config: Readonly<HttpConfig>;
  sessions: SessionStore;
  limiter: LoginLimiter;
  /** The committee process values (rules/process/committee-policy.json or the data directory's own). */
  policy: Readonly<ProcessPolicy>;
}

// What every router is built with.
import type { ProcessPolicy } from '../committee/process-policy';
import type { RunService } from '../runs/run-service';
import type { Store } from '../storage/index';
import type { WorkPool } from '../work/work-pool';
import type { HttpConfig } from './config';
import type { LoginAudit } from './login-audit';
import type { LoginLimiter } from './login-limiter';
import type { RulesetResolver } from './ruleset-resolver';
import type { SessionStore } from './sessions';

export interface AppContext {
  store: Store;
  config: Readonly<HttpConfig>;
  sessions: SessionStore;
  limiter: LoginLimiter;
  /** Sign-in attempts, summarised into one audit entry per period. */
  loginAudit: LoginAudit;
  /** The committee process values (rules/process/committee-policy.json or the data directory's own). */
  policy: Readonly<ProcessPolicy>;
  /** Which version judges, compiled once per content hash: shared by every route that evaluates. */
  resolver: RulesetResolver;
  /** Batch runs in the background, their stored summaries and applicant records (runs, sessions, quotas read them). */
  runService: RunService;
  /** Worker threads for heavy work (rule checks, upload checks, runs, impact, filing builds): heavy-work.ts. */
  work: WorkPool;
}

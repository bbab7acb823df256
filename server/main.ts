// The HTTP server's entry: the only file that listens. PORT (default 3000),
// DATA_DIR (default ./data), STUDIO_DIR (default studio/dist, built by `npm run build`);
// behind TLS and a reverse proxy COOKIE_SECURE=1 (Secure cookies, HSTS), TRUST_PROXY (hops
// or addresses of the proxy), ALLOWED_ORIGINS; SESSION_HOURS, SESSION_IDLE_MINUTES,
// UPLOAD_QUOTA_MB (server/http/config.ts configFromEnv). A fresh data directory is seeded from rules/ (rulesets; sample applicant files as uploads) and gets
// its first administrator (PINGSHEN_ADMIN_PASSWORD, or a generated password printed
// once). SIGTERM / SIGINT stop accepting connections, let requests in flight finish,
// flush the store and exit.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { loadProcessPolicy } from './committee/process-policy';
import { closeApp, createApp } from './http/app';
import { configFromEnv } from './http/config';
import { UserError } from './io/user-error';
import { ensureFirstAdmin } from './http/first-admin';
import { seedExperts } from './seed-experts';
import { seedQuotas } from './seed-quotas';
import { seedRules } from './seed-rules';
import { projectPath } from './project-root';
import { seedSamples } from './seed-samples';
import { now, openStore } from './storage/index';

const RULES_DIR = projectPath('rules');
const STUDIO_DIR = projectPath('studio', 'dist');
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  // Read first: a wrong value stops the start before anything is written.
  const httpConfig = configFromEnv(process.env);
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const dataDir = process.env.DATA_DIR || 'data';
  const { policy, file: policyFile } = loadProcessPolicy(dataDir);
  console.log(`Committee process values from ${policyFile}`);
  const store = await openStore({ dataDir });

  const seeded = await seedRules(store, RULES_DIR, now());
  if (seeded.length > 0) console.log(`Seeded ${seeded.length} published ruleset versions from ${RULES_DIR}`);
  const samples = await seedSamples(store, join(RULES_DIR, 'samples'), now());
  if (samples.length > 0) console.log(`Stored ${samples.length} sample applicant files from ${join(RULES_DIR, 'samples')} as uploads (GET /api/v1/uploads)`);
  // The committee process's sample data, so a first start can run a session end to end.
  const quotas = await seedQuotas(store, join(RULES_DIR, 'samples'), now());
  if (quotas.length > 0) console.log(`Stored ${quotas.length} sample quota rows (approved directional posts) from rules/samples/quotas/quotas.csv`);
  const experts = await seedExperts(store, join(RULES_DIR, 'samples'), now(), policy.committee.expertTermMaxYears);
  if (experts.length > 0) console.log(`Stored ${experts.length} sample experts from rules/samples/experts/experts.csv`);
  const admin = await ensureFirstAdmin(store, { at: now(), ...(process.env.PINGSHEN_ADMIN_PASSWORD ? { password: process.env.PINGSHEN_ADMIN_PASSWORD } : {}) });
  if (admin.created && admin.generatedPassword) {
    console.log(`Created the administrator "${admin.username}" with the password: ${admin.generatedPassword}\n(shown once; change it after signing in)`);
  } else if (admin.created) {
    console.log(`Created the administrator "${admin.username}" with PINGSHEN_ADMIN_PASSWORD`);
  }

  const config = { ...httpConfig, studioDir: process.env.STUDIO_DIR ?? STUDIO_DIR };
  const app = createApp({ store, config, policy });
  const server = createServer(app);
  // HOST binds one interface (e.g. 127.0.0.1 for loopback only); unset: every interface.
  await new Promise<void>((resolve) => (process.env.HOST ? server.listen(port, process.env.HOST, resolve) : server.listen(port, resolve)));
  const address = server.address();
  const origin = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
  console.log(`Pingshen listening on ${origin}/ (studio; API under /api/v1; data: ${dataDir})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      clearTimeout(force);
      // The last sign-in summary, then the store (which writes the sessions' last-used times).
      closeApp(app)
        .then(() => store.close())
        .then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(err);
            process.exit(1);
          },
        );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  // A bad configuration file is the operator's to fix: its message, not a stack trace.
  console.error(err instanceof UserError ? err.message : err);
  process.exit(1);
});

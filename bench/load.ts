// `npm run load`: the real server (its own process, loopback only, fresh data
// directory) under a bounded load from this process.
//  1. single evaluations: N requests of POST /api/v1/evaluations from C concurrent
//     clients over keep-alive connections → requests per second and latency percentiles;
//  2. a 10,000-row batch: upload a generated csv, start the run, follow its
//     Server-Sent Events to the end → wall time and rows per second, while a probe
//     sends one single evaluation every 200 ms to show the server stays responsive.
// Options: --requests 2000 --concurrency 8 --rows 10000 --ruleset teacher-deputy-senior
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Applicant } from '../engine/index';
import { applicantGenerator } from '../test/support/random-applicants';
import { apiLogin, spawnServer } from '../test/support/real-server';
import { shippedRulesets } from '../test/support/rulesets';
import { writeCsv } from './end-to-end';

const ADMIN_PASSWORD = 'load-benchmark-admin';
const AS_OF = '2024-09-30';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    rows: { type: 'string', default: '10000' },
    ruleset: { type: 'string', default: 'teacher-deputy-senior' },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const rows = Number(values.rows);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function latencySummary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  const shipped = shippedRulesets();
  const target = shipped.find((s) => s.ruleset.id === values.ruleset);
  if (!target) throw new Error(`no shipped ruleset ${values.ruleset}`);
  const { resolved } = target;
  const generate = applicantGenerator(resolved, { asOf: AS_OF, seed: 7, missingRate: 0 });
  const applicants: Applicant[] = Array.from({ length: 500 }, (_, i) => ({ ...generate(i), id: `L${i + 1}` }));

  console.log(`Starting the server (loopback only)…`);
  const server = await spawnServer({ adminPassword: ADMIN_PASSWORD });
  const dir = mkdtempSync(join(tmpdir(), 'pingshen-load-'));
  try {
    const cookie = await apiLogin(server.origin, 'admin', ADMIN_PASSWORD);
    const headers = { 'Content-Type': 'application/json', Cookie: cookie };
    const evaluateOne = async (i: number): Promise<number> => {
      const start = performance.now();
      const response = await fetch(`${server.origin}/api/v1/evaluations`, { method: 'POST', headers, body: JSON.stringify({ rulesetId: target.ruleset.id, asOf: AS_OF, applicant: applicants[i % applicants.length] }) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`evaluation answered ${response.status}`);
      return performance.now() - start;
    };

    // Warm-up: compile the ruleset, open connections, let V8 optimise.
    await Promise.all(Array.from({ length: concurrency }, (_, i) => evaluateOne(i)));

    console.log(`\n1. Single evaluations: ${requests} requests, ${concurrency} concurrent clients, ruleset ${target.ruleset.id}`);
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) latencies.push(await evaluateOne(next++));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const single = latencySummary(latencies);
    console.log(`   ${(requests / seconds).toFixed(0)} requests/s; latency p50 ${fmt(single.p50)}, p95 ${fmt(single.p95)}, p99 ${fmt(single.p99)}, max ${fmt(single.max)}`);

    console.log(`\n2. Batch of ${rows} rows (csv upload → run → Server-Sent Events to the end)`);
    const csvPath = join(dir, 'applicants.csv');
    await writeCsv(csvPath, resolved, rows, AS_OF);
    const bytes = readFileSync(csvPath);
    const batchStart = performance.now();
    const upload = await fetch(`${server.origin}/api/v1/uploads?name=applicants.csv`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Cookie: cookie }, body: bytes });
    if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
    const { hash } = (await upload.json()) as { hash: string };
    const uploaded = performance.now();
    const start = await fetch(`${server.origin}/api/v1/runs`, { method: 'POST', headers, body: JSON.stringify({ rulesetId: target.ruleset.id, asOf: AS_OF, upload: hash, validRowsOnly: true }) });
    if (start.status !== 202) throw new Error(`run answered ${start.status}: ${await start.text()}`);
    const { run } = (await start.json()) as { run: { id: string } };

    // The probe: how long a single evaluation waits while the batch runs.
    const probe: number[] = [];
    let probing = true;
    const probeLoop = (async () => {
      for (let i = 0; probing; i++) {
        probe.push(await evaluateOne(i));
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    const events = await fetch(`${server.origin}/api/v1/runs/${run.id}/events`, { headers: { Accept: 'text/event-stream', Cookie: cookie } });
    const decoder = new TextDecoder();
    let buffer = '';
    let final = '';
    for await (const chunk of events.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      const match = /event: (completed|failed)\ndata: (.*)\n/.exec(buffer);
      if (match) {
        final = `${match[1]} ${match[2]}`;
        break;
      }
    }
    const batchSeconds = (performance.now() - batchStart) / 1000;
    probing = false;
    await probeLoop;
    if (!final.startsWith('completed')) throw new Error(`the run did not complete: ${final}`);
    const during = latencySummary(probe);
    console.log(`   upload ${(bytes.length / 1e6).toFixed(1)} MB in ${fmt(uploaded - batchStart)}; whole batch ${batchSeconds.toFixed(2)} s = ${(rows / batchSeconds).toFixed(0)} rows/s`);
    console.log(`   single evaluations during the batch (${during.n}): p50 ${fmt(during.p50)}, p99 ${fmt(during.p99)}, max ${fmt(during.max)}`);
    console.log(`   ${final.slice(0, 300)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

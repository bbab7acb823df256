// `npm run load`: the real server (its own process, loopback only, fresh data
// directory) under a bounded load from this process.
//  1. single evaluations: N requests of POST /api/v1/evaluations from C concurrent
//     clients over keep-alive connections → requests per second and latency percentiles;
//  2. a 10,000-row batch: upload a generated csv, start the run, follow its
//     Server-Sent Events to the end → wall time and rows per second, while a probe
//     sends one single evaluation every 200 ms to show the server stays responsive;
//  3. the heaviest requests one user may send, in flight together: a 1,000,000-row .xlsx
//     (8 MB) checked on POST /runs/check (refused at row 100,001 by limits.upload.rows)
//     and a 36,000-condition rule check on POST /rulesets/tests → GET /health latency
//     probed every 20 ms meanwhile (the target: p99 under 100 ms) and the server's peak
//     memory (VmHWM, threads included).
// Options: --requests 2000 --concurrency 8 --rows 10000 --ruleset teacher-deputy-senior;
// --attack runs the third part alone.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import type { Applicant } from '../engine/index';
import { BIG_RULESET_BASE, bigRuleset } from '../test/support/big-ruleset';
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
    attack: { type: 'boolean', default: false },
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

/** The attack's file: every required column in the header, then `rows` rows with only an id (8 MB for a million). */
async function writeManyRowsXlsx(path: string, headers: string[], rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('申报人');
  sheet.addRow(headers).commit();
  for (let i = 0; i < rows; i++) sheet.addRow([`H${i}`]).commit();
  await sheet.commit();
  await workbook.commit();
}

/** A line of /proc/<pid>/status in MB (VmHWM: peak resident memory; VmRSS: now), or null off Linux. */
function procMemoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const mb = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} MB`);

async function main(): Promise<void> {
  const shipped = shippedRulesets();
  const target = shipped.find((s) => s.ruleset.id === values.ruleset);
  if (!target) throw new Error(`no shipped ruleset ${values.ruleset}`);
  const { resolved } = target;
  const generate = applicantGenerator(resolved, { asOf: AS_OF, seed: 7, missingRate: 0 });
  const applicants: Applicant[] = Array.from({ length: 500 }, (_, i) => ({ ...generate(i), id: `L${i + 1}` }));

  console.log(`Starting the server (loopback only; Node ${process.version})…`);
  // The 36,000-condition rule document passes the rule-document limits only when they are raised.
  const server = await spawnServer({ adminPassword: ADMIN_PASSWORD, env: { PINGSHEN_LIMITS: JSON.stringify({ ruleset: { conditions: 50_000 } }) } });
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

    if (values.attack) {
      await attack(server.origin, server.pid, cookie, dir);
      return;
    }

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

    await attack(server.origin, server.pid, cookie, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

/** Part 3: /health probed every 20 ms while the two heaviest requests are in flight. */
async function attack(origin: string, pid: number, cookie: string, dir: string): Promise<void> {
  const ROWS = 1_000_000;
  const base = shippedRulesets().find((s) => s.ruleset.id === BIG_RULESET_BASE)!;
  console.log(`\n3. /health while a ${ROWS.toLocaleString('en')}-row .xlsx check and a 36,000-condition rule check are in flight`);
  const xlsxPath = join(dir, 'million-rows.xlsx');
  await writeManyRowsXlsx(xlsxPath, base.resolved.facts.map((f) => f.label.zh), ROWS);
  const xlsx = readFileSync(xlsxPath);
  const rulesBody = JSON.stringify({ ruleset: bigRuleset(36_000) });
  const headers = { 'Content-Type': 'application/json', Cookie: cookie };

  const health = async (): Promise<number> => {
    const start = performance.now();
    const response = await fetch(`${origin}/api/v1/health`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`health answered ${response.status}`);
    return performance.now() - start;
  };
  /** Probes every `everyMs` until `until` settles (at least once). */
  const probe = async (until: Promise<unknown>, everyMs: number): Promise<number[]> => {
    let done = false;
    void until.finally(() => (done = true));
    const latencies: number[] = [];
    do {
      const next = performance.now() + everyMs;
      latencies.push(await health());
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    } while (!done);
    return latencies;
  };
  const line = (label: string, ms: number[]) => {
    const s = latencySummary(ms);
    console.log(`   ${label} (${s.n} probes): p50 ${fmt(s.p50)}, p95 ${fmt(s.p95)}, p99 ${fmt(s.p99)}, max ${fmt(s.max)}`);
  };

  line('/health at rest', await probe(new Promise((resolve) => setTimeout(resolve, 1000)), 20));
  const uploadStart = performance.now();
  const upload = await fetch(`${origin}/api/v1/uploads?name=million-rows.xlsx`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Cookie: cookie }, body: xlsx });
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
  const { hash } = (await upload.json()) as { hash: string };
  console.log(`   upload of ${(statSync(xlsxPath).size / 1e6).toFixed(1)} MB stored in ${fmt(performance.now() - uploadStart)}; rule document ${(Buffer.byteLength(rulesBody) / 1e6).toFixed(2)} MB`);
  const rssBefore = procMemoryMb(pid, 'VmRSS');

  const timed = async (request: Promise<Response>) => {
    const start = performance.now();
    const response = await request;
    const body = (await response.json()) as { code?: string; details?: Record<string, unknown>; passed?: number };
    return { status: response.status, body, ms: performance.now() - start };
  };
  const check = timed(fetch(`${origin}/api/v1/runs/check`, { method: 'POST', headers, body: JSON.stringify({ rulesetId: BIG_RULESET_BASE, asOf: '2025-01-15', upload: hash }) }));
  const rules = timed(fetch(`${origin}/api/v1/rulesets/tests`, { method: 'POST', headers, body: rulesBody }));
  const both = Promise.all([check, rules]);
  const during = await probe(both, 20);
  const [checked, tested] = await both;
  line('/health under attack', during);
  const { limit, max, found, row } = checked.body.details ?? {};
  console.log(`   .xlsx check: ${checked.status} ${checked.body.code ?? ''} (${String(limit)} ${String(max)}, found ${String(found)} at row ${String(row)}) in ${(checked.ms / 1000).toFixed(2)} s`);
  console.log(`   rule check: ${tested.status}${tested.body.code ? ` ${tested.body.code}` : `, ${String(tested.body.passed)} cases passed`} in ${(tested.ms / 1000).toFixed(2)} s`);
  console.log(`   server memory: ${mb(rssBefore)} resident before, peak ${mb(procMemoryMb(pid, 'VmHWM'))} (VmHWM since start)`);
  const p99 = latencySummary(during).p99;
  console.log(`   target /health p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

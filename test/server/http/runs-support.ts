// Helpers for the batch-run suites: small generated applicant files, uploads, and
// waiting for a run to end.
import { readFileSync } from 'node:fs';
import type { Applicant } from '../../../engine/index';
import type { Agents } from './helpers';

export const SAMPLES_DIR = new URL('../../../rules/samples/', import.meta.url).pathname;
export const HEALTH = 'health-deputy-senior';
export const AS_OF = '2024-09-30';

const healthSamples = JSON.parse(readFileSync(`${SAMPLES_DIR}health-deputy-senior.json`, 'utf8')) as Applicant[];

/** `count` shipped health applicants renamed A01, A02…, each changed by `patch` (by index). */
export function healthApplicants(count: number, patch: (a: Applicant, i: number) => Applicant = (a) => a): Applicant[] {
  return healthSamples.slice(0, count).map((a, i) => patch({ ...a, id: `A${String(i + 1).padStart(2, '0')}` }, i));
}

type Agent = Agents[string];

export async function upload(agent: Agent, name: string, body: Buffer | string) {
  return agent.post(`/api/v1/uploads?name=${encodeURIComponent(name)}`).set('Content-Type', 'application/octet-stream').send(Buffer.from(body));
}

export async function uploadJson(agent: Agent, applicants: unknown[], name = 'applicants.json'): Promise<string> {
  const res = await upload(agent, name, JSON.stringify(applicants));
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.hash as string;
}

/** Polls the run until it has ended. */
export async function waitForRun(agent: Agent, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await agent.get(`/api/v1/runs/${id}`);
    if (res.body.run?.status !== 'running') return res.body.run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${id} did not end`);
}

/** Uploads `applicants` and runs them (health-deputy-senior as of 2024-09-30); the ended run record. */
export async function runJson(agent: Agent, applicants: unknown[], extra: Record<string, unknown> = {}) {
  const hash = await uploadJson(agent, applicants);
  const res = await agent.post('/api/v1/runs').send({ rulesetId: HEALTH, asOf: AS_OF, upload: hash, ...extra });
  if (res.status !== 202) throw new Error(`run: ${res.status} ${JSON.stringify(res.body)}`);
  return waitForRun(agent, res.body.run.id as string);
}

// Progress as Server-Sent Events, read from a real HTTP server (listening on an
// ephemeral port): progress, then completed; a client that connects after the end
// gets the final event at once. Other requests are answered while a run works.
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setup } from './helpers';
import { AS_OF, HEALTH, healthApplicants, uploadJson, waitForRun } from './runs-support';

interface Sse {
  status: number;
  contentType: string;
  events: Array<{ event: string; data: Record<string, unknown> }>;
}

/** Reads the whole event stream (until the server ends it). */
function readEvents(port: number, path: string, cookie: string): Promise<Sse> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const events = text
          .split('\n\n')
          .filter((block) => block.startsWith('event:'))
          .map((block) => {
            const [eventLine, dataLine] = block.split('\n');
            return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as Record<string, unknown> };
          });
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), events });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('GET /runs/:id/events', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let server: Server;
  let port: number;
  let cookie: string;
  beforeAll(async () => {
    ctx = await setup({ seed: true });
    server = createServer(ctx.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'health-committee', password: 'correct horse battery' }) });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('streams progress to completion, and the final event at once to a late client', async () => {
    const agent = ctx.agents['health-committee']!;
    const applicants = healthApplicants(200).concat(healthApplicants(200).map((a) => ({ ...a, id: `B${a.id as string}` })));
    const hash = await uploadJson(agent, applicants);
    const started = await fetch(`http://127.0.0.1:${port}/api/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ rulesetId: HEALTH, asOf: AS_OF, upload: hash }) });
    expect(started.status).toBe(202);
    const { run } = (await started.json()) as { run: { id: string } };

    // Requests keep being answered while the run works.
    const [sse, health] = await Promise.all([readEvents(port, `/api/v1/runs/${run.id}/events`, cookie), fetch(`http://127.0.0.1:${port}/api/v1/health`)]);
    expect(health.status).toBe(200);
    expect(sse.status).toBe(200);
    expect(sse.contentType).toContain('text/event-stream');
    const last = sse.events.at(-1)!;
    expect(last.event).toBe('completed');
    expect(last.data.summary).toMatchObject({ rows: 400, evaluated: 400 });
    const progress = sse.events.slice(0, -1);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.event === 'progress' && e.data.total === 400)).toBe(true);
    const done = progress.map((e) => e.data.done as number);
    expect([...done].sort((a, b) => a - b)).toEqual(done);

    const late = await readEvents(port, `/api/v1/runs/${run.id}/events`, cookie);
    expect(late.events).toEqual([last]);
    expect((await waitForRun(agent, run.id)).status).toBe('completed');
  });

  it('sends failed { message } for a run that failed, and closes a run a stopped server left running', async () => {
    const version = ctx.store.rulesets.get(HEALTH, 1)!;
    const input = { hash: await ctx.store.blobs.put('[]'), name: 'x.json' };
    // A run record left "running" by a process that is gone: nobody carries it out.
    const orphan = await ctx.store.runs.start({ rulesetId: HEALTH, version: version.version, asOf: AS_OF, input }, { actor: 'health-committee', at: '2026-01-05T09:00:00.000Z' });
    const sse = await readEvents(port, `/api/v1/runs/${orphan.id}/events`, cookie);
    expect(sse.events).toEqual([{ event: 'failed', data: { message: expect.stringContaining('interrupted') } }]);
    expect(ctx.store.runs.get(orphan.id)).toMatchObject({ status: 'failed' });
    const results = await ctx.agents['health-committee']!.get(`/api/v1/runs/${orphan.id}/results`);
    expect(results.status).toBe(409);
    expect(results.body).toMatchObject({ code: 'RUN_NOT_FINISHED', details: { status: 'failed' } });
  });
});

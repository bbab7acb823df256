// The filing package (备案): built from a finalised session, byte-for-byte the same
// when built again from the same state, downloaded, and verified — by the API and by
// `pingshen filing verify` — down to the one file that was altered or added.
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesetHash, type Ruleset } from '../../../engine/index';
import { buildFilingPackage, collectFilingInputs, type FilingManifest } from '../../../server/committee/filing-package';
import { loadProcessPolicy } from '../../../server/committee/process-policy';
import { verifyPackage } from '../../../server/committee/verify-package';
import { sha256Address } from '../../../server/storage/index';
import { runCli, STACK, tempDir } from '../support/run-cli';
import { closedSession, setupClocked, type Clocked } from './closed-session';
import { documented } from './documented';

const binary = (res: { on(e: string, f: (c?: unknown) => void): void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

let ctx: Clocked;
let conforms: Awaited<ReturnType<typeof documented>>;
let sessionId: string;
let zip: Buffer;
let dir: Awaited<ReturnType<typeof tempDir>>;

/** The package with `change` applied to its files, re-zipped. */
async function altered(change: (z: JSZip) => Promise<void> | void): Promise<Buffer> {
  const z = await JSZip.loadAsync(zip);
  await change(z);
  return z.generateAsync({ type: 'nodebuffer' });
}

const verifyApi = (who: string, bytes: Buffer) => ctx.agents[who]!.post('/api/v1/sessions/filing/verify').set('Content-Type', 'application/octet-stream').send(bytes);

beforeAll(async () => {
  ctx = await setupClocked();
  conforms = await documented(ctx.app);
  dir = await tempDir();
  const session = await closedSession(ctx.store);
  sessionId = session.id;
  const admin = ctx.agents.admin!;
  await admin.post(`/api/v1/sessions/${sessionId}/publicity`).send({ start: '2026-09-30' });
  const early = await admin.post(`/api/v1/sessions/${sessionId}/filing`);
  expect(early.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'publicity', required: 'finalised' } });
  ctx.clock.now = '2026-10-13T01:00:00.000Z';
  await admin.post(`/api/v1/sessions/${sessionId}/finalise`);
});
afterAll(() => dir.remove());

describe('POST /sessions/{id}/filing', () => {
  it('builds the package of a finalised session and records it; the download is that zip', async () => {
    ctx.clock.now = '2026-10-14T02:00:00.000Z';
    const res = conforms('post', '/sessions/{id}/filing', await ctx.agents.admin!.post(`/api/v1/sessions/${sessionId}/filing`));
    expect(res.status).toBe(201);
    const manifest = res.body.manifest as FilingManifest;
    expect(manifest.files.map((f) => f.path)).toEqual([
      'audit-head.json',
      'draw.json',
      'meeting.json',
      'publicity.json',
      'results/publicity-list.xlsx',
      'results/results.json',
      'rules/health/health-deputy-senior/v1.json',
      'rules/hrss/bz-common/v1.json',
      'rules/versions.json',
      'session.json',
    ]);
    expect(res.body.filing).toMatchObject({ builtBy: 'admin', builtAt: '2026-10-14T02:00:00.000Z', package: { name: `${sessionId}-备案.zip` } });
    expect(ctx.store.sessions.get(sessionId)!.filing!.manifestHash).toBe(res.body.filing.manifestHash);

    const download = await ctx.agents.auditor!.get(`/api/v1/sessions/${sessionId}/filing`).buffer(true).parse(binary as never);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/zip');
    expect(download.headers['x-manifest-hash']).toBe(res.body.filing.manifestHash);
    zip = download.body as Buffer;
    expect(sha256Address(zip)).toBe(res.body.filing.package.hash);
    expect((await ctx.agents['health-committee']!.get(`/api/v1/sessions/${sessionId}/filing`)).status).toBe(200);
    expect((await ctx.agents['edu-committee']!.get(`/api/v1/sessions/${sessionId}/filing`)).status).toBe(403);
    const shown = conforms('get', '/sessions/{id}/filing/manifest', await ctx.agents['health-committee']!.get(`/api/v1/sessions/${sessionId}/filing/manifest`));
    expect(shown.body.manifest).toEqual(manifest);
  });

  it('holds what an auditor needs: the rule files matching their hashes, the draw seed, the tallies, the period, the audit head', async () => {
    const z = await JSZip.loadAsync(zip);
    const read = async (path: string) => JSON.parse(await z.file(path)!.async('string'));
    const versions = (await read('rules/versions.json')) as Array<{ id: string; version: number; hash: string; file: string; role: string }>;
    expect(versions.map((v) => [v.id, v.role])).toEqual([['health-deputy-senior', 'session'], ['bz-common', 'extended']]);
    for (const v of versions) expect(rulesetHash((await read(v.file)) as Ruleset), v.file).toBe(v.hash);
    expect(versions[0]!.hash).toBe(ctx.store.sessions.get(sessionId)!.rulesetHash);
    expect((await read('draw.json')).seed).toBe('ab'.repeat(16));
    expect((await read('meeting.json')).results.map((r: { votes: { yes: number } }) => r.votes.yes)).toEqual([16, 15, 20]);
    expect(await read('publicity.json')).toMatchObject({ start: '2026-09-30', end: '2026-10-12', workingDays: 5 });
    const results = await read('results/results.json');
    expect(results.publicityList.map((r: { applicantId: string }) => r.applicantId)).toEqual(['A1', 'A3']);
    // Each result with its verdict under the pass rule: both parts, the reasons of a candidate who did not pass.
    expect(results.passRule).toEqual({ requires: ['enginePassed', 'passVotes'] });
    expect(results.results.map((r: { applicantId: string; verdict: { passed: boolean; score: { state: string }; votes: { state: string } } }) => [r.applicantId, r.verdict.passed, r.verdict.score.state, r.verdict.votes.state])).toEqual([
      ['A1', true, 'passed', 'passed'],
      ['A2', false, 'passed', 'notPassed'],
      ['A3', true, 'passed', 'passed'],
    ]);
    expect(results.results[1].verdict.reasons[0].zh).toBe('同意 15 票，未达到出席评委 24 人的 2/3（需 16 票）');
    const head = await read('audit-head.json');
    expect(head.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const entry = (await ctx.agents.auditor!.get('/api/v1/audit/entries?action=session.finalise')).body.entries[0];
    expect(head.seq).toBe(entry.seq); // built right after finalising: the head is that entry
    expect(head.hash).toBe(entry.hash);
    const session = await read('session.json');
    expect(session).toMatchObject({ id: sessionId, status: 'finalised' });
    expect(session).not.toHaveProperty('filing');
  });

  it('is deterministic: the same session state gives the same bytes (entries dated at finalisation)', async () => {
    const session = ctx.store.sessions.get(sessionId)!;
    const inputs = await collectFilingInputs(ctx.store, session, loadProcessPolicy().policy.meeting.passRule);
    const a = await buildFilingPackage(inputs);
    const b = await buildFilingPackage(structuredClone(inputs));
    expect(Buffer.compare(a.zip, b.zip)).toBe(0);
    expect(a.manifestHash).toBe(b.manifestHash);
    const z = await JSZip.loadAsync(a.zip);
    z.forEach((_path, entry) => expect(entry.date.toISOString().slice(0, 10)).toBe('2026-10-13'));
  });
});

describe('verifying a package', () => {
  it('the package as built verifies OK with its manifest hash, and is the one recorded', async () => {
    const res = conforms('post', '/sessions/filing/verify', await verifyApi('auditor', zip));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, problems: [], manifestHash: ctx.store.sessions.get(sessionId)!.filing!.manifestHash, recorded: { matches: true } });
  });

  it('one byte altered inside one file is named; an unlisted extra file is named; a missing one too', async () => {
    const changed = await altered(async (z) => {
      const text = await z.file('meeting.json')!.async('string');
      z.file('meeting.json', text.replace('"yes": 16', '"yes": 17'));
    });
    const res = conforms('post', '/sessions/filing/verify', await verifyApi('admin', changed));
    expect(res.body).toMatchObject({ ok: false, problems: [{ file: 'meeting.json', reason: 'hash-mismatch' }], recorded: { matches: true } });
    expect(res.body.problems[0].message.zh).toContain('meeting.json');

    const extra = await verifyApi('admin', await altered((z) => void z.file('notes.txt', 'added later')));
    expect(extra.body).toMatchObject({ ok: false, problems: [{ file: 'notes.txt', reason: 'unlisted' }] });

    const missing = await verifyApi('admin', await altered((z) => void z.remove('draw.json')));
    expect(missing.body).toMatchObject({ ok: false, problems: [{ file: 'draw.json', reason: 'missing' }] });

    // A manifest edited to match an altered file changes the manifest hash: no longer the one recorded.
    const forged = await altered(async (z) => {
      const manifest = JSON.parse(await z.file('manifest.json')!.async('string')) as FilingManifest;
      const meeting = (await z.file('meeting.json')!.async('string')).replace('"yes": 16', '"yes": 17');
      z.file('meeting.json', meeting);
      const entry = manifest.files.find((f) => f.path === 'meeting.json')!;
      entry.sha256 = sha256Address(meeting);
      entry.size = Buffer.byteLength(meeting);
      z.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    });
    const res2 = await verifyApi('admin', forged);
    expect(res2.body).toMatchObject({ ok: true, recorded: { matches: false } });

    const noManifest = await verifyPackage(await altered((z) => void z.remove('manifest.json')));
    expect(noManifest).toMatchObject({ ok: false, manifestHash: null, problems: [{ file: 'manifest.json', reason: 'manifest-unreadable' }] });
  });

  it('a file that is not a zip → 422 PACKAGE_INVALID; a JSON body → UNSUPPORTED_MEDIA_TYPE, an empty one → VALIDATION_FAILED; committee members may not verify', async () => {
    const res = conforms('post', '/sessions/filing/verify', await verifyApi('admin', Buffer.from('this is not a zip file')));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'PACKAGE_INVALID', details: { text: { zh: expect.stringContaining('不是有效的备案包') } } });
    expect((await ctx.agents.admin!.post('/api/v1/sessions/filing/verify').send({})).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await verifyApi('admin', Buffer.alloc(0))).body.code).toBe('VALIDATION_FAILED');
    expect((await verifyApi('health-committee', zip)).status).toBe(403);
  });

  it('pingshen filing verify: OK and the manifest hash for the good package; each problem and exit 1 for a bad one', async () => {
    const good = dir.file('good.zip');
    await writeFile(good, zip);
    const ok = await runCli(['filing', 'verify', good]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe(`OK ${ctx.store.sessions.get(sessionId)!.filing!.manifestHash}`);

    const bad = dir.file('bad.zip');
    await writeFile(bad, await altered(async (z) => {
      z.file('publicity.json', (await z.file('publicity.json')!.async('string')).replace('2026-10-12', '2026-10-09'));
      z.file('extra.txt', 'x');
    }));
    const failed = await runCli(['filing', 'verify', bad, '--lang', 'en']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('publicity.json: sha256 differs from the manifest');
    expect(failed.stdout).toContain('extra.txt is not in the manifest');
    expect(failed.stdout.trim().split('\n').at(-1)).toMatch(/^Package verification failed: 2 problem\(s\)/);

    const notZip = dir.file('not.zip');
    await writeFile(notZip, 'hello');
    const invalid = await runCli(['filing', 'verify', notZip]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('不是有效的备案包');
    expect(invalid.stderr).not.toMatch(STACK);
    expect((await runCli(['filing', 'check', good])).code).toBe(2);
    expect((await runCli(['filing', 'verify', dir.file('nothing.zip')])).code).toBe(1);
  });
});

// Cross-site request forgery in real Chromium: the administrator is signed in to the
// studio on http://127.0.0.1:<port>; a page served from another port of the same host
// (same site, so the SameSite=Strict cookie goes along) auto-submits a form to approve
// an official's submitted version, and tries fetch with text/plain. Each is refused
// (CROSS_ORIGIN), the version stays submitted, and the server keeps answering.
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../engine/index';
import { launchBrowser, newPage, pageErrors, signIn } from './support/browser';
import { apiLogin, startServer, USERS, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;
let attacker: Server;
let attackerOrigin: string;
let version: number;
const ID = 'teacher-deputy-senior';

async function api<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/api/v1${path}`, { method, headers: { 'Content-Type': 'application/json', Cookie: cookie }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The attacker's page: a form that posts itself on load (text/plain, a JSON-looking body), and a no-cors fetch. */
function attackPage(target: string): string {
  return `<!doctype html><meta charset="utf-8"><title>优惠活动</title>
<form id="f" method="POST" action="${target}/approve" enctype="text/plain">
  <input type="hidden" name='{"comment":"' value='x"}'>
</form>
<script>
  window.fetchDone = fetch(${JSON.stringify(`${target}/approve`)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{}' })
    .then(() => 'sent', (e) => 'failed: ' + e)
    .then((r) => { window.fetchResult = r; if (location.hash !== '#noform') document.getElementById('f').submit(); });
</script>`;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // An official's draft, submitted: what the forged request would approve.
  const official = await apiLogin(server.origin, USERS.official.username, USERS.official.password);
  const { ruleset } = await api<{ ruleset: Ruleset }>(official, 'GET', `/rulesets/${ID}/versions/1`);
  const draft = structuredClone(ruleset);
  delete draft.status;
  const { record } = await api<{ record: { version: number } }>(official, 'POST', `/rulesets/${ID}/versions`, { ruleset: draft, basedOn: 1, note: '待审批的草稿' });
  version = record.version;
  await api(official, 'POST', `/rulesets/${ID}/versions/${version}/submit`, {});

  const target = `${server.origin}/api/v1/rulesets/${ID}/versions/${version}`;
  attacker = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(attackPage(target)));
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const address = attacker.address();
  attackerOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  attacker?.close();
});

describe('a page on another port of the same host, while the administrator is signed in', () => {
  it('cannot approve a submitted version: the form and the fetch are refused, nothing changes, the server answers', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.admin.username, USERS.admin.password);
    // The session cookie is there and would be sent: same site (127.0.0.1), other port.
    expect((await context.cookies(`${server.origin}/api/v1/`)).map((c) => c.name)).toContain('pingshen_session');

    const answer = page.waitForResponse((r) => r.url().endsWith('/approve') && r.request().method() === 'POST' && r.request().resourceType() === 'document');
    await page.goto(attackerOrigin);
    const refused = await answer;
    expect(refused.status()).toBe(403);
    const body = (await refused.json()) as { code: string; details: { origin: string } };
    expect(body).toMatchObject({ code: 'CROSS_ORIGIN', details: { origin: attackerOrigin } });

    const admin = await apiLogin(server.origin, USERS.admin.username, USERS.admin.password);
    const { versions } = await api<{ versions: Array<{ version: number; status: string }> }>(admin, 'GET', `/rulesets/${ID}/versions`);
    expect(versions.find((v) => v.version === version)?.status).toBe('submitted');
    const health = await fetch(`${server.origin}/api/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the text/plain fetch alone reaches the server and changes nothing', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await signIn(page, USERS.admin.username, USERS.admin.password);
    // The browser sends it with the cookie; the answer is kept from the page (Cross-Origin-Resource-Policy), so the request "fails" for it.
    const sent = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/approve') && r.method() === 'POST');
    await page.goto(`${attackerOrigin}/#noform`);
    const request = await sent;
    expect(request.headers()['content-type']).toBe('text/plain');
    await expect.poll(() => page.evaluate(() => (window as unknown as { fetchResult?: string }).fetchResult)).toMatch(/^failed/);
    const admin = await apiLogin(server.origin, USERS.admin.username, USERS.admin.password);
    const { versions } = await api<{ versions: Array<{ version: number; status: string }> }>(admin, 'GET', `/rulesets/${ID}/versions`);
    expect(versions.find((v) => v.version === version)?.status).toBe('submitted');
    await context.close();
  });
});

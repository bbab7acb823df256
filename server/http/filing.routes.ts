// /sessions/:id/filing…: the filing package (备案) of a finalised session
// (server/committee/filing-package.ts), built by an administrator, kept as a blob and
// recorded on the session with its manifest hash; downloaded by administrators,
// auditors and the session's own committee. Any package can be verified by uploading
// it (administrators, auditors): the same check as `pingshen filing verify`.
import { Router } from 'express';
import { collectFilingInputs, FilingError, MANIFEST, type FilingManifest } from '../committee/filing-package';
import { PackageInvalidError, verifyPackage } from '../committee/verify-package';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { runHeavy } from './heavy-work';
import { HttpError } from './errors';
import { rawFileBody } from './raw-body';
import { list, nullable, object, ok, sha256, text, time } from './openapi-responses';
import { sessionParams, visibleSession } from './publicity.routes';
import { allow, authenticate, currentUser } from './roles';
import { validate } from './validate-request';

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, config, policy } = ctx;
  const rawBody = rawFileBody(config.uploadLimit, ['application/octet-stream', 'application/zip']);
  router.use(authenticate(ctx));

  // Before /:id routes: "filing" is not a session id (the id pattern would refuse it anyway).
  router.post('/filing/verify', allow('admin', 'auditor'), rawBody, async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new HttpError('VALIDATION_FAILED', { zh: '请以 application/octet-stream 发送备案包（zip）的内容', en: 'Send the package (zip) as the request body with Content-Type application/octet-stream' }, { issues: [{ in: 'headers', pointer: '/content-type', message: 'must be application/octet-stream with a non-empty body' }] });
    }
    let result;
    try {
      result = await verifyPackage(req.body);
    } catch (err) {
      if (err instanceof PackageInvalidError) throw new HttpError('PACKAGE_INVALID', err.text, err.details);
      throw err;
    }
    // Whether this is the package Pingshen recorded for the session its manifest names.
    const recorded = result.session ? store.sessions.get(result.session.id)?.filing : undefined;
    res.json({ ...result, recorded: recorded ? { manifestHash: recorded.manifestHash, matches: recorded.manifestHash === result.manifestHash } : null });
  });

  router.post('/:id/filing', allow('admin'), validate({ params: sessionParams }), async (req, res) => {
    const user = currentUser(res);
    const session = visibleSession(ctx, res, req.params.id as string);
    let built;
    try {
      // Built on the worker pool (zip, workbook, hashes); the zip comes back as bytes.
      const made = await runHeavy(ctx, res, 'filingPackage', await collectFilingInputs(store, session, policy.meeting.passRule));
      built = { ...made, zip: Buffer.from(made.zip.buffer, made.zip.byteOffset, made.zip.byteLength) };
    } catch (err) {
      if (err instanceof FilingError) throw new HttpError(err.code, err.text, err.details);
      throw err;
    }
    const hash = await store.blobs.put(built.zip);
    const at = config.now();
    const changed = await store.sessions.change(
      session.id,
      'filing',
      (s) => {
        // Checked again inside the commit: the session cannot have left 'finalised', but say so if it did.
        if (s.status !== 'finalised') throw new HttpError('INVALID_TRANSITION', { zh: `评审会 ${s.id} 不是已确认状态`, en: `Review session ${s.id} is not finalised` }, { id: s.id, status: s.status });
        s.filing = { package: { hash, name: built.name }, manifestHash: built.manifestHash, builtBy: user.username, builtAt: at };
        return { package: hash, manifestHash: built.manifestHash, files: built.manifest.files.length, auditHead: built.manifest.files.find((f) => f.path === 'audit-head.json')?.sha256 };
      },
      { actor: user.username, at },
    );
    res.status(201).json({ filing: changed.filing, manifest: built.manifest });
  });

  router.get('/:id/filing', allow('admin', 'committee', 'auditor'), validate({ params: sessionParams }), async (req, res) => {
    const session = visibleSession(ctx, res, req.params.id as string);
    if (!session.filing) throw new HttpError('NOT_FOUND', { zh: `评审会 ${session.id} 还没有备案包`, en: `Review session ${session.id} has no filing package yet` }, { id: session.id });
    const bytes = await store.blobs.get(session.filing.package.hash);
    res.attachment(session.filing.package.name);
    res.set({ 'Content-Type': 'application/zip', 'X-Manifest-Hash': session.filing.manifestHash });
    res.send(bytes);
  });

  router.get('/:id/filing/manifest', allow('admin', 'committee', 'auditor'), validate({ params: sessionParams }), async (req, res) => {
    const session = visibleSession(ctx, res, req.params.id as string);
    if (!session.filing) throw new HttpError('NOT_FOUND', { zh: `评审会 ${session.id} 还没有备案包`, en: `Review session ${session.id} has no filing package yet` }, { id: session.id });
    const zip = await store.blobs.get(session.filing.package.hash);
    const { default: JSZip } = await import('jszip');
    const manifest = JSON.parse(await (await JSZip.loadAsync(zip)).file(MANIFEST)!.async('string')) as FilingManifest;
    res.json({ filing: session.filing, manifest });
  });
  return router;
}

const filingRecord = object(['package', 'manifestHash', 'builtBy', 'builtAt'], {
  package: object(['hash', 'name'], { hash: sha256, name: { type: 'string' } }),
  manifestHash: sha256,
  builtBy: { type: 'string' },
  builtAt: time,
});
const manifestSchema = object(['format', 'session', 'finalisedAt', 'files'], {
  format: { type: 'string' },
  session: object(['id', 'title'], { id: { type: 'string' }, title: { type: 'string' } }),
  finalisedAt: time,
  files: list(object(['path', 'sha256', 'size'], { path: { type: 'string' }, sha256, size: { type: 'integer' } })),
});

export const filingResource: CommitteeResource = {
  mount: '/sessions',
  router,
  routes: [
    { method: 'post', path: '/sessions/filing/verify', summary: 'Verify a filing package sent as the raw body (application/octet-stream) → { ok, manifestHash, problems: [{ file, reason, message }], recorded }; PACKAGE_INVALID when not a zip', roles: ['admin', 'auditor'] },
    { method: 'post', path: '/sessions/{id}/filing', summary: 'Build the filing package of a finalised session (results, ruleset versions and hashes, draw, tallies, publicity, audit head, manifest of sha256) and record it → 201 { filing, manifest }; audited', roles: ['admin'] },
    { method: 'get', path: '/sessions/{id}/filing', summary: 'Download the filing package (zip, attachment; X-Manifest-Hash) (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
    { method: 'get', path: '/sessions/{id}/filing/manifest', summary: "The recorded filing and its package's manifest (committee: own series)", roles: ['admin', 'committee', 'auditor'] },
  ],
  responses: {
    'post /sessions/filing/verify': ok(
      object(['ok', 'manifestHash', 'files', 'problems', 'recorded'], {
        ok: { type: 'boolean' },
        manifestHash: nullable(sha256),
        session: nullable({ type: 'object' }),
        files: { type: 'integer' },
        problems: list(object(['file', 'reason', 'message'], { file: { type: 'string' }, reason: { type: 'string' }, message: text })),
        recorded: nullable(object(['manifestHash', 'matches'], { manifestHash: sha256, matches: { type: 'boolean' } })),
      }),
    ),
    'post /sessions/{id}/filing': { status: 201, description: 'Built and recorded', schema: object(['filing', 'manifest'], { filing: filingRecord, manifest: manifestSchema }) },
    'get /sessions/{id}/filing': { status: 200, description: 'The package (attachment <id>-备案.zip)', contentType: 'application/zip' },
    'get /sessions/{id}/filing/manifest': ok(object(['filing', 'manifest'], { filing: filingRecord, manifest: manifestSchema })),
  },
};

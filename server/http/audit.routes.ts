// /audit: the chain's verification and its export as JSONL, for administrators
// and auditors. An export is itself audited.
import { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from './context';
import { allow, authenticate, currentUser } from './roles';

export function auditRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  router.use(authenticate(ctx), allow('admin', 'auditor'));

  router.get('/verify', async (_req, res) => {
    const { ok, entries, brokenAt, reason } = await store.audit.verify();
    res.json({ ok, entries, ...(brokenAt !== undefined ? { brokenAt } : {}), ...(reason !== undefined ? { reason } : {}) });
  });

  router.get('/export', async (_req, res) => {
    await store.audit.record({ at: config.now(), actor: currentUser(res).username, action: 'audit.export', target: 'audit', details: { head: store.audit.head().seq } });
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit.jsonl"');
    await pipeline(store.audit.exportJsonl(), res);
  });
  return router;
}

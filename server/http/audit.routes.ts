// /audit: the chain's verification, its entries page by page (newest first,
// filtered) and its export as JSONL, for administrators and auditors. An export
// is itself audited; reading a page is not (it hands out no copy of the log).
import { Router } from 'express';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { parseAnchor, type AuditEntry } from '../storage/index';
import type { AppContext } from './context';
import { allow, authenticate, currentUser } from './roles';
import { validate } from './validate-request';

const text = { type: 'string', minLength: 1, maxLength: 200 };
const entriesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    offset: { type: 'string', pattern: '^\\d{1,9}$' },
    limit: { type: 'string', pattern: '^([1-9]\\d{0,2}|1000)$' },
    /** Exact action, or a prefix ending in '.' (e.g. `ruleset.`). */
    action: text,
    actor: text,
    /** Substring of the target, e.g. a ruleset id. */
    target: text,
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
  },
};

const verifyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { anchor: { type: 'string', pattern: '^[1-9]\\d{0,11}:sha256:[0-9a-f]{64}$' } },
};

interface EntriesQuery {
  offset?: string;
  limit?: string;
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
}

function matches(entry: AuditEntry, q: EntriesQuery): boolean {
  if (q.action && !(q.action.endsWith('.') ? entry.action.startsWith(q.action) : entry.action === q.action)) return false;
  if (q.actor && entry.actor !== q.actor) return false;
  if (q.target && !entry.target.includes(q.target)) return false;
  const day = entry.at.slice(0, 10);
  if (q.from && day < q.from) return false;
  if (q.to && day > q.to) return false;
  return true;
}

export function auditRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  router.use(authenticate(ctx), allow('admin', 'auditor'));

  // ?anchor=<seq>:<hash>, a head copied out earlier (a filing package, a run record, this
  // page printed): the answer says whether the log still extends it. The head is
  // returned so that a reader can copy it out in turn.
  router.get('/verify', validate({ query: verifyQuery }), async (req, res) => {
    const anchor = typeof req.query.anchor === 'string' ? parseAnchor(req.query.anchor) : undefined;
    const head = store.audit.head();
    const { ok, entries, brokenAt, reason, pending, users } = await store.audit.verify(anchor);
    res.json({
      ok,
      entries,
      ...(brokenAt !== undefined ? { brokenAt } : {}),
      ...(reason !== undefined ? { reason } : {}),
      ...(pending ? { pending } : {}),
      ...(users ? { users } : {}),
      ...(anchor ? { anchor } : {}),
      head,
    });
  });

  router.get('/entries', validate({ query: entriesQuery }), async (req, res) => {
    const q = req.query as EntriesQuery;
    const offset = Number(q.offset ?? 0);
    const limit = Number(q.limit ?? 50);
    const found: AuditEntry[] = [];
    for await (const line of createInterface({ input: store.audit.exportJsonl(), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      let entry: AuditEntry;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        continue; // an unreadable line is what /verify reports
      }
      if (matches(entry, q)) found.push(entry);
    }
    found.reverse();
    res.json({ total: found.length, offset, limit, entries: found.slice(offset, offset + limit), head: store.audit.head() });
  });

  router.get('/export', async (_req, res) => {
    await store.audit.record({ at: config.now(), actor: currentUser(res).username, action: 'audit.export', target: 'audit', details: { head: store.audit.head().seq } });
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit.jsonl"');
    await pipeline(store.audit.exportJsonl(), res);
  });
  return router;
}

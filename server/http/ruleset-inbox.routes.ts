// GET /rulesets/inbox (待我处理): the caller's own work on rulesets — what
// administrators approve or publish, the drafts sent back to an official's department
// with the reason — with the people named by display name.
import { Router } from 'express';
import { inboxFor } from '../rules/ruleset-inbox';
import type { AppContext } from './context';
import { peopleOf } from './people';
import { allow, authenticate, currentUser } from './roles';
import { validate } from './validate-request';

const noQuery = { type: 'object', additionalProperties: false, properties: {} };

export function rulesetInboxRouter(ctx: AppContext): Router {
  const router = Router();
  const { store } = ctx;
  router.use(authenticate(ctx));

  router.get('/inbox', allow('admin', 'official'), validate({ query: noQuery }), (_req, res) => {
    const user = currentUser(res);
    const items = inboxFor({ role: user.role, ...(user.department !== undefined ? { department: user.department } : {}) }, store.rulesets.list(), (id) => store.rulesets.versions(id));
    const records = items.flatMap((i) => [store.rulesets.get(i.id, i.version), i.returned ? store.rulesets.get(i.id, i.returned.version) : undefined]).filter((r) => r !== undefined);
    res.json({ items, people: peopleOf(store, records) });
  });
  return router;
}

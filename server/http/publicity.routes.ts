// /sessions/:id/publicity…: the publicity period and list, and finalising a session. (skeleton)
import { Router } from 'express';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { authenticate } from './roles';

function router(ctx: AppContext): Router {
  const router = Router();
  router.use(authenticate(ctx));
  return router;
}

export const publicityResource: CommitteeResource = { mount: '/sessions', router, routes: [], responses: {} };

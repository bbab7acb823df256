// /sessions/:id/draw…: drawing a session's members from the pool, and verifying a draw. (skeleton)
import { Router } from 'express';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { authenticate } from './roles';

function router(ctx: AppContext): Router {
  const router = Router();
  router.use(authenticate(ctx));
  return router;
}

export const drawsResource: CommitteeResource = { mount: '/sessions', router, routes: [], responses: {} };

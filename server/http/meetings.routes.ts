// /sessions/:id/meeting…: attendance, committee scores and ballots. (skeleton)
import { Router } from 'express';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { authenticate } from './roles';

function router(ctx: AppContext): Router {
  const router = Router();
  router.use(authenticate(ctx));
  return router;
}

export const meetingsResource: CommitteeResource = { mount: '/sessions', router, routes: [], responses: {} };

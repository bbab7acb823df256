// /sessions/:id/filing…: the filing package (备案) of a finalised session. (skeleton)
import { Router } from 'express';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { authenticate } from './roles';

function router(ctx: AppContext): Router {
  const router = Router();
  router.use(authenticate(ctx));
  return router;
}

export const filingResource: CommitteeResource = { mount: '/sessions', router, routes: [], responses: {} };

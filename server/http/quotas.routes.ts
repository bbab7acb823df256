// /quotas: approved directional posts per unit × series × level. (skeleton)
import { Router } from 'express';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { authenticate } from './roles';

function router(ctx: AppContext): Router {
  const router = Router();
  router.use(authenticate(ctx));
  return router;
}

export const quotasResource: CommitteeResource = { mount: '/quotas', router, routes: [], responses: {} };

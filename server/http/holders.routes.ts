// /holders: directional title holders, appointment deadlines and where the title is valid. (skeleton)
import { Router } from 'express';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { authenticate } from './roles';

function router(ctx: AppContext): Router {
  const router = Router();
  router.use(authenticate(ctx));
  return router;
}

export const holdersResource: CommitteeResource = { mount: '/holders', router, routes: [], responses: {} };

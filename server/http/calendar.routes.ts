// /calendar: the working-day calendar (holidays, worked weekends, Xinjiang festivals) and working-day counts. (skeleton: filled in by the calendar work)
import { Router } from 'express';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { authenticate } from './roles';

function router(ctx: AppContext): Router {
  const router = Router();
  router.use(authenticate(ctx));
  return router;
}

export const calendarResource: CommitteeResource = { mount: '/calendar', router, routes: [], responses: {} };

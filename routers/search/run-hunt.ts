import { runHuntNow, ZHuntRunOutcome } from '../../services/search/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZHuntIdParam } from './hunts.schemas.ts';

// Running a saved hunt reads, like POST /search/kql: viewers may run the hunts analysts wrote.
export const runHuntProcedure = orgProcedure('hunts:read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/hunts/{id}/run',
      tags: ['hunts'],
      summary: 'Run a hunt now over [now − lookback, now]: the rows, and the run recorded in its history',
      description:
        "The rows come as POST /search/kql returns them (at most 1,000; `truncated` says when there were more). A query that fails at run time (timeout, too large) is recorded as an error run and answered with `result: null` and the run's error_type. A run on demand raises no alert. The query is audited.",
    },
  })
  .input(ZHuntIdParam)
  .output(ZHuntRunOutcome)
  .mutation(({ ctx, input }) => runHuntNow(ctx.service, input.id));

import { z } from 'zod';
import { getHunt, listHuntRunHistory, listOrgHunts, ZHunt, ZHuntRunPage } from '../../services/search/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZHuntIdParam, ZHuntListQuery, ZHuntRunsQuery } from './hunts.schemas.ts';

export const listHuntsProcedure = orgProcedure('hunts:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/hunts',
      tags: ['hunts'],
      summary: "Your organisation's saved hunts (KQL with a lookback, optionally scheduled)",
      description: '`?enabled=true|false`, `?scheduled=true|false`. Oldest first, at most 500.',
    },
  })
  .input(ZHuntListQuery)
  .output(z.array(ZHunt))
  .query(({ ctx, input }) => listOrgHunts(ctx.service, input));

export const getHuntProcedure = orgProcedure('hunts:read')
  .meta({ openapi: { method: 'GET', path: '/api/hunts/{id}', tags: ['hunts'], summary: 'One saved hunt (404 when it is not yours)' } })
  .input(ZHuntIdParam)
  .output(ZHunt)
  .query(({ ctx, input }) => getHunt(ctx.service, input.id));

export const listHuntRunsProcedure = orgProcedure('hunts:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/hunts/{id}/runs',
      tags: ['hunts'],
      summary: "A hunt's run history, newest first: window, rows, new rows, error, the alert raised",
      description: "`?limit=` (1–200, default 50), `?before_id=` the previous page's next_cursor.",
    },
  })
  .input(ZHuntRunsQuery)
  .output(ZHuntRunPage)
  .query(({ ctx, input }) => listHuntRunHistory(ctx.service, input.id, { limit: input.limit, beforeId: input.before_id }));

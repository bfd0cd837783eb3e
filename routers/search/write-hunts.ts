import { createHunt, patchHunt, removeHunt, ZHunt, ZHuntCreateInput, ZHuntDeleted, ZHuntPatchInput } from '../../services/search/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZHuntIdParam } from './hunts.schemas.ts';

export const createHuntProcedure = orgProcedure('hunts:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/hunts',
      tags: ['hunts'],
      summary: 'Save a hunt (analyst; audited): KQL, lookback, and a schedule to make it a detection',
      description:
        'The query is compiled on save: a syntax error, an unknown table or field, a type error or an operator Vigil does not run yet is a 400 naming `query` with the diagnostic (line, column). With `schedule`, the hunt runs by itself that often (first run within a minute) over its lookback and raises one alert per run that returns rows no earlier run alerted on. 201. 409 when the name is taken.',
    },
  })
  .input(ZHuntCreateInput)
  .output(ZHunt)
  .mutation(async ({ ctx, input }) => {
    ctx.response.status = 201;
    return createHunt(ctx.service, input);
  });

export const updateHuntProcedure = orgProcedure('hunts:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/hunts/{id}',
      tags: ['hunts'],
      summary: 'Change a hunt: any subset of the create fields (audited)',
      description:
        'A new query is compiled like a new hunt. `schedule: null` stops the schedule; a new schedule runs within a minute; `enabled: false` pauses it (runs on demand still work).',
    },
  })
  .input(ZHuntIdParam.extend(ZHuntPatchInput.shape))
  .output(ZHunt)
  .mutation(({ ctx, input }) => {
    const { id, ...patch } = input;
    return patchHunt(ctx.service, id, patch);
  });

export const deleteHuntProcedure = orgProcedure('hunts:write')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/hunts/{id}',
      tags: ['hunts'],
      summary: 'Delete a hunt with its run history (the alerts it raised stay; audited)',
    },
  })
  .input(ZHuntIdParam)
  .output(ZHuntDeleted)
  .mutation(({ ctx, input }) => removeHunt(ctx.service, input.id));

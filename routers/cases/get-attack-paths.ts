import { z } from 'zod';
import { getAttackPaths, ZAttackPaths } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZTimeParam } from './incidents.schemas.ts';

export const getAttackPathsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/incidents/attack-paths',
      tags: ['incidents'],
      summary: 'Attack paths (Mini-XDR): source IPs → target hosts → ports/services, and ATT&CK techniques, with counts',
      description:
        'Built from the events of the incidents created in since/until (7 days by default, 31 at most; the newest 200 incidents). At most 300 nodes and 600 edges, busiest first; truncated says whether some were dropped.',
    },
  })
  .input(z.object({ since: ZTimeParam.optional(), until: ZTimeParam.optional() }))
  .output(ZAttackPaths)
  .query(({ ctx, input }) => getAttackPaths(ctx.service, input));

import { z } from 'zod';
import { revokeOrgApiKey, ZApiKey } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';

export const revokeApiKeyProcedure = orgProcedure('api_keys:manage')
  .meta({ openapi: { method: 'DELETE', path: '/api/keys/{key_id}', tags: ['api-keys'], summary: 'Revoke an API key (admin); it stops working at once' } })
  .input(z.object({ key_id: z.uuid() }))
  .output(ZApiKey)
  .mutation(({ ctx, input }) => revokeOrgApiKey(ctx.service, input.key_id));

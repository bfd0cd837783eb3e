import { z } from 'zod';
import { ROLES } from '../../core/permissions.ts';
import { createApiKey, ZApiKey } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';

export const createApiKeyProcedure = orgProcedure('api_keys:manage')
  .meta({ openapi: { method: 'POST', path: '/api/keys', tags: ['api-keys'], summary: 'Create an API key (admin); the key is shown once' } })
  .input(z.object({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES).default('analyst') }))
  .output(ZApiKey.extend({ key: z.string().describe('Send as x-api-key. Shown only in this response.') }))
  .mutation(async ({ ctx, input }) => {
    const { apiKey, key } = await createApiKey(ctx.service, input);
    ctx.response.status = 201;
    return { ...apiKey, key };
  });

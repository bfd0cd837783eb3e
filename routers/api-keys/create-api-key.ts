import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { createApiKey } from '../../services/api-keys/api-keys.service.ts';
import { ROLES } from '../../services/auth/permissions.ts';
import { toApiKeyDto, ZApiKey } from './api-keys.schemas.ts';

export const createApiKeyProcedure = orgProcedure('api_keys:manage')
  .meta({ openapi: { method: 'POST', path: '/api/keys', tags: ['api-keys'], summary: 'Create an API key (admin); the key is shown once' } })
  .input(z.object({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES).default('analyst') }))
  .output(ZApiKey.extend({ key: z.string().describe('Send as x-api-key. Shown only in this response.') }))
  .mutation(async ({ ctx, input }) => {
    const { row, key } = await createApiKey(orgContext(ctx), input);
    ctx.response.status = 201;
    return { ...toApiKeyDto(row), key };
  });

import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { listOrgApiKeys } from '../../services/api-keys/api-keys.service.ts';
import { toApiKeyDto, ZApiKey } from './api-keys.schemas.ts';

export const listApiKeysProcedure = orgProcedure('api_keys:manage')
  .meta({ openapi: { method: 'GET', path: '/api/keys', tags: ['api-keys'], summary: "The organisation's API keys (admin), revoked ones included" } })
  .input(z.void())
  .output(z.array(ZApiKey))
  .query(async ({ ctx }) => (await listOrgApiKeys(orgContext(ctx))).map(toApiKeyDto));

import { z } from 'zod';
import { listOrgApiKeys } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';
import { toApiKeyDto, ZApiKey } from './api-keys.schemas.ts';

export const listApiKeysProcedure = orgProcedure('api_keys:manage')
  .meta({ openapi: { method: 'GET', path: '/api/keys', tags: ['api-keys'], summary: "The organisation's API keys (admin), revoked ones included" } })
  .input(z.void())
  .output(z.array(ZApiKey))
  .query(async ({ ctx }) => (await listOrgApiKeys(ctx.service)).map(toApiKeyDto));

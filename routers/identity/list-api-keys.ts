import { z } from 'zod';
import { listOrgApiKeys, ZApiKey } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listApiKeysProcedure = orgProcedure('api_keys:manage')
  .meta({ openapi: { method: 'GET', path: '/api/keys', tags: ['api-keys'], summary: "The organisation's API keys (admin), revoked ones included" } })
  .input(z.void())
  .output(z.array(ZApiKey))
  .query(({ ctx }) => listOrgApiKeys(ctx.service));

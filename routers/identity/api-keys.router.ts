import { router } from '../trpc.ts';
import { createApiKeyProcedure } from './create-api-key.ts';
import { listApiKeysProcedure } from './list-api-keys.ts';
import { revokeApiKeyProcedure } from './revoke-api-key.ts';

export const apiKeysRouter = router({
  create: createApiKeyProcedure,
  list: listApiKeysProcedure,
  revoke: revokeApiKeyProcedure,
});

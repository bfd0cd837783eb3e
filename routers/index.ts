import { router } from '../server/trpc.ts';
import { agentsRouter } from './agents/index.ts';
import { alertsRouter } from './alerts/index.ts';
import { apiKeysRouter } from './api-keys/index.ts';
import { auditRouter } from './audit/index.ts';
import { authRouter } from './auth/index.ts';
import { incidentsRouter } from './incidents/index.ts';
import { ingestRouter } from './ingest/index.ts';
import { networkRouter } from './network/index.ts';
import { settingsRouter } from './settings/index.ts';
import { systemRouter } from './system/index.ts';
import { usersRouter } from './users/index.ts';

/**
 * Static REST paths must be declared before their parameterised siblings (`/incidents/real` before
 * `/incidents/{id}`): trpc-to-openapi matches in declaration order.
 */
export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  ingest: ingestRouter,
  agents: agentsRouter,
  network: networkRouter,
  alerts: alertsRouter,
  incidents: incidentsRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;

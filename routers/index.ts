import { agentsRouter } from './agents/index.ts';
import { alertsRouter } from './alerts/index.ts';
import { incidentsRouter } from './cases/index.ts';
import { networkRouter } from './events/index.ts';
import { apiKeysRouter } from './identity/api-keys.router.ts';
import { auditRouter } from './identity/audit.router.ts';
import { authRouter } from './identity/auth.router.ts';
import { usersRouter } from './identity/users.router.ts';
import { ingestRouter } from './ingest/index.ts';
import { responseRouter } from './response/index.ts';
import { rulesRouter } from './rules/index.ts';
import { searchRouter } from './search/index.ts';
import { settingsRouter } from './settings/index.ts';
import { systemRouter } from './system/index.ts';
import { triggersRouter } from './triggers/index.ts';
import { router } from './trpc.ts';
import { webhooksRouter } from './webhooks/index.ts';

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
  response: responseRouter,
  rules: rulesRouter,
  settings: settingsRouter,
  webhooks: webhooksRouter,
  triggers: triggersRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;

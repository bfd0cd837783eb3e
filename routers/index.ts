import { router } from '../server/trpc.ts';
import { systemRouter } from './system/index.ts';

/**
 * Static REST paths must be declared before their parameterised siblings (`/incidents/real` before
 * `/incidents/{id}`): trpc-to-openapi matches in declaration order.
 */
export const appRouter = router({
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

import type { ServiceDeps } from '../../core/context.ts';
import { expireOverdueEverywhere } from './agent-queue/sweep.service.ts';
import { redispatchStranded } from './redispatch.service.ts';

/** The minute sweep: agent commands nobody picked up expire, actions a stopped process left half-dispatched run again. */
export async function sweepResponses(deps: ServiceDeps): Promise<{ expiredOrgs: number; redispatched: number }> {
  return { expiredOrgs: await expireOverdueEverywhere(deps), redispatched: await redispatchStranded(deps) };
}

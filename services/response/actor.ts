import type { OrgServiceContext } from '../../core/context.ts';

/** Who moved an action: a caller, or Vigil itself (a job lifting an expired block, an agent's report). */
export type Actor = { id: string | null; type: string };

export const SYSTEM_ACTOR: Actor = { id: null, type: 'system' };

export function callerActor(ctx: OrgServiceContext): Actor {
  return { id: ctx.principal.actorId, type: ctx.principal.actorType };
}

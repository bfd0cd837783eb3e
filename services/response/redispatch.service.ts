import type { ServiceDeps } from '../../core/context.ts';
import { unsafeStrandedDispatches } from '../../db/unsafe/response-sweep.ts';
import { dispatchActionContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { moveAction } from './transitions.ts';

/** Longer than any enforcement point takes to answer (an SSH round trip is seconds). */
export const STRANDED_AFTER_MINUTES = 5;

/**
 * An action claimed for dispatch whose outcome was never recorded was cut off by a stopped process. It goes
 * back to requested, with the reason in its transitions, and its dispatch job runs again: applying a block or
 * an isolation twice is harmless at every adapter, leaving it stranded is not. Returns how many.
 */
export async function redispatchStranded(deps: ServiceDeps): Promise<number> {
  const stranded = await unsafeStrandedDispatches(deps.db, STRANDED_AFTER_MINUTES, 500);
  for (const { orgId, actionId } of stranded) {
    await deps.db.transaction().execute(async (trx) => {
      const detail = `no outcome recorded ${STRANDED_AFTER_MINUTES} minutes after the claim (the process stopped?): dispatching again`;
      if (await moveAction(trx, orgId, actionId, ['dispatched'], 'requested', SYSTEM_ACTOR, detail)) {
        await enqueue(trx, dispatchActionContract, { v: 1, orgId, actionId }, { jobKey: `response:dispatch:${actionId}`, maxAttempts: 5 });
      }
    });
  }
  return stranded.length;
}

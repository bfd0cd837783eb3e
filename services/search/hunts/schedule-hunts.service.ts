import type { ServiceDeps } from '../../../core/context.ts';
import { unsafeClaimDueHunts, unsafePruneAlertedRows } from '../../../db/unsafe/due-hunts.ts';
import { runHuntContract } from '../../../jobs/contracts.ts';
import { enqueue } from '../../../jobs/enqueue.ts';

/** One scheduler pass claims at most this many hunts; the rest stay due for the next minute. */
const MAX_HUNTS_PER_PASS = 500;
/** A run that fails for a reason other than its query (the database away) is retried this many times in all. */
const RUN_ATTEMPTS = 3;

/**
 * search__run_due_hunts (every minute): claims the hunts whose slot has come, moves each to its next slot and queues
 * its run, in one transaction, so a slot is never lost (a crash rolls the claim back) nor queued twice (the claim
 * skips hunts another scheduler holds). The run's job key is the hunt: a run still waiting is replaced by the newer
 * window rather than queued behind it. Also forgets ledger keys too old to come back. Returns the hunts queued.
 */
export async function scheduleDueHunts(deps: ServiceDeps): Promise<number> {
  const queued = await deps.db.transaction().execute(async (trx) => {
    const due = await unsafeClaimDueHunts(trx, MAX_HUNTS_PER_PASS);
    for (const hunt of due) {
      await enqueue(
        trx,
        runHuntContract,
        { v: 1, orgId: hunt.org_id, huntId: hunt.id, windowEnd: hunt.window_end.toISOString() },
        { jobKey: `search__run_hunt:${hunt.id}`, maxAttempts: RUN_ATTEMPTS },
      );
    }
    return due.length;
  });
  await unsafePruneAlertedRows(deps.db);
  return queued;
}

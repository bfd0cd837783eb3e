import type { ServiceDeps } from '../../core/context.ts';
import type { OrgId } from '../../core/database.ts';
import { findResponseAction } from '../../db/repos/response-actions.repo.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { revertAction } from './revert-action.service.ts';

/**
 * The durable end of a timed action (run by a job at its expiry, so a restart in between changes
 * nothing): the inverse runs at the enforcement points, which may already have dropped it by
 * themselves. A failed inverse throws, so the job retries with backoff.
 */
export async function expireAction(deps: ServiceDeps, orgId: OrgId, actionId: number): Promise<void> {
  const action = await findResponseAction(deps.db, orgId, actionId);
  if (action?.status !== 'completed' || !action.expires_at) return;
  if (action.expires_at.getTime() > Date.now()) return;
  const inverse = await revertAction(deps, orgId, SYSTEM_ACTOR, actionId, 'expiry');
  if (inverse.status !== 'completed')
    throw new Error(`lifting ${action.action_type} #${actionId} did not complete: ${inverse.status} (${inverse.status_detail ?? ''})`);
}

import type { ServiceDeps } from '../../../core/context.ts';
import { unsafeOrgsWithOverdueEndpointActions } from '../../../db/unsafe/response-sweep.ts';
import { expireOverdue } from './settle.ts';

/**
 * Agent commands nobody picked up in time expire even when no agent polls again (a silent host), so the
 * response actions waiting on them end as failed instead of hanging. Returns the organisations swept.
 */
export async function expireOverdueEverywhere(deps: ServiceDeps): Promise<number> {
  const orgs = await unsafeOrgsWithOverdueEndpointActions(deps.db, 500);
  for (const orgId of orgs) await expireOverdue(deps, orgId);
  return orgs.length;
}

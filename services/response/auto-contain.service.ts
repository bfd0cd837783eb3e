import type { ServiceDeps } from '../../core/context.ts';
import type { OrgId } from '../../core/database.ts';
import type { ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import { incidentTarget, noteResponseOnIncident, type ResponseNote } from '../cases/index.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { executeAction } from './request-action.service.ts';

function journal(deps: ServiceDeps, orgId: OrgId, incidentId: number, note: ResponseNote): Promise<void> {
  return deps.db.transaction().execute((trx) => noteResponseOnIncident(trx, orgId, incidentId, note, { contains: false, automatic: true }));
}

/**
 * Auto-containment of a new incident: its source address blocked through the analysts' path, so guard
 * rails, the hourly budget and the lifecycle apply. What it did, or why it could not, is journalled on
 * the incident either way (a completed block also contains it).
 */
export async function autoContainIncident(deps: ServiceDeps, orgId: OrgId, incidentId: number): Promise<ResponseActionRow | null> {
  const incident = await incidentTarget(deps.db, orgId, incidentId);
  const ip = incident?.src_ip ?? (incident?.entity_type === 'src_ip' ? incident.entity_value : null);
  if (!incident || !ip) return null;
  try {
    const action = await executeAction(deps, orgId, SYSTEM_ACTOR, { type: 'block_ip', target: ip, targetField: 'src_ip', incidentId, source: 'auto_contain' });
    if (action.status !== 'completed') {
      await journal(deps, orgId, incidentId, {
        action_id: action.id,
        action: action.action_type,
        target: ip,
        status: action.status,
        detail: action.status_detail,
      });
    }
    return action;
  } catch (error) {
    const detail = `auto-containment refused: ${error instanceof Error ? error.message : String(error)}`;
    await journal(deps, orgId, incidentId, { action_id: 0, action: 'block_ip', target: ip, status: 'refused', detail });
    return null;
  }
}

import type { Executor, OrgId } from '../../core/database.ts';
import { insertTimelineEntry } from '../../db/repos/incident-timeline.repo.ts';
import { findIncident, lockIncident, updateIncident } from '../../db/repos/incidents.repo.ts';
import { emitWebhookEvent, incidentEventData } from '../webhooks/index.ts';
import { TRANSITIONS } from './lifecycle.ts';

export type IncidentTarget = { id: number; src_ip: string | null; entity_type: string | null; entity_value: string | null; status: string };

/** The incident a response route acts on: its attacker address and entity. Undefined when not the organisation's. */
export async function incidentTarget(db: Executor, orgId: OrgId, incidentId: number): Promise<IncidentTarget | undefined> {
  const row = await findIncident(db, orgId, incidentId);
  return row && { id: row.id, src_ip: row.src_ip, entity_type: row.entity_type, entity_value: row.entity_value, status: row.status };
}

export type ResponseNote = { action_id: number; action: string; target: string; status: string; detail: string | null };

/**
 * Journals a response action's outcome on its incident, on the caller's transaction. A completed
 * containment moves the incident to contained where the lifecycle allows it (an open, triaged or
 * investigated incident; never a closed one), and marks it auto-contained when automation did it.
 */
export async function noteResponseOnIncident(
  trx: Executor,
  orgId: OrgId,
  incidentId: number,
  note: ResponseNote,
  effect: { contains: boolean; automatic: boolean },
): Promise<void> {
  const incident = await lockIncident(trx, orgId, incidentId);
  if (!incident) return;
  await insertTimelineEntry(trx, orgId, incidentId, { actorType: 'system', actorId: 'response', kind: 'response_action', detail: note });
  const contain = effect.contains && note.status === 'completed' && (TRANSITIONS[incident.status as keyof typeof TRANSITIONS] ?? []).includes('contained');
  const updated = await updateIncident(trx, orgId, incidentId, {
    last_action: note.action,
    ...(contain ? { status: 'contained' } : {}),
    ...(contain && effect.automatic ? { auto_contained: true } : {}),
  });
  if (!contain || !updated) return;
  await insertTimelineEntry(trx, orgId, incidentId, {
    actorType: 'system',
    actorId: 'response',
    kind: 'status_changed',
    detail: { from: incident.status, to: 'contained' },
  });
  await emitWebhookEvent(trx, orgId, 'incident.contained', { ...incidentEventData(updated), response_action_id: note.action_id, action: note.action });
}

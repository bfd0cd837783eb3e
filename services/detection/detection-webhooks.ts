import type { Executor, OrgId } from '../../core/database.ts';
import { selectAlertsByIds, selectIncidentsByIds } from '../../db/queries/detection.ts';
import type { IncidentRow } from '../../db/repos/incidents.repo.ts';
import {
  alertEventData,
  emitWebhookEvents,
  escalationEventData,
  incidentEventData,
  isEscalation,
  type WebhookEvent,
  type WebhookEventType,
  watchedWebhookEvents,
} from '../webhooks/index.ts';
import type { AppliedPlan } from './apply-plan.ts';
import type { DetectionPlan } from './detection-plan.types.ts';

const DETECTION_EVENTS: readonly WebhookEventType[] = ['incident.created', 'incident.escalated', 'alert.created'];

/** What a pass needs before it writes: the events someone listens to, and the touched incidents as they were. */
export type PendingDetectionWebhooks = { watched: Set<WebhookEventType>; before: Map<number, IncidentRow> };

/** One query when nobody listens (then null: the pass emits nothing and reads nothing more). */
export async function prepareDetectionWebhooks(trx: Executor, orgId: OrgId, plan: DetectionPlan): Promise<PendingDetectionWebhooks | null> {
  const watched = await watchedWebhookEvents(trx, orgId, DETECTION_EVENTS);
  if (watched.size === 0) return null;
  const existing = watched.has('incident.escalated') ? plan.rollups.flatMap((ref) => (ref.kind === 'existing' ? [ref.id] : [])) : [];
  const before = await selectIncidentsByIds(trx, orgId, existing);
  return { watched, before: new Map(before.map((row) => [Number(row.id), row])) };
}

/** After the pass wrote (roll-ups included), on its transaction: incident.created, incident.escalated, alert.created. */
export async function emitDetectionWebhooks(trx: Executor, orgId: OrgId, pending: PendingDetectionWebhooks, applied: AppliedPlan): Promise<void> {
  const { watched, before } = pending;
  const created = watched.has('incident.created') ? applied.createdIncidentIds : [];
  const incidents = new Map((await selectIncidentsByIds(trx, orgId, [...new Set([...created, ...before.keys()])])).map((row) => [Number(row.id), row]));
  const events: WebhookEvent[] = [];
  for (const id of created) {
    const row = incidents.get(id);
    if (row) events.push({ eventType: 'incident.created', data: { ...incidentEventData(row), origin: 'detection' } });
  }
  for (const [id, old] of before) {
    const row = incidents.get(id);
    if (row && isEscalation(old.escalation_level, row.escalation_level))
      events.push({ eventType: 'incident.escalated', data: escalationEventData(old, row, 'detection') });
  }
  if (watched.has('alert.created')) {
    for (const alert of await selectAlertsByIds(trx, orgId, applied.insertedAlertIds)) events.push({ eventType: 'alert.created', data: alertEventData(alert) });
  }
  await emitWebhookEvents(trx, orgId, events);
}

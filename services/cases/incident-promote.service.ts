import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { type AlertRow, lockAlert, updateAlert } from '../../db/repos/alerts.repo.ts';
import { findOrgEventRow } from '../../db/repos/events.repo.ts';
import { addIncidentItem } from '../../db/repos/incident-items.repo.ts';
import { findIncident, findIncidentByOrigin, type IncidentRow, insertIncidentOnce } from '../../db/repos/incidents.repo.ts';
import { toNetworkEventDto } from '../events/index.ts';
import { emitWebhookEvent, incidentEventData } from '../webhooks/index.ts';
import { alertRisk } from './alert-risk.ts';
import type { IncidentDto } from './incident.dto.ts';
import { auditIncident, journal } from './incident-journal.ts';
import { queueTriggerEvaluation } from './incident-triggers.ts';
import { incidentDto } from './incidents-read.service.ts';
import { type StatusVocabulary, severityFromEventLevel } from './lifecycle.ts';
import { callerVocabulary } from './status-vocabulary.ts';

export type Promoted = { incident: IncidentDto; created: boolean };

async function existingForAlert(trx: Executor, ctx: OrgServiceContext, alert: AlertRow): Promise<IncidentRow | undefined> {
  const linked = alert.incident_id === null ? undefined : await findIncident(trx, ctx.orgId, Number(alert.incident_id));
  return linked ?? findIncidentByOrigin(trx, ctx.orgId, `alert:${alert.id}`);
}

/**
 * POST /incidents/from-alert/{alert_id}: an alert already filed under an incident (by detection or an earlier
 * call) returns that incident; otherwise one incident is made from it. The alert's row lock makes racing calls agree.
 */
export async function incidentFromAlert(
  ctx: OrgServiceContext,
  alertId: number,
  vocabulary: StatusVocabulary = callerVocabulary(ctx.principal),
): Promise<Promoted> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const alert = await lockAlert(trx, ctx.orgId, alertId);
    if (!alert) throw new AppError('NOT_FOUND', `Alert ${alertId} not found`);
    const existing = await existingForAlert(trx, ctx, alert);
    if (existing) return { incident: await incidentDto(ctx, existing, vocabulary, trx), created: false };
    const risk = alertRisk(alert);
    const row = await insertIncidentOnce(trx, ctx.orgId, {
      origin: `alert:${alert.id}`,
      title: `Alert ${alert.id}: ${alert.title}`,
      description: alert.description,
      reason: alert.description ?? alert.title,
      src_ip: alert.src_ip,
      entity_type: alert.entity_type,
      entity_value: alert.entity_value,
      threat_category: alert.category,
      severity: alert.severity,
      escalation_level: risk.escalationLevel,
      risk_score: risk.score,
      risk_evidence: JSON.stringify(risk.contributions),
      mitre: alert.mitre,
      assigned_to: alert.assigned_to,
      tags: ['alert'],
      created_by: ctx.principal.actorId,
      alert_count: 1,
      event_count: alert.occurrences,
      first_seen_at: alert.first_seen_at,
      last_seen_at: alert.last_seen_at,
    });
    if (!row) throw new AppError('CONFLICT', `Alert ${alertId} is being promoted by another request; retry`);
    const id = Number(row.id);
    await updateAlert(trx, ctx.orgId, alert.id, { incident_id: id });
    await addIncidentItem(trx, ctx.orgId, id, { kind: 'alert', refId: String(alert.id) });
    await journal(trx, ctx, id, 'created', { from: 'alert', alert_id: alert.id, title: row.title });
    await journal(trx, ctx, id, 'alert_added', { alert_id: alert.id, title: alert.title });
    await auditIncident(trx, ctx, id, 'incident.created_from_alert', { alert_id: alert.id });
    await emitWebhookEvent(trx, ctx.orgId, 'incident.created', { ...incidentEventData(row), origin: 'alert', alert_id: Number(alert.id) });
    await queueTriggerEvaluation(trx, ctx.orgId, row, 'created');
    return { incident: await incidentDto(ctx, row, vocabulary, trx), created: true };
  });
}

/**
 * POST /incidents/from-network-event/{event_id}: one incident per network event (channel `network`) of the
 * organisation, its severity from the event's; the unique origin makes a repeat or a racing call return it.
 */
export async function incidentFromNetworkEvent(
  ctx: OrgServiceContext,
  eventId: number,
  vocabulary: StatusVocabulary = callerVocabulary(ctx.principal),
): Promise<Promoted> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const origin = `network_event:${eventId}`;
    const existing = await findIncidentByOrigin(trx, ctx.orgId, origin);
    if (existing) return { incident: await incidentDto(ctx, existing, vocabulary, trx), created: false };
    const row = await findOrgEventRow(trx, ctx.orgId, eventId, 'network');
    if (!row) throw new AppError('NOT_FOUND', `Network event ${eventId} not found`);
    const event = toNetworkEventDto(row);
    const severity = severityFromEventLevel(row.severity);
    const description = event.signature ?? event.message ?? `${event.source} ${event.event_type} from ${event.src_ip ?? 'unknown'}`;
    const inserted = await insertIncidentOnce(trx, ctx.orgId, {
      origin,
      title: `Network event ${eventId} (${event.source}/${event.event_type})`,
      description,
      reason: description,
      src_ip: row.src_ip,
      entity_type: row.src_ip === null ? null : 'src_ip',
      entity_value: row.src_ip,
      threat_category: event.category,
      severity,
      escalation_level: severity,
      tags: ['network'],
      created_by: ctx.principal.actorId,
      event_count: 1,
      first_seen_at: row.occurred_at,
      last_seen_at: row.occurred_at,
    });
    const incident = inserted ?? (await findIncidentByOrigin(trx, ctx.orgId, origin));
    if (!incident) throw new AppError('CONFLICT', `Network event ${eventId} is being promoted by another request; retry`);
    if (!inserted) return { incident: await incidentDto(ctx, incident, vocabulary, trx), created: false };
    const id = Number(inserted.id);
    await addIncidentItem(trx, ctx.orgId, id, { kind: 'network_event', refId: String(eventId) });
    await journal(trx, ctx, id, 'created', { from: 'network_event', event_id: eventId, title: inserted.title });
    await auditIncident(trx, ctx, id, 'incident.created_from_network_event', { event_id: eventId });
    await emitWebhookEvent(trx, ctx.orgId, 'incident.created', { ...incidentEventData(inserted), origin: 'network_event', event_id: eventId });
    await queueTriggerEvaluation(trx, ctx.orgId, inserted, 'created');
    return { incident: await incidentDto(ctx, inserted, vocabulary, trx), created: true };
  });
}

import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { addIncidentItem } from '../../db/repos/incident-items.repo.ts';
import { type IncidentPatch, type IncidentRow, insertIncident, lockIncident, updateIncident } from '../../db/repos/incidents.repo.ts';
import type { UserRef } from '../identity/index.ts';
import { emitWebhookEvent, emitWebhookEvents, escalationEventData, incidentEventData, isEscalation, type WebhookEvent } from '../webhooks/index.ts';
import type { IncidentDto } from './incident.dto.ts';
import { assertItemReference, type ItemInput } from './incident-items.ts';
import { assertAssignable, auditIncident, findAssignee, journal } from './incident-journal.ts';
import { queueTriggerEvaluation } from './incident-triggers.ts';
import { incidentDto, incidentNotFound } from './incidents-read.service.ts';
import { assertTransition, type IncidentSeverity, isClosed, requestedStatus, type StatusVocabulary, statusOfWord } from './lifecycle.ts';
import { callerVocabulary } from './status-vocabulary.ts';

export type NewIncident = {
  title: string;
  description?: string | undefined;
  severity: IncidentSeverity;
  /** A status word of either API; open when absent. */
  status?: string | undefined;
  assignedTo?: UserRef | null | undefined;
  tags: string[];
  items: ItemInput[];
};

function unknownStatus(word: string): AppError {
  return new AppError('VALIDATION_FAILED', `status: unknown status '${word}'`, { issues: [{ path: 'status', message: 'unknown status' }] });
}

/**
 * POST /incidents: a manual incident (risk 0, escalation = severity), its items, timeline and audit in one
 * transaction, answered in `vocabulary`'s status words.
 */
export async function createIncident(
  ctx: OrgServiceContext,
  input: NewIncident,
  vocabulary: StatusVocabulary = callerVocabulary(ctx.principal),
): Promise<IncidentDto> {
  const status = input.status === undefined ? 'open' : statusOfWord(input.status);
  if (status === undefined) throw unknownStatus(String(input.status));
  return ctx.deps.db.transaction().execute(async (trx) => {
    const assignee = await findAssignee(trx, ctx, input.assignedTo);
    assertAssignable(assignee);
    for (const [index, item] of input.items.entries()) await assertItemReference(trx, ctx.orgId, item, `items.${index}.ref_id`);
    const row = await insertIncident(trx, ctx.orgId, {
      title: input.title,
      description: input.description ?? null,
      reason: input.description ?? input.title,
      severity: input.severity,
      escalation_level: input.severity,
      status,
      assigned_to: assignee?.id ?? null,
      tags: [...new Set(input.tags)],
      created_by: ctx.principal.actorId,
    });
    const id = Number(row.id);
    await journal(trx, ctx, id, 'created', { title: input.title, severity: input.severity, status });
    if (row.assigned_to) await journal(trx, ctx, id, 'assigned', { from: null, to: row.assigned_to });
    for (const item of input.items) {
      await addIncidentItem(trx, ctx.orgId, id, item);
      await journal(trx, ctx, id, 'item_added', { kind: item.kind, ref_id: item.refId });
    }
    await auditIncident(trx, ctx, id, 'incident.created', { title: input.title, severity: input.severity, items: input.items.length });
    await emitWebhookEvent(trx, ctx.orgId, 'incident.created', incidentEventData(row));
    await queueTriggerEvaluation(trx, ctx.orgId, row, 'created');
    return incidentDto(ctx, row, vocabulary, trx);
  });
}

export type IncidentChanges = {
  title?: string | undefined;
  description?: string | null | undefined;
  severity?: IncidentSeverity | undefined;
  /** A status word of either API. */
  status?: string | undefined;
  assignedTo?: UserRef | null | undefined;
  tags?: string[] | undefined;
};

/** The same changes with the status resolved to a lifecycle status and the assignee to a user UUID. */
type ResolvedChanges = Omit<IncidentChanges, 'status' | 'assignedTo'> & { status?: string | undefined; assignedTo?: string | null | undefined };

type Change = { from: unknown; to: unknown };

function diff(row: IncidentRow, changes: ResolvedChanges): Record<string, Change> {
  const wanted: Record<string, unknown> = {
    title: changes.title,
    description: changes.description,
    severity: changes.severity,
    status: changes.status,
    assigned_to: changes.assignedTo,
    tags: changes.tags === undefined ? undefined : [...new Set(changes.tags)],
  };
  const current = row as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(wanted)
      .filter(([field, to]) => to !== undefined && JSON.stringify(current[field]) !== JSON.stringify(to))
      .map(([field, to]) => [field, { from: current[field], to }]),
  );
}

async function journalChanges(trx: Parameters<typeof journal>[0], ctx: OrgServiceContext, id: number, changes: Record<string, Change>): Promise<void> {
  const { status, assigned_to: assignee, ...rest } = changes;
  if (status) await journal(trx, ctx, id, isClosed(String(status.from)) && status.to === 'open' ? 'reopened' : 'status_changed', status);
  if (assignee) await journal(trx, ctx, id, 'assigned', assignee);
  if (Object.keys(rest).length > 0) await journal(trx, ctx, id, 'updated', { changes: rest });
}

/**
 * PATCH /incidents/{id}: under a row lock, checks the lifecycle move (409 listing, in `vocabulary`'s words, the
 * allowed ones) and the assignee, applies what differs, and journals and audits each change. Sending the current
 * values, or a status word the caller already reads for the incident, changes nothing.
 */
export async function updateIncidentFields(
  ctx: OrgServiceContext,
  incidentId: number,
  changes: IncidentChanges,
  vocabulary: StatusVocabulary = callerVocabulary(ctx.principal),
): Promise<IncidentDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await lockIncident(trx, ctx.orgId, incidentId);
    if (!row) throw incidentNotFound(incidentId);
    const status = changes.status === undefined ? undefined : requestedStatus(row.status, changes.status, vocabulary);
    if (changes.status !== undefined && status === undefined) throw unknownStatus(changes.status);
    if (status !== undefined) assertTransition(row.status, status, vocabulary);
    const assignee = await findAssignee(trx, ctx, changes.assignedTo);
    const changed = diff(row, { ...changes, status, assignedTo: assignee === undefined ? undefined : (assignee?.id ?? null) });
    if (Object.keys(changed).length === 0) return incidentDto(ctx, row, vocabulary, trx);
    if (changed.assigned_to) assertAssignable(assignee);
    const patch = Object.fromEntries(Object.entries(changed).map(([field, change]) => [field, change.to])) as IncidentPatch;
    // Without detections behind it, an incident's escalation is its analyst-set severity.
    if (changes.severity !== undefined && row.alert_count === 0) patch.escalation_level = changes.severity;
    const updated = await updateIncident(trx, ctx.orgId, incidentId, patch);
    if (!updated) throw incidentNotFound(incidentId);
    await journalChanges(trx, ctx, incidentId, changed);
    await auditIncident(trx, ctx, incidentId, 'incident.updated', { changes: changed });
    const events: WebhookEvent[] = [{ eventType: 'incident.updated', data: { ...incidentEventData(updated), changed_fields: Object.keys(changed) } }];
    if (isEscalation(row.escalation_level, updated.escalation_level))
      events.push({ eventType: 'incident.escalated', data: escalationEventData(row, updated, 'analyst') });
    await emitWebhookEvents(trx, ctx.orgId, events);
    await queueTriggerEvaluation(trx, ctx.orgId, updated, isEscalation(row.escalation_level, updated.escalation_level) ? 'escalated' : 'updated');
    return incidentDto(ctx, updated, vocabulary, trx);
  });
}

import type { OrgServiceContext } from '../../core/context.ts';
import { type AlertQueueFilter, countAlertQueue, listAlertEventSummaries, listAlertQueue } from '../../db/queries/alerts.ts';
import { listAlertEscalations } from '../../db/repos/alert-escalations.repo.ts';
import { countAlertEvents, listAlertEventIds } from '../../db/repos/alert-events.repo.ts';
import { listAlertHistory } from '../../db/repos/alert-history.repo.ts';
import { type AlertRow, findAlert } from '../../db/repos/alerts.repo.ts';
import { listResponseActions } from '../../db/repos/response-actions.repo.ts';
import { findUserByRef, loadUserIds, type UserRef } from '../identity/index.ts';
import { type AlertDto, toAlertDto } from './alert.dto.ts';
import { type AlertDetail, historyUserRefs, toActionDto, toEscalationDto, toEventSummaryDto, toHistoryDto } from './alert-detail.dto.ts';
import { alertNotFound, invalidField } from './alert-errors.ts';

/** Bounds of one alert's detail: linked events are capped at 500 when linked, shown up to these. */
export const DETAIL_EVENT_IDS = 200;
export const DETAIL_EVENT_SUMMARIES = 50;
export const DETAIL_ENTRIES = 100;

export type AlertPage = { alerts: AlertDto[]; total: number };

/** GET /alerts filters as callers send them: the assignee by integer id or UUID (null: unassigned). */
export type AlertListFilter = Omit<AlertQueueFilter, 'assignedTo'> & { assignedTo?: UserRef | null | undefined };

/** The organisation's queue: every alert of the organisation, whoever owns or holds it. An assignee who is no user of the organisation matches nothing. */
export async function listOrgAlerts(ctx: OrgServiceContext, filter: AlertListFilter, page: { limit: number; offset: number }): Promise<AlertPage> {
  if (filter.since && filter.until && filter.since > filter.until) throw invalidField('since', 'must not be after until');
  const { db } = ctx.deps;
  const assignee = filter.assignedTo == null ? filter.assignedTo : ((await findUserByRef(db, ctx.orgId, filter.assignedTo))?.id ?? false);
  if (assignee === false) return { alerts: [], total: 0 };
  const query: AlertQueueFilter = { ...filter, assignedTo: assignee };
  const [alerts, total] = await Promise.all([listAlertQueue(db, ctx.orgId, query, page), countAlertQueue(db, ctx.orgId, query)]);
  const users = await loadUserIds(
    db,
    ctx.orgId,
    alerts.map((alert) => alert.assigned_to),
  );
  return { alerts: alerts.map((alert) => toAlertDto(alert, users)), total };
}

export async function getOrgAlert(ctx: OrgServiceContext, alertId: number): Promise<AlertRow> {
  const alert = await findAlert(ctx.deps.db, ctx.orgId, alertId);
  if (!alert) throw alertNotFound(alertId);
  return alert;
}

/** One alert with its evidence (linked event ids and summaries), history, escalations and the response actions taken on it. */
export async function getOrgAlertDetail(ctx: OrgServiceContext, alertId: number): Promise<AlertDetail> {
  const alert = await getOrgAlert(ctx, alertId);
  const { db } = ctx.deps;
  const [ids, linked, events, history, escalations, actions] = await Promise.all([
    listAlertEventIds(db, ctx.orgId, alertId, DETAIL_EVENT_IDS),
    countAlertEvents(db, ctx.orgId, alertId),
    listAlertEventSummaries(db, ctx.orgId, alertId, DETAIL_EVENT_SUMMARIES),
    listAlertHistory(db, ctx.orgId, alertId, DETAIL_ENTRIES),
    listAlertEscalations(db, ctx.orgId, alertId, DETAIL_ENTRIES),
    listResponseActions(db, ctx.orgId, { alertId }, DETAIL_ENTRIES),
  ]);
  const users = await loadUserIds(db, ctx.orgId, [
    alert.assigned_to,
    ...history.flatMap(historyUserRefs),
    ...escalations.flatMap((row) => [row.escalated_to, row.escalated_by]),
    ...actions.map((row) => (row.requested_by_type === 'user' ? row.requested_by : null)),
  ]);
  return {
    ...toAlertDto(alert, users),
    event_ids: ids.map((row) => Number(row.event_id)),
    events_linked: linked,
    events: events.map(toEventSummaryDto),
    history: history.map((row) => toHistoryDto(row, users)),
    escalations: escalations.map((row) => toEscalationDto(row, users)),
    actions: actions.map((row) => toActionDto(row, users)),
  };
}

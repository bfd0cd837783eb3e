import type { OrgServiceContext } from '../../core/context.ts';
import { incidentEventStats, listIncidentAlertRows, listIncidentEventRows, listRecentIncidentEventRows } from '../../db/queries/cases.ts';
import { listTimelinePage } from '../../db/repos/incident-timeline.repo.ts';
import { buildAttackTimeline } from './attack-timeline.ts';
import { type IncidentDetailDto, toIncidentAlertDto, ZRiskContribution } from './incident-detail.dto.ts';
import { toDetailedEvent, toTriggeringEvent } from './incident-event.dto.ts';
import { incidentDto, loadIncident, loadIncidentView } from './incidents-read.service.ts';
import { extractIocs } from './iocs.ts';
import type { StatusVocabulary } from './lifecycle.ts';
import { callerVocabulary } from './status-vocabulary.ts';
import { timelineUserRefs, toTimelineEntryDto } from './timeline-entry.dto.ts';

export const IOC_EVENT_SAMPLE = 1000;
export const DETAIL_TIMELINE_LIMIT = 200;
export const DETAIL_ALERT_LIMIT = 200;
const MAX_EVENT_TYPES = 100;

export function riskEvidenceOf(value: unknown): IncidentDetailDto['risk_evidence'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const parsed = ZRiskContribution.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** GET /incidents/{id}: the incident with a page of its events, indicators, summary, alerts and timeline, in `vocabulary`'s words. */
export async function getIncidentDetail(
  ctx: OrgServiceContext,
  incidentId: number,
  page: { limit: number; offset: number },
  vocabulary: StatusVocabulary = callerVocabulary(ctx.principal),
): Promise<IncidentDetailDto> {
  const { db } = ctx.deps;
  const row = await loadIncident(ctx, incidentId);
  const [base, events, recent, stats, alerts, timelineRows] = await Promise.all([
    incidentDto(ctx, row, vocabulary),
    listIncidentEventRows(db, ctx.orgId, incidentId, page),
    listRecentIncidentEventRows(db, ctx.orgId, incidentId, IOC_EVENT_SAMPLE),
    incidentEventStats(db, ctx.orgId, incidentId, MAX_EVENT_TYPES),
    listIncidentAlertRows(db, ctx.orgId, incidentId, DETAIL_ALERT_LIMIT),
    listTimelinePage(db, ctx.orgId, incidentId, { limit: DETAIL_TIMELINE_LIMIT, offset: 0 }),
  ]);
  const view = await loadIncidentView(ctx, vocabulary, timelineUserRefs(timelineRows));
  const timeline = timelineRows.map((entry) => toTimelineEntryDto(entry, view));
  return {
    ...base,
    risk_evidence: riskEvidenceOf(row.risk_evidence),
    events_analyzed_count: stats.total,
    events_limit: page.limit,
    events_offset: page.offset,
    triggering_events: events.map(toTriggeringEvent),
    detailed_events: events.map(toDetailedEvent),
    iocs: extractIocs(recent),
    attack_timeline: buildAttackTimeline(events, timeline),
    event_summary: {
      total_events: stats.total,
      event_types: stats.byAction.map((entry) => entry.action),
      time_range: { start: stats.first?.toISOString() ?? null, end: stats.last?.toISOString() ?? null },
      event_counts_by_type: Object.fromEntries(stats.byAction.map((entry) => [entry.action, entry.count])),
    },
    alerts: alerts.map(toIncidentAlertDto),
    timeline,
  };
}

import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { type ActivityEntity, countIncidentAlertsByStatus, recentEntityActivity } from '../../db/queries/cases.ts';
import type { IncidentRow } from '../../db/repos/incidents.repo.ts';
import { ZRiskContribution } from './incident-detail.dto.ts';
import { riskEvidenceOf } from './incident-detail.service.ts';
import { loadIncident } from './incidents-read.service.ts';
import { type StatusVocabulary, statusWord } from './lifecycle.ts';

export const ZThreatStatus = z.object({
  success: z.literal(true).describe('Mini-XDR compatibility; failures are HTTP errors'),
  incident_id: z.number().int(),
  status: z.string(),
  last_action: z.string().nullable(),
  escalation_level: z.string(),
  severity: z.string(),
  risk_score: z.number(),
  risk_evidence: z.array(ZRiskContribution),
  threat_category: z.string().nullable(),
  source_ip: z.string().nullable(),
  created_at: z.string(),
  first_seen_at: z.string().nullable(),
  last_seen_at: z.string().nullable(),
  alert_count: z.number().int(),
  alerts_by_status: z.record(z.string(), z.number().int()),
  event_count: z.number().int(),
  attack_active: z
    .boolean()
    .describe(
      'Events about the same entity (src IP, else host/user) within active_window_minutes, whatever the status (activity after resolving is a reason to reopen)',
    ),
  activity: z.object({ window_minutes: z.number().int(), recent_events: z.number().int(), last_event_at: z.string().nullable() }),
  auto_contained: z.boolean(),
  containment_status: z.string().nullable().describe('Null until response actions exist'),
  containment_method: z.string().nullable(),
  total_actions: z.number().int().nullable(),
});
export type ThreatStatusDto = z.infer<typeof ZThreatStatus>;

const ENTITY_COLUMNS: Readonly<Record<string, ActivityEntity['column']>> = { src_ip: 'src_ip', host: 'host_name', user: 'user_name' };

function entityOf(row: IncidentRow): ActivityEntity | null {
  if (row.src_ip) return { column: 'src_ip', value: row.src_ip };
  const column = row.entity_type ? ENTITY_COLUMNS[row.entity_type] : undefined;
  return column && row.entity_value ? { column, value: row.entity_value } : null;
}

/** GET /api/incidents/{incident_id}/threat-status: lifecycle (in `vocabulary`'s words), risk and whether the activity is still going on. */
export async function getThreatStatus(
  ctx: OrgServiceContext,
  incidentId: number,
  windowMinutes: number,
  vocabulary: StatusVocabulary = 'minixdr',
  now = new Date(),
): Promise<ThreatStatusDto> {
  const row = await loadIncident(ctx, incidentId);
  const entity = entityOf(row);
  const since = new Date(now.getTime() - windowMinutes * 60_000);
  const [alertsByStatus, activity] = await Promise.all([
    countIncidentAlertsByStatus(ctx.deps.db, ctx.orgId, incidentId),
    entity === null ? Promise.resolve({ count: 0, last: null }) : recentEntityActivity(ctx.deps.db, ctx.orgId, entity, since),
  ]);
  return {
    success: true,
    incident_id: incidentId,
    status: statusWord(row.status, vocabulary),
    last_action: row.last_action,
    escalation_level: row.escalation_level,
    severity: row.severity,
    risk_score: row.risk_score,
    risk_evidence: riskEvidenceOf(row.risk_evidence),
    threat_category: row.threat_category,
    source_ip: row.src_ip,
    created_at: row.created_at.toISOString(),
    first_seen_at: row.first_seen_at?.toISOString() ?? null,
    last_seen_at: row.last_seen_at?.toISOString() ?? null,
    alert_count: row.alert_count,
    alerts_by_status: alertsByStatus,
    event_count: row.event_count,
    attack_active: activity.count > 0,
    activity: { window_minutes: windowMinutes, recent_events: activity.count, last_event_at: activity.last?.toISOString() ?? null },
    auto_contained: row.auto_contained,
    containment_status: null,
    containment_method: null,
    total_actions: null,
  };
}

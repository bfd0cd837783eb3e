import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { incidentEventStats, listRecentIncidentEventRows, listRelatedIncidentRows } from '../../db/queries/cases.ts';
import { ZIncident } from './incident.dto.ts';
import { ZIocs } from './incident-detail.dto.ts';
import { incidentDto, loadIncident } from './incidents-read.service.ts';
import { extractIocs, IOC_KINDS, type Iocs } from './iocs.ts';
import { type StatusVocabulary, statusWord } from './lifecycle.ts';
import { techniqueName } from './mitre.ts';

const TOP_IOCS = 5;
const CONTEXT_EVENT_SAMPLE = 500;
const RELATED_LIMIT = 10;

export const ZIncidentContext = z.object({
  incident_id: z.number().int(),
  src_ip: z.string().nullable(),
  threat_summary: z.string(),
  status: z.string(),
  last_action: z.string().nullable(),
  created_at: z.string(),
  risk_score: z.number(),
  escalation_level: z.string(),
  threat_category: z.string().nullable(),
  auto_contained: z.boolean(),
  triage_note: z.null(),
  ml_confidence: z.number().nullable(),
  attack_patterns: z.array(z.object({ technique: z.string(), name: z.string() })).describe("ATT&CK techniques of the incident's alerts"),
  total_events: z.number().int(),
  event_types: z.array(z.string()).describe('The 10 most frequent event types'),
  event_breakdown: z.record(z.string(), z.number().int()).describe('Event counts by action (type)'),
  top_iocs: ZIocs.describe('Up to 5 of each kind, most frequent first, from the latest 500 events'),
  related_incidents: z
    .array(z.object({ id: z.number().int(), created_at: z.string(), status: z.string(), threat_category: z.string().nullable(), risk_score: z.number() }))
    .describe('Other incidents from the same source IP, newest first (10 at most)'),
  context_summary: z.string(),
  incident: ZIncident,
});
export type IncidentContextDto = z.infer<typeof ZIncidentContext>;

function topIocs(iocs: Iocs): Iocs {
  return Object.fromEntries(IOC_KINDS.map((kind) => [kind, iocs[kind].slice(0, TOP_IOCS)])) as Iocs;
}

/** GET /api/incidents/{inc_id}/context: a compact, deterministic brief of the incident (Mini-XDR's NLP context), statuses in `vocabulary`'s words. */
export async function getIncidentContext(ctx: OrgServiceContext, incidentId: number, vocabulary: StatusVocabulary = 'minixdr'): Promise<IncidentContextDto> {
  const { db } = ctx.deps;
  const row = await loadIncident(ctx, incidentId);
  const [incident, stats, recent, related] = await Promise.all([
    incidentDto(ctx, row, vocabulary),
    incidentEventStats(db, ctx.orgId, incidentId, 50),
    listRecentIncidentEventRows(db, ctx.orgId, incidentId, CONTEXT_EVENT_SAMPLE),
    row.src_ip === null ? Promise.resolve([]) : listRelatedIncidentRows(db, ctx.orgId, row.src_ip, incidentId, RELATED_LIMIT),
  ]);
  const breakdown = Object.fromEntries(stats.byAction.map((entry) => [entry.action, entry.count]));
  const topTypes = stats.byAction.slice(0, 3).map((entry) => `${entry.action} ×${entry.count}`);
  const summary = [
    `${row.threat_category ?? 'incident'} ${row.src_ip ? `from ${row.src_ip}` : `"${row.title}"`}`,
    `${stats.total} events${topTypes.length > 0 ? ` (${topTypes.join(', ')})` : ''}`,
    `${row.alert_count} alerts`,
    `risk ${row.risk_score} (${row.escalation_level})`,
    `status ${statusWord(row.status, vocabulary)}${row.last_action ? `, last action ${row.last_action}` : ''}`,
  ].join('; ');
  return {
    incident_id: incidentId,
    src_ip: row.src_ip,
    threat_summary: row.reason ? `${row.title}: ${row.reason}` : row.title,
    status: statusWord(row.status, vocabulary),
    last_action: row.last_action,
    created_at: row.created_at.toISOString(),
    risk_score: row.risk_score,
    escalation_level: row.escalation_level,
    threat_category: row.threat_category,
    auto_contained: row.auto_contained,
    triage_note: null,
    ml_confidence: row.ml_confidence,
    attack_patterns: row.mitre.map((technique) => ({ technique, name: techniqueName(technique) })),
    total_events: stats.total,
    event_types: stats.byAction.slice(0, 10).map((entry) => entry.action),
    event_breakdown: breakdown,
    top_iocs: topIocs(extractIocs(recent)),
    related_incidents: related.map((other) => ({
      id: Number(other.id),
      created_at: other.created_at.toISOString(),
      status: statusWord(other.status, vocabulary),
      threat_category: other.threat_category,
      risk_score: other.risk_score,
    })),
    context_summary: summary,
    incident,
  };
}

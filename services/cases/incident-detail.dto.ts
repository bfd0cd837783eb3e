import { z } from 'zod';
import type { IncidentAlertRow } from '../../db/queries/cases.ts';
import { ZAttackTimelineEntry } from './attack-timeline.ts';
import { ZIncident } from './incident.dto.ts';
import { ZDetailedEvent, ZTriggeringEvent } from './incident-event.dto.ts';
import { ZTimelineEntry } from './timeline-entry.dto.ts';

export const ZIncidentAlert = z.object({
  id: z.number().int(),
  title: z.string(),
  detector: z.string().nullable(),
  category: z.string(),
  severity: z.string(),
  status: z.string(),
  occurrences: z.number().int().describe('Times the detector fired on this alert'),
  first_seen_at: z.string(),
  last_seen_at: z.string(),
  mitre: z.array(z.string()),
});

export function toIncidentAlertDto(row: IncidentAlertRow): z.infer<typeof ZIncidentAlert> {
  return {
    id: Number(row.id),
    title: row.title,
    detector: row.detector,
    category: row.category,
    severity: row.severity,
    status: row.status,
    occurrences: row.occurrences,
    first_seen_at: row.first_seen_at.toISOString(),
    last_seen_at: row.last_seen_at.toISOString(),
    mitre: row.mitre,
  };
}

export const ZIocs = z.object({
  ips: z.array(z.string()),
  domains: z.array(z.string()),
  urls: z.array(z.string()),
  hashes: z.array(z.string()),
  usernames: z.array(z.string()),
  commands: z.array(z.string()),
});

export const ZEventSummary = z.object({
  total_events: z.number().int(),
  event_types: z.array(z.string()),
  time_range: z.object({ start: z.string().nullable(), end: z.string().nullable() }),
  event_counts_by_type: z.record(z.string(), z.number().int()),
});

export const ZRiskContribution = z.object({
  detector: z.string(),
  fingerprintKey: z.string().optional(),
  severity: z.string(),
  weight: z.number(),
  observed: z.union([z.number(), z.string()]),
  threshold: z.union([z.number(), z.string()]),
  intensity: z.number(),
  points: z.number(),
});

export const ZIncidentDetail = ZIncident.extend({
  risk_evidence: z.array(ZRiskContribution).describe('Per-detector contributions to risk_score (engines/detection/README.md)'),
  events_analyzed_count: z.number().int().describe('Events linked to the incident (same as event_summary.total_events)'),
  events_limit: z.number().int(),
  events_offset: z.number().int(),
  triggering_events: z.array(ZTriggeringEvent).describe('This page of the linked events, compact (Mini-XDR shape)'),
  detailed_events: z.array(ZDetailedEvent).describe('The same page with every field, oldest first'),
  iocs: ZIocs.describe('From the most recent 1000 linked events'),
  attack_timeline: z.array(ZAttackTimelineEntry).describe("This page's events and the incident timeline, in time order"),
  event_summary: ZEventSummary,
  alerts: z.array(ZIncidentAlert),
  timeline: z.array(ZTimelineEntry).describe('The first 200 timeline entries; page with GET /api/incidents/{id}/timeline'),
});
export type IncidentDetailDto = z.infer<typeof ZIncidentDetail>;

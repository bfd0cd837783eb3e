import { z } from 'zod';
import type { ItemRow } from '../../db/repos/incident-items.repo.ts';
import type { IncidentRow } from '../../db/repos/incidents.repo.ts';
import type { UserIds } from '../identity/index.ts';
import { type StatusVocabulary, statusWord } from './lifecycle.ts';

export const ZIncidentItem = z.object({
  id: z.number().int(),
  incident_id: z.number().int(),
  kind: z.string(),
  ref_id: z.string(),
  created_at: z.string(),
});
export type IncidentItemDto = z.infer<typeof ZIncidentItem>;

const ZNullText = z.string().nullable();
const ZNullNumber = z.number().nullable();

/** One incident, in both seeds' shapes at once (Mini-XDR's list fields, EventSec's Incident) plus Vigil's roll-up. */
export const ZIncident = z.object({
  id: z.number().int(),
  created_at: z.string(),
  src_ip: ZNullText,
  reason: ZNullText,
  status: z
    .string()
    .describe(
      "In the caller's words (docs/status-vocabularies.md): EventSec new, triage, in_progress, contained, resolved, closed; Mini-XDR open, investigating, contained, resolved, false_positive",
    ),
  auto_contained: z.boolean(),
  triage_note: z.null().describe('Mini-XDR field; no LLM triage, always null'),
  risk_score: z.number().describe('0–1, deterministic; see risk_evidence on the detail'),
  escalation_level: z.string().describe('low, medium, high or critical (band of risk_score)'),
  threat_category: ZNullText,
  containment_method: ZNullText.describe('Null until a containment action ran'),
  agent_confidence: ZNullNumber.describe('Mini-XDR field; always null (no agent confidence is invented)'),
  ml_confidence: ZNullNumber.describe('Null: risk is rule-based, not ML'),
  council_confidence: ZNullNumber,
  council_verdict: ZNullText,
  tenant_id: z.string().describe('Organisation slug'),
  title: z.string(),
  description: ZNullText,
  severity: z.string().describe('low, medium, high or critical'),
  assigned_to: z.number().int().nullable().describe('User id (integer) of the assignee'),
  tags: z.array(z.string()),
  created_by: z
    .union([z.number().int(), z.string()])
    .nullable()
    .describe("User id (integer) of the user who created it; 'detection' for detection's incidents, the credential's UUID for an API key's"),
  updated_at: z.string(),
  items: z.array(ZIncidentItem),
  last_action: ZNullText.describe('The last response action taken; independent of status'),
  alert_count: z.number().int(),
  event_count: z.number().int(),
  first_seen_at: ZNullText,
  last_seen_at: ZNullText,
  mitre: z.array(z.string()).describe('ATT&CK technique ids'),
});
export type IncidentDto = z.infer<typeof ZIncident>;

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

export function toIncidentItemDto(row: ItemRow): IncidentItemDto {
  return { id: Number(row.id), incident_id: Number(row.incident_id), kind: row.kind, ref_id: row.ref_id, created_at: row.created_at.toISOString() };
}

/** How a caller sees incidents: statuses in their API's words, users by integer id. */
export type IncidentView = { vocabulary: StatusVocabulary; users: UserIds };

/** `items` are this incident's own items. */
export function toIncidentDto(row: IncidentRow, items: readonly ItemRow[], tenantSlug: string, view: IncidentView): IncidentDto {
  return {
    id: Number(row.id),
    created_at: row.created_at.toISOString(),
    src_ip: row.src_ip,
    reason: row.reason,
    status: statusWord(row.status, view.vocabulary),
    auto_contained: row.auto_contained,
    triage_note: null,
    risk_score: row.risk_score,
    escalation_level: row.escalation_level,
    threat_category: row.threat_category,
    containment_method: null,
    agent_confidence: null,
    ml_confidence: row.ml_confidence,
    council_confidence: null,
    council_verdict: null,
    tenant_id: tenantSlug,
    title: row.title,
    description: row.description,
    severity: row.severity,
    assigned_to: view.users.of(row.assigned_to),
    tags: row.tags,
    created_by: view.users.of(row.created_by) ?? row.created_by,
    updated_at: row.updated_at.toISOString(),
    items: items.map(toIncidentItemDto),
    last_action: row.last_action,
    alert_count: row.alert_count,
    event_count: row.event_count,
    first_seen_at: iso(row.first_seen_at),
    last_seen_at: iso(row.last_seen_at),
    mitre: row.mitre,
  };
}

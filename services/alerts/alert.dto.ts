import { z } from 'zod';
import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import type { UserIds } from '../identity/index.ts';

export const ALERT_STATUSES = ['open', 'in_progress', 'closed'] as const;
export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** EventSec's Alert (documented fields first), plus the detection context EventSec never stored. */
export const ZAlert = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  source: z.string().describe("'detector' for detector-made alerts; the reporter's value for POST /alerts"),
  category: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  url: z.string().nullable(),
  sender: z.string().nullable(),
  username: z.string().nullable(),
  hostname: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  assigned_to: z.number().int().nullable().describe('User id (integer) of the assignee'),
  conclusion: z.string().nullable(),
  fingerprint: z.string().describe('Dedup key: a new firing (or an identical POST) within an hour of the last sighting extends this alert'),
  detector: z.string().nullable(),
  detector_version: z.number().int().nullable(),
  occurrences: z.number().int().describe('How many times the fingerprint fired (or was reported) into this alert'),
  first_seen_at: z.string(),
  last_seen_at: z.string(),
  src_ip: z.string().nullable(),
  entity_type: z.string().nullable().describe('src_ip, host or user'),
  entity_value: z.string().nullable(),
  mitre: z.array(z.string()).describe('ATT&CK technique ids'),
  evidence: z.array(z.record(z.string(), z.unknown())).describe('Measured facts behind a detection: {name, observed, threshold, weight}'),
  incident_id: z.number().int().nullable(),
  rule: z
    .object({
      id: z.number().int(),
      title: z.string(),
      version: z.number().int(),
      author: z.string().nullable(),
      link: z.string().nullable(),
      license: z.string().nullable(),
    })
    .nullable()
    .describe('The rule that raised it (source "rule"), with its author and link as the rule licence asks'),
});
export type AlertDto = z.infer<typeof ZAlert>;

const asRecords = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];

/** `users` holds the integer id of the alert's assignee. */
export function toAlertDto(row: AlertRow, users: UserIds): AlertDto {
  return {
    id: Number(row.id),
    title: row.title,
    description: row.description,
    source: row.source,
    category: row.category,
    severity: row.severity as AlertSeverity,
    status: row.status as AlertDto['status'],
    url: row.url,
    sender: row.sender,
    username: row.username,
    hostname: row.hostname,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    assigned_to: users.of(row.assigned_to),
    conclusion: row.conclusion,
    fingerprint: row.fingerprint,
    detector: row.detector,
    detector_version: row.detector_version,
    occurrences: row.occurrences,
    first_seen_at: row.first_seen_at.toISOString(),
    last_seen_at: row.last_seen_at.toISOString(),
    src_ip: row.src_ip,
    entity_type: row.entity_type,
    entity_value: row.entity_value,
    mitre: row.mitre,
    evidence: asRecords(row.evidence),
    incident_id: row.incident_id === null ? null : Number(row.incident_id),
    rule: ruleOf(row.rule_meta),
  };
}

function ruleOf(value: unknown): AlertDto['rule'] {
  if (typeof value !== 'object' || value === null) return null;
  const meta = value as Record<string, unknown>;
  const text = (field: unknown) => (typeof field === 'string' ? field : null);
  return {
    id: Number(meta.id),
    title: String(meta.title ?? ''),
    version: Number(meta.version ?? 1),
    author: text(meta.author),
    link: text(meta.link),
    license: text(meta.license),
  };
}

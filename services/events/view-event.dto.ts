import { z } from 'zod';
import type { AgentLabel } from '../../db/repos/agents.repo.ts';
import type { ListedEventRow } from '../../db/repos/events.repo.ts';

type Rec = Record<string, unknown>;
const isRec = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const SEVERITY_WORDS = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type SeverityWord = (typeof SEVERITY_WORDS)[number];

export function severityWord(severity: number): SeverityWord {
  return SEVERITY_WORDS[severity] ?? 'info';
}

function typeOf(row: ListedEventRow, attributes: Rec): string {
  const prefix = `${row.source_kind}.`;
  return text(attributes.eventType) ?? (row.action.startsWith(prefix) ? row.action.slice(prefix.length) : row.action);
}

// EventSec's EdrEvent declares these as (non-null) strings: '' stands for unknown.
export const ZEdrEvent = z.object({
  id: z.number().int(),
  timestamp: z.string(),
  hostname: z.string().describe("'' when unknown"),
  username: z.string().describe("'' when unknown"),
  event_type: z.string(),
  process_name: z.string().describe("'' when unknown"),
  action: z.string().describe("What the EDR did or saw (allowed, blocked, connect…); '' when unknown"),
  severity: z.enum(SEVERITY_WORDS),
  details: z.record(z.string(), z.unknown()),
});
export type EdrEventDto = z.infer<typeof ZEdrEvent>;

/** EventSec's EDR view item; `details` is what the sender sent as details (or the agent envelope's attributes). */
export function toEdrEventDto(row: ListedEventRow): EdrEventDto {
  const attributes = isRec(row.attributes) ? row.attributes : {};
  const raw = isRec(row.raw) ? row.raw : {};
  const details = isRec(raw.details) ? raw.details : isRec(raw.attributes) ? raw.attributes : attributes;
  return {
    id: Number(row.id),
    timestamp: row.occurred_at.toISOString(),
    hostname: row.host_name ?? '',
    username: row.user_name ?? '',
    event_type: typeOf(row, attributes),
    process_name: row.process_name ?? '',
    action: text(attributes.edrAction) ?? text(attributes.action) ?? '',
    severity: severityWord(row.severity),
    details,
  };
}

export const ZSiemEvent = z.object({
  id: z.number().int(),
  timestamp: z.string(),
  host: z.string(),
  source: z.string(),
  category: z.string(),
  severity: z.enum(SEVERITY_WORDS),
  message: z.string(),
  raw: z.record(z.string(), z.unknown()).describe('{event_id, agent_id, event_type, severity, category, timestamp, details}'),
});
export type SiemEventDto = z.infer<typeof ZSiemEvent>;

/**
 * EventSec's SIEM view item, for an event of any channel. `raw` is the posted `raw` object, or one built in
 * that shape: `agent_id` is the agent's integer id for agent events (the record's own agent id for others,
 * e.g. Wazuh's), `details` what the sender sent as details (or the whole record). `agent` is the agent
 * whose key posted the event, if any.
 */
export function toSiemEventDto(row: ListedEventRow, agent?: AgentLabel): SiemEventDto {
  const attributes = isRec(row.attributes) ? row.attributes : {};
  const record = isRec(row.raw) ? row.raw : {};
  const category = text(attributes.sourceCategory) ?? row.category;
  const severity = severityWord(row.severity);
  const timestamp = row.occurred_at.toISOString();
  const eventType = typeOf(row, attributes);
  return {
    id: Number(row.id),
    timestamp,
    host: row.host_name ?? agent?.name ?? 'unknown',
    source: text(attributes.source) ?? row.source_kind,
    category,
    severity,
    message: row.message ?? `${eventType} detected`,
    raw: isRec(record.raw)
      ? record.raw
      : {
          event_id: text(record.id) ?? String(row.id),
          agent_id: row.agent_id === null ? row.sensor_id : (agent?.public_id ?? null),
          event_type: eventType,
          severity,
          category,
          timestamp,
          details: isRec(record.details) ? record.details : record,
        },
  };
}

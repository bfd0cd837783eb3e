import { z } from 'zod';
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

export const ZEdrEvent = z.object({
  id: z.number().int(),
  timestamp: z.string(),
  hostname: z.string().nullable(),
  username: z.string().nullable(),
  event_type: z.string(),
  process_name: z.string().nullable(),
  action: z.string().nullable(),
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
    hostname: row.host_name,
    username: row.user_name,
    event_type: typeOf(row, attributes),
    process_name: row.process_name,
    action: text(attributes.edrAction) ?? text(attributes.action),
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

/** EventSec's SIEM view item. `raw` is the posted `raw` object, or for other records (Wazuh) one built in that shape. */
export function toSiemEventDto(row: ListedEventRow): SiemEventDto {
  const attributes = isRec(row.attributes) ? row.attributes : {};
  const record = isRec(row.raw) ? row.raw : {};
  const category = text(attributes.sourceCategory) ?? row.category;
  const severity = severityWord(row.severity);
  const timestamp = row.occurred_at.toISOString();
  return {
    id: Number(row.id),
    timestamp,
    host: row.host_name ?? 'unknown',
    source: text(attributes.source) ?? row.source_kind,
    category,
    severity,
    message: row.message ?? '',
    raw: isRec(record.raw)
      ? record.raw
      : {
          event_id: text(record.id) ?? String(row.id),
          agent_id: row.sensor_id,
          event_type: typeOf(row, attributes),
          severity,
          category,
          timestamp,
          details: record,
        },
  };
}

import type { ListedEventRow } from '../../db/repos/event-queries.repo.ts';

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

export type EdrEventDto = {
  id: number;
  timestamp: string;
  hostname: string | null;
  username: string | null;
  event_type: string;
  process_name: string | null;
  action: string | null;
  severity: SeverityWord;
  details: Rec;
};

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

export type SiemEventDto = {
  id: number;
  timestamp: string;
  host: string;
  source: string;
  category: string;
  severity: SeverityWord;
  message: string;
  raw: Rec;
};

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

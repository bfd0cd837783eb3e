import { z } from 'zod';
import type { EventRead } from '../../db/queries/agents.ts';
import { SEVERITY_WORDS, type SeverityWord, severityWord } from '../events/index.ts';

/** EventSec's IndexedEvent, read from the event store. */
export const ZIndexedEvent = z.object({
  event_id: z.string().describe('Stored event id'),
  agent_id: z.number().int().nullable().describe('The agent (integer id) whose key posted it, if any'),
  event_type: z.string(),
  severity: z.enum(SEVERITY_WORDS),
  category: z.string().nullable(),
  timestamp: z.string().describe('When it happened (ISO 8601)'),
  message: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  source: z.string().describe('Source kind: agent, cowrie, suricata, zeek…'),
});
export type IndexedEvent = z.infer<typeof ZIndexedEvent>;

export function severityLevel(word: SeverityWord): number {
  return SEVERITY_WORDS.indexOf(word);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Agent events give back the details they were posted with; other sources their promoted fields and attributes. */
function detailsOf(row: EventRead, attributes: Record<string, unknown>): Record<string, unknown> {
  if (row.source_kind === 'agent' && isRecord(row.raw) && isRecord(row.raw.details)) return row.raw.details;
  const promoted: Record<string, unknown> = {
    hostname: row.host_name,
    username: row.user_name,
    src_ip: row.src_ip,
    src_port: row.src_port,
    dst_ip: row.dst_ip,
    dst_port: row.dst_port,
    process_name: row.process_name,
    url: row.url,
    file_name: row.file_name,
  };
  return { ...Object.fromEntries(Object.entries(promoted).filter(([, value]) => value !== null)), ...attributes };
}

export function toIndexedEvent(row: EventRead): IndexedEvent {
  const attributes = isRecord(row.attributes) ? row.attributes : {};
  return {
    event_id: String(row.id),
    agent_id: row.agent_public_id,
    event_type: typeof attributes.eventType === 'string' ? attributes.eventType : row.action,
    severity: severityWord(row.severity),
    category: typeof attributes.sourceCategory === 'string' ? attributes.sourceCategory : row.category,
    timestamp: row.occurred_at.toISOString(),
    message: row.message,
    details: detailsOf(row, attributes),
    source: row.source_kind,
  };
}

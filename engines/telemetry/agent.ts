import { categoryFromType, detailFields, kindFromType, prefixedAction } from './agent-details.ts';
import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import type { ParseContext, ParseResult, SourceKind } from './event.ts';
import { isObject, str } from './fields.ts';
import { contentHash } from './hash.ts';
import { fromWordOrScale } from './severity.ts';
import { parseTime } from './time.ts';
import { parseWindows, windowsShape } from './windows.ts';

type Rec = Record<string, unknown>;

/**
 * An EventSec agent event, in any of its three shapes:
 * - the POST /events body `{event_type, severity, category?, details}`;
 * - a stored/listed event `{event_id, agent_id, event_type, severity, category, timestamp, details}`;
 * - the Go agent's telemetry envelope `{schema_version, event_type, event_id, agent_id, host, os, timestamp_utc,
 *   attributes, severity?}`.
 */
export function parseAgent(record: unknown, ctx: ParseContext): ParseResult {
  if (windowsShape(record) !== null) return parseWindows(record, ctx);
  const wrapped = wrappedWindowsEvent(record);
  if (wrapped) return parseWindows(wrapped.event, ctx, { agentId: str(wrapped.envelope.agent_id), severity: fromWordOrScale(wrapped.envelope.severity) });
  return parseAgentLike('agent', record, ctx);
}

/** An EDR view item `{timestamp, hostname, username, event_type, process_name, action, severity, details}`. */
export function parseEdr(record: unknown, ctx: ParseContext): ParseResult {
  return parseAgentLike('edr', record, ctx);
}

/** A Windows event sent as the `details` (POST /events) or `attributes` (telemetry envelope) of an agent event. */
function wrappedWindowsEvent(record: unknown): { event: Rec; envelope: Rec } | null {
  if (!isObject(record) || typeof record.event_type !== 'string') return null;
  const inner = record.details ?? record.attributes;
  return isObject(inner) && windowsShape(inner) !== null ? { event: inner, envelope: record } : null;
}

function parseAgentLike(sourceKind: SourceKind, record: unknown, ctx: ParseContext): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  const eventType = str(record.event_type);
  if (eventType === null) return reject('missing_field', 'event_type');
  const detailsKey = record.details !== undefined ? 'details' : 'attributes';
  const details = record[detailsKey] ?? {};
  if (!isObject(details)) return reject('invalid_field', detailsKey);
  const rawTime = timeValue(record, details);
  const time = rawTime === null ? null : parseTime(rawTime);
  if (rawTime !== null && time === null) return rejectTime(rawTime, 'timestamp');

  // top-level fields (EDR view, envelope) win over the same keys inside details
  const { attributes, outcome, ...promoted } = detailFields({ ...details, ...topLevel(record) });
  const severity = fromWordOrScale(record.severity);
  const id = str(record.event_id) ?? str(details.event_id) ?? str(record.id);

  return buildEvent(
    {
      sourceKind,
      time,
      kind: kindFromType(eventType, details),
      category: categoryFromType(eventType),
      action: prefixedAction(sourceKind, eventType),
      outcome,
      severity: severity ?? 0,
      ...promoted,
      sensorId: str(record.agent_id),
      attributes: {
        ...attributes,
        eventType,
        sourceCategory: str(record.category),
        sourceSeverity: severity === null ? record.severity : undefined,
        agentId: record.agent_id,
        os: record.os ?? attributes.os,
        schemaVersion: record.schema_version,
        edrAction: sourceKind === 'edr' ? record.action : undefined,
      },
      dedupMaterial: dedupMaterial(sourceKind, id ?? `h:${contentHash(record)}`),
      raw: record,
    },
    ctx,
  );
}

const TOP_LEVEL = ['hostname', 'host', 'username', 'process_name', 'message', 'url', 'src_ip', 'dst_ip'];

function topLevel(record: Rec): Rec {
  const out: Rec = {};
  for (const key of TOP_LEVEL) if (typeof record[key] === 'string') out[key] = record[key];
  return out;
}

function timeValue(record: Rec, details: Rec): unknown {
  const raw = record.timestamp_utc ?? record.timestamp ?? details.event_time ?? details.timestamp ?? record.created_at ?? null;
  return raw === '' ? null : raw;
}

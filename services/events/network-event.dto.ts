import { z } from 'zod';
import type { ListedEventRow } from '../../db/repos/events.repo.ts';

/** The network sensors whose records Vigil parses. */
export type NetworkSource = 'suricata' | 'zeek';

type Attrs = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);

const ZNullableText = z.string().nullable();

const ZHttpSummary = z.object({ host: ZNullableText, url: ZNullableText, method: ZNullableText, status: z.number().nullable(), user_agent: ZNullableText });
type HttpSummary = z.infer<typeof ZHttpSummary>;

const ZDnsSummary = z.object({ query: ZNullableText, type: ZNullableText, rcode: ZNullableText, answers: z.array(z.string()) });
type DnsSummary = z.infer<typeof ZDnsSummary>;

const ZTlsSummary = z.object({
  sni: ZNullableText,
  version: ZNullableText,
  ja3: ZNullableText,
  ja3s: ZNullableText,
  subject: ZNullableText,
  issuer: ZNullableText,
});
type TlsSummary = z.infer<typeof ZTlsSummary>;

export const ZNetworkEvent = z.object({
  id: z.number().int(),
  ts: z.string(),
  source: z.string(),
  event_type: z.string(),
  src_ip: ZNullableText,
  src_port: z.number().int().nullable(),
  dst_ip: ZNullableText,
  dst_port: z.number().int().nullable(),
  proto: ZNullableText,
  signature: ZNullableText.describe('Suricata alert signature, or Zeek notice note'),
  signature_id: z.number().nullable(),
  category: z.string().describe('Suricata alert category, else the normalised category'),
  severity: z.number().int().describe('0 info, 1 low, 2 medium, 3 high, 4 critical (Suricata priority 1 → 3 high)'),
  sensor: ZNullableText,
  message: ZNullableText,
  url: ZNullableText,
  domain: ZNullableText.describe('The DNS query'),
  http: ZHttpSummary.nullable(),
  dns: ZDnsSummary.nullable(),
  tls: ZTlsSummary.nullable(),
  raw: z.unknown().describe('The record as the sensor sent it'),
  created_at: z.string(),
  updated_at: z.string(),
});
export type NetworkEventDto = z.infer<typeof ZNetworkEvent>;

function httpOf(a: Attrs, url: string | null): HttpSummary | null {
  if (a.httpHost === undefined && a.httpMethod === undefined && a.httpUri === undefined && a.httpStatus === undefined) return null;
  return {
    host: text(a.httpHost),
    url: url ?? text(a.httpUri),
    method: text(a.httpMethod),
    status: numberOf(a.httpStatus),
    user_agent: text(a.httpUserAgent),
  };
}

function dnsOf(a: Attrs): DnsSummary | null {
  if (a.dnsQuery === undefined && a.dnsRcode === undefined && a.dnsAnswers === undefined) return null;
  const answers = Array.isArray(a.dnsAnswers) ? a.dnsAnswers.filter((answer): answer is string => typeof answer === 'string') : [];
  return { query: text(a.dnsQuery), type: text(a.dnsQueryType), rcode: text(a.dnsRcode), answers };
}

function tlsOf(a: Attrs): TlsSummary | null {
  if (a.tlsSni === undefined && a.tlsVersion === undefined && a.ja3 === undefined && a.tlsSubject === undefined) return null;
  return {
    sni: text(a.tlsSni),
    version: text(a.tlsVersion),
    ja3: text(a.ja3),
    ja3s: text(a.ja3s),
    subject: text(a.tlsSubject),
    issuer: text(a.tlsIssuer),
  };
}

/** EventSec's NetworkEvent fields, from the normalised row (severity on Vigil's 0–4 scale, 4 = critical). */
export function toNetworkEventDto(row: ListedEventRow): NetworkEventDto {
  const a = (row.attributes ?? {}) as Attrs;
  const prefix = `${row.source_kind}.`;
  return {
    id: Number(row.id),
    ts: row.occurred_at.toISOString(),
    source: row.source_kind,
    event_type: row.action.startsWith(prefix) ? row.action.slice(prefix.length) : row.action,
    src_ip: row.src_ip,
    src_port: row.src_port,
    dst_ip: row.dst_ip,
    dst_port: row.dst_port,
    proto: row.transport,
    signature: text(a.signature) ?? text(a.note),
    signature_id: numberOf(a.signatureId),
    category: text(a.signatureCategory) ?? row.category,
    severity: row.severity,
    sensor: row.sensor_id,
    message: row.message,
    url: row.url,
    domain: text(a.dnsQuery),
    http: httpOf(a, row.url),
    dns: dnsOf(a),
    tls: tlsOf(a),
    raw: row.raw,
    created_at: row.received_at.toISOString(),
    updated_at: row.received_at.toISOString(),
  };
}

/** The network sensors whose records Vigil parses. */
export type NetworkSource = 'suricata' | 'zeek';

import type { ListedEventRow } from '../../db/repos/event-queries.repo.ts';

type Attrs = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);

export type HttpSummary = { host: string | null; url: string | null; method: string | null; status: number | null; user_agent: string | null };
export type DnsSummary = { query: string | null; type: string | null; rcode: string | null; answers: string[] };
export type TlsSummary = {
  sni: string | null;
  version: string | null;
  ja3: string | null;
  ja3s: string | null;
  subject: string | null;
  issuer: string | null;
};

export type NetworkEventDto = {
  id: number;
  ts: string;
  source: string;
  event_type: string;
  src_ip: string | null;
  src_port: number | null;
  dst_ip: string | null;
  dst_port: number | null;
  proto: string | null;
  signature: string | null;
  signature_id: number | null;
  category: string;
  severity: number;
  sensor: string | null;
  message: string | null;
  url: string | null;
  domain: string | null;
  http: HttpSummary | null;
  dns: DnsSummary | null;
  tls: TlsSummary | null;
  raw: unknown;
  created_at: string;
  updated_at: string;
};

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

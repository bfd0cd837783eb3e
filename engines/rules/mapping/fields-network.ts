import type { FieldPath } from '../types.ts';

/** `category: dns` (Zeek dns.log, Suricata DNS): Sigma's generic DNS fields on the common attribute names. */
export const DNS_FIELDS: Readonly<Record<string, readonly FieldPath[]>> = {
  query: ['attributes.dnsQuery'],
  answer: ['attributes.dnsAnswers'],
  record_type: ['attributes.dnsQueryType'],
  response_code: ['attributes.dnsRcode'],
  src_ip: ['srcIp'],
  dst_ip: ['dstIp'],
};

/** `category: firewall`: network connection logs (Zeek conn, Suricata flow/netflow) on the normalised columns. */
export const FIREWALL_FIELDS: Readonly<Record<string, readonly FieldPath[]>> = {
  src_ip: ['srcIp'],
  src_port: ['srcPort'],
  dst_ip: ['dstIp'],
  dst_port: ['dstPort'],
  protocol: ['transport'],
  action: ['attributes.action', 'raw.action'],
};

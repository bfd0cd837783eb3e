import { ZIpAddress } from './event.ts';
import { num } from './fields.ts';

/** A valid IPv4/IPv6 address (no zone id, no brackets), else null: a bad IP never rejects the record by itself. */
export function ipOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return ZIpAddress.safeParse(trimmed).success ? trimmed : null;
}

export function portOrNull(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}

/** Lower-cased transport name (tcp, udp, icmp, ipv6-icmp, sctp...). Suricata may give a protocol number. */
export function transportOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const lower = value.trim().toLowerCase();
  const byNumber: Record<string, string> = { '001': 'icmp', '006': 'tcp', '017': 'udp', '058': 'ipv6-icmp', '132': 'sctp' };
  return byNumber[lower] ?? lower;
}

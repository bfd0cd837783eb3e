import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { classifyAddress, ipv6Bytes } from './address.ts';

/** OUTBOUND_ALLOWLIST parsed: host names (exact, or `*.suffix`) and address ranges that may be reached although private. */
export type OutboundAllowlist = {
  readonly hosts: ReadonlySet<string>;
  /** `*.example.internal` entries, kept as `.example.internal`. */
  readonly suffixes: readonly string[];
  readonly ranges: BlockList;
  readonly entries: readonly string[];
};

const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/;

export type AllowlistEntry =
  | { kind: 'host'; host: string }
  | { kind: 'suffix'; suffix: string }
  | { kind: 'range'; network: string; prefix: number; family: 'ipv4' | 'ipv6' };

/** One entry: a host name, `*.domain`, an IP address or a CIDR (`10.0.0.0/8`, `fd00::/8`); null when it is none of these. */
export function parseAllowlistEntry(raw: string): AllowlistEntry | null {
  const entry = raw.trim().toLowerCase();
  if (entry === '') return null;
  const [address = '', prefixText, ...extra] = entry.replace(/^\[|\]$/g, '').split('/');
  if (extra.length > 0) return null;
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (family) {
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
    return { kind: 'range', network: address, prefix, family };
  }
  if (prefixText !== undefined || !HOST.test(entry) || entry.length > 253) return null;
  const host = entry.replace(/\.$/, '');
  return host.startsWith('*.') ? { kind: 'suffix', suffix: host.slice(1) } : { kind: 'host', host };
}

/** Comma-separated entries; throws naming the first entry that is neither a host nor an address range. */
export function parseOutboundAllowlist(text: string): OutboundAllowlist {
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  const ranges = new BlockList();
  const entries: string[] = [];
  for (const raw of text.split(',')) {
    if (raw.trim() === '') continue;
    const entry = parseAllowlistEntry(raw);
    if (!entry) throw new Error(`'${raw.trim()}' is neither a host name nor an IP address or CIDR`);
    entries.push(raw.trim());
    if (entry.kind === 'host') hosts.add(entry.host);
    else if (entry.kind === 'suffix') suffixes.push(entry.suffix);
    else ranges.addSubnet(entry.network, entry.prefix, entry.family);
  }
  return { hosts, suffixes, ranges, entries };
}

export const EMPTY_ALLOWLIST: OutboundAllowlist = parseOutboundAllowlist('');

/** A host name the allowlist names (exactly or by a `*.` suffix): any address it resolves to may be reached. */
export function allowlistNamesHost(allowlist: OutboundAllowlist, host: string): boolean {
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  return allowlist.hosts.has(name) || allowlist.suffixes.some((suffix) => name.endsWith(suffix));
}

/** An address inside one of the allowlist's ranges (an IPv4-mapped IPv6 address is checked as its IPv4 address). */
export function allowlistCoversAddress(allowlist: OutboundAllowlist, address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  if (isIPv4(text)) return allowlist.ranges.check(text, 'ipv4');
  if (!isIPv6(text)) return false;
  const bytes = ipv6Bytes(text);
  const mapped = bytes?.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (bytes && mapped) return allowlist.ranges.check([12, 13, 14, 15].map((index) => bytes[index]).join('.'), 'ipv4');
  return allowlist.ranges.check(text, 'ipv6');
}

export type AddressVerdict = { allowed: true } | { allowed: false; addressClass: string };

/** Whether `address` (what `host` resolved to, or the literal itself) may be connected to. */
export function judgeAddress(allowlist: OutboundAllowlist, host: string, address: string): AddressVerdict {
  const addressClass = classifyAddress(address);
  if (addressClass === null) return { allowed: true };
  if (addressClass !== 'invalid' && (allowlistNamesHost(allowlist, host) || allowlistCoversAddress(allowlist, address))) return { allowed: true };
  return { allowed: false, addressClass };
}

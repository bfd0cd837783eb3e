import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Why an address is not a public destination. */
export type AddressClass =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link_local'
  | 'metadata'
  | 'unique_local'
  | 'multicast'
  | 'reserved'
  | 'invalid';

// Order matters: the first range an address falls in names its class (the metadata addresses before link-local
// and unique-local, which contain them).
const IPV4_RANGES: readonly [string, number, AddressClass][] = [
  ['169.254.169.254', 32, 'metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6_RANGES: readonly [string, number, AddressClass][] = [
  ['fd00:ec2::254', 128, 'metadata'],
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique_local'],
  ['fe80::', 10, 'link_local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

const v4Lists = IPV4_RANGES.map(([network, prefix, kind]) => ({ kind, list: subnet(network, prefix, 'ipv4') }));
const v6Lists = IPV6_RANGES.map(([network, prefix, kind]) => ({ kind, list: subnet(network, prefix, 'ipv6') }));

function subnet(network: string, prefix: number, family: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return list;
}

/**
 * The class of a non-public address, or null for a public one. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by
 * that IPv4 address, so ::ffff:127.0.0.1 is loopback. Zone ids (fe80::1%eth0) are ignored.
 */
export function classifyAddress(address: string): AddressClass | null {
  const text = address.trim().replace(/^\[|\]$/g, '');
  if (isIPv4(text)) return classifyIpv4(text);
  const bare = text.split('%')[0] ?? '';
  if (!isIPv6(bare)) return 'invalid';
  const bytes = ipv6Bytes(bare);
  if (!bytes) return 'invalid';
  const embedded = embeddedIpv4(bytes);
  if (embedded !== null) return classifyIpv4(embedded);
  const canonical = ipv6Text(bytes);
  return v6Lists.find(({ list }) => list.check(canonical, 'ipv6'))?.kind ?? null;
}

function classifyIpv4(address: string): AddressClass | null {
  return v4Lists.find(({ list }) => list.check(address, 'ipv4'))?.kind ?? null;
}

/** The 16 bytes of a valid IPv6 text (a dotted IPv4 tail included), or null. */
export function ipv6Bytes(text: string): Uint8Array | null {
  let head = text;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  if (dotted?.[1]) {
    if (!isIPv4(dotted[1])) return null;
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    head = head.slice(0, -dotted[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right, ...rest] = head.split('::');
  if (rest.length > 0) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const leftGroups = groups(left);
  const rightGroups = [...(right === undefined ? [] : groups(right)), ...tail];
  const missing = 8 - leftGroups.length - rightGroups.length;
  if (right === undefined ? missing !== 0 : missing < 0) return null;
  const all = [...leftGroups, ...Array<number>(right === undefined ? 0 : missing).fill(0), ...rightGroups];
  if (all.length !== 8 || all.some((group) => !Number.isInteger(group) || group < 0 || group > 0xffff)) return null;
  const bytes = new Uint8Array(16);
  all.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

function ipv6Text(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push((((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0)).toString(16));
  return groups.join(':');
}

const allZero = (bytes: Uint8Array, from: number, to: number) => bytes.subarray(from, to).every((byte) => byte === 0);
const dottedAt = (bytes: Uint8Array, offset: number) => [0, 1, 2, 3].map((index) => bytes[offset + index] ?? 0).join('.');

function embeddedIpv4(bytes: Uint8Array): string | null {
  // ::ffff:a.b.c.d (mapped)
  if (allZero(bytes, 0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return dottedAt(bytes, 12);
  // ::a.b.c.d (compatible, deprecated); :: and ::1 keep their own meaning
  if (allZero(bytes, 0, 12) && !(allZero(bytes, 12, 15) && (bytes[15] ?? 0) <= 1)) return dottedAt(bytes, 12);
  // 64:ff9b::/96 (NAT64)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && allZero(bytes, 4, 12)) return dottedAt(bytes, 12);
  // 2002::/16 (6to4): the IPv4 address is bytes 2–5
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return dottedAt(bytes, 2);
  return null;
}

/** True for a literal IPv4 or IPv6 address (brackets allowed), false for a host name. */
export function isIpLiteral(host: string): boolean {
  const text = host.replace(/^\[|\]$/g, '');
  return isIPv4(text) || isIPv6(text.split('%')[0] ?? '');
}

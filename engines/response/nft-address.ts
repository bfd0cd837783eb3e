/**
 * IP addresses and CIDRs as nftables set elements: parsed strictly by hand (no resolver, no lenient
 * `inet_aton` forms), so what reaches an nft script is only ever digits, hex, dots, colons and one slash.
 */

export type IpFamily = 'ipv4' | 'ipv6';

export type NftAddress = {
  family: IpFamily;
  /** Canonical text: `10.0.0.1`, `10.0.0.0/24`, `2001:db8::1`, `2001:db8::/32` (a full-length prefix is written as the address). */
  text: string;
  /** Prefix length; 32 or 128 for a single address. */
  prefix: number;
  /** First and last address covered, as integers. */
  first: bigint;
  last: bigint;
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export type ParseAddressOptions = {
  /** Accept `a.b.c.d/len` and `x::/len` (default true). */
  allowPrefix?: boolean;
  /** Turn `::ffff:a.b.c.d` into the IPv4 address it stands for (default true): dual-stack servers log IPv4 clients that way. */
  mapIpv4Mapped?: boolean;
};

const WIDTH: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;
const MAX_INPUT = 64;
const MAPPED_HIGH = 0xffffn << 32n;

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
const shown = (raw: string) => JSON.stringify(raw.length > MAX_INPUT ? `${raw.slice(0, MAX_INPUT)}…` : raw);

function ipv4Bits(text: string): bigint | undefined {
  if (!IPV4.test(text)) return undefined;
  return text.split('.').reduce((bits, octet) => (bits << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Words(part: string, ipv4Last: boolean): number[] | undefined {
  if (part === '') return [];
  const groups = part.split(':');
  const words: number[] = [];
  for (const [index, group] of groups.entries()) {
    if (ipv4Last && index === groups.length - 1 && group.includes('.')) {
      const v4 = ipv4Bits(group);
      if (v4 === undefined) return undefined;
      words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (HEXTET.test(group)) {
      words.push(Number.parseInt(group, 16));
    } else {
      return undefined;
    }
  }
  return words;
}

function ipv6Bits(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  // An embedded IPv4 address may only be the last piece of the address.
  const head = ipv6Words(halves[0] ?? '', !compressed);
  const tail = compressed ? ipv6Words(halves[1] ?? '', true) : [];
  if (!head || !tail) return undefined;
  let words: number[];
  if (compressed) {
    // `::` stands for at least one zero group.
    if (head.length + tail.length > 7) return undefined;
    words = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    words = head;
  }
  if (words.length !== 8) return undefined;
  return words.reduce((bits, word) => (bits << 16n) | BigInt(word), 0n);
}

export function formatIpv4(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join('.');
}

/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups (the first on a tie) as `::`. */
export function formatIpv6(bits: bigint): string {
  const words = Array.from({ length: 8 }, (_, index) => Number((bits >> BigInt(112 - 16 * index)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 0;
  for (let index = 0; index < 8; ) {
    if (words[index] !== 0) {
      index++;
      continue;
    }
    let end = index;
    while (end < 8 && words[end] === 0) end++;
    if (end - index > bestLength) {
      bestStart = index;
      bestLength = end - index;
    }
    index = end;
  }
  const hex = words.map((word) => word.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function build(family: IpFamily, bits: bigint, prefix: number): NftAddress {
  const width = WIDTH[family];
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const address = family === 'ipv4' ? formatIpv4(bits) : formatIpv6(bits);
  return { family, prefix, first: bits, last: bits | hostMask, text: prefix === width ? address : `${address}/${prefix}` };
}

/**
 * One IPv4/IPv6 address or CIDR, or the reason it is refused. No brackets, zone ids, spaces, leading
 * zeros in IPv4 octets, shortened IPv4 forms or host bits under a prefix.
 */
export function parseNftAddress(raw: string, options: ParseAddressOptions = {}): ParseResult<NftAddress> {
  const allowPrefix = options.allowPrefix ?? true;
  const mapIpv4Mapped = options.mapIpv4Mapped ?? true;
  if (typeof raw !== 'string') return fail('is not a string');
  if (raw.length === 0) return fail('is empty');
  if (raw.length > MAX_INPUT) return fail(`is longer than ${MAX_INPUT} characters`);
  if (!/^[0-9a-fA-F.:/]+$/.test(raw)) return fail(`${shown(raw)} is not an IP address or CIDR: only digits, hex letters, '.', ':' and '/' may appear`);
  const parts = raw.split('/');
  if (parts.length > 2) return fail(`${shown(raw)} has more than one '/'`);
  const [addressText = '', prefixText] = parts;
  if (prefixText !== undefined && !allowPrefix) return fail(`${shown(raw)} is a network; a single address is expected`);

  let family: IpFamily;
  let bits: bigint | undefined;
  if (addressText.includes(':')) {
    family = 'ipv6';
    bits = ipv6Bits(addressText);
  } else {
    family = 'ipv4';
    bits = ipv4Bits(addressText);
  }
  if (bits === undefined) {
    return fail(
      `${shown(raw)} is not a valid ${family === 'ipv6' ? 'IPv6' : 'IPv4'} address${family === 'ipv4' ? ' (four decimal octets 0-255 without leading zeros)' : ''}`,
    );
  }

  const width = WIDTH[family];
  let prefix = width;
  if (prefixText !== undefined) {
    if (!PREFIX.test(prefixText) || Number(prefixText) > width) return fail(`${shown(raw)} has an invalid prefix length (0-${width} expected)`);
    prefix = Number(prefixText);
  }
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  if ((bits & hostMask) !== 0n) {
    const network = build(family, bits & ~hostMask, prefix).text;
    return fail(`${shown(raw)} has host bits set; the network is ${network}`);
  }

  if (mapIpv4Mapped && family === 'ipv6' && bits >> 32n === MAPPED_HIGH >> 32n && prefix >= 96) {
    return { ok: true, value: build('ipv4', bits & 0xffffffffn, prefix - 96) };
  }
  return { ok: true, value: build(family, bits, prefix) };
}

/** Whether `outer` covers every address of `inner` (same family). */
export function covers(outer: Pick<NftAddress, 'family' | 'first' | 'last'>, inner: Pick<NftAddress, 'family' | 'first' | 'last'>): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

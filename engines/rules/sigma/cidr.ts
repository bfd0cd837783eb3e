/** IPv4 and IPv6 addresses as bytes, and CIDR ranges over them (Sigma `|cidr`). No regex: event text is hostile. */
export type IpBytes = Uint8Array;
export type CidrRange = { bytes: IpBytes; prefix: number };

export function parseIpv4(text: string): IpBytes | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (part.length === 0 || part.length > 3) return null;
    let value = 0;
    for (const c of part) {
      const digit = c.charCodeAt(0) - 48;
      if (digit < 0 || digit > 9) return null;
      value = value * 10 + digit;
    }
    if (value > 255) return null;
    bytes[i] = value;
  }
  return bytes;
}

function parseHexGroup(group: string): number | null {
  if (group.length === 0 || group.length > 4) return null;
  let value = 0;
  for (const c of group) {
    const digit = Number.parseInt(c, 16);
    if (Number.isNaN(digit)) return null;
    value = value * 16 + digit;
  }
  return value;
}

/** Groups of one side of `::`, the last one possibly a dotted IPv4 address. */
function parseGroups(side: string, allowV4Tail: boolean): number[] | null {
  if (side === '') return [];
  const groups = side.split(':');
  const out: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] as string;
    if (allowV4Tail && i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (!v4) return null;
      out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      continue;
    }
    const value = parseHexGroup(group);
    if (value === null) return null;
    out.push(value);
  }
  return out;
}

export function parseIpv6(input: string): IpBytes | null {
  // a zone (fe80::1%eth0) names an interface, not part of the address
  const text = input.includes('%') ? input.slice(0, input.indexOf('%')) : input;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1] as string, true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[i * 2] = group >> 8;
    bytes[i * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** An address in its usual text forms: dotted IPv4, IPv6, IPv6 in brackets. */
export function parseIp(text: string): IpBytes | null {
  const trimmed = text.trim();
  if (trimmed.includes(':')) return parseIpv6(trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed);
  return parseIpv4(trimmed);
}

export function parseCidr(text: string): CidrRange | null {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!bytes) return null;
  const prefixText = slash < 0 ? String(bytes.length * 8) : text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= bytes.length * 8 ? { bytes, prefix } : null;
}

const isV4Mapped = (bytes: IpBytes) => bytes.length === 16 && bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;

export function inCidr(range: CidrRange, address: IpBytes): boolean {
  const candidate = range.bytes.length === 4 && isV4Mapped(address) ? address.subarray(12) : address;
  if (candidate.length !== range.bytes.length) return false;
  const full = range.prefix >> 3;
  for (let i = 0; i < full; i++) if (candidate[i] !== range.bytes[i]) return false;
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((candidate[full] as number) & mask) === ((range.bytes[full] as number) & mask);
}

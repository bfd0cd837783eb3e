/** Reads `nft -j list set …` output back into elements: what the firewall itself holds right now. */
import { covers, formatIpv4, formatIpv6, type IpFamily, type NftAddress, type ParseResult, parseNftAddress } from './nft-address.ts';

export type NftSetElement = {
  /** `10.0.0.1`, `10.0.0.0/24`, or `10.0.0.1-10.0.0.9` for a range someone added by hand. */
  address: string;
  family: IpFamily;
  first: bigint;
  last: bigint;
  /** Seconds left before nft drops it; absent for an element without timeout. */
  expiresInSeconds?: number;
  timeoutSeconds?: number;
  comment?: string;
};

export type NftSetListing = { family: string; table: string; name: string; type: string; elements: NftSetElement[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fromAddress(address: NftAddress, expectedFamily: IpFamily): NftSetElement | string {
  if (address.family !== expectedFamily) return `${address.text} is not an ${expectedFamily === 'ipv4' ? 'IPv4' : 'IPv6'} address`;
  return { address: address.text, family: address.family, first: address.first, last: address.last };
}

function parseValue(value: unknown, family: IpFamily): NftSetElement | string {
  const strict = { mapIpv4Mapped: false } as const;
  if (typeof value === 'string') {
    const parsed = parseNftAddress(value, { ...strict, allowPrefix: false });
    return parsed.ok ? fromAddress(parsed.value, family) : `element ${parsed.reason}`;
  }
  if (isRecord(value) && isRecord(value.prefix)) {
    const { addr, len } = value.prefix;
    if (typeof addr !== 'string' || typeof len !== 'number' || !Number.isInteger(len)) return 'prefix element without addr/len';
    const parsed = parseNftAddress(`${addr}/${len}`, strict);
    return parsed.ok ? fromAddress(parsed.value, family) : `element ${parsed.reason}`;
  }
  if (isRecord(value) && Array.isArray(value.range) && value.range.length === 2) {
    const [low, high] = value.range;
    if (typeof low !== 'string' || typeof high !== 'string') return 'range element without two addresses';
    const from = parseNftAddress(low, { ...strict, allowPrefix: false });
    const to = parseNftAddress(high, { ...strict, allowPrefix: false });
    if (!from.ok) return `range start ${from.reason}`;
    if (!to.ok) return `range end ${to.reason}`;
    if (from.value.family !== family || to.value.family !== family) return `range ${low}-${high} is not of the set's family`;
    if (to.value.first < from.value.first) return `range ${low}-${high} ends before it starts`;
    const format = family === 'ipv4' ? formatIpv4 : formatIpv6;
    return { address: `${format(from.value.first)}-${format(to.value.first)}`, family, first: from.value.first, last: to.value.first };
  }
  return `unknown element ${JSON.stringify(value)?.slice(0, 80)}`;
}

const seconds = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined);

function parseElement(raw: unknown, family: IpFamily): NftSetElement | string {
  if (isRecord(raw) && isRecord(raw.elem)) {
    const element = parseValue(raw.elem.val, family);
    if (typeof element === 'string') return element;
    const timeout = seconds(raw.elem.timeout);
    const expires = seconds(raw.elem.expires);
    if (timeout !== undefined) element.timeoutSeconds = timeout;
    if (expires !== undefined) element.expiresInSeconds = expires;
    if (typeof raw.elem.comment === 'string') element.comment = raw.elem.comment;
    return element;
  }
  return parseValue(raw, family);
}

const FAMILY_OF_TYPE: Record<string, IpFamily> = { ipv4_addr: 'ipv4', ipv6_addr: 'ipv6' };

/**
 * The elements of the one set in the output of `nft -j list set <family> <table> <set>` (a JSON
 * string or the parsed value). Anything unexpected is refused with a reason, never guessed.
 */
export function parseNftSetListing(output: unknown, expected?: { table: string; set: string }): ParseResult<NftSetListing> {
  let document = output;
  if (typeof output === 'string') {
    try {
      document = JSON.parse(output);
    } catch {
      return { ok: false, reason: 'nft output is not JSON' };
    }
  }
  if (!isRecord(document) || !Array.isArray(document.nftables)) return { ok: false, reason: 'nft output has no "nftables" array' };
  const sets = document.nftables.flatMap((entry) => (isRecord(entry) && isRecord(entry.set) ? [entry.set] : []));
  if (sets.length !== 1) return { ok: false, reason: `nft output lists ${sets.length} sets, expected one` };
  const [set] = sets as [Record<string, unknown>];
  const { family, table, name, type } = set;
  if (typeof family !== 'string' || typeof table !== 'string' || typeof name !== 'string' || typeof type !== 'string') {
    return { ok: false, reason: 'nft set without family, table, name or type' };
  }
  if (expected && (expected.table !== table || expected.set !== name))
    return { ok: false, reason: `nft listed ${table} ${name}, not ${expected.table} ${expected.set}` };
  const addressFamily = FAMILY_OF_TYPE[type];
  if (!addressFamily) return { ok: false, reason: `set ${name} holds ${type}, not IP addresses` };
  const raw = set.elem === undefined ? [] : set.elem;
  if (!Array.isArray(raw)) return { ok: false, reason: `set ${name}: "elem" is not an array` };
  const elements: NftSetElement[] = [];
  for (const item of raw) {
    const element = parseElement(item, addressFamily);
    if (typeof element === 'string') return { ok: false, reason: `set ${name}: ${element}` };
    elements.push(element);
  }
  return { ok: true, value: { family, table, name, type, elements } };
}

export type NftMatch =
  /** The element for exactly this address or network. */
  | { kind: 'exact'; element: NftSetElement }
  /** A wider element (a network or a range) that covers it. */
  | { kind: 'covered'; element: NftSetElement }
  | { kind: 'absent' };

/** How the set holds `address`: its own element, a wider one that covers it, or not at all. */
export function findInSet(elements: readonly NftSetElement[], address: NftAddress): NftMatch {
  const exact = elements.find((element) => element.family === address.family && element.first === address.first && element.last === address.last);
  if (exact) return { kind: 'exact', element: exact };
  const covering = elements.find((element) => covers(element, address));
  return covering ? { kind: 'covered', element: covering } : { kind: 'absent' };
}

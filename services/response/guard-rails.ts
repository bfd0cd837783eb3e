import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { AppError } from '../../core/errors.ts';

/** Loopback, link-local and the unspecified address: blocking them breaks the host, never the attacker. */
const ALWAYS_PROTECTED = ['127.0.0.0/8', '::1/128', '0.0.0.0/8', '169.254.0.0/16', 'fe80::/10', '::/128'];

function addRange(list: BlockList, range: string): void {
  const [address = '', prefix] = range.trim().split('/');
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(address) === 0) return;
  if (prefix === undefined) list.addAddress(address, family);
  else list.addSubnet(address, Number(prefix), family);
}

/** The addresses of the machine Vigil runs on: blocking them would cut Vigil off its own enforcement points. */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) => (entry ? [entry.address] : []));
}

export type NeverBlockSource = { ranges: readonly string[]; configured: readonly string[] };

/** Which protected range holds `ip`, in words; null when it may be blocked. */
export function protectedBy(ip: string, source: NeverBlockSource): string | null {
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  const groups: [string, readonly string[]][] = [
    ['loopback, link-local or unspecified', ALWAYS_PROTECTED],
    ['an address of the Vigil host', ownAddresses()],
    ['RESPONSE_NEVER_BLOCK', source.configured],
    ["the organisation's protected ranges", source.ranges],
  ];
  for (const [name, ranges] of groups) {
    const list = new BlockList();
    for (const range of ranges) addRange(list, range);
    if (list.check(ip, family)) return name;
  }
  return null;
}

export function assertMayBlock(ip: string, field: string, source: NeverBlockSource): void {
  const reason = protectedBy(ip, source);
  if (reason) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${field}: ${ip} is never blocked: it is ${reason === "the organisation's protected ranges" || reason === 'RESPONSE_NEVER_BLOCK' ? `in ${reason}` : reason}`,
      {
        issues: [{ path: field, message: `protected (${reason})` }],
      },
    );
  }
}

/** A CIDR or address as the protected-ranges setting accepts it; undefined when malformed. */
export function normaliseRange(range: string): string | undefined {
  const [address = '', prefix, extra] = range.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return undefined;
  if (prefix === undefined) return address;
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (version === 4 ? 32 : 128)) return undefined;
  return `${address}/${bits}`;
}

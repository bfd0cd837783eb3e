/**
 * nft scripts for Vigil's own table. Every value written into a script has been validated first:
 * names from a fixed alphabet, addresses from `parseNftAddress`, integers checked; nothing else is
 * ever interpolated. The scripts are fed to `nft -f -` on stdin, never through a shell.
 */
import type { IpFamily, NftAddress, ParseResult } from './nft-address.ts';

/** Names of tables and sets: a lower-case letter, then lower-case letters, digits and `_` (max 32). */
const NAME = /^[a-z][a-z0-9_]{0,31}$/;

/** nft keywords that would not parse as a name (nft refuses them anyway; this says why earlier). */
const KEYWORDS = new Set([
  'add',
  'arp',
  'bridge',
  'chain',
  'counter',
  'create',
  'delete',
  'drop',
  'element',
  'flush',
  'inet',
  'insert',
  'ip',
  'ip6',
  'list',
  'map',
  'netdev',
  'reject',
  'rule',
  'ruleset',
  'set',
  'table',
  'vmap',
]);

export type NftName = string & { readonly __nftName: unique symbol };

export function parseNftName(raw: unknown, what = 'name'): ParseResult<NftName> {
  if (typeof raw !== 'string') return { ok: false, reason: `${what} must be a string` };
  if (!NAME.test(raw)) {
    return { ok: false, reason: `${what} ${JSON.stringify(raw.slice(0, 40))} must be a lower-case letter then up to 31 lower-case letters, digits or '_'` };
  }
  if (KEYWORDS.has(raw)) return { ok: false, reason: `${what} ${JSON.stringify(raw)} is an nft keyword` };
  return { ok: true, value: raw as NftName };
}

/** Where Vigil keeps its blocks: its own `inet` table, one set per address family, its own chains. */
export type NftLayout = {
  readonly family: 'inet';
  readonly table: NftName;
  readonly sets: Readonly<Record<IpFamily, NftName>>;
};

export const DEFAULT_NFT_TABLE = 'vigil';
export const DEFAULT_NFT_SETS: Readonly<Record<IpFamily, string>> = { ipv4: 'blocked_v4', ipv6: 'blocked_v6' };

/** nft's own limit is somewhat above 1,000 days; a block longer than a year should be permanent (no timeout). */
export const MAX_NFT_TIMEOUT_SECONDS = 365 * 24 * 3600;

/** Priority of Vigil's chains: before the usual `filter` chains, so their accept rules cannot let a blocked address in. */
export const NFT_CHAIN_PRIORITY = 'filter - 10';

export function nftLayout(options: { table?: string; setV4?: string; setV6?: string } = {}): ParseResult<NftLayout> {
  const table = parseNftName(options.table ?? DEFAULT_NFT_TABLE, 'table name');
  if (!table.ok) return table;
  const v4 = parseNftName(options.setV4 ?? DEFAULT_NFT_SETS.ipv4, 'IPv4 set name');
  if (!v4.ok) return v4;
  const v6 = parseNftName(options.setV6 ?? DEFAULT_NFT_SETS.ipv6, 'IPv6 set name');
  if (!v6.ok) return v6;
  if (v4.value === v6.value) return { ok: false, reason: 'the IPv4 and IPv6 sets need different names' };
  return { ok: true, value: { family: 'inet', table: table.value, sets: { ipv4: v4.value, ipv6: v6.value } } };
}

const SET_TYPE: Record<IpFamily, string> = { ipv4: 'ipv4_addr', ipv6: 'ipv6_addr' };
const MATCH: Record<IpFamily, string> = { ipv4: 'ip', ipv6: 'ip6' };

/** The chains, their hooks and which address of a packet they match against the sets. */
const CHAINS = [
  { name: 'input', hook: 'input', match: ['saddr'] },
  { name: 'forward', hook: 'forward', match: ['saddr', 'daddr'] },
  { name: 'output', hook: 'output', match: ['daddr'] },
] as const;

const FAMILIES: readonly IpFamily[] = ['ipv4', 'ipv6'];

function assertLayout(layout: NftLayout): void {
  // Guards against a layout built by hand around `nftLayout`.
  for (const name of [layout.table, layout.sets.ipv4, layout.sets.ipv6]) {
    if (!parseNftName(name).ok) throw new Error(`unsafe nft name ${JSON.stringify(name)}`);
  }
  if (layout.family !== 'inet') throw new Error('only the inet family is supported');
}

function assertAddress(address: NftAddress): void {
  if (!/^[0-9a-f.:/]+$/.test(address.text)) throw new Error('unsafe address text');
}

/**
 * Ensures the table, both sets and the chains, atomically (one batch). `add` is idempotent for
 * tables, sets and chains; the chains are flushed and their rules re-added in the same batch, so
 * running it again never duplicates a rule and never touches the sets' elements (existing blocks
 * and their timeouts survive).
 */
export function ensureTableScript(layout: NftLayout): string {
  assertLayout(layout);
  const ref = `${layout.family} ${layout.table}`;
  const lines = [`add table ${ref}`];
  for (const family of FAMILIES) {
    lines.push(`add set ${ref} ${layout.sets[family]} { type ${SET_TYPE[family]}; flags interval, timeout; }`);
  }
  for (const chain of CHAINS) {
    lines.push(`add chain ${ref} ${chain.name} { type filter hook ${chain.hook} priority ${NFT_CHAIN_PRIORITY}; policy accept; }`);
    lines.push(`flush chain ${ref} ${chain.name}`);
    for (const direction of chain.match) {
      for (const family of FAMILIES) {
        lines.push(`add rule ${ref} ${chain.name} ${MATCH[family]} ${direction} @${layout.sets[family]} counter drop`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

export type AddElementOptions = {
  /** Whole seconds, 1..MAX_NFT_TIMEOUT_SECONDS; absent: the element stays until deleted. */
  timeoutSeconds?: number;
  /** Vigil's response action id, written as the element's comment. */
  actionId?: number;
};

export function checkTimeout(seconds: number): string | null {
  if (!Number.isSafeInteger(seconds) || seconds < 1) return 'the timeout must be a whole number of seconds, at least 1';
  if (seconds > MAX_NFT_TIMEOUT_SECONDS)
    return `the timeout must be at most ${MAX_NFT_TIMEOUT_SECONDS} seconds (365 days); leave it out for a block without end`;
  return null;
}

/**
 * Adds the element with its timeout. It is added, deleted and added again in one batch: `add` alone
 * keeps an existing element's old timeout, this way a repeated block restarts the timeout (and the
 * first `add` makes the `delete` valid when the element was not there).
 */
export function addElementScript(layout: NftLayout, address: NftAddress, options: AddElementOptions = {}): string {
  assertLayout(layout);
  assertAddress(address);
  const target = `${layout.family} ${layout.table} ${layout.sets[address.family]}`;
  const extras: string[] = [];
  if (options.timeoutSeconds !== undefined) {
    const problem = checkTimeout(options.timeoutSeconds);
    if (problem) throw new Error(problem);
    extras.push(`timeout ${options.timeoutSeconds}s`);
  }
  if (options.actionId !== undefined) {
    if (!Number.isSafeInteger(options.actionId) || options.actionId < 0) throw new Error('the action id must be a non-negative integer');
    extras.push(`comment "vigil action ${options.actionId}"`);
  }
  const element = [address.text, ...extras].join(' ');
  return [`add element ${target} { ${address.text} }`, `delete element ${target} { ${address.text} }`, `add element ${target} { ${element} }`, ''].join('\n');
}

/** Deletes the element; nft fails when it is not there (the caller reads the set to tell "absent" from an error). */
export function deleteElementScript(layout: NftLayout, address: NftAddress): string {
  assertLayout(layout);
  assertAddress(address);
  return `delete element ${layout.family} ${layout.table} ${layout.sets[address.family]} { ${address.text} }\n`;
}

/** The set of one family, as the words of `nft -j list set <family> <table> <set>`. */
export type NftSetRef = { readonly family: 'inet'; readonly table: NftName; readonly set: NftName };

export function setRef(layout: NftLayout, family: IpFamily): NftSetRef {
  assertLayout(layout);
  return { family: layout.family, table: layout.table, set: layout.sets[family] };
}

/** Arguments after `nft`: `-j list set inet vigil blocked_v4`. */
export function listSetArgs(ref: NftSetRef): string[] {
  for (const name of [ref.table, ref.set]) {
    if (!parseNftName(name).ok) throw new Error(`unsafe nft name ${JSON.stringify(name)}`);
  }
  if (ref.family !== 'inet') throw new Error('only the inet family is supported');
  return ['-j', 'list', 'set', ref.family, ref.table, ref.set];
}

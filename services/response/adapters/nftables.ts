import { type NftAddress, parseNftAddress } from '../../../engines/response/nft-address.ts';
import {
  addElementScript,
  checkTimeout,
  deleteElementScript,
  ensureTableScript,
  type NftLayout,
  nftLayout,
  setRef,
} from '../../../engines/response/nft-script.ts';
import { findInSet, type NftMatch, type NftSetElement, parseNftSetListing } from '../../../engines/response/nft-set.ts';
import type { AdapterOutcome, ApplyOptions, EnforcementAdapter, EnforcementStatus, EnforcementTarget } from './adapter.ts';
import { NftCommandError, type NftRunner } from './nft-runner.ts';

export type NftablesAdapterOptions = {
  runner: NftRunner;
  /** `nftables` (this host) or `nftables_ssh` (a remote host); default `nftables`. */
  kind?: 'nftables' | 'nftables_ssh';
  /** Vigil's own table in the inet family (default `vigil`). */
  table?: string;
  setV4?: string;
  setV6?: string;
  /** Networks wider than this are refused (default /8 for IPv4, /32 for IPv6): a typo must not cut off the internet. */
  minPrefix?: { ipv4?: number; ipv6?: number };
};

const NOT_FOUND = /No such file or directory/i;

function describeElement(element: NftSetElement): string {
  return `${element.address}${element.expiresInSeconds === undefined ? ' (no timeout)' : ` (expires in ${element.expiresInSeconds} s)`}`;
}

/**
 * Blocks addresses and networks in Vigil's own nftables table (`inet vigil`: sets `blocked_v4` and
 * `blocked_v6` with per-element timeouts, chains on input, forward and output), so an expired block
 * disappears even when Vigil is down. Status is read back from the set, never from memory.
 */
export function createNftablesAdapter(options: NftablesAdapterOptions): EnforcementAdapter {
  const { runner } = options;
  const kind = options.kind ?? 'nftables';
  const built = nftLayout({
    ...(options.table !== undefined ? { table: options.table } : {}),
    ...(options.setV4 !== undefined ? { setV4: options.setV4 } : {}),
    ...(options.setV6 !== undefined ? { setV6: options.setV6 } : {}),
  });
  if (!built.ok) throw new Error(`nftables adapter: ${built.reason}`);
  const layout: NftLayout = built.value;
  const minPrefix = { ipv4: options.minPrefix?.ipv4 ?? 8, ipv6: options.minPrefix?.ipv6 ?? 32 };
  const setName = (address: NftAddress) => `${layout.family} ${layout.table} ${layout.sets[address.family]}`;

  function parseTarget(target: EnforcementTarget): { address: NftAddress } | { outcome: AdapterOutcome } {
    if (target.kind !== 'ip')
      return { outcome: { state: 'unsupported', detail: `the ${kind} adapter blocks IP addresses and networks, not a ${target.kind}` } };
    const parsed = parseNftAddress(target.value);
    if (!parsed.ok) return { outcome: { state: 'failed', detail: `not blocked: ${parsed.reason}` } };
    if (parsed.value.prefix < minPrefix[parsed.value.family]) {
      return {
        outcome: {
          state: 'failed',
          detail: `not blocked: ${parsed.value.text} is wider than /${minPrefix[parsed.value.family]}, the widest network this point blocks`,
        },
      };
    }
    return { address: parsed.value };
  }

  /** The set of the address's family as nft lists it now; null when Vigil's table or set is not there. */
  async function readSet(address: NftAddress): Promise<NftSetElement[] | null> {
    const ref = setRef(layout, address.family);
    let output: unknown;
    try {
      output = await runner.list(ref);
    } catch (error) {
      if (error instanceof NftCommandError && NOT_FOUND.test(error.stderr)) return null;
      throw error;
    }
    const listing = parseNftSetListing(output, { table: ref.table, set: ref.set });
    if (!listing.ok) throw new Error(`${runner.where}: cannot read ${setName(address)}: ${listing.reason}`);
    return listing.value.elements;
  }

  async function matchOf(address: NftAddress): Promise<NftMatch | null> {
    const elements = await readSet(address);
    return elements === null ? null : findInSet(elements, address);
  }

  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

  return {
    kind,
    targets: ['ip'],

    async apply(target, applyOptions: ApplyOptions = {}) {
      const parsed = parseTarget(target);
      if ('outcome' in parsed) return parsed.outcome;
      const { address } = parsed;
      const { timeoutSeconds } = applyOptions;
      if (timeoutSeconds !== undefined) {
        const problem = checkTimeout(timeoutSeconds);
        if (problem) return { state: 'failed', detail: `not blocked: ${problem}` };
      }
      const script =
        ensureTableScript(layout) +
        addElementScript(layout, address, {
          ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
          ...(applyOptions.actionId !== undefined ? { actionId: applyOptions.actionId } : {}),
        });
      const lasting = timeoutSeconds === undefined ? 'until removed' : `for ${timeoutSeconds} s`;
      if (applyOptions.dryRun)
        return { state: 'completed', detail: `dry run: would block ${address.text} ${lasting} in ${setName(address)} with nft ${runner.where}:\n${script}` };
      try {
        await runner.run(script);
      } catch (error) {
        if (!(error instanceof NftCommandError)) return { state: 'failed', detail: message(error) };
        // nft refuses an address inside a network the set already holds (overlapping intervals): say so.
        const match = await matchOf(address).catch(() => null);
        if (match?.kind === 'covered') {
          const { element } = match;
          const lastsLongEnough = element.expiresInSeconds === undefined || (timeoutSeconds !== undefined && element.expiresInSeconds >= timeoutSeconds);
          if (lastsLongEnough) {
            return {
              state: 'completed',
              detail: `${address.text} is already blocked by ${describeElement(element)} in ${setName(address)} ${runner.where}`,
              reference: `${setName(address)} ${element.address}`,
            };
          }
          return {
            state: 'failed',
            detail: `${address.text} lies inside ${describeElement(element)}, which ends sooner than asked; revert or renew that block instead (${message(error)})`,
          };
        }
        return { state: 'failed', detail: message(error) };
      }
      return {
        state: 'completed',
        detail: `blocked ${address.text} ${lasting} in ${setName(address)} ${runner.where}`,
        reference: `${setName(address)} ${address.text}`,
      };
    },

    async revert(target, revertOptions = {}) {
      const parsed = parseTarget(target);
      if ('outcome' in parsed) return parsed.outcome;
      const { address } = parsed;
      const script = deleteElementScript(layout, address);
      if (revertOptions.dryRun)
        return { state: 'completed', detail: `dry run: would remove ${address.text} from ${setName(address)} with nft ${runner.where}:\n${script}` };
      try {
        await runner.run(script);
        return {
          state: 'completed',
          detail: `removed ${address.text} from ${setName(address)} ${runner.where}`,
          reference: `${setName(address)} ${address.text}`,
        };
      } catch (error) {
        if (!(error instanceof NftCommandError)) return { state: 'failed', detail: message(error) };
        // Read the set to tell "already gone" (expired, removed by hand) from a real failure.
        let match: NftMatch | null;
        try {
          match = await matchOf(address);
        } catch (readError) {
          return { state: 'failed', detail: `${message(error)}; reading the set failed too: ${message(readError)}` };
        }
        if (match === null) return { state: 'completed', detail: `${address.text} is not blocked: ${setName(address)} does not exist ${runner.where}` };
        if (match.kind === 'absent')
          return { state: 'completed', detail: `${address.text} was not in ${setName(address)} ${runner.where} (expired or removed already)` };
        if (match.kind === 'covered') {
          return {
            state: 'failed',
            detail: `${address.text} has no element of its own but stays blocked by ${describeElement(match.element)}; revert ${match.element.address} instead`,
          };
        }
        return { state: 'failed', detail: message(error) };
      }
    },

    async status(target): Promise<EnforcementStatus> {
      if (target.kind !== 'ip') return { enforced: false, detail: `the ${kind} adapter holds IP addresses, not a ${target.kind}` };
      const parsed = parseNftAddress(target.value);
      if (!parsed.ok) return { enforced: false, detail: `not an address this point can hold: ${parsed.reason}` };
      const address = parsed.value;
      // Errors reaching the point propagate: "unreadable" is not "not enforced".
      const match = await matchOf(address);
      if (match === null) return { enforced: false, detail: `${setName(address)} does not exist ${runner.where}` };
      if (match.kind === 'absent') return { enforced: false, detail: `${address.text} is not in ${setName(address)} ${runner.where}` };
      const { element } = match;
      const detail =
        match.kind === 'exact'
          ? `${address.text} is in ${setName(address)} ${runner.where}${element.expiresInSeconds === undefined ? ' without timeout' : `, expires in ${element.expiresInSeconds} s`}`
          : `${address.text} is covered by ${describeElement(element)} in ${setName(address)} ${runner.where}`;
      return { enforced: true, ...(element.expiresInSeconds !== undefined ? { expiresInSeconds: element.expiresInSeconds } : {}), detail };
    },
  };
}

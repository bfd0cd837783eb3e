import type { Config } from '../config.ts';
import { type OutboundAllowlist, parseOutboundAllowlist } from './allowlist.ts';

const parsed = new WeakMap<Config, OutboundAllowlist>();

/** The process's outbound policy: OUTBOUND_ALLOWLIST, parsed once per configuration (loadConfig already validated it). */
export function outboundPolicyOf(config: Config): { allowlist: OutboundAllowlist } {
  let allowlist = parsed.get(config);
  if (!allowlist) {
    allowlist = parseOutboundAllowlist(config.OUTBOUND_ALLOWLIST);
    parsed.set(config, allowlist);
  }
  return { allowlist };
}

import { ZNftablesConfig, ZNftablesSshConfig } from '../enforcement-point.dto.ts';
import type { EnforcementAdapter } from './adapter.ts';
import { createLocalNftRunner, type LocalNftRunnerOptions } from './nft-runner.ts';
import { createNftablesAdapter } from './nftables.ts';
import { createSshNftRunner, redactSecrets } from './ssh-nft-runner.ts';

function build(kind: string, config: unknown, secret: string | null, local: Omit<LocalNftRunnerOptions, 'netns'>): EnforcementAdapter {
  if (kind === 'nftables') {
    const parsed = ZNftablesConfig.parse(config ?? {});
    const runner = createLocalNftRunner({ ...local, ...(parsed.netns !== undefined ? { netns: parsed.netns } : {}) });
    return createNftablesAdapter({ runner, kind: 'nftables', table: parsed.table });
  }
  if (kind === 'nftables_ssh') {
    const parsed = ZNftablesSshConfig.parse(config ?? {});
    if (!secret) throw new Error('an nftables_ssh point needs its SSH private key as the secret');
    const runner = createSshNftRunner({
      host: parsed.host,
      port: parsed.port,
      username: parsed.username,
      hostKeySha256: parsed.host_key_sha256,
      privateKey: secret,
      sudo: parsed.sudo,
    });
    return createNftablesAdapter({ runner, kind: 'nftables_ssh', table: parsed.table });
  }
  throw new Error(`not an nftables point: ${kind}`);
}

/**
 * The adapter of a configured `nftables` or `nftables_ssh` enforcement point, from its stored config
 * and opened secret (the SSH private key).
 * A point whose config cannot be used still yields an adapter: it fails every action with the reason
 * (one broken point must not stop the others).
 */
export function nftablesPointAdapter(
  kind: string,
  config: unknown,
  secret: string | null,
  local: Omit<LocalNftRunnerOptions, 'netns'> = {},
): EnforcementAdapter {
  try {
    return build(kind, config, secret, local);
  } catch (error) {
    const reason = `the ${kind} point is misconfigured: ${redactSecrets(error instanceof Error ? error.message : String(error), secret ? [secret.trim()] : [])}`;
    return {
      kind,
      targets: ['ip'],
      apply: async () => ({ state: 'failed', detail: reason }),
      revert: async () => ({ state: 'failed', detail: reason }),
      status: async () => {
        throw new Error(reason);
      },
    };
  }
}

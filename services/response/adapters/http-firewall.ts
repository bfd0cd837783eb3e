import { randomUUID } from 'node:crypto';
import { type OutboundPolicy, sendOutbound } from '../../../core/outbound/index.ts';
import { standardWebhooksSignature } from '../../../engines/webhooks/signing.ts';
import type { AdapterOutcome, EnforcementAdapter, EnforcementStatus, EnforcementTarget } from './adapter.ts';

export type HttpFirewallConfig = { url: string; secret: string; policy: OutboundPolicy; timeoutMs?: number };

type Command = { action: 'block' | 'unblock' | 'status'; target: EnforcementTarget; timeout_seconds?: number; action_id?: number; dry_run?: boolean };

/**
 * A firewall or EDR behind an HTTP API: every command is one signed POST (Standard Webhooks headers over
 * the exact body bytes) to the configured URL, through the SSRF guard. 2xx means the point accepted it;
 * `status` asks the point itself, which answers `{enforced, expires_in_seconds?, detail?}`.
 */
export function createHttpFirewallAdapter(config: HttpFirewallConfig): EnforcementAdapter {
  async function send(command: Command): Promise<{ ok: true; json: Record<string, unknown> } | { ok: false; detail: string }> {
    const body = Buffer.from(JSON.stringify(command), 'utf8');
    const id = `vfw_${randomUUID()}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': standardWebhooksSignature({ id, timestamp, body, secret: config.secret }),
    };
    const result = await sendOutbound(
      config.url,
      { method: 'POST', headers, body, timeoutMs: config.timeoutMs ?? 10_000, maxResponseBytes: 64 * 1024 },
      config.policy,
    );
    if (!result.ok) return { ok: false, detail: `${result.reason}: ${result.message}` };
    if (result.status < 200 || result.status >= 300) return { ok: false, detail: `firewall API answered HTTP ${result.status}` };
    try {
      const parsed = result.body.length === 0 ? {} : JSON.parse(result.body.toString('utf8'));
      return { ok: true, json: parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {} };
    } catch {
      return { ok: true, json: {} };
    }
  }

  async function command(action: 'block' | 'unblock', target: EnforcementTarget, extra: Partial<Command>): Promise<AdapterOutcome> {
    if (target.kind !== 'ip') return { state: 'unsupported', detail: `the firewall API blocks addresses, not a ${target.kind}` };
    const answer = await send({ action, target, ...extra });
    if (!answer.ok) return { state: 'failed', detail: answer.detail };
    const detail = typeof answer.json.detail === 'string' ? answer.json.detail.slice(0, 300) : `${action} accepted`;
    return { state: 'completed', detail: extra.dry_run ? `dry run: ${detail}` : detail };
  }

  return {
    kind: 'webhook',
    targets: ['ip'],
    apply: (target, options) =>
      command('block', target, {
        ...(options?.timeoutSeconds ? { timeout_seconds: options.timeoutSeconds } : {}),
        ...(options?.actionId ? { action_id: options.actionId } : {}),
        ...(options?.dryRun ? { dry_run: true } : {}),
      }),
    revert: (target, options) =>
      command('unblock', target, { ...(options?.actionId ? { action_id: options.actionId } : {}), ...(options?.dryRun ? { dry_run: true } : {}) }),
    async status(target): Promise<EnforcementStatus> {
      const answer = await send({ action: 'status', target });
      if (!answer.ok) throw new Error(answer.detail);
      const expires = answer.json.expires_in_seconds;
      return {
        enforced: answer.json.enforced === true,
        ...(typeof expires === 'number' ? { expiresInSeconds: expires } : {}),
        detail: typeof answer.json.detail === 'string' ? answer.json.detail.slice(0, 300) : answer.json.enforced === true ? 'blocked' : 'not blocked',
      };
    },
  };
}

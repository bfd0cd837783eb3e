import type { Config } from '../../core/config.ts';
import { outboundPolicyOf, sendOutbound } from '../../core/outbound/index.ts';
import { signatureHeaders } from '../../engines/webhooks/signing.ts';

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;
export const WEBHOOK_USER_AGENT = 'Vigil-Webhook/1.0';

export type WebhookMessage = {
  /** webhook-id: the delivery's id, the same on every attempt. */
  id: string;
  eventType: string;
  /** The exact bytes sent and signed. */
  body: Buffer;
};

export type AttemptResult = { delivered: boolean; statusCode: number | null; error: string | null; durationMs: number };

/**
 * One signed POST through the outbound guard: Standard Webhooks headers and Mini-XDR's, both over `body` as sent,
 * with this attempt's timestamp. Delivered means a 2xx answer; anything else is a failure with its reason.
 */
export async function sendWebhook(config: Config, target: { url: string; secret: string }, message: WebhookMessage, attempt: number): Promise<AttemptResult> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    ...signatureHeaders({ id: message.id, timestamp, body: message.body, secret: target.secret, eventType: message.eventType, attempt }),
  };
  const result = await sendOutbound(
    target.url,
    { method: 'POST', headers, body: message.body, timeoutMs: WEBHOOK_TIMEOUT_MS, maxResponseBytes: WEBHOOK_MAX_RESPONSE_BYTES },
    outboundPolicyOf(config),
  );
  if (!result.ok) return { delivered: false, statusCode: result.status ?? null, error: `${result.reason}: ${result.message}`, durationMs: result.durationMs };
  const delivered = result.status >= 200 && result.status < 300;
  const error = delivered
    ? null
    : `http_status: the receiver answered ${result.status}${result.status >= 300 && result.status < 400 ? ' (redirects are not followed)' : ''}`;
  return { delivered, statusCode: result.status, error, durationMs: result.durationMs };
}

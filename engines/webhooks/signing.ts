import { createHmac } from 'node:crypto';

/** Standard Webhooks' secret prefix: `whsec_` and the base64 key bytes. */
export const STANDARD_SECRET_PREFIX = 'whsec_';

/**
 * The HMAC key of the Standard Webhooks signature: the base64 bytes after `whsec_` for such a secret, otherwise the
 * secret's own bytes (receivers construct `new Webhook(secret, {format: 'raw'})` for those).
 */
export function standardWebhooksKey(secret: string): Buffer {
  if (secret.startsWith(STANDARD_SECRET_PREFIX)) return Buffer.from(secret.slice(STANDARD_SECRET_PREFIX.length), 'base64');
  return Buffer.from(secret, 'utf8');
}

export type SignatureInput = {
  /** webhook-id: the same on every attempt of one delivery, so a receiver can drop duplicates. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** The exact bytes sent as the request body. */
  body: Buffer;
  secret: string;
};

/** `v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>` (standardwebhooks.com). */
export function standardWebhooksSignature(input: SignatureInput): string {
  const mac = createHmac('sha256', standardWebhooksKey(input.secret));
  mac.update(`${input.id}.${input.timestamp}.`, 'utf8');
  mac.update(input.body);
  return `v1,${mac.digest('base64')}`;
}

/** Mini-XDR's `v1=<hex HMAC-SHA256(secret as UTF-8, "timestamp.body")>`, over the bytes actually sent. */
export function miniXdrSignature(input: Omit<SignatureInput, 'id'>): string {
  const mac = createHmac('sha256', Buffer.from(input.secret, 'utf8'));
  mac.update(`${input.timestamp}.`, 'utf8');
  mac.update(input.body);
  return `v1=${mac.digest('hex')}`;
}

/** Both schemes' headers for one attempt. */
export function signatureHeaders(input: SignatureInput & { eventType: string; attempt: number }): Record<string, string> {
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': standardWebhooksSignature(input),
    'x-mini-xdr-event': input.eventType,
    'x-mini-xdr-timestamp': String(input.timestamp),
    'x-mini-xdr-signature': miniXdrSignature(input),
    'x-mini-xdr-delivery-attempt': String(input.attempt),
  };
}

export type WebhookEnvelope = { id: string; event_type: string; timestamp: string; data: unknown };

/** The body bytes of a delivery: Mini-XDR's `{event_type, timestamp, data}` plus the event `id`. */
export function webhookBody(envelope: WebhookEnvelope): Buffer {
  return Buffer.from(JSON.stringify({ id: envelope.id, event_type: envelope.event_type, timestamp: envelope.timestamp, data: envelope.data }), 'utf8');
}

import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '../../core/secret-box.ts';
import { STANDARD_SECRET_PREFIX } from '../../engines/webhooks/signing.ts';

/** Standard Webhooks' format: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `${STANDARD_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** Sealed with the subscription's row id bound in, so a ciphertext copied onto another subscription does not open. */
export function sealWebhookSecret(key: Uint8Array, secret: string, subscriptionId: string): Buffer {
  return sealSecret(key, secret, `vigil:webhook-secret:${subscriptionId}`);
}

export function openWebhookSecret(key: Uint8Array, sealed: Uint8Array, subscriptionId: string): string {
  return openSecret(key, sealed, `vigil:webhook-secret:${subscriptionId}`);
}

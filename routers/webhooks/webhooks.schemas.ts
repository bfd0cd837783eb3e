import { z } from 'zod';
import { ZWebhookEventType } from '../../services/webhooks/index.ts';

export const ZWebhookId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Webhook subscription id');

export const ZWebhookUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }))
  .describe('Receiver endpoint (http or https); private, loopback and link-local addresses only when in OUTBOUND_ALLOWLIST');

export const ZEventTypes = z
  .array(ZWebhookEventType)
  .min(1, 'subscribe to at least one event type')
  .max(50)
  .describe('Event types to receive (GET /api/webhooks/events lists them)');

export const ZWebhookName = z.string().trim().max(200);
export const ZWebhookDescription = z.string().trim().max(2000);

export const ZWebhookSecret = z
  .string()
  .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16 to 256 printable ASCII characters without spaces')
  .describe('Your signing secret; a Standard Webhooks whsec_… secret is used as its base64 key bytes');

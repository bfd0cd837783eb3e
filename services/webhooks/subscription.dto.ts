import { z } from 'zod';
import type { AttemptRecord, WebhookDeliveryRow } from '../../db/repos/webhook-deliveries.repo.ts';
import type { WebhookSubscriptionRow } from '../../db/repos/webhook-subscriptions.repo.ts';

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/** Mini-XDR's WebhookResponse, plus why a subscription is off and its failure streak. */
export const ZWebhookSubscription = z.object({
  id: z.number().int().describe('The webhook_id of the subscription routes'),
  url: z.string(),
  event_types: z.array(z.string()),
  name: z.string().nullable(),
  description: z.string().nullable(),
  is_active: z.boolean(),
  disabled_reason: z.string().nullable().describe('Why it is off: disabled by a user, or automatically after persistent delivery failures'),
  consecutive_failures: z.number().int().describe('Failed delivery attempts since the last successful one'),
  created_at: z.string(),
  updated_at: z.string(),
  last_triggered_at: z.string().nullable().describe('Last delivery attempt, successful or not'),
  delivery_success_count: z.number().int(),
  delivery_failure_count: z.number().int().describe('Failed attempts (a delivery retried three times counts three)'),
});
export type WebhookSubscriptionDto = z.infer<typeof ZWebhookSubscription>;

export function toWebhookSubscriptionDto(row: WebhookSubscriptionRow): WebhookSubscriptionDto {
  return {
    id: Number(row.public_id),
    url: row.url,
    event_types: row.event_types,
    name: row.name,
    description: row.description,
    is_active: row.enabled,
    disabled_reason: row.disabled_reason,
    consecutive_failures: row.consecutive_failures,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_triggered_at: iso(row.last_triggered_at),
    delivery_success_count: Number(row.delivery_success_count),
    delivery_failure_count: Number(row.delivery_failure_count),
  };
}

export const ZCreatedWebhookSubscription = ZWebhookSubscription.extend({
  secret: z
    .string()
    .describe(
      "The signing secret, shown this once: yours, or a generated Standard Webhooks secret (whsec_…). Verify webhook-signature with it (standardwebhooks), and X-Mini-XDR-Signature as hex HMAC-SHA256 of '<X-Mini-XDR-Timestamp>.<body>' keyed with the secret's text",
    ),
});
export type CreatedWebhookSubscriptionDto = z.infer<typeof ZCreatedWebhookSubscription>;

const ZAttempt = z.object({
  attempt: z.number().int(),
  at: z.string(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
});

export const ZWebhookDelivery = z.object({
  id: z.string().describe('Sent as webhook-id: the same on every attempt'),
  event_id: z.string(),
  event_type: z.string(),
  status: z.string().describe('pending, delivered, failed (attempts exhausted) or abandoned (the subscription was disabled)'),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  attempt_log: z.array(ZAttempt),
  payload: z.unknown().describe('The body sent'),
});
export type WebhookDeliveryDto = z.infer<typeof ZWebhookDelivery>;

export function toWebhookDeliveryDto(row: WebhookDeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: iso(row.next_attempt_at),
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    created_at: row.created_at.toISOString(),
    delivered_at: iso(row.delivered_at),
    attempt_log: Array.isArray(row.attempt_log) ? (row.attempt_log as AttemptRecord[]) : [],
    payload: row.payload,
  };
}

export const ZWebhookSubscriptionDetail = ZWebhookSubscription.extend({
  recent_deliveries: z.array(ZWebhookDelivery).describe('The delivery log: the latest deliveries, newest first, each with its attempts'),
});
export type WebhookSubscriptionDetailDto = z.infer<typeof ZWebhookSubscriptionDetail>;

export const ZWebhookTestResult = z.object({
  success: z.boolean(),
  message: z.string(),
  detail: z.string().optional().describe('Why the test failed (with HTTP 424)'),
  result: z.object({
    url: z.string(),
    event_type: z.string(),
    status_code: z.number().int().nullable(),
    response_time_ms: z.number().int(),
    error: z
      .string()
      .nullable()
      .describe(
        'invalid_url, scheme_not_allowed, blocked_address, dns_failed, connect_failed, tls_failed, timeout, response_too_large, request_failed or http_status, with the reason',
      ),
    webhook_id: z.number().int().nullable(),
  }),
});
export type WebhookTestResultDto = z.infer<typeof ZWebhookTestResult>;

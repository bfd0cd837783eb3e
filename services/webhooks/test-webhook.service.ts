import { randomUUID } from 'node:crypto';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { findWebhookSubscription } from '../../db/repos/webhook-subscriptions.repo.ts';
import { webhookBody } from '../../engines/webhooks/signing.ts';
import { TEST_EVENT_TYPE } from './event-types.ts';
import { sendWebhook } from './send-webhook.ts';
import type { WebhookTestResultDto } from './subscription.dto.ts';
import { webhookNotFound } from './subscriptions.service.ts';
import { generateWebhookSecret, openWebhookSecret } from './webhook-secret.ts';

export type WebhookTest = {
  url?: string | undefined;
  webhookId?: number | undefined;
  eventType?: string | undefined;
  testPayload?: Record<string, unknown> | undefined;
  /** For a bare URL: the secret to sign with (a throwaway one otherwise). */
  secret?: string | undefined;
};

/**
 * POST /api/webhooks/test: one signed delivery, now, through the outbound guard, to a subscription (its URL and
 * secret) or to a URL. Nothing is queued or logged. A refused destination (blocked_address) is a failed test like any
 * other: `success` false, answered with 424 by the route.
 */
export async function testWebhook(ctx: OrgServiceContext, input: WebhookTest): Promise<WebhookTestResultDto> {
  const target = await testTarget(ctx, input);
  const eventType = input.eventType ?? TEST_EVENT_TYPE;
  const id = randomUUID();
  const timestamp = new Date().toISOString();
  const data = input.testPayload ?? { test: true, message: 'Vigil webhook test', timestamp };
  const body = webhookBody({ id, event_type: eventType, timestamp, data });
  const result = await sendWebhook(ctx.deps.config, target, { id, eventType, body }, 1);
  const summary = {
    url: target.url,
    event_type: eventType,
    status_code: result.statusCode,
    response_time_ms: result.durationMs,
    error: result.error,
    webhook_id: input.webhookId ?? null,
  };
  if (result.delivered) return { success: true, message: 'Webhook test successful', result: summary };
  return { success: false, message: 'Webhook test failed', detail: `Webhook test failed: ${result.error ?? 'unknown error'}`, result: summary };
}

async function testTarget(ctx: OrgServiceContext, input: WebhookTest): Promise<{ url: string; secret: string }> {
  if (input.webhookId !== undefined) {
    const row = await findWebhookSubscription(ctx.deps.db, ctx.orgId, input.webhookId);
    if (!row) throw webhookNotFound(input.webhookId);
    return { url: input.url ?? row.url, secret: openWebhookSecret(ctx.deps.secrets.encryptionKey, row.secret_encrypted, row.id) };
  }
  if (input.url === undefined) {
    throw new AppError('VALIDATION_FAILED', 'url: give a url or a webhook_id', { issues: [{ path: 'url', message: 'give a url or a webhook_id' }] });
  }
  return { url: input.url, secret: input.secret ?? generateWebhookSecret() };
}

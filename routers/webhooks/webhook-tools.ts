import { z } from 'zod';
import {
  TEST_EVENT_TYPE,
  testWebhook,
  WEBHOOK_EVENT_TYPES,
  webhookEventCatalogue,
  ZWebhookEventCatalogue,
  ZWebhookTestResult,
} from '../../services/webhooks/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZWebhookId, ZWebhookSecret, ZWebhookUrl } from './webhooks.schemas.ts';

export const testWebhookProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/webhooks/test',
      tags: ['webhooks'],
      summary: 'Deliver a test event now, to a subscription or a URL',
      description:
        'One signed POST through the outbound guard (no retries, nothing logged). 200 when the receiver answers 2xx; 424 Failed Dependency otherwise, with the reason in detail (blocked_address for a private, loopback, link-local or metadata destination not in OUTBOUND_ALLOWLIST).',
    },
  })
  .input(
    z.object({
      url: ZWebhookUrl.optional(),
      webhook_id: ZWebhookId.optional().describe('A subscription: its URL (unless url is given) and its secret sign the test'),
      event_type: z.enum([TEST_EVENT_TYPE, ...WEBHOOK_EVENT_TYPES]).default(TEST_EVENT_TYPE),
      test_payload: z.record(z.string(), z.unknown()).optional().describe('The data of the test event'),
      secret: ZWebhookSecret.optional().describe('For a bare URL: the secret to sign with (a throwaway one otherwise)'),
    }),
  )
  .output(ZWebhookTestResult)
  .mutation(async ({ ctx, input }) => {
    const result = await testWebhook(ctx.service, {
      url: input.url,
      webhookId: input.webhook_id,
      eventType: input.event_type,
      testPayload: input.test_payload,
      secret: input.secret,
    });
    if (!result.success) ctx.response.status = 424;
    return result;
  });

export const listWebhookEventsProcedure = orgProcedure('settings:read')
  .meta({
    tenancy: 'none',
    openapi: { method: 'GET', path: '/api/webhooks/events', tags: ['webhooks'], summary: 'The event types a subscription can receive, with payload examples' },
  })
  .input(z.object({}))
  .output(ZWebhookEventCatalogue)
  .query(() => webhookEventCatalogue());

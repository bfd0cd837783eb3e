import { z } from 'zod';
import {
  createWebhookSubscription,
  deleteOrgWebhookSubscription,
  getWebhookSubscription,
  listOrgWebhookSubscriptions,
  updateOrgWebhookSubscription,
  ZCreatedWebhookSubscription,
  ZWebhookSubscription,
  ZWebhookSubscriptionDetail,
} from '../../services/webhooks/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZBooleanParam } from '../rules/rules.schemas.ts';
import { ZEventTypes, ZWebhookDescription, ZWebhookId, ZWebhookName, ZWebhookSecret, ZWebhookUrl } from './webhooks.schemas.ts';

export const createWebhookSubscriptionProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/webhooks/subscriptions',
      tags: ['webhooks'],
      summary: 'Create a webhook subscription',
      description:
        'Deliveries are POSTs of {id, event_type, timestamp, data}, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature) and as Mini-XDR did (X-Mini-XDR-Signature: v1=hex HMAC-SHA256 of "<X-Mini-XDR-Timestamp>.<body>"). The secret is yours or generated, and is in this response only. 201.',
    },
  })
  .input(
    z.object({
      url: ZWebhookUrl,
      event_types: ZEventTypes,
      name: ZWebhookName.nullable().optional(),
      description: ZWebhookDescription.nullable().optional(),
      secret: ZWebhookSecret.optional(),
    }),
  )
  .output(ZCreatedWebhookSubscription)
  .mutation(async ({ ctx, input }) => {
    const created = await createWebhookSubscription(ctx.service, {
      url: input.url,
      eventTypes: input.event_types,
      name: input.name || null,
      description: input.description || null,
      secret: input.secret,
    });
    ctx.response.status = 201;
    return created;
  });

export const listWebhookSubscriptionsProcedure = orgProcedure('settings:read')
  .meta({
    openapi: { method: 'GET', path: '/api/webhooks/subscriptions', tags: ['webhooks'], summary: "The organisation's webhook subscriptions, newest first" },
  })
  .input(z.object({ active_only: ZBooleanParam.default(false) }))
  .output(z.array(ZWebhookSubscription))
  .query(({ ctx, input }) => listOrgWebhookSubscriptions(ctx.service, { activeOnly: input.active_only }));

export const getWebhookSubscriptionProcedure = orgProcedure('settings:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/webhooks/subscriptions/{webhook_id}',
      tags: ['webhooks'],
      summary: 'One webhook subscription with its delivery log',
    },
  })
  .input(z.object({ webhook_id: ZWebhookId }))
  .output(ZWebhookSubscriptionDetail)
  .query(({ ctx, input }) => getWebhookSubscription(ctx.service, input.webhook_id));

export const updateWebhookSubscriptionProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/webhooks/subscriptions/{webhook_id}',
      tags: ['webhooks'],
      summary: 'Update a webhook subscription',
      description:
        'Absent fields are left unchanged. is_active false disables it and abandons its pending deliveries; true re-enables it (also after an automatic disable) with a clean failure streak.',
    },
  })
  .input(
    z.object({
      webhook_id: ZWebhookId,
      url: ZWebhookUrl.optional(),
      event_types: ZEventTypes.optional(),
      name: ZWebhookName.nullable().optional(),
      description: ZWebhookDescription.nullable().optional(),
      is_active: z.boolean().optional(),
    }),
  )
  .output(ZWebhookSubscription)
  .mutation(({ ctx, input }) =>
    updateOrgWebhookSubscription(ctx.service, input.webhook_id, {
      url: input.url,
      eventTypes: input.event_types,
      name: input.name === undefined ? undefined : input.name || null,
      description: input.description === undefined ? undefined : input.description || null,
      isActive: input.is_active,
    }),
  );

export const deleteWebhookSubscriptionProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/webhooks/subscriptions/{webhook_id}',
      tags: ['webhooks'],
      summary: 'Delete a webhook subscription and its delivery log (204)',
    },
  })
  .input(z.object({ webhook_id: ZWebhookId }))
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    await deleteOrgWebhookSubscription(ctx.service, input.webhook_id);
    ctx.response.status = 204;
  });

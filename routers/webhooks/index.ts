import { router } from '../trpc.ts';
import {
  createWebhookSubscriptionProcedure,
  deleteWebhookSubscriptionProcedure,
  getWebhookSubscriptionProcedure,
  listWebhookSubscriptionsProcedure,
  updateWebhookSubscriptionProcedure,
} from './subscriptions.ts';
import { listWebhookEventsProcedure, testWebhookProcedure } from './webhook-tools.ts';

/** Mini-XDR's seven /api/webhooks routes. Static paths first. */
export const webhooksRouter = router({
  listEvents: listWebhookEventsProcedure,
  test: testWebhookProcedure,
  createSubscription: createWebhookSubscriptionProcedure,
  listSubscriptions: listWebhookSubscriptionsProcedure,
  getSubscription: getWebhookSubscriptionProcedure,
  updateSubscription: updateWebhookSubscriptionProcedure,
  deleteSubscription: deleteWebhookSubscriptionProcedure,
});

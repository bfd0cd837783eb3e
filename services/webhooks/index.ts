export { DISABLE_AFTER_CONSECUTIVE_FAILURES, deliverWebhook, MAX_DELIVERY_ATTEMPTS, WEBHOOK_RETRY_DELAYS_SECONDS } from './deliver.service.ts';
export { emitWebhookEvent, emitWebhookEvents, type WebhookEvent, watchedWebhookEvents } from './emit.ts';
export {
  TEST_EVENT_TYPE,
  WEBHOOK_EVENT_CATALOGUE,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
  webhookEventCatalogue,
  ZWebhookEventCatalogue,
  ZWebhookEventType,
} from './event-types.ts';
export { alertEventData, escalationEventData, incidentEventData, isEscalation } from './payloads.ts';
export { pruneWebhookDeliveries, WEBHOOK_DELIVERY_RETENTION_DAYS } from './retention.service.ts';
export {
  ZCreatedWebhookSubscription,
  ZWebhookDelivery,
  ZWebhookSubscription,
  ZWebhookSubscriptionDetail,
  ZWebhookTestResult,
} from './subscription.dto.ts';
export {
  createWebhookSubscription,
  deleteOrgWebhookSubscription,
  getWebhookSubscription,
  listOrgWebhookSubscriptions,
  updateOrgWebhookSubscription,
} from './subscriptions.service.ts';
export { testWebhook } from './test-webhook.service.ts';

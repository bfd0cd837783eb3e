import { randomUUID } from 'node:crypto';
import type { Executor, OrgId } from '../../core/database.ts';
import { insertWebhookDeliveries, type NewWebhookDelivery } from '../../db/repos/webhook-deliveries.repo.ts';
import { listSubscribers } from '../../db/repos/webhook-subscriptions.repo.ts';
import { deliverWebhookContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { WebhookEventType } from './event-types.ts';

export type WebhookEvent = { eventType: WebhookEventType; data: Record<string, unknown> };

/**
 * The event types that at least one enabled subscription of the organisation listens to (one query): callers with
 * costly payloads ask first and build only the events someone receives.
 */
export async function watchedWebhookEvents(trx: Executor, orgId: OrgId, eventTypes: readonly WebhookEventType[]): Promise<Set<WebhookEventType>> {
  const subscribers = await listSubscribers(trx, orgId, eventTypes);
  const wanted = new Set<string>(eventTypes);
  return new Set(subscribers.flatMap((subscriber) => subscriber.event_types.filter((type) => wanted.has(type)) as WebhookEventType[]));
}

/** emitWebhookEvents for one event. */
export function emitWebhookEvent(trx: Executor, orgId: OrgId, eventType: WebhookEventType, data: Record<string, unknown>): Promise<number> {
  return emitWebhookEvents(trx, orgId, [{ eventType, data }]);
}

/**
 * The outbox: on the caller's transaction, one delivery row per event and enabled subscription listening to it, and a
 * `webhooks__deliver` job for each. Both commit or roll back with the change that caused the events, so a receiver
 * never hears of a change that did not happen. Returns the number of deliveries queued.
 */
export async function emitWebhookEvents(trx: Executor, orgId: OrgId, events: readonly WebhookEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const subscribers = await listSubscribers(trx, orgId, [...new Set(events.map((event) => event.eventType))]);
  if (subscribers.length === 0) return 0;
  const rows: NewWebhookDelivery[] = [];
  const timestamp = new Date().toISOString();
  for (const event of events) {
    const listening = subscribers.filter((subscriber) => subscriber.event_types.includes(event.eventType));
    if (listening.length === 0) continue;
    const eventId = randomUUID();
    const payload = JSON.stringify({ id: eventId, event_type: event.eventType, timestamp, data: event.data });
    for (const subscriber of listening) rows.push({ subscription_id: subscriber.id, event_type: event.eventType, event_id: eventId, payload });
  }
  const ids = await insertWebhookDeliveries(trx, orgId, rows);
  for (const deliveryId of ids) await enqueue(trx, deliverWebhookContract, { v: 1, orgId, deliveryId });
  return ids.length;
}

import type { ServiceDeps } from '../../core/context.ts';
import type { OrgId } from '../../core/database.ts';
import { findWebhookDelivery, lockWebhookDelivery, recordDeliveryAttempt } from '../../db/repos/webhook-deliveries.repo.ts';
import {
  findWebhookSubscriptionById,
  lockWebhookSubscriptionById,
  recordSubscriptionFailure,
  recordSubscriptionSuccess,
} from '../../db/repos/webhook-subscriptions.repo.ts';
import { type WebhookEnvelope, webhookBody } from '../../engines/webhooks/signing.ts';
import { deliverWebhookContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { type AttemptResult, sendWebhook } from './send-webhook.ts';
import { disableSubscription } from './subscriptions.service.ts';
import { openWebhookSecret } from './webhook-secret.ts';

/** Attempts per delivery; the waits between them grow: 5 s, 15 s, 1 min, 5 min, 30 min. */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [5, 15, 60, 300, 1800] as const;
export const MAX_DELIVERY_ATTEMPTS = WEBHOOK_RETRY_DELAYS_SECONDS.length + 1;
/** Failed attempts in a row, across deliveries, after which a subscription is disabled. */
export const DISABLE_AFTER_CONSECUTIVE_FAILURES = 10;

export type DeliveryOutcome = 'skipped' | 'delivered' | 'retrying' | 'failed' | 'abandoned';

/**
 * One attempt of a queued delivery (the `webhooks__deliver` job). The POST goes out with no transaction open; its
 * outcome is then recorded under the subscription's lock, then the delivery's: a 2xx delivers, anything else schedules
 * the next attempt (exponential backoff, a new job with its run_at) until the attempts run out, and the
 * DISABLE_AFTER_CONSECUTIVE_FAILURES-th failure in a row disables the subscription and abandons its pending deliveries.
 */
export async function deliverWebhook(deps: ServiceDeps, orgId: OrgId, deliveryId: string): Promise<DeliveryOutcome> {
  const delivery = await findWebhookDelivery(deps.db, orgId, deliveryId);
  if (delivery?.status !== 'pending') return 'skipped';
  const subscription = await findWebhookSubscriptionById(deps.db, orgId, delivery.subscription_id);
  if (!subscription?.enabled) return 'skipped';
  const attempt = delivery.attempts + 1;
  const secret = openWebhookSecret(deps.secrets.encryptionKey, subscription.secret_encrypted, subscription.id);
  const body = webhookBody(delivery.payload as WebhookEnvelope);
  const result = await sendWebhook(deps.config, { url: subscription.url, secret }, { id: delivery.id, eventType: delivery.event_type, body }, attempt);

  return deps.db.transaction().execute(async (trx) => {
    const current = await lockWebhookSubscriptionById(trx, orgId, subscription.id);
    const locked = await lockWebhookDelivery(trx, orgId, deliveryId);
    // deleted, disabled or recorded by someone else meanwhile: this attempt's outcome no longer matters
    if (!current || !locked || locked.status !== 'pending' || locked.attempts !== delivery.attempts) return 'skipped';
    const record = attemptRecord(attempt, result);
    if (result.delivered) {
      await recordDeliveryAttempt(trx, orgId, deliveryId, { record, status: 'delivered', nextAttemptAt: null });
      await recordSubscriptionSuccess(trx, orgId, subscription.id);
      return 'delivered';
    }
    const streak = await recordSubscriptionFailure(trx, orgId, subscription.id);
    const exhausted = attempt >= MAX_DELIVERY_ATTEMPTS;
    const disable = current.enabled && streak >= DISABLE_AFTER_CONSECUTIVE_FAILURES;
    const delay = WEBHOOK_RETRY_DELAYS_SECONDS[attempt - 1] ?? 0;
    const nextAttemptAt = exhausted || disable ? null : new Date(Date.now() + delay * 1000);
    const status = exhausted ? 'failed' : disable ? 'abandoned' : 'pending';
    await recordDeliveryAttempt(trx, orgId, deliveryId, { record, status, nextAttemptAt });
    if (nextAttemptAt) await enqueue(trx, deliverWebhookContract, { v: 1, orgId, deliveryId }, { runAt: nextAttemptAt });
    if (disable) {
      const reason = `disabled automatically after ${streak} failed delivery attempts in a row (last: ${record.error ?? 'unknown'})`;
      await disableSubscription(trx, orgId, subscription.id, reason.slice(0, 1000));
      deps.logger.warn(
        { orgId, webhookId: Number(subscription.public_id), failures: streak },
        'webhook subscription disabled after persistent delivery failures',
      );
    }
    return status === 'pending' ? 'retrying' : status;
  });
}

function attemptRecord(attempt: number, result: AttemptResult) {
  return { attempt, at: new Date().toISOString(), status_code: result.statusCode, error: result.error?.slice(0, 1000) ?? null, duration_ms: result.durationMs };
}

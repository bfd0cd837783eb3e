import type { Executor } from '../../core/database.ts';
import { deleteFinishedDeliveriesBefore } from '../../db/repos/webhook-deliveries.repo.ts';

/** Days a finished delivery (delivered, failed or abandoned) stays in the delivery log. */
export const WEBHOOK_DELIVERY_RETENTION_DAYS = 30;

export async function pruneWebhookDeliveries(db: Executor, now = new Date()): Promise<{ webhookDeliveries: number }> {
  return { webhookDeliveries: await deleteFinishedDeliveriesBefore(db, new Date(now.getTime() - WEBHOOK_DELIVERY_RETENTION_DAYS * 86_400_000)) };
}

import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import { chunks } from '../chunks.ts';
import type { WebhookDeliveries } from '../schema.generated.ts';

export type WebhookDeliveryRow = Selectable<WebhookDeliveries>;
export type NewWebhookDelivery = Pick<Insertable<WebhookDeliveries>, 'subscription_id' | 'event_type' | 'event_id' | 'payload'>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'abandoned'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Inserts the outbox rows; returns their ids in the order given. */
export async function insertWebhookDeliveries(db: Executor, orgId: OrgId, rows: readonly NewWebhookDelivery[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(rows)) {
    const inserted = await db
      .insertInto('webhook_deliveries')
      .values(part.map((row) => ({ ...row, org_id: orgId })))
      .returning('id')
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

export function findWebhookDelivery(db: Executor, orgId: OrgId, id: string): Promise<WebhookDeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_deliveries.org_id', '=', orgId)
    .where('webhook_deliveries.id', '=', id)
    .executeTakeFirst();
}

export function lockWebhookDelivery(db: Executor, orgId: OrgId, id: string): Promise<WebhookDeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_deliveries.org_id', '=', orgId)
    .where('webhook_deliveries.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function listSubscriptionDeliveries(db: Executor, orgId: OrgId, subscriptionId: string, limit: number): Promise<WebhookDeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_deliveries.org_id', '=', orgId)
    .where('webhook_deliveries.subscription_id', '=', subscriptionId)
    .orderBy('webhook_deliveries.created_at', 'desc')
    .orderBy('webhook_deliveries.id')
    .limit(limit)
    .execute();
}

export type AttemptRecord = {
  attempt: number;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
};

export type AttemptOutcome = {
  record: AttemptRecord;
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
};

/** Appends one attempt to the log and moves the delivery to its next state. */
export async function recordDeliveryAttempt(db: Executor, orgId: OrgId, id: string, outcome: AttemptOutcome): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      attempts: outcome.record.attempt,
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt,
      last_attempt_at: new Date(outcome.record.at),
      last_status_code: outcome.record.status_code,
      last_error: outcome.record.error,
      attempt_log: sql`attempt_log || ${JSON.stringify([outcome.record])}::jsonb`,
      ...(outcome.status === 'delivered' ? { delivered_at: sql`now()` } : {}),
      updated_at: sql`now()`,
    })
    .where('webhook_deliveries.org_id', '=', orgId)
    .where('webhook_deliveries.id', '=', id)
    .execute();
}

/** Closes deliveries that will never be sent (subscription disabled); returns how many. */
export async function abandonPendingDeliveries(db: Executor, orgId: OrgId, subscriptionId: string, reason: string): Promise<number> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'abandoned', next_attempt_at: null, last_error: reason, updated_at: sql`now()` })
    .where('webhook_deliveries.org_id', '=', orgId)
    .where('webhook_deliveries.subscription_id', '=', subscriptionId)
    .where('webhook_deliveries.status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Retention of the delivery log, for every organisation: finished deliveries created before `before`. */
export async function deleteFinishedDeliveriesBefore(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('webhook_deliveries')
    .where('webhook_deliveries.status', '<>', 'pending')
    .where('webhook_deliveries.created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

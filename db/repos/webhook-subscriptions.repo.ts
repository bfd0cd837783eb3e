import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { WebhookSubscriptions } from '../schema.generated.ts';

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptions>;
export type NewWebhookSubscription = Omit<Insertable<WebhookSubscriptions>, 'org_id' | 'public_id' | 'created_at' | 'updated_at'>;
export type WebhookSubscriptionChange = Pick<
  Updateable<WebhookSubscriptions>,
  'url' | 'name' | 'description' | 'event_types' | 'enabled' | 'disabled_reason' | 'disabled_at' | 'consecutive_failures'
>;

export function insertWebhookSubscription(db: Executor, orgId: OrgId, values: NewWebhookSubscription): Promise<WebhookSubscriptionRow> {
  return db
    .insertInto('webhook_subscriptions')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listWebhookSubscriptions(db: Executor, orgId: OrgId, filter: { enabledOnly: boolean }, limit: number): Promise<WebhookSubscriptionRow[]> {
  let query = db.selectFrom('webhook_subscriptions').selectAll().where('webhook_subscriptions.org_id', '=', orgId);
  if (filter.enabledOnly) query = query.where('webhook_subscriptions.enabled', '=', true);
  return query.orderBy('webhook_subscriptions.public_id', 'desc').limit(limit).execute();
}

export function findWebhookSubscription(db: Executor, orgId: OrgId, publicId: number): Promise<WebhookSubscriptionRow | undefined> {
  return db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.public_id', '=', publicId)
    .executeTakeFirst();
}

export function findWebhookSubscriptionById(db: Executor, orgId: OrgId, id: string): Promise<WebhookSubscriptionRow | undefined> {
  return db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.id', '=', id)
    .executeTakeFirst();
}

export function lockWebhookSubscription(db: Executor, orgId: OrgId, publicId: number): Promise<WebhookSubscriptionRow | undefined> {
  return db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.public_id', '=', publicId)
    .forUpdate()
    .executeTakeFirst();
}

/** Row lock by internal id: deliveries take it before their own row lock, as PATCH does, so the two never deadlock. */
export function lockWebhookSubscriptionById(db: Executor, orgId: OrgId, id: string): Promise<WebhookSubscriptionRow | undefined> {
  return db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function updateWebhookSubscription(
  db: Executor,
  orgId: OrgId,
  id: string,
  change: WebhookSubscriptionChange,
): Promise<WebhookSubscriptionRow | undefined> {
  return db
    .updateTable('webhook_subscriptions')
    .set({ ...change, updated_at: sql`now()` })
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteWebhookSubscription(db: Executor, orgId: OrgId, publicId: number): Promise<WebhookSubscriptionRow | undefined> {
  return db
    .deleteFrom('webhook_subscriptions')
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.public_id', '=', publicId)
    .returningAll()
    .executeTakeFirst();
}

export type SubscriberRow = Pick<WebhookSubscriptionRow, 'id' | 'event_types'>;

/** The enabled subscriptions of the organisation that listen to any of `eventTypes`. */
export function listSubscribers(db: Executor, orgId: OrgId, eventTypes: readonly string[]): Promise<SubscriberRow[]> {
  if (eventTypes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('webhook_subscriptions')
    .select(['webhook_subscriptions.id', 'webhook_subscriptions.event_types'])
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.enabled', '=', true)
    .where(sql<boolean>`webhook_subscriptions.event_types && ${sql.val([...eventTypes])}::text[]`)
    .execute();
}

/** A delivered attempt: the failure streak ends. */
export async function recordSubscriptionSuccess(db: Executor, orgId: OrgId, id: string): Promise<void> {
  await db
    .updateTable('webhook_subscriptions')
    .set({
      consecutive_failures: 0,
      delivery_success_count: sql`delivery_success_count + 1`,
      last_triggered_at: sql`now()`,
    })
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.id', '=', id)
    .execute();
}

/** A failed attempt; returns the streak of failed attempts it extends (0 when the subscription is gone). */
export async function recordSubscriptionFailure(db: Executor, orgId: OrgId, id: string): Promise<number> {
  const row = await db
    .updateTable('webhook_subscriptions')
    .set({
      consecutive_failures: sql`consecutive_failures + 1`,
      delivery_failure_count: sql`delivery_failure_count + 1`,
      last_triggered_at: sql`now()`,
    })
    .where('webhook_subscriptions.org_id', '=', orgId)
    .where('webhook_subscriptions.id', '=', id)
    .returning('consecutive_failures')
    .executeTakeFirst();
  return row?.consecutive_failures ?? 0;
}

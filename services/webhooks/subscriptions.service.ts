import { randomUUID } from 'node:crypto';
import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { checkDestination, outboundPolicyOf } from '../../core/outbound/index.ts';
import { abandonPendingDeliveries, listSubscriptionDeliveries } from '../../db/repos/webhook-deliveries.repo.ts';
import {
  deleteWebhookSubscription,
  findWebhookSubscription,
  insertWebhookSubscription,
  listWebhookSubscriptions,
  lockWebhookSubscription,
  updateWebhookSubscription,
  type WebhookSubscriptionChange,
  type WebhookSubscriptionRow,
} from '../../db/repos/webhook-subscriptions.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import type { WebhookEventType } from './event-types.ts';
import {
  type CreatedWebhookSubscriptionDto,
  toWebhookDeliveryDto,
  toWebhookSubscriptionDto,
  type WebhookSubscriptionDetailDto,
  type WebhookSubscriptionDto,
} from './subscription.dto.ts';
import { generateWebhookSecret, sealWebhookSecret } from './webhook-secret.ts';

export const MAX_SUBSCRIPTIONS_LISTED = 500;
export const RECENT_DELIVERIES_SHOWN = 20;
export const DISABLED_BY_USER = 'disabled by a user (is_active: false)';

export type NewSubscription = {
  url: string;
  eventTypes: readonly WebhookEventType[];
  name?: string | null | undefined;
  description?: string | null | undefined;
  secret?: string | undefined;
};

export function webhookNotFound(webhookId: number): AppError {
  return new AppError('NOT_FOUND', `Webhook subscription ${webhookId} not found`);
}

/** The URL's scheme and literal destination, judged as every delivery will be (400 naming `path`). */
export function assertWebhookDestination(ctx: { deps: OrgServiceContext['deps'] }, url: string, path = 'url'): void {
  const check = checkDestination(url, outboundPolicyOf(ctx.deps.config).allowlist);
  if (!check.ok) throw new AppError('VALIDATION_FAILED', `${path}: ${check.message}`, { issues: [{ path, message: check.message }] });
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
};

/** POST /api/webhooks/subscriptions: the secret (the caller's or a generated one) is returned this once and kept sealed. */
export async function createWebhookSubscription(ctx: OrgServiceContext, input: NewSubscription): Promise<CreatedWebhookSubscriptionDto> {
  assertWebhookDestination(ctx, input.url);
  const id = randomUUID();
  const secret = input.secret ?? generateWebhookSecret();
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const created = await insertWebhookSubscription(trx, ctx.orgId, {
      id,
      url: input.url,
      name: input.name ?? null,
      description: input.description ?? null,
      event_types: [...new Set(input.eventTypes)],
      secret_encrypted: sealWebhookSecret(ctx.deps.secrets.encryptionKey, secret, id),
      created_by: ctx.principal.actorId,
    });
    await auditWebhook(trx, ctx, created, 'webhook.created', {
      host: hostOf(created.url),
      event_types: created.event_types,
      own_secret: input.secret !== undefined,
    });
    return created;
  });
  return { ...toWebhookSubscriptionDto(row), secret };
}

export async function listOrgWebhookSubscriptions(ctx: OrgServiceContext, filter: { activeOnly: boolean }): Promise<WebhookSubscriptionDto[]> {
  const rows = await listWebhookSubscriptions(ctx.deps.db, ctx.orgId, { enabledOnly: filter.activeOnly }, MAX_SUBSCRIPTIONS_LISTED);
  return rows.map(toWebhookSubscriptionDto);
}

/** One subscription with its delivery log (the latest deliveries and their attempts). */
export async function getWebhookSubscription(ctx: OrgServiceContext, webhookId: number): Promise<WebhookSubscriptionDetailDto> {
  const row = await findWebhookSubscription(ctx.deps.db, ctx.orgId, webhookId);
  if (!row) throw webhookNotFound(webhookId);
  const deliveries = await listSubscriptionDeliveries(ctx.deps.db, ctx.orgId, row.id, RECENT_DELIVERIES_SHOWN);
  return { ...toWebhookSubscriptionDto(row), recent_deliveries: deliveries.map(toWebhookDeliveryDto) };
}

export type SubscriptionChanges = {
  url?: string | undefined;
  eventTypes?: readonly WebhookEventType[] | undefined;
  name?: string | null | undefined;
  description?: string | null | undefined;
  isActive?: boolean | undefined;
};

/**
 * PATCH: absent fields stay. is_active false disables it (pending deliveries are abandoned); true re-enables a
 * subscription however it was disabled, with a clean failure streak.
 */
export async function updateOrgWebhookSubscription(ctx: OrgServiceContext, webhookId: number, changes: SubscriptionChanges): Promise<WebhookSubscriptionDto> {
  if (changes.url !== undefined) assertWebhookDestination(ctx, changes.url);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await lockWebhookSubscription(trx, ctx.orgId, webhookId);
    if (!row) throw webhookNotFound(webhookId);
    const change: WebhookSubscriptionChange = {
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.eventTypes !== undefined ? { event_types: [...new Set(changes.eventTypes)] } : {}),
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
    };
    if (changes.isActive === false && row.enabled) {
      Object.assign(change, { enabled: false, disabled_reason: DISABLED_BY_USER, disabled_at: new Date() });
      await abandonPendingDeliveries(trx, ctx.orgId, row.id, DISABLED_BY_USER);
    }
    if (changes.isActive === true && !row.enabled) Object.assign(change, { enabled: true, disabled_reason: null, disabled_at: null, consecutive_failures: 0 });
    const updated = await updateWebhookSubscription(trx, ctx.orgId, row.id, change);
    if (!updated) throw webhookNotFound(webhookId);
    await auditWebhook(trx, ctx, updated, 'webhook.updated', { fields: Object.keys(change), host: hostOf(updated.url) });
    return toWebhookSubscriptionDto(updated);
  });
}

/** DELETE: the subscription and its delivery log; queued deliveries find nothing and stop. */
export async function deleteOrgWebhookSubscription(ctx: OrgServiceContext, webhookId: number): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await deleteWebhookSubscription(trx, ctx.orgId, webhookId);
    if (!row) throw webhookNotFound(webhookId);
    await auditWebhook(trx, ctx, row, 'webhook.deleted', { host: hostOf(row.url) });
  });
}

/** Disables a subscription (row locked by the caller) and abandons its pending deliveries. */
export async function disableSubscription(trx: Executor, orgId: OrgId, subscriptionId: string, reason: string): Promise<void> {
  await updateWebhookSubscription(trx, orgId, subscriptionId, { enabled: false, disabled_reason: reason, disabled_at: new Date() });
  await abandonPendingDeliveries(trx, orgId, subscriptionId, reason);
}

function auditWebhook(trx: Executor, ctx: OrgServiceContext, row: WebhookSubscriptionRow, action: string, details: Record<string, unknown>): Promise<void> {
  return recordAudit(trx, ctx, {
    orgId: ctx.orgId,
    action,
    actor: actorOf(ctx),
    target: { type: 'webhook_subscription', id: String(row.public_id) },
    details,
  });
}

import { unsafeMintOrgId } from '../../core/database.ts';
import { deliverWebhook } from '../../services/webhooks/index.ts';
import { deliverWebhookContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const deliverWebhookTask = defineTask(deliverWebhookContract, async (payload, { deps, logger }) => {
  const outcome = await deliverWebhook(deps, unsafeMintOrgId(payload.orgId), payload.deliveryId);
  logger.debug({ deliveryId: payload.deliveryId, outcome }, 'webhook delivery attempt');
});

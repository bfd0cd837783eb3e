import { applyEventRetention, eventTimePolicy, retentionHorizon } from '../../services/events/index.ts';
import { pruneExpiredSessionsAndWindows } from '../../services/identity/index.ts';
import { pruneIngestRecords } from '../../services/ingest/index.ts';
import { pruneWebhookDeliveries } from '../../services/webhooks/index.ts';
import { applyRetentionContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const applyRetentionTask = defineTask(applyRetentionContract, async (_payload, { deps, logger }) => {
  const retentionDays = deps.config.EVENT_RETENTION_DAYS;
  const events = await applyEventRetention(deps.db, eventTimePolicy(deps.config));
  const ingest = await pruneIngestRecords(deps.db, retentionHorizon(retentionDays));
  const identity = await pruneExpiredSessionsAndWindows(deps.db);
  const webhooks = await pruneWebhookDeliveries(deps.db);
  logger.info({ ...events, retentionDays, ...identity, ...ingest, ...webhooks }, 'retention applied');
});

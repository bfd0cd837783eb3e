import { z } from 'zod';

/**
 * What a job is, without what it does: services enqueue against these, tasks implement them. Every
 * payload carries a version `v`, so old jobs in the queue stay readable after a change.
 */
export type TaskContract<Identifier extends string, Schema extends z.ZodType> = { identifier: Identifier; payloadSchema: Schema };

function contract<Identifier extends string, Schema extends z.ZodType>(identifier: Identifier, payloadSchema: Schema): TaskContract<Identifier, Schema> {
  return { identifier, payloadSchema };
}

const versionOnly = z.object({ v: z.literal(1) }).loose();

export const pruneWorkerHeartbeatsContract = contract('system__prune_worker_heartbeats', versionOnly);
export const applyRetentionContract = contract('events__apply_retention', versionOnly);
export const scanOrgContract = contract('detection__scan_org', z.object({ v: z.literal(1), orgId: z.uuid() }));
export const detectionSweepContract = contract('detection__sweep', versionOnly);
export const detectOfflineAgentsContract = contract('agents__detect_offline', versionOnly);
export const replayRuleContract = contract('rules__replay', z.object({ v: z.literal(1), orgId: z.uuid(), replayId: z.number().int().positive() }));
export const dispatchActionContract = contract('response__dispatch', z.object({ v: z.literal(1), orgId: z.uuid(), actionId: z.number().int().positive() }));
export const expireActionContract = contract('response__expire', z.object({ v: z.literal(1), orgId: z.uuid(), actionId: z.number().int().positive() }));
export const deliverWebhookContract = contract('webhooks__deliver', z.object({ v: z.literal(1), orgId: z.uuid(), deliveryId: z.uuid() }));
export const workflowStepContract = contract(
  'response__workflow_step',
  z.object({ v: z.literal(1), orgId: z.uuid(), workflowId: z.number().int().positive(), stepIndex: z.number().int().min(0) }),
);
/** Evaluates the organisation's triggers for one incident change; `changeKey` names the change (`created`, `updated:<epoch ms>`), so a re-run is a no-op. */
export const evaluateTriggersContract = contract(
  'triggers__evaluate',
  z.object({
    v: z.literal(1),
    orgId: z.uuid(),
    incidentId: z.number().int().positive(),
    change: z.enum(['created', 'updated', 'escalated']),
    changeKey: z.string().min(1).max(100),
  }),
);
export const autoContainContract = contract('response__auto_contain', z.object({ v: z.literal(1), orgId: z.uuid(), incidentId: z.number().int().positive() }));
export const responseSweepContract = contract('response__sweep', versionOnly);
/** Every minute: claims the scheduled hunts whose slot has come and queues their runs (services/search/hunts). */
export const runDueHuntsContract = contract('search__run_due_hunts', versionOnly);
/** One scheduled run of a hunt over [windowEnd − lookback, windowEnd]; the window is fixed when the slot is claimed, so a retry searches the same rows. */
export const runHuntContract = contract('search__run_hunt', z.object({ v: z.literal(1), orgId: z.uuid(), huntId: z.uuid(), windowEnd: z.iso.datetime() }));
/** Drains the OpenSearch outbox and backfill (one bulk request per pass); added by the events trigger (ADR 0016). */
export const indexSearchEventsContract = contract('search__index_events', versionOnly);
/** Every minute: the outbox trigger follows SEARCH_BACKEND, and an indexer run is queued when work waits. */
export const searchIndexSweepContract = contract('search__index_sweep', versionOnly);
/** Hourly: deletes daily event indices older than EVENT_RETENTION_DAYS. */
export const searchIndexRetentionContract = contract('search__apply_index_retention', versionOnly);

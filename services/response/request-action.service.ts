import type { ServiceDeps } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { countRecentActions, insertResponseAction, type ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import { readResponseSettings } from '../../db/repos/response-settings.repo.ts';
import { dispatchActionContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { Actor } from './actor.ts';
import { type ActionDefinition, actionDefinition } from './catalogue.ts';
import { dispatchAction } from './dispatch-action.service.ts';
import { assertMayBlock } from './guard-rails.ts';
import { canonicalTarget } from './targets.ts';
import { recordCreation } from './transitions.ts';

export type ActionSource = 'manual' | 'auto_contain' | 'workflow' | 'alert' | 'schedule' | 'expiry';

export type ActionRequest = {
  type: string;
  target: string;
  /** The input field the target came from, named in errors. */
  targetField: string;
  incidentId?: number | null;
  alertId?: number | null;
  durationSeconds?: number | null;
  dryRun?: boolean;
  source: ActionSource;
  params?: Record<string, unknown>;
  inverseOf?: number | null;
  /** A workflow a soc_lead approved (or that needed no approval) carries its own decision. */
  preApproved?: boolean;
};

/** Automation needs a soc_lead's approval for disruptive actions; a caller with response:execute is one. */
function needsApproval(definition: ActionDefinition, source: ActionSource): boolean {
  return definition.safetyLevel === 'high' && (source === 'auto_contain' || source === 'workflow');
}

function unknownAction(type: string): AppError {
  return new AppError('VALIDATION_FAILED', `action_type: ${type} is not an action Vigil executes (GET /api/response/actions lists them)`, {
    issues: [{ path: 'action_type', message: 'unknown action type' }],
  });
}

async function checkGuardRails(
  trx: Executor,
  deps: ServiceDeps,
  orgId: OrgId,
  definition: ActionDefinition,
  target: string,
  field: string,
): Promise<{ dryRun: boolean }> {
  const settings = await readResponseSettings(trx, orgId);
  if (definition.target === 'ip' && definition.direction === 'apply') {
    assertMayBlock(target, field, { ranges: settings.protected_ranges, configured: deps.config.RESPONSE_NEVER_BLOCK.split(',').filter(Boolean) });
  }
  if (!settings.dry_run && (await countRecentActions(trx, orgId)) >= settings.max_actions_per_hour) {
    throw new AppError(
      'RATE_LIMITED',
      `The organisation's response budget of ${settings.max_actions_per_hour} actions per hour is spent; retry later or raise max_actions_per_hour`,
    );
  }
  return { dryRun: settings.dry_run };
}

/**
 * Records a response action on the caller's transaction, after its guard rails (never-block ranges,
 * the hourly budget), with the job that carries it out: requested (or awaiting approval) and nothing
 * more until it commits.
 */
export async function recordActionRequest(trx: Executor, deps: ServiceDeps, orgId: OrgId, actor: Actor, request: ActionRequest): Promise<ResponseActionRow> {
  const definition = actionDefinition(request.type);
  if (!definition) throw unknownAction(request.type);
  const target = canonicalTarget(definition.target, request.target, request.targetField);
  const rails = await checkGuardRails(trx, deps, orgId, definition, target, request.targetField);
  const awaiting = !request.preApproved && needsApproval(definition, request.source);
  const action = await insertResponseAction(trx, orgId, {
    action_type: request.type,
    target_kind: definition.target,
    target,
    incident_id: request.incidentId ?? null,
    alert_id: request.alertId ?? null,
    params: JSON.stringify(request.params ?? {}),
    status: awaiting ? 'awaiting_approval' : 'requested',
    status_detail: awaiting ? `${request.type} is disruptive: a soc_lead must approve it` : null,
    executable: true,
    dry_run: Boolean(request.dryRun) || rails.dryRun,
    duration_seconds: definition.timed ? (request.durationSeconds ?? null) : null,
    inverse_of: request.inverseOf ?? null,
    source: request.source,
    requested_by: actor.id ?? 'system',
    requested_by_type: actor.type,
  });
  await recordCreation(trx, orgId, action, actor);
  if (!awaiting) await enqueue(trx, dispatchActionContract, { v: 1, orgId, actionId: action.id }, { jobKey: `response:dispatch:${action.id}`, maxAttempts: 5 });
  return action;
}

/**
 * Requests an action and carries it out now: the durable job is the fallback if this process dies
 * between the commit and the enforcement point's answer.
 */
export async function executeAction(deps: ServiceDeps, orgId: OrgId, actor: Actor, request: ActionRequest): Promise<ResponseActionRow> {
  const recorded = await deps.db.transaction().execute((trx) => recordActionRequest(trx, deps, orgId, actor, request));
  if (recorded.status !== 'requested') return recorded;
  return (await dispatchAction(deps, orgId, recorded.id)) ?? recorded;
}

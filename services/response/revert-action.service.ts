import type { ServiceDeps } from '../../core/context.ts';
import type { OrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { findResponseAction, type ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import type { Actor } from './actor.ts';
import { actionDefinition } from './catalogue.ts';
import { type ActionSource, executeAction } from './request-action.service.ts';

/** Statuses in which an action may still be in force at its enforcement point. */
export const IN_FORCE = ['completed', 'acknowledged', 'dispatched'] as const;

function actionNotFound(actionId: number): AppError {
  return new AppError('NOT_FOUND', `Response action ${actionId} not found`);
}

/**
 * Undoes an action by carrying out its inverse at the same enforcement points; the original becomes
 * reverted (or expired, when its time ran out) once the inverse completes.
 */
export async function revertAction(
  deps: ServiceDeps,
  orgId: OrgId,
  actor: Actor,
  actionId: number,
  source: ActionSource = 'manual',
): Promise<ResponseActionRow> {
  const original = await findResponseAction(deps.db, orgId, actionId);
  if (!original) throw actionNotFound(actionId);
  const inverse = actionDefinition(original.action_type)?.inverse;
  if (!inverse) throw new AppError('CONFLICT', `${original.action_type} has no inverse: nothing can undo it`);
  if (!(IN_FORCE as readonly string[]).includes(original.status)) {
    throw new AppError('CONFLICT', `Action ${actionId} is ${original.status}: only a completed, acknowledged or dispatched action can be undone`);
  }
  return executeAction(deps, orgId, actor, {
    type: inverse,
    target: original.target,
    targetField: 'target',
    incidentId: original.incident_id,
    alertId: original.alert_id,
    source,
    inverseOf: original.id,
    dryRun: original.dry_run,
  });
}

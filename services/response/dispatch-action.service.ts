import type { ServiceDeps } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { findResponseAction, type ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import { expireActionContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { noteResponseOnIncident } from '../cases/index.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { toResponseActionDto } from './action.dto.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import type { AdapterOutcome, EnforcementAdapter, EnforcementTarget } from './adapters/adapter.ts';
import { adaptersFor, noAdapterReason } from './adapters/registry.ts';
import { type ActionDefinition, actionDefinition } from './catalogue.ts';
import { type CombinedOutcome, combineOutcomes, failureOf } from './outcomes.ts';
import { moveAction } from './transitions.ts';

function targetOf(action: ResponseActionRow): EnforcementTarget {
  return { kind: action.target_kind, value: action.target } as EnforcementTarget;
}

function carryOut(adapter: EnforcementAdapter, definition: ActionDefinition, action: ResponseActionRow): Promise<AdapterOutcome> {
  const options = { action: action.action_type, actionId: action.id, dryRun: action.dry_run };
  const run =
    definition.direction === 'apply'
      ? adapter.apply(targetOf(action), { ...options, ...(action.duration_seconds ? { timeoutSeconds: action.duration_seconds } : {}) })
      : adapter.revert(targetOf(action), options);
  return run.catch(failureOf);
}

/**
 * Hands a requested action to every enforcement point that can carry it out, and records what they
 * answered. Claiming moves it to dispatched first, so of an inline call and the durable job only one
 * ever acts.
 */
export async function dispatchAction(deps: ServiceDeps, orgId: OrgId, actionId: number): Promise<ResponseActionRow | undefined> {
  // one statement: it locks, moves and logs, so it needs no transaction of its own
  const claimed = await moveAction(deps.db, orgId, actionId, ['requested'], 'dispatched', SYSTEM_ACTOR, 'handed to the enforcement points');
  if (!claimed) return findResponseAction(deps.db, orgId, actionId);
  const definition = actionDefinition(claimed.action_type);
  const adapters = definition ? await adaptersFor(deps, orgId, definition) : [];
  const outcome: CombinedOutcome =
    !definition || adapters.length === 0
      ? {
          state: 'unsupported',
          detail: definition ? noAdapterReason(definition, claimed.action_type) : `${claimed.action_type} is not executable`,
          adapter: 'none',
          reference: null,
        }
      : combineOutcomes(adapters, await Promise.all(adapters.map((adapter) => carryOut(adapter, definition, claimed))));
  return deps.db.transaction().execute((trx) => recordOutcome(trx, orgId, claimed, outcome, SYSTEM_ACTOR));
}

/** An adapter's later report on a dispatched action (an agent finished the command). */
export function settleAction(deps: ServiceDeps, orgId: OrgId, actionId: number, outcome: { state: 'completed' | 'failed'; detail: string }, actor: Actor) {
  return deps.db.transaction().execute(async (trx) => {
    const action = await findResponseAction(trx, orgId, actionId);
    if (!action) return undefined;
    return recordOutcome(trx, orgId, action, { ...outcome, adapter: action.adapter ?? 'agent', reference: action.adapter_reference }, actor);
  });
}

async function recordOutcome(
  trx: Executor,
  orgId: OrgId,
  action: ResponseActionRow,
  outcome: CombinedOutcome,
  actor: Actor,
): Promise<ResponseActionRow | undefined> {
  const from = ['dispatched', 'acknowledged'] as const;
  const base = { adapter: outcome.adapter, adapter_reference: outcome.reference };
  if (outcome.state === 'dispatched') {
    return moveAction(trx, orgId, action.id, from, 'acknowledged', actor, outcome.detail, base);
  }
  if (outcome.state !== 'completed') return announce(trx, orgId, await moveAction(trx, orgId, action.id, from, outcome.state, actor, outcome.detail, base));
  const expiresAt = action.duration_seconds && !action.dry_run ? new Date(Date.now() + action.duration_seconds * 1000) : null;
  const done = await moveAction(trx, orgId, action.id, from, 'completed', actor, outcome.detail, { ...base, expires_at: expiresAt });
  if (done) await afterCompletion(trx, orgId, done);
  return announce(trx, orgId, done);
}

/** response.executed, on the transaction that records the outcome (the outbox delivers it after commit). */
async function announce(trx: Executor, orgId: OrgId, action: ResponseActionRow | undefined): Promise<ResponseActionRow | undefined> {
  if (action) await emitWebhookEvent(trx, orgId, 'response.executed', { action: toResponseActionDto(action) });
  return action;
}

/** What a completed action sets in motion: its timed inverse, the action it undid, its incident. */
async function afterCompletion(trx: Executor, orgId: OrgId, action: ResponseActionRow): Promise<void> {
  const definition = actionDefinition(action.action_type);
  if (action.dry_run) return;
  if (action.expires_at && definition?.inverse) {
    await enqueue(
      trx,
      expireActionContract,
      { v: 1, orgId, actionId: action.id },
      { runAt: action.expires_at, jobKey: `response:expire:${action.id}`, maxAttempts: 12 },
    );
  }
  if (action.inverse_of !== null) {
    const undone = action.source === 'expiry' ? 'expired' : 'reverted';
    await moveAction(
      trx,
      orgId,
      action.inverse_of,
      ['completed', 'acknowledged', 'dispatched'],
      undone,
      SYSTEM_ACTOR,
      `${action.action_type} #${action.id} completed`,
    );
  }
  if (action.incident_id !== null) {
    await noteResponseOnIncident(
      trx,
      orgId,
      action.incident_id,
      { action_id: action.id, action: action.action_type, target: action.target, status: action.status, detail: action.status_detail },
      { contains: definition?.direction === 'apply' && ['network', 'endpoint'].includes(definition.category), automatic: action.source === 'auto_contain' },
    );
  }
}

import type { Database, OrgId } from '../../../core/database.ts';
import { latestCompletedOfAgents } from '../../../db/repos/endpoint-actions.repo.ts';
import { findResponseAction } from '../../../db/repos/response-actions.repo.ts';
import { type AgentDto, liveOrgAgents, orgAgentsOnHost } from '../../agents/index.ts';
import type { AdapterOutcome, ApplyOptions, EnforcementAdapter, EnforcementStatus, EnforcementTarget } from '../adapters/adapter.ts';
import { ISOLATION_ACTIONS, queueForAgents, type Requester } from './endpoint-queue.ts';

type QueuedKind = 'host' | 'url' | 'sender';

/** Catalogue action → the command the agent is handed, and the target kind it takes. */
const COMMANDS: Readonly<Record<string, { type: string; target: QueuedKind }>> = {
  isolate_host: { type: 'isolate', target: 'host' },
  un_isolate_host: { type: 'release', target: 'host' },
  block_url: { type: 'block_url', target: 'url' },
  unblock_url: { type: 'unblock_url', target: 'url' },
  block_sender: { type: 'block_sender', target: 'sender' },
  unblock_sender: { type: 'unblock_sender', target: 'sender' },
};

/** The catalogue action meant when none is named: apply or revert on the target kind. */
const DEFAULT_ACTIONS: Readonly<Record<QueuedKind, { apply: string; revert: string }>> = {
  host: { apply: 'isolate_host', revert: 'un_isolate_host' },
  url: { apply: 'block_url', revert: 'unblock_url' },
  sender: { apply: 'block_sender', revert: 'unblock_sender' },
};

/** Agents a block list is pushed to at most (the organisation's live agents, oldest first). */
export const MAX_AGENTS_PER_PUSH = 5000;
const MAX_AGENTS_PER_HOST = 100;

const isQueuedKind = (kind: string): kind is QueuedKind => kind === 'host' || kind === 'url' || kind === 'sender';

function agentsNamed(agents: readonly AgentDto[]): string {
  const shown = agents.slice(0, 5).map((agent) => `${agent.name} (endpoint ${agent.id})`);
  return agents.length > 5
    ? `${shown.join(', ')} and ${agents.length - 5} more agents`
    : agents.length === 1
      ? `the agent on ${shown[0]}`
      : `the agents on ${shown.join(', ')}`;
}

/**
 * The organisation's enrolled agents as an enforcement point (EventSec's agent command queue): apply and
 * revert queue a command for the agents concerned and answer `dispatched`; the action completes when
 * the agents report it (POST /agent/actions/{id}/complete). `status` reads the agents' own reports.
 */
export function createAgentAdapter(db: Database, orgId: OrgId): EnforcementAdapter {
  async function requesterOf(actionId: number | undefined): Promise<Requester> {
    const action = actionId === undefined ? undefined : await findResponseAction(db, orgId, actionId);
    return action ? { id: action.requested_by, type: action.requested_by_type } : { id: 'system', type: 'system' };
  }

  function agentsFor(target: { kind: QueuedKind; value: string }): Promise<AgentDto[]> {
    return target.kind === 'host'
      ? orgAgentsOnHost(db, orgId, target.value, { includeRevoked: false, limit: MAX_AGENTS_PER_HOST })
      : liveOrgAgents(db, orgId, MAX_AGENTS_PER_PUSH);
  }

  async function queue(target: EnforcementTarget, direction: 'apply' | 'revert', options: ApplyOptions | undefined): Promise<AdapterOutcome> {
    if (!isQueuedKind(target.kind)) return { state: 'unsupported', detail: `the agent adapter acts on hosts, URLs and senders, not on a ${target.kind}` };
    const action = options?.action ?? DEFAULT_ACTIONS[target.kind][direction];
    const command = COMMANDS[action];
    if (!command || command.target !== target.kind) return { state: 'unsupported', detail: `agents do not carry out ${action} on a ${target.kind}` };
    const agents = await agentsFor({ kind: target.kind, value: target.value });
    if (agents.length === 0) {
      return target.kind === 'host'
        ? { state: 'failed', detail: `no enrolled agent on host ${target.value}` }
        : { state: 'unsupported', detail: `no enrolled agent in the organisation to push ${target.value} to (enrol one with POST /agents/enroll)` };
    }
    const parameters: Record<string, unknown> = {
      ...(target.kind === 'host' ? {} : { [target.kind]: target.value }),
      ...(options?.timeoutSeconds ? { duration_seconds: options.timeoutSeconds } : {}),
    };
    if (options?.dryRun) return { state: 'completed', detail: `dry run: would queue ${command.type} for ${agentsNamed(agents)}` };
    const rows = await queueForAgents(
      db,
      orgId,
      agents.map((agent) => agent.uuid),
      { type: command.type, parameters, responseActionId: options?.actionId ?? null },
      await requesterOf(options?.actionId),
    );
    return {
      state: 'dispatched',
      detail: `queued ${command.type} for ${agentsNamed(agents)}; done when ${agents.length === 1 ? 'the agent reports' : 'every agent reports'} it`,
      reference: rows.map((row) => `endpoint_action:${row.id}`).join(','),
    };
  }

  async function status(target: EnforcementTarget): Promise<EnforcementStatus> {
    if (!isQueuedKind(target.kind)) return { enforced: false, detail: `agents do not enforce anything on a ${target.kind}` };
    const agents = await agentsFor({ kind: target.kind, value: target.value });
    if (agents.length === 0)
      return { enforced: false, detail: target.kind === 'host' ? `no enrolled agent on host ${target.value}` : 'no enrolled agent in the organisation' };
    const types = target.kind === 'host' ? ISOLATION_ACTIONS : [`block_${target.kind}`, `unblock_${target.kind}`];
    const match = target.kind === 'host' ? undefined : { parameter: target.kind, value: target.value };
    const reports = await latestCompletedOfAgents(
      db,
      orgId,
      agents.map((agent) => agent.uuid),
      types,
      match,
    );
    const applied = reports.filter((report) => report.action_type === types[0]);
    if (target.kind === 'host') {
      const last = applied[0];
      return last
        ? {
            enforced: true,
            detail: `the agent reported the host isolated at ${last.completed_at?.toISOString() ?? 'an unknown time'} (endpoint action ${last.id})`,
          }
        : { enforced: false, detail: reports.length > 0 ? 'the agent reported the host released' : 'no agent on the host has reported an isolation' };
    }
    return { enforced: applied.length > 0, detail: `${applied.length} of ${agents.length} agents report ${target.value} blocked` };
  }

  return {
    kind: 'agent',
    targets: ['host', 'url', 'sender'],
    apply: (target, options) => queue(target, 'apply', options),
    revert: (target, options) => queue(target, 'revert', options),
    status,
  };
}

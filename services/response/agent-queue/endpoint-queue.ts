import type { Executor, OrgId } from '../../../core/database.ts';
import { type EndpointActionRow, insertEndpointActions } from '../../../db/repos/endpoint-actions.repo.ts';

/** A command not picked up within a day is stale: it is never handed out after that and reads expired. */
export const ENDPOINT_ACTION_TTL_SECONDS = 24 * 60 * 60;

/** What an analyst may queue on an endpoint (EventSec's five, plus the triage scan its agent implements). */
export const ANALYST_ENDPOINT_ACTIONS = ['isolate', 'release', 'reboot', 'command', 'malware_scan', 'triage_scan'] as const;
export type AnalystEndpointAction = (typeof ANALYST_ENDPOINT_ACTIONS)[number];

/** Every endpoint action an agent may be handed (the analyst's, and the block lists the response catalogue pushes). */
export const ENDPOINT_ACTION_TYPES = [...ANALYST_ENDPOINT_ACTIONS, 'block_url', 'unblock_url', 'block_sender', 'unblock_sender'] as const;

export const ENDPOINT_ACTION_STATUSES = ['pending', 'completed', 'failed', 'expired', 'cancelled'] as const;

/** Endpoint actions that change the host's network state: the latest one the agent completed says whether it is isolated. */
export const ISOLATION_ACTIONS = ['isolate', 'release'] as const;

export type Requester = { id: string; type: string };

/** Queues one command per agent, each pending until its agent reports or it expires. */
export function queueForAgents(
  db: Executor,
  orgId: OrgId,
  agentIds: readonly string[],
  command: { type: string; parameters: Record<string, unknown>; responseActionId: number | null },
  requester: Requester,
): Promise<EndpointActionRow[]> {
  return insertEndpointActions(
    db,
    orgId,
    agentIds.map((agentId) => ({
      agent_id: agentId,
      action_type: command.type,
      parameters: JSON.stringify(command.parameters),
      requested_by: requester.id,
      requested_by_type: requester.type,
      response_action_id: command.responseActionId,
      ttlSeconds: ENDPOINT_ACTION_TTL_SECONDS,
    })),
  );
}

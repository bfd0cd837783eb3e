import type { ServiceDeps } from '../../../core/context.ts';
import type { OrgId } from '../../../core/database.ts';
import { type EndpointActionRow, expireOverdueEndpointActions, listEndpointActionsOfResponse } from '../../../db/repos/endpoint-actions.repo.ts';
import { orgAgentLabels } from '../../agents/index.ts';
import { type Actor, SYSTEM_ACTOR } from '../actor.ts';
import { settleAction } from '../dispatch-action.service.ts';

const DETAIL_LIMIT = 1000;

function firstLine(output: string | null): string {
  const line = (output ?? '').split(/\r?\n/, 1)[0]?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Settles each response action whose endpoint actions are all finished: completed when every agent
 * reported success, failed otherwise (a failure or an expiry). Runs after the caller's transaction
 * commits, so the last agent to report always sees every report; settling twice changes nothing.
 */
export async function settleFinishedResponses(deps: ServiceDeps, orgId: OrgId, changed: readonly EndpointActionRow[], actor: Actor): Promise<void> {
  const responseIds = [...new Set(changed.flatMap((row) => (row.response_action_id === null ? [] : [Number(row.response_action_id)])))];
  for (const responseId of responseIds) {
    const rows = await listEndpointActionsOfResponse(deps.db, orgId, responseId);
    if (rows.length === 0 || rows.some((row) => row.status === 'pending')) continue;
    const labels = new Map((await orgAgentLabels(deps.db, orgId, [...new Set(rows.map((row) => row.agent_id))])).map((label) => [label.id, label]));
    const allSucceeded = rows.every((row) => row.status === 'completed');
    const detail = rows
      .map((row) => {
        const agent = labels.get(row.agent_id);
        const said = firstLine(row.output);
        return `${agent ? `${agent.name} (endpoint ${agent.public_id})` : 'agent'}: ${row.action_type} ${row.status === 'expired' ? 'expired before the agent reported' : row.status}${said ? `: ${said}` : ''}`;
      })
      .join('; ');
    await settleAction(deps, orgId, responseId, { state: allSucceeded ? 'completed' : 'failed', detail: detail.slice(0, DETAIL_LIMIT) }, actor);
  }
}

/** Stores pending actions past their expiry as expired (one agent's, or the organisation's) and fails what they carried out. */
export async function expireOverdue(deps: ServiceDeps, orgId: OrgId, agentId?: string): Promise<void> {
  const expired = await expireOverdueEndpointActions(deps.db, orgId, agentId);
  if (expired.length > 0) await settleFinishedResponses(deps, orgId, expired, SYSTEM_ACTOR);
}

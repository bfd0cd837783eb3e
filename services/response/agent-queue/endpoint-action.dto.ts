import { z } from 'zod';
import type { EndpointActionRow } from '../../../db/repos/endpoint-actions.repo.ts';
import type { AgentLabel } from '../../agents/index.ts';
import { ENDPOINT_ACTION_STATUSES, ENDPOINT_ACTION_TYPES } from './endpoint-queue.ts';

/** EventSec's EndpointAction, plus its host name, expiry and the response action it carries out. */
export const ZEndpointAction = z.object({
  id: z.number().int().describe('Endpoint action id, used in POST /agent/actions/{action_id}/complete'),
  endpoint_id: z.number().int().describe('The endpoint (agent) id it is for, as GET /endpoints lists it'),
  hostname: z.string().describe('The host name that agent enrolled with'),
  action_type: z.enum(ENDPOINT_ACTION_TYPES),
  parameters: z.record(z.string(), z.unknown()),
  status: z
    .enum(ENDPOINT_ACTION_STATUSES)
    .describe('pending until the agent reports; completed or failed as the agent reported; expired when it was not reported before expires_at'),
  requested_by: z.string().describe('Id of who asked for it (a user or API key id, or the requester of the response action it carries out)'),
  requested_by_type: z.string().describe('user, api_key or system'),
  requested_at: z.string().describe('ISO 8601'),
  expires_at: z.string().describe('After this the agent is no longer handed the action (ISO 8601)'),
  completed_at: z.string().nullable().describe('When the agent reported (ISO 8601)'),
  output: z.string().nullable().describe("The agent's report, as sent"),
  response_action_id: z.number().int().nullable().describe('The response action (GET /api/response/actions/{id}) this carries out, when it came from one'),
});
export type EndpointActionDto = z.infer<typeof ZEndpointAction>;

/** A pending action past its expiry reads expired even before a sweep has stored it. */
export function toEndpointActionDto(row: EndpointActionRow, agent: AgentLabel | undefined, now = new Date()): EndpointActionDto {
  const overdue = row.status === 'pending' && row.expires_at.getTime() <= now.getTime();
  return {
    id: Number(row.id),
    endpoint_id: Number(agent?.public_id ?? 0),
    hostname: agent?.name ?? '',
    action_type: row.action_type as EndpointActionDto['action_type'],
    parameters: row.parameters !== null && typeof row.parameters === 'object' && !Array.isArray(row.parameters) ? row.parameters : {},
    status: (overdue ? 'expired' : row.status) as EndpointActionDto['status'],
    requested_by: row.requested_by,
    requested_by_type: row.requested_by_type,
    requested_at: row.created_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    completed_at: row.completed_at?.toISOString() ?? null,
    output: row.output,
    response_action_id: row.response_action_id === null ? null : Number(row.response_action_id),
  };
}

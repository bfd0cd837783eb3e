export { createAgentAdapter } from './agent-adapter.ts';
export { type EndpointDto, ZEndpoint } from './endpoint.dto.ts';
export { type EndpointActionDto, ZEndpointAction } from './endpoint-action.dto.ts';
export { completeOwnEndpointAction, listAgentActions, MAX_ACTIONS_PER_POLL, requestEndpointAction } from './endpoint-actions.service.ts';
export { ANALYST_ENDPOINT_ACTIONS, ENDPOINT_ACTION_STATUSES, ENDPOINT_ACTION_TTL_SECONDS } from './endpoint-queue.ts';
export { getEndpoint, listEndpoints } from './endpoints.service.ts';
export { expireOverdue as expireOverdueEndpointActions } from './settle.ts';

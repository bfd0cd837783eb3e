import { router } from '../trpc.ts';
import { completeAgentActionProcedure } from './complete-agent-action.ts';
import { createAgentActionProcedure } from './create-agent-action.ts';
import { getEndpointProcedure } from './get-endpoint.ts';
import { listAgentActionsProcedure } from './list-agent-actions.ts';
import { listEndpointsProcedure } from './list-endpoints.ts';

/** Response: endpoints and the agent command queue (EventSec). Static paths before parameterised siblings. */
export const responseRouter = router({
  listEndpoints: listEndpointsProcedure,
  getEndpoint: getEndpointProcedure,
  listAgentActions: listAgentActionsProcedure,
  createAgentAction: createAgentActionProcedure,
  completeAgentAction: completeAgentActionProcedure,
});

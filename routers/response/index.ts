import { router } from '../trpc.ts';
import { createActionProcedure, getActionProcedure, listActionLogsProcedure, listActionsProcedure, updateActionProcedure } from './actions.ts';
import { listCatalogueProcedure } from './catalogue.ts';
import { completeAgentActionProcedure } from './complete-agent-action.ts';
import { createAgentActionProcedure } from './create-agent-action.ts';
import {
  createEnforcementPointProcedure,
  deleteEnforcementPointProcedure,
  getResponseSettingsProcedure,
  listEnforcementPointsProcedure,
  putResponseSettingsProcedure,
  updateEnforcementPointProcedure,
} from './enforcement-points.ts';
import { blockStatusProcedures, isolationStatusProcedures } from './enforcement-status.ts';
import { getEndpointProcedure } from './get-endpoint.ts';
import {
  blockIpProcedures,
  containProcedures,
  isolateHostProcedures,
  resetPasswordsProcedures,
  scheduleUnblockProcedures,
  unblockIpProcedures,
  unblockProcedures,
  unIsolateProcedures,
} from './incident-actions.ts';
import { listAgentActionsProcedure } from './list-agent-actions.ts';
import { listEndpointsProcedure } from './list-endpoints.ts';
import {
  approveWorkflowProcedure,
  cancelWorkflowProcedure,
  createWorkflowProcedure,
  executeSingleActionProcedure,
  executeWorkflowProcedure,
  impactMetricsProcedure,
  listWorkflowsProcedure,
  rejectWorkflowProcedure,
  rollbackWorkflowProcedure,
  workflowActionsProcedure,
  workflowStatusProcedure,
} from './workflows.ts';

/**
 * Response: Mini-XDR's containment on incidents, EventSec's /actions and agent command queue, the
 * action catalogue, workflows, enforcement points and guard rails. Static paths before parameterised siblings.
 */
export const responseRouter = router({
  listEndpoints: listEndpointsProcedure,
  getEndpoint: getEndpointProcedure,
  listAgentActions: listAgentActionsProcedure,
  createAgentAction: createAgentActionProcedure,
  completeAgentAction: completeAgentActionProcedure,
  ...containProcedures,
  ...blockIpProcedures,
  ...unblockIpProcedures,
  ...unblockProcedures,
  ...isolateHostProcedures,
  ...unIsolateProcedures,
  ...resetPasswordsProcedures,
  ...scheduleUnblockProcedures,
  ...blockStatusProcedures,
  ...isolationStatusProcedures,
  listEnforcementPoints: listEnforcementPointsProcedure,
  createEnforcementPoint: createEnforcementPointProcedure,
  updateEnforcementPoint: updateEnforcementPointProcedure,
  deleteEnforcementPoint: deleteEnforcementPointProcedure,
  getSettings: getResponseSettingsProcedure,
  putSettings: putResponseSettingsProcedure,
  listActions: listActionsProcedure,
  createAction: createActionProcedure,
  getAction: getActionProcedure,
  updateAction: updateActionProcedure,
  actionLogs: listActionLogsProcedure,
  catalogue: listCatalogueProcedure,
  executeAction: executeSingleActionProcedure,
  createWorkflow: createWorkflowProcedure,
  executeWorkflow: executeWorkflowProcedure,
  listWorkflows: listWorkflowsProcedure,
  workflowStatus: workflowStatusProcedure,
  workflowActions: workflowActionsProcedure,
  cancelWorkflow: cancelWorkflowProcedure,
  approveWorkflow: approveWorkflowProcedure,
  rejectWorkflow: rejectWorkflowProcedure,
  rollbackWorkflow: rollbackWorkflowProcedure,
  impactMetrics: impactMetricsProcedure,
});

export { toResponseActionDto, ZActionTransition, ZResponseAction } from './action.dto.ts';
export { callerActor, SYSTEM_ACTOR } from './actor.ts';
export type { EnforcementAdapter } from './adapters/adapter.ts';
export { createHttpFirewallAdapter } from './adapters/http-firewall.ts';
export { createLocalNftRunner } from './adapters/nft-runner.ts';
export { createNftablesAdapter } from './adapters/nftables.ts';
export {
  ANALYST_ENDPOINT_ACTIONS,
  completeOwnEndpointAction,
  ENDPOINT_ACTION_STATUSES,
  expireOverdueEndpointActions,
  getEndpoint,
  listAgentActions,
  listEndpoints,
  requestEndpointAction,
  ZEndpoint,
  ZEndpointAction,
} from './agent-queue/index.ts';
export { expireOverdueEverywhere } from './agent-queue/sweep.service.ts';
export { ALERT_RESPONSE_ACTIONS, executeAlertAction, ZAlertActionResult } from './alert-actions.service.ts';
export { autoContainIncident } from './auto-contain.service.ts';
export { listActionCatalogue, TARGET_PARAMETER, ZCatalogue } from './catalogue.service.ts';
export { ACTION_CATALOGUE, ACTION_TYPES, actionDefinition } from './catalogue.ts';
export { dispatchAction, settleAction } from './dispatch-action.service.ts';
export { POINT_KINDS, ZCreatedEnforcementPoint, ZEnforcementPoint } from './enforcement-point.dto.ts';
export { createEnforcementPoint, deleteOrgEnforcementPoint, listOrgEnforcementPoints, updateOrgEnforcementPoint } from './enforcement-points.service.ts';
export { readEnforcement, ZEnforcementReading } from './enforcement-status.service.ts';
export { expireAction } from './expire-action.service.ts';
export { responseImpact, ZImpactMetrics } from './impact.service.ts';
export { actOnIncident, incidentAccounts, incidentHost, incidentIp, liftOnIncident, loadIncident } from './incident-actions.service.ts';
export {
  actionMessage,
  actionResult,
  resultWord,
  ZActionResult,
  ZBlockResult,
  ZContainResult,
  ZIsolateResult,
  ZResetResult,
  ZScheduledUnblock,
} from './incident-results.dto.ts';
export { redispatchStranded, STRANDED_AFTER_MINUTES } from './redispatch.service.ts';
export { executeAction, recordActionRequest } from './request-action.service.ts';
export { getResponseSettings, putResponseSettings, ZResponseSettings } from './response-settings.service.ts';
export { revertAction } from './revert-action.service.ts';
export { scheduleUnblock } from './schedule-unblock.service.ts';
export { sweepResponses } from './sweep.service.ts';
export { createTrackedAction, getResponseAction, listActionLogs, listOrgResponseActions, updateTrackedAction, ZActionLog } from './tracked-actions.service.ts';
export { ACTION_STATUSES } from './transitions.ts';
export { type NewWorkflow, recordWorkflow, WORKFLOW_PRIORITIES, type WorkflowActor } from './workflows/record-workflow.service.ts';
export { runWorkflowStep } from './workflows/run-step.service.ts';
export { ZWorkflow } from './workflows/workflow.dto.ts';
export {
  cancelWorkflow,
  createWorkflow,
  decideWorkflow,
  executeWorkflow,
  getWorkflow,
  listOrgWorkflows,
  rollbackWorkflow,
} from './workflows/workflow-commands.service.ts';
export { type PlannedStep, planSteps, type WorkflowStepInput, ZWorkflowStepInput } from './workflows/workflow-steps.ts';

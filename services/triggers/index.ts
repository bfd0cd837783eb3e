export { type EvaluationReport, type EvaluationRequest, evaluateIncidentTriggers } from './evaluate-triggers.service.ts';
export { type InlineIncident, type SimulationTarget, simulateTrigger } from './simulate-trigger.service.ts';
export {
  CONDITIONS_DESCRIPTION,
  EXPRESSION_DESCRIPTION,
  STEPS_DESCRIPTION,
  TRIGGER_PRIORITIES,
  ZBulkArchived,
  ZBulkPaused,
  ZBulkResumed,
  ZTrigger,
  ZTriggerDeleted,
  ZTriggerPriority,
  ZTriggerSettingsResult,
  ZTriggerSimulation,
  ZTriggerStats,
  ZTriggerStatus,
  ZTriggerStep,
  ZTriggerToggled,
} from './trigger.dto.ts';
export {
  bulkSetTriggers,
  createTrigger,
  getTrigger,
  getTriggerStats,
  listOrgTriggers,
  removeTrigger,
  setTriggerEnabled,
  type TriggerCreate,
  type TriggerSettings,
  type TriggerUpdate,
  updateTriggerConfig,
  updateTriggerSettings,
} from './triggers.service.ts';

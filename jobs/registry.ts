import type { TaskList } from 'graphile-worker';
import type { ServiceDeps } from '../core/context.ts';
import type { Logger } from '../core/logger.ts';
import { toGraphileTask } from './define-task.ts';
import { detectOfflineAgentsTask } from './tasks/agents__detect_offline.ts';
import { scanOrgTask } from './tasks/detection__scan_org.ts';
import { detectionSweepTask } from './tasks/detection__sweep.ts';
import { applyRetentionTask } from './tasks/events__apply_retention.ts';
import { autoContainTask } from './tasks/response__auto_contain.ts';
import { dispatchActionTask } from './tasks/response__dispatch.ts';
import { expireActionTask } from './tasks/response__expire.ts';
import { responseSweepTask } from './tasks/response__sweep.ts';
import { workflowStepTask } from './tasks/response__workflow_step.ts';
import { replayRuleTask } from './tasks/rules__replay.ts';
import { searchIndexRetentionTask } from './tasks/search__apply_index_retention.ts';
import { indexSearchEventsTask } from './tasks/search__index_events.ts';
import { searchIndexSweepTask } from './tasks/search__index_sweep.ts';
import { runDueHuntsTask } from './tasks/search__run_due_hunts.ts';
import { runHuntTask } from './tasks/search__run_hunt.ts';
import { pruneWorkerHeartbeatsTask } from './tasks/system__prune_worker_heartbeats.ts';
import { evaluateTriggersTask } from './tasks/triggers__evaluate.ts';
import { deliverWebhookTask } from './tasks/webhooks__deliver.ts';

/** Every task Vigil runs, listed explicitly so identifiers are typed constants (no directory scanning). */
export const TASKS = [
  pruneWorkerHeartbeatsTask,
  applyRetentionTask,
  scanOrgTask,
  detectionSweepTask,
  detectOfflineAgentsTask,
  replayRuleTask,
  dispatchActionTask,
  expireActionTask,
  workflowStepTask,
  autoContainTask,
  responseSweepTask,
  deliverWebhookTask,
  evaluateTriggersTask,
  indexSearchEventsTask,
  searchIndexSweepTask,
  searchIndexRetentionTask,
  runDueHuntsTask,
  runHuntTask,
] as const;

export function buildTaskList(deps: ServiceDeps, logger: Logger): TaskList {
  return Object.fromEntries(TASKS.map((task) => [task.identifier, toGraphileTask(task, deps, logger)]));
}

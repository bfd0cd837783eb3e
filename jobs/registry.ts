import type { TaskList } from 'graphile-worker';
import type { ServiceDeps } from '../core/context.ts';
import type { Logger } from '../core/logger.ts';
import { toGraphileTask } from './define-task.ts';
import { detectOfflineAgentsTask } from './tasks/agents__detect_offline.ts';
import { scanOrgTask } from './tasks/detection__scan_org.ts';
import { detectionSweepTask } from './tasks/detection__sweep.ts';
import { applyRetentionTask } from './tasks/events__apply_retention.ts';
import { replayRuleTask } from './tasks/rules__replay.ts';
import { pruneWorkerHeartbeatsTask } from './tasks/system__prune_worker_heartbeats.ts';

/** Every task Vigil runs, listed explicitly so identifiers are typed constants (no directory scanning). */
export const TASKS = [pruneWorkerHeartbeatsTask, applyRetentionTask, scanOrgTask, detectionSweepTask, detectOfflineAgentsTask, replayRuleTask] as const;

export function buildTaskList(deps: ServiceDeps, logger: Logger): TaskList {
  return Object.fromEntries(TASKS.map((task) => [task.identifier, toGraphileTask(task, deps, logger)]));
}

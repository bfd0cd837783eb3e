export { raiseAgentOfflineAlerts } from './agent-offline.service.ts';
export { detectionCursorOf, incidentIdsOfEvents } from './batch-coverage.service.ts';
export { ALERT_MERGE_SECONDS } from './detection-rows.ts';
export { alertAsDetection, refreshIncidentRisks } from './incident-rollup.ts';
export { runDetectionOnce, SETTLE_SECONDS } from './run-detection.service.ts';
export { scheduleDetection } from './schedule.ts';
export { loadDetectionSettings } from './settings.service.ts';
export { scheduleDetectionBacklog } from './sweep.service.ts';
